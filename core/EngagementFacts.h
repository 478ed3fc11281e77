// The facts of one engagement and which questions are visible. Facts start from the
// engagement record; an answered, visible question that `sets` a fact overrides it. Since
// visibility depends on facts and facts on visible answers, both are resolved together
// until nothing changes (the validator guarantees there are no cycles).
#pragma once

#include "Answer.h"
#include "Condition.h"
#include "Engagement.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace bulkhead {

class ContentLibrary;

class EngagementFacts {
public:
    static EngagementFacts resolve(const ContentLibrary &content, const Engagement &engagement, const QHash<QString, Answer> &answers);

    QStringList value(const QString &name) const { return m_values.value(name); }
    // Where a fact's value comes from, for explanations: "engagement record" or "answer to Q".
    QString source(const QString &name) const { return m_sources.value(name); }
    bool isVisible(const QString &questionId) const { return m_visible.contains(questionId); }
    // Reads facts and the answers of visible questions, for evaluating conditions.
    Condition::Lookup lookup() const;
    // "fact.architecture = typical (engagement record)" for every name a condition reads.
    QString explain(const Condition &condition) const;

private:
    QHash<QString, QStringList> m_values; // facts and visible answers
    QHash<QString, QString> m_sources;
    QSet<QString> m_visible;
};

} // namespace bulkhead
