#include "AuditTrail.h"

#include "AuditReconciliation.h"
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

Status AuditTrail::append(std::optional<qint64> engagementId, const QString &action, const QString &entity, const QJsonObject &before,
                          const QJsonObject &after)
{
    // Every change appends, so its statements are the workspace's cached ones.
    AuditEvent e;
    e.id = 1;
    e.prevHash = kGenesisHash;
    {
        const PreparedQuery last = m_ws.prepared(QStringLiteral("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1"));
        if (!last->exec())
            return m_ws.sqlError(*last, QStringLiteral("reading the audit trail"));
        if (last->next()) {
            e.id = last->value(0).toLongLong() + 1;
            e.prevHash = last->value(1).toString();
        }
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
    const PreparedQuery insert = m_ws.prepared(QStringLiteral(
        "INSERT INTO audit_event (id, engagement_id, actor, occurred_at, action, entity, before_state, after_state, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.bind({e.id, engagementId ? QVariant(*engagementId) : QVariant(QMetaType::fromType<qint64>()), e.actor,
                 toStoredTime(e.occurredAt), e.action, e.entity, sqlText(e.before), sqlText(e.after), e.prevHash, e.hash});
    if (!insert->exec())
        return m_ws.sqlError(*insert, QStringLiteral("writing the audit trail"));
    const PreparedQuery head
        = m_ws.prepared(e.id == 1 ? QStringLiteral("INSERT INTO audit_head (last_id, last_hash, singleton) VALUES (?, ?, 1)")
                                  : QStringLiteral("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE singleton = 1"));
    head.bind({e.id, e.hash});
    if (!head->exec() || head->numRowsAffected() != 1)
        return m_ws.sqlError(*head, QStringLiteral("recording the end of the audit trail"));
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
    QList<AuditEvent> events;
    QString expectedPrev = kGenesisHash;
    qint64 expectedId = 1;
    while (q.next()) {
        const AuditEvent e = readEvent(q);
        ++v.eventsChecked;
        auto broken = [&](const QString &why) {
            v.firstBrokenEvent = e.id;
            v.problem = why;
        };
        if (e.id != expectedId) {
            broken(QStringLiteral("event %1 is missing (the chain jumps from %2 to %3)").arg(expectedId).arg(expectedId - 1).arg(e.id));
            v.firstBrokenEvent = expectedId; // the missing one is where the trail breaks
        } else if (e.prevHash != expectedPrev)
            broken(QStringLiteral("event %1 does not link to the event before it (the previous event was changed or removed)").arg(e.id));
        else if (computeHash(e) != e.hash)
            broken(QStringLiteral("event %1 was changed after it was written (its hash does not match its content)").arg(e.id));
        if (v.firstBrokenEvent)
            return v;
        events.append(e);
        expectedPrev = e.hash;
        ++expectedId;
    }
    if (auto tail = checkTail(v, expectedId - 1, expectedPrev); !tail)
        return tail.error();
    if (v.ok()) {
        if (auto reconciled = reconcileWithTrail(m_ws, events, v); !reconciled)
            return reconciled.error();
    }
    return v;
}

Status AuditTrail::checkTail(AuditVerification &v, qint64 lastId, const QString &lastHash) const
{
    QSqlQuery q = m_ws.query();
    if (!q.exec(QStringLiteral("SELECT last_id, last_hash FROM audit_head")))
        return m_ws.sqlError(q, QStringLiteral("reading the end of the audit trail"));
    const bool recorded = q.next();
    const qint64 headId = recorded ? q.value(0).toLongLong() : 0;
    if (headId > lastId) {
        v.firstBrokenEvent = lastId + 1;
        v.problem = QStringLiteral("the trail ends at event %1, but event %2 was recorded as its last: events were removed from the end")
                        .arg(lastId)
                        .arg(headId);
    } else if (headId < lastId || (recorded && q.value(1).toString() != lastHash)) {
        v.firstBrokenEvent = std::max<qint64>(headId, 1);
        v.problem = QStringLiteral("the recorded end of the trail (event %1) does not match its last event %2").arg(headId).arg(lastId);
    }
    return {};
}

} // namespace bulkhead
