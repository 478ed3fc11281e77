#include "EngagementJson.h"

#include "Workspace.h"

namespace bulkhead {

QJsonObject toJson(const Engagement &e)
{
    QJsonObject json {
        {QStringLiteral("id"), e.id},
        {QStringLiteral("client"), e.client},
        {QStringLiteral("system"), e.system},
        {QStringLiteral("csp"), e.csp},
        {QStringLiteral("service_model"), e.serviceModel},
        {QStringLiteral("architecture"), e.architecture},
        {QStringLiteral("infrastructure"), e.infrastructure},
        {QStringLiteral("impact"), e.impact},
        {QStringLiteral("baseline"), baselineKey(e.baseline())},
        {QStringLiteral("assessor"), e.assessor},
        {QStringLiteral("reviewer"), e.reviewer},
        {QStringLiteral("status"), engagementStatusKey(e.status)},
    };
    // Only when set: content hashes of engagements approved before these fields existed stay valid.
    if (e.periodStart.isValid())
        json.insert(QStringLiteral("period_start"), e.periodStart.toString(Qt::ISODate));
    if (e.periodEnd.isValid())
        json.insert(QStringLiteral("period_end"), e.periodEnd.toString(Qt::ISODate));
    if (!e.baselineProfile.isEmpty())
        json.insert(QStringLiteral("baseline_profile"), e.baselineProfile);
    return json;
}

QJsonObject toJson(const Answer &a)
{
    return {
        {QStringLiteral("question"), a.questionId},
        {QStringLiteral("value"), a.value},
        {QStringLiteral("status"), implementationStatusKey(a.status)},
        {QStringLiteral("note"), a.note},
        {QStringLiteral("method"), a.method},
        {QStringLiteral("interviewee"), a.interviewee},
        {QStringLiteral("answered_by"), a.answeredBy},
        {QStringLiteral("answered_at"), toStoredTime(a.answeredAt)},
        {QStringLiteral("revision"), a.revision},
        {QStringLiteral("questionnaire"), a.questionnaireKey},
        {QStringLiteral("questionnaire_version"), a.questionnaireVersion},
    };
}

QJsonObject toJson(const RiskOverride &o)
{
    return {
        {QStringLiteral("risk"), o.riskId},
        {QStringLiteral("likelihood"), o.likelihood ? levelKey(*o.likelihood) : QString()},
        {QStringLiteral("impact"), o.impact ? levelKey(*o.impact) : QString()},
        {QStringLiteral("rationale"), o.rationale},
        {QStringLiteral("overridden_by"), o.overriddenBy},
        {QStringLiteral("overridden_at"), toStoredTime(o.overriddenAt)},
    };
}

QJsonObject toJson(const EvidenceItem &e)
{
    return {
        {QStringLiteral("id"), e.id},
        {QStringLiteral("sha256"), e.sha256},
        {QStringLiteral("file_name"), e.fileName},
        {QStringLiteral("media_type"), e.mediaType},
        {QStringLiteral("size"), e.size},
        {QStringLiteral("question"), e.questionId},
        {QStringLiteral("control"), e.controlId},
        {QStringLiteral("collected_on"), e.collectedOn.toString(Qt::ISODate)},
        {QStringLiteral("expires_on"), e.expiresOn.isValid() ? QJsonValue(e.expiresOn.toString(Qt::ISODate)) : QJsonValue()},
        {QStringLiteral("added_by"), e.addedBy},
        {QStringLiteral("added_at"), toStoredTime(e.addedAt)},
    };
}

} // namespace bulkhead
