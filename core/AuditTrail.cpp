#include "AuditTrail.h"

#include "Workspace.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace bulkhead {

namespace {

const QString kGenesisHash = QString(64, QLatin1Char('0'));

QString compact(const QJsonObject &object)
{
    return object.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

AuditEvent readEvent(const QSqlQuery &q)
{
    AuditEvent e;
    e.id = q.value(0).toLongLong();
    if (!q.value(1).isNull())
        e.engagementId = q.value(1).toLongLong();
    e.actor = q.value(2).toString();
    e.occurredAt = fromStoredTime(q.value(3).toString());
    e.action = q.value(4).toString();
    e.entity = q.value(5).toString();
    e.before = q.value(6).toString();
    e.after = q.value(7).toString();
    e.prevHash = q.value(8).toString();
    e.hash = q.value(9).toString();
    return e;
}

const QString kSelect = QStringLiteral(
    "SELECT id, engagement_id, actor, occurred_at, action, entity, before_state, after_state, prev_hash, hash FROM audit_event");

} // namespace

QString AuditTrail::computeHash(const AuditEvent &e)
{
    // A JSON array gives an unambiguous encoding: no field can bleed into the next.
    const QJsonArray fields = {QString::number(e.id),
                               e.engagementId ? QJsonValue(QString::number(*e.engagementId)) : QJsonValue(),
                               e.actor,
                               toStoredTime(e.occurredAt),
                               e.action,
                               e.entity,
                               e.before,
                               e.after,
                               e.prevHash};
    const QByteArray bytes = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

Status AuditTrail::append(std::optional<qint64> engagementId, const QString &action, const QString &entity,
                          const QJsonObject &before, const QJsonObject &after)
{
    QSqlQuery q = m_ws.query();
    if (!q.exec(QStringLiteral("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")))
        return m_ws.sqlError(q, QStringLiteral("reading the audit trail"));
    AuditEvent e;
    e.id = 1;
    e.prevHash = kGenesisHash;
    if (q.next()) {
        e.id = q.value(0).toLongLong() + 1;
        e.prevHash = q.value(1).toString();
    }
    e.engagementId = engagementId;
    e.actor = m_ws.actor();
    // Stored with millisecond precision; hash what is stored.
    e.occurredAt = fromStoredTime(toStoredTime(m_ws.now()));
    e.action = action;
    e.entity = entity;
    e.before = compact(before);
    e.after = compact(after);
    e.hash = computeHash(e);
    q.prepare(QStringLiteral("INSERT INTO audit_event (id, engagement_id, actor, occurred_at, action, entity, before_state, after_state, prev_hash, hash) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(e.id);
    q.addBindValue(engagementId ? QVariant(*engagementId) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(e.actor);
    q.addBindValue(toStoredTime(e.occurredAt));
    q.addBindValue(e.action);
    q.addBindValue(e.entity);
    q.addBindValue(e.before);
    q.addBindValue(e.after);
    q.addBindValue(e.prevHash);
    q.addBindValue(e.hash);
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("writing the audit trail"));
    return {};
}

Result<QList<AuditEvent>> AuditTrail::events(std::optional<qint64> engagementId) const
{
    QSqlQuery q = m_ws.query();
    if (engagementId) {
        q.prepare(kSelect + QStringLiteral(" WHERE engagement_id = ? ORDER BY id"));
        q.addBindValue(*engagementId);
    } else {
        q.prepare(kSelect + QStringLiteral(" ORDER BY id"));
    }
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("reading the audit trail"));
    QList<AuditEvent> events;
    while (q.next())
        events.append(readEvent(q));
    return events;
}

Result<AuditVerification> AuditTrail::verify() const
{
    QSqlQuery q = m_ws.query();
    q.setForwardOnly(true);
    if (!q.exec(kSelect + QStringLiteral(" ORDER BY id")))
        return m_ws.sqlError(q, QStringLiteral("reading the audit trail"));
    AuditVerification v;
    QString expectedPrev = kGenesisHash;
    qint64 expectedId = 1;
    while (q.next()) {
        const AuditEvent e = readEvent(q);
        ++v.eventsChecked;
        auto broken = [&](const QString &why) {
            v.firstBrokenEvent = e.id;
            v.problem = why;
        };
        if (e.id != expectedId)
            broken(QStringLiteral("event %1 is missing (the chain jumps from %2 to %3)").arg(expectedId).arg(expectedId - 1).arg(e.id));
        else if (e.prevHash != expectedPrev)
            broken(QStringLiteral("event %1 does not link to the event before it (the previous event was changed or removed)").arg(e.id));
        else if (computeHash(e) != e.hash)
            broken(QStringLiteral("event %1 was changed after it was written (its hash does not match its content)").arg(e.id));
        if (!v.ok())
            return v;
        expectedPrev = e.hash;
        ++expectedId;
    }
    return v;
}

} // namespace bulkhead
