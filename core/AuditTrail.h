// The workspace's audit trail: every change appends an event, and events form a SHA-256
// hash chain, so that an event edited or deleted behind the application's back is found.
#pragma once

#include "Result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace bulkhead {

class Workspace;

struct AuditEvent {
    qint64 id = 0;
    std::optional<qint64> engagementId;
    QString actor;
    QDateTime occurredAt;
    QString action; // e.g. "answer.save", "engagement.approve"
    QString entity; // e.g. "answer:3/arch.platform.model"
    QString before; // compact JSON, empty when nothing was there
    QString after; // compact JSON, empty when removed
    QString prevHash;
    QString hash;
};

struct AuditVerification {
    qint64 eventsChecked = 0;
    // The first event whose hash or link does not match, when the problem is in the chain.
    std::optional<qint64> firstBrokenEvent;
    QString problem; // empty when the trail is intact
    bool ok() const { return problem.isEmpty(); }
};

class AuditTrail {
public:
    explicit AuditTrail(Workspace &workspace) : m_ws(workspace) { }

    // Appends an event; call inside the transaction of the change it records.
    Status append(std::optional<qint64> engagementId, const QString &action, const QString &entity, const QJsonObject &before,
                  const QJsonObject &after);
    Result<QList<AuditEvent>> events(std::optional<qint64> engagementId = std::nullopt) const;
    // Walks the whole chain from the first event, checks that it ends where the last append
    // recorded, and that every record in the workspace is as its last audit event left it.
    Result<AuditVerification> verify() const;

    // The hash an event must carry: SHA-256 over its content and its predecessor's hash.
    static QString computeHash(const AuditEvent &event);

private:
    Status checkTail(AuditVerification &v, qint64 lastId, const QString &lastHash) const;

    Workspace &m_ws;
};

} // namespace bulkhead
