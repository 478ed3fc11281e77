// What the answer writer saves, shared by the writer and the kill test so that the test can tell
// which save a line stands for, and which one was in flight when the writer was killed: save S of
// run R answers question S mod N with a value that cycles as S grows, and its note names R and S.
#pragma once

#include "ContentLibrary.h"

#include <QString>
#include <QStringList>

namespace bulkhead::crash {

inline constexpr int kQuestions = 8;

// The first kQuestions yes/no questions of the library, in interview order.
inline QStringList plannedQuestions(const ContentLibrary &library)
{
    QStringList ids;
    for (const auto *q : library.allQuestions()) {
        if (q->type == QuestionType::YesNo && ids.size() < kQuestions)
            ids << q->id;
    }
    return ids;
}

struct PlannedSave {
    QString questionId;
    QString value;
    QString note;
};

inline PlannedSave plannedSave(const QStringList &questions, int run, int save)
{
    static const QStringList values = {QStringLiteral("yes"), QStringLiteral("no"), QStringLiteral("partial"), QStringLiteral("na")};
    return {questions.at(save % questions.size()), values.at((save / questions.size() + run) % values.size()),
            QStringLiteral("run %1 save %2").arg(run).arg(save)};
}

} // namespace bulkhead::crash
