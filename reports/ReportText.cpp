#include "ReportText.h"

#include "StoredEngagement.h"

#include <QHash>

namespace bulkhead {

namespace {

QString statusLabel(EngagementStatus status)
{
    switch (status) {
    case EngagementStatus::Draft: return QStringLiteral("Draft");
    case EngagementStatus::InReview: return QStringLiteral("In review");
    case EngagementStatus::Approved: return QStringLiteral("Approved");
    }
    return {};
}

QString orNotRecorded(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("not recorded") : text;
}

} // namespace

QString answerText(const Question &q, const Answer &a)
{
    if (q.type == QuestionType::YesNo) {
        static const QHash<QString, QString> labels = {{QStringLiteral("yes"), QStringLiteral("Yes")},
                                                       {QStringLiteral("partial"), QStringLiteral("Partly")},
                                                       {QStringLiteral("no"), QStringLiteral("No")},
                                                       {QStringLiteral("na"), QStringLiteral("Not applicable")}};
        return labels.value(a.value, a.value);
    }
    if (q.type == QuestionType::Choice || q.type == QuestionType::Multi) {
        QStringList labels;
        for (const auto &value : q.answerValues(a.value)) {
            const AnswerOption *o = q.option(value);
            labels << (o ? o->label : value);
        }
        return labels.join(QStringLiteral("; "));
    }
    return a.value;
}

QString reportDate(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QStringLiteral("not recorded");
}

QString assessmentPeriod(const Engagement &e)
{
    if (!e.periodStart.isValid() && !e.periodEnd.isValid())
        return QStringLiteral("not recorded");
    return QStringLiteral("%1 to %2").arg(reportDate(e.periodStart), reportDate(e.periodEnd));
}

void fillCover(ReportDocument &document, const StoredEngagement &stored, const QString &contentHash)
{
    const Engagement &e = stored.engagement;
    document.subtitle = QStringLiteral("%1 — %2").arg(e.client, e.system);
    document.coverFacts = {
        {QStringLiteral("Client"), e.client},
        {QStringLiteral("System"), e.system},
        {QStringLiteral("Cloud service provider"), e.csp},
        {QStringLiteral("Service model"), e.serviceModel.toUpper()},
        {QStringLiteral("Architecture"), QStringLiteral("%1, %2 infrastructure").arg(e.architecture, e.infrastructure)},
        {QStringLiteral("FIPS 199 impact level"), e.impact},
        {QStringLiteral("Control baseline"), stored.card.baseline},
        {QStringLiteral("Assessment period"), assessmentPeriod(e)},
        {QStringLiteral("Assessor"), orNotRecorded(e.assessor)},
        {QStringLiteral("Reviewer"), orNotRecorded(e.reviewer)},
        {QStringLiteral("Status"), statusLabel(e.status)},
    };
    QStringList versions;
    for (const auto &q : stored.content.questionnaires())
        versions << QStringLiteral("%1 v%2").arg(q.key).arg(q.version);
    document.provenance = QStringLiteral("Built from questionnaires %1; scoring rules %2; engagement content SHA-256 %3.")
                              .arg(versions.join(QStringLiteral(", ")), stored.card.scoringRules, contentHash);
}

} // namespace bulkhead
