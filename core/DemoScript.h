// Reads the demo data (resources/demo): the demo engagements and, per questionnaire, the
// answers each of them gives. Kept as YAML so that content authors update the demo alongside
// the questions it answers.
#pragma once

#include "Engagement.h"
#include "Result.h"

#include <QList>
#include <QString>

namespace bulkhead {

struct DemoAnswer {
    QString question;
    QString value;
    QString method;
    QString note;
    QString interviewee; // empty: the engagement's interviewee
};

struct DemoEngagement {
    QString key; // names the engagement in the answer files
    Engagement record;
    QString interviewee;
    EngagementStatus finalStatus = EngagementStatus::Draft;
    QList<DemoAnswer> answers;
};

// Parses the engagements file and then every answers file; an answer under a key that is not
// an engagement is an error, so a renamed engagement cannot silently lose its answers.
Result<QList<DemoEngagement>> readDemoScript(const QString &engagementsFile, const QStringList &answerFiles);

} // namespace bulkhead
