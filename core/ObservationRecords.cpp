#include "ObservationRecords.h"

#include "Workspace.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace bulkhead {

namespace {

const QString kSelectObservations = QStringLiteral(
    "SELECT id, engagement_id, evidence_id, tool, tool_version, check_id, normalised_check_id, title, status, tool_status, severity, "
    "target, remediation, detail, collected_on, expires_on, controls, questions FROM observation");

const QString kSelectProposals
    = QStringLiteral("SELECT id, engagement_id, question_id, proposed_value, reason, observation_ids, state, proposed_by, proposed_at, "
                     "decided_by, decided_at FROM answer_proposal");

QJsonArray toArray(const QStringList &ids)
{
    return QJsonArray::fromStringList(ids);
}

QString compact(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QStringList stringsOf(const QString &json)
{
    QStringList out;
    for (const auto &v : QJsonDocument::fromJson(json.toUtf8()).array())
        out << v.toString();
    return out;
}

QJsonArray idArray(const QList<qint64> &ids)
{
    QJsonArray a;
    for (const qint64 id : ids)
        a.append(id);
    return a;
}

QList<qint64> idsOf(const QString &json)
{
    QList<qint64> out;
    for (const auto &v : QJsonDocument::fromJson(json.toUtf8()).array())
        out << v.toInteger();
    return out;
}

QVariant dateOrNull(const QDate &day)
{
    return day.isValid() ? QVariant(day.toString(Qt::ISODate)) : QVariant(QMetaType::fromType<QString>());
}

StoredObservation readObservation(const QSqlQuery &q)
{
    StoredObservation s;
    s.id = q.value(0).toLongLong();
    s.engagementId = q.value(1).toLongLong();
    s.evidenceId = q.value(2).toLongLong();
    Observation &o = s.observation;
    o.tool = q.value(3).toString();
    o.toolVersion = q.value(4).toString();
    o.checkId = q.value(5).toString();
    o.normalisedCheckId = q.value(6).toString();
    o.title = q.value(7).toString();
    o.status = observationStatusFromKey(q.value(8).toString()).value_or(Observation::Status::Info);
    o.toolStatus = q.value(9).toString();
    o.severity = q.value(10).toString();
    o.target = q.value(11).toString();
    o.remediation = q.value(12).toString();
    o.detail = q.value(13).toString();
    s.collectedOn = QDate::fromString(q.value(14).toString(), Qt::ISODate);
    s.expiresOn = q.value(15).isNull() ? QDate() : QDate::fromString(q.value(15).toString(), Qt::ISODate);
    s.controls = stringsOf(q.value(16).toString());
    s.questions = stringsOf(q.value(17).toString());
    return s;
}

AnswerProposal readProposal(const QSqlQuery &q)
{
    AnswerProposal p;
    p.id = q.value(0).toLongLong();
    p.engagementId = q.value(1).toLongLong();
    p.questionId = q.value(2).toString();
    p.value = q.value(3).toString();
    p.reason = q.value(4).toString();
    p.observationIds = idsOf(q.value(5).toString());
    const QString state = q.value(6).toString();
    p.state = state == QLatin1String("accepted") ? AnswerProposal::State::Accepted
        : state == QLatin1String("rejected")     ? AnswerProposal::State::Rejected
                                                 : AnswerProposal::State::Pending;
    p.proposedBy = q.value(7).toString();
    p.proposedAt = fromStoredTime(q.value(8).toString());
    p.decidedBy = q.value(9).toString();
    p.decidedAt = q.value(10).toString().isEmpty() ? QDateTime() : fromStoredTime(q.value(10).toString());
    return p;
}

Result<QList<StoredObservation>> selectObservations(Workspace &ws, const QString &condition, const QVariantList &binds, const QString &doing)
{
    QSqlQuery q = ws.query();
    q.prepare(kSelectObservations + condition + QStringLiteral(" ORDER BY id"));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return ws.sqlError(q, doing);
    QList<StoredObservation> all;
    while (q.next())
        all.append(readObservation(q));
    return all;
}

// Field readers for the JSON forms: a wrong type is as bad as a missing field.
QString textField(const QJsonObject &json, const char *name, QStringList &wrong)
{
    const QJsonValue v = json.value(QLatin1String(name));
    if (!v.isString())
        wrong << QLatin1String(name);
    return v.toString();
}

QDate dateField(const QJsonObject &json, const char *name, bool optional, QStringList &wrong)
{
    const QJsonValue v = json.value(QLatin1String(name));
    if (optional && (v.isNull() || v.isUndefined()))
        return {};
    const QDate day = QDate::fromString(v.toString(), Qt::ISODate);
    if (!day.isValid())
        wrong << QLatin1String(name);
    return day;
}

QStringList stringArray(const QJsonObject &json, const char *name, QStringList &wrong)
{
    const QJsonValue v = json.value(QLatin1String(name));
    QStringList out;
    if (!v.isArray()) {
        wrong << QLatin1String(name);
        return out;
    }
    for (const auto &item : v.toArray()) {
        if (!item.isString())
            wrong << QLatin1String(name);
        out << item.toString();
    }
    return out;
}

} // namespace

QString proposalStateKey(AnswerProposal::State state)
{
    switch (state) {
    case AnswerProposal::State::Pending: return QStringLiteral("pending");
    case AnswerProposal::State::Accepted: return QStringLiteral("accepted");
    case AnswerProposal::State::Rejected: return QStringLiteral("rejected");
    }
    return {};
}

QJsonObject toJson(const StoredObservation &s)
{
    const Observation &o = s.observation;
    return {
        {QStringLiteral("id"), s.id},
        {QStringLiteral("engagement"), s.engagementId},
        {QStringLiteral("evidence"), s.evidenceId},
        {QStringLiteral("tool"), o.tool},
        {QStringLiteral("tool_version"), o.toolVersion},
        {QStringLiteral("check_id"), o.checkId},
        {QStringLiteral("normalised_check_id"), o.normalisedCheckId},
        {QStringLiteral("title"), o.title},
        {QStringLiteral("status"), observationStatusKey(o.status)},
        {QStringLiteral("tool_status"), o.toolStatus},
        {QStringLiteral("severity"), o.severity},
        {QStringLiteral("target"), o.target},
        {QStringLiteral("remediation"), o.remediation},
        {QStringLiteral("detail"), o.detail},
        {QStringLiteral("collected_on"), s.collectedOn.toString(Qt::ISODate)},
        {QStringLiteral("expires_on"), s.expiresOn.isValid() ? QJsonValue(s.expiresOn.toString(Qt::ISODate)) : QJsonValue()},
        {QStringLiteral("controls"), toArray(s.controls)},
        {QStringLiteral("questions"), toArray(s.questions)},
    };
}

QJsonObject toJson(const AnswerProposal &p)
{
    return {
        {QStringLiteral("id"), p.id},
        {QStringLiteral("engagement"), p.engagementId},
        {QStringLiteral("question"), p.questionId},
        {QStringLiteral("value"), p.value},
        {QStringLiteral("reason"), p.reason},
        {QStringLiteral("observations"), idArray(p.observationIds)},
        {QStringLiteral("state"), proposalStateKey(p.state)},
        {QStringLiteral("proposed_by"), p.proposedBy},
        {QStringLiteral("proposed_at"), toStoredTime(p.proposedAt)},
        {QStringLiteral("decided_by"), p.decidedBy},
        {QStringLiteral("decided_at"), p.decidedAt.isValid() ? QJsonValue(toStoredTime(p.decidedAt)) : QJsonValue()},
    };
}

QString scanImportEntity(qint64 engagementId, qint64 evidenceId)
{
    return QStringLiteral("engagement:%1/scan:%2").arg(engagementId).arg(evidenceId);
}

QString proposalEntity(const AnswerProposal &p)
{
    return QStringLiteral("engagement:%1/proposal:%2").arg(p.engagementId).arg(p.id);
}

Result<QList<StoredObservation>> observations(Workspace &ws, qint64 engagementId)
{
    return selectObservations(ws, QStringLiteral(" WHERE engagement_id = ?"), {engagementId},
                              QStringLiteral("reading the observations of engagement %1").arg(engagementId));
}

Result<QList<StoredObservation>> observationsOfFile(Workspace &ws, qint64 engagementId, qint64 evidenceId)
{
    return selectObservations(ws, QStringLiteral(" WHERE engagement_id = ? AND evidence_id = ?"), {engagementId, evidenceId},
                              QStringLiteral("reading the observations of evidence %1").arg(evidenceId));
}

Result<qint64> insertObservation(Workspace &ws, const StoredObservation &s)
{
    return ObservationInserter(ws).insert(s);
}

ObservationInserter::ObservationInserter(Workspace &workspace) : m_ws(workspace), m_insert(workspace.query())
{
}

Result<qint64> ObservationInserter::insert(const StoredObservation &s)
{
    const Observation &o = s.observation;
    QSqlQuery &q = m_insert;
    if (!m_prepared) {
        if (!q.prepare(QStringLiteral("INSERT INTO observation (engagement_id, evidence_id, tool, tool_version, check_id, "
                                      "normalised_check_id, title, status, tool_status, severity, target, remediation, detail, "
                                      "collected_on, expires_on, controls, questions) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")))
            return m_ws.sqlError(q, QStringLiteral("recording observation %1 of evidence %2").arg(o.checkId).arg(s.evidenceId));
        m_prepared = true;
    }
    // Positional binds replace the previous row's in order.
    int i = 0;
    const auto bind = [&q, &i](const QVariant &value) { q.bindValue(i++, value); };
    bind(s.engagementId);
    bind(s.evidenceId);
    bind(sqlText(o.tool));
    bind(sqlText(o.toolVersion));
    bind(sqlText(o.checkId));
    bind(sqlText(o.normalisedCheckId));
    bind(sqlText(o.title));
    bind(observationStatusKey(o.status));
    bind(sqlText(o.toolStatus));
    bind(sqlText(o.severity));
    bind(sqlText(o.target));
    bind(sqlText(o.remediation));
    bind(sqlText(o.detail));
    bind(s.collectedOn.toString(Qt::ISODate));
    bind(dateOrNull(s.expiresOn));
    bind(compact(toArray(s.controls)));
    bind(compact(toArray(s.questions)));
    if (!q.exec() || !q.next())
        return m_ws.sqlError(q, QStringLiteral("recording observation %1 of evidence %2").arg(o.checkId).arg(s.evidenceId));
    const qint64 id = q.value(0).toLongLong();
    q.finish(); // the statement is done with before the next row reuses it
    return id;
}

QString observationsDigest(const QList<StoredObservation> &list)
{
    // The digest of QJsonDocument(array of toJson(row)).toJson(Compact), fed one row at a time:
    // the compact form of an array is its items' compact forms between '[' and ']', joined by
    // ','. The same bytes, without building one JSON value of every row of a large import.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("["));
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            hash.addData(QByteArrayView(","));
        hash.addData(QJsonDocument(toJson(list.at(i))).toJson(QJsonDocument::Compact));
    }
    hash.addData(QByteArrayView("]"));
    return QString::fromLatin1(hash.result().toHex());
}

Result<QList<AnswerProposal>> proposalsWhere(Workspace &ws, qint64 engagementId, const QString &condition, const QVariantList &binds)
{
    QSqlQuery q = ws.query();
    q.prepare(kSelectProposals + QStringLiteral(" WHERE engagement_id = ?") + condition + QStringLiteral(" ORDER BY id"));
    q.addBindValue(engagementId);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return ws.sqlError(q, QStringLiteral("reading the answer proposals of engagement %1").arg(engagementId));
    QList<AnswerProposal> all;
    while (q.next())
        all.append(readProposal(q));
    return all;
}

Result<QList<AnswerProposal>> proposals(Workspace &ws, qint64 engagementId)
{
    return proposalsWhere(ws, engagementId, {}, {});
}

Status insertProposal(Workspace &ws, AnswerProposal &p)
{
    QSqlQuery q = ws.query();
    q.prepare(QStringLiteral("INSERT INTO answer_proposal (engagement_id, question_id, proposed_value, reason, observation_ids, state, "
                             "proposed_by, proposed_at, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(p.engagementId);
    q.addBindValue(p.questionId);
    q.addBindValue(p.value);
    q.addBindValue(sqlText(p.reason));
    q.addBindValue(compact(idArray(p.observationIds)));
    q.addBindValue(proposalStateKey(p.state));
    q.addBindValue(sqlText(p.proposedBy));
    q.addBindValue(toStoredTime(p.proposedAt));
    q.addBindValue(sqlText(p.decidedBy));
    q.addBindValue(p.decidedAt.isValid() ? toStoredTime(p.decidedAt) : QStringLiteral(""));
    if (!q.exec() || !q.next())
        return ws.sqlError(q, QStringLiteral("recording the answer proposed to '%1'").arg(p.questionId));
    p.id = q.value(0).toLongLong();
    return {};
}

Status replacePendingProposal(Workspace &ws, const AnswerProposal &p)
{
    QSqlQuery q = ws.query();
    q.prepare(QStringLiteral("UPDATE answer_proposal SET proposed_value = ?, reason = ?, observation_ids = ?, proposed_by = ?, "
                             "proposed_at = ? WHERE id = ? AND state = 'pending'"));
    q.addBindValue(p.value);
    q.addBindValue(sqlText(p.reason));
    q.addBindValue(compact(idArray(p.observationIds)));
    q.addBindValue(sqlText(p.proposedBy));
    q.addBindValue(toStoredTime(p.proposedAt));
    q.addBindValue(p.id);
    if (!q.exec())
        return ws.sqlError(q, QStringLiteral("proposing an answer to '%1'").arg(p.questionId));
    return {};
}

Result<StoredObservation> observationFromJson(const QJsonObject &json)
{
    QStringList wrong;
    StoredObservation s;
    s.id = json.value(QStringLiteral("id")).toInteger();
    s.evidenceId = json.value(QStringLiteral("evidence")).toInteger();
    Observation &o = s.observation;
    o.tool = textField(json, "tool", wrong);
    o.toolVersion = textField(json, "tool_version", wrong);
    o.checkId = textField(json, "check_id", wrong);
    o.normalisedCheckId = textField(json, "normalised_check_id", wrong);
    o.title = textField(json, "title", wrong);
    const auto status = observationStatusFromKey(textField(json, "status", wrong));
    if (!status)
        wrong << QStringLiteral("status");
    o.status = status.value_or(Observation::Status::Info);
    o.toolStatus = textField(json, "tool_status", wrong);
    o.severity = textField(json, "severity", wrong);
    o.target = textField(json, "target", wrong);
    o.remediation = textField(json, "remediation", wrong);
    o.detail = textField(json, "detail", wrong);
    s.collectedOn = dateField(json, "collected_on", false, wrong);
    s.expiresOn = dateField(json, "expires_on", true, wrong);
    s.controls = stringArray(json, "controls", wrong);
    s.questions = stringArray(json, "questions", wrong);
    if (s.id <= 0 || s.evidenceId <= 0)
        wrong << QStringLiteral("id or evidence");
    if (!wrong.isEmpty())
        return Error {QStringLiteral("observation %1 lacks or misstates: %2").arg(s.id).arg(wrong.join(QStringLiteral(", ")))};
    return s;
}

Result<AnswerProposal> proposalFromJson(const QJsonObject &json)
{
    QStringList wrong;
    AnswerProposal p;
    p.id = json.value(QStringLiteral("id")).toInteger();
    p.questionId = textField(json, "question", wrong);
    p.value = textField(json, "value", wrong);
    p.reason = textField(json, "reason", wrong);
    const QJsonValue ids = json.value(QStringLiteral("observations"));
    if (!ids.isArray())
        wrong << QStringLiteral("observations");
    for (const auto &v : ids.toArray())
        p.observationIds << v.toInteger();
    const QString state = textField(json, "state", wrong);
    if (state == QLatin1String("accepted"))
        p.state = AnswerProposal::State::Accepted;
    else if (state == QLatin1String("rejected"))
        p.state = AnswerProposal::State::Rejected;
    else if (state != QLatin1String("pending"))
        wrong << QStringLiteral("state");
    p.proposedBy = textField(json, "proposed_by", wrong);
    p.proposedAt = fromStoredTime(textField(json, "proposed_at", wrong));
    p.decidedBy = textField(json, "decided_by", wrong);
    const QJsonValue decidedAt = json.value(QStringLiteral("decided_at"));
    if (!decidedAt.isNull())
        p.decidedAt = fromStoredTime(decidedAt.toString());
    if (!p.proposedAt.isValid() || p.proposedBy.isEmpty())
        wrong << QStringLiteral("proposed_by/proposed_at");
    if ((p.state == AnswerProposal::State::Pending) != p.decidedBy.isEmpty() || p.decidedAt.isValid() == p.decidedBy.isEmpty())
        wrong << QStringLiteral("decided_by/decided_at");
    if (!wrong.isEmpty())
        return Error {QStringLiteral("the proposal for '%1' lacks or misstates: %2").arg(p.questionId, wrong.join(QStringLiteral(", ")))};
    return p;
}

} // namespace bulkhead
