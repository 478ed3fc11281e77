#include "EngagementFacts.h"

#include "ContentLibrary.h"

namespace bulkhead {

EngagementFacts EngagementFacts::resolve(const ContentLibrary &content, const Engagement &e, const QHash<QString, Answer> &answers)
{
    const QList<const Question *> questions = content.allQuestions();
    EngagementFacts facts;
    QSet<QString> visible;
    for (const auto *q : questions)
        visible.insert(q->id); // start optimistic; hidden ones drop out below
    // Each round can only settle one more level of dependency, so this bound is never reached
    // with valid content; it only guards against a cycle that slipped past validation.
    for (qsizetype round = 0; round <= questions.size(); ++round) {
        EngagementFacts next;
        const auto record = QStringLiteral("engagement record");
        next.m_values.insert(QStringLiteral("fact.architecture"), {e.architecture});
        next.m_values.insert(QStringLiteral("fact.infrastructure"), {e.infrastructure});
        next.m_values.insert(QStringLiteral("fact.service_model"), {e.serviceModel});
        next.m_values.insert(QStringLiteral("fact.impact"), {e.impact});
        next.m_values.insert(QStringLiteral("fact.csp"), {e.csp});
        for (const auto &name : ContentLibrary::engagementFacts())
            next.m_sources.insert(name, record);
        for (const auto *q : questions) {
            if (!visible.contains(q->id))
                continue;
            const auto it = answers.constFind(q->id);
            if (it == answers.constEnd())
                continue;
            const QStringList values = q->answerValues(it->value);
            next.m_values.insert(q->id, values);
            if (!q->sets.isEmpty()) {
                next.m_values.insert(q->sets, values);
                next.m_sources.insert(q->sets, QStringLiteral("answer to %1").arg(q->id));
            }
        }
        const auto lookup = next.lookup();
        QSet<QString> nowVisible;
        for (const auto *q : questions) {
            if (q->when.evaluate(lookup))
                nowVisible.insert(q->id);
        }
        next.m_visible = nowVisible;
        facts = std::move(next);
        if (nowVisible == visible)
            break;
        visible = nowVisible;
    }
    return facts;
}

Condition::Lookup EngagementFacts::lookup() const
{
    return [values = m_values](const QString &name) { return values.value(name); };
}

QString EngagementFacts::explain(const Condition &condition) const
{
    QStringList parts;
    for (const auto &name : condition.references()) {
        const QStringList v = value(name);
        const QString shown = v.isEmpty() ? QStringLiteral("(not set)") : v.join(QStringLiteral(", "));
        const QString from = source(name);
        parts << (from.isEmpty() ? QStringLiteral("%1 = %2").arg(name, shown) : QStringLiteral("%1 = %2 (%3)").arg(name, shown, from));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace bulkhead
