// A piece of evidence attached to an engagement, and optionally to one of its questions or
// controls: a file kept in the workspace under its SHA-256.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace bulkhead {

struct EvidenceItem {
    qint64 id = 0;
    qint64 engagementId = 0;
    QString sha256;
    QString fileName; // the name it had when added, without its folder
    QString mediaType;
    qint64 size = 0;
    QString questionId; // empty: not tied to a question
    QString controlId; // empty: not tied to a control
    QDate collectedOn;
    QDate expiresOn; // null: does not expire
    QString addedBy;
    QDateTime addedAt;

    bool expiredOn(const QDate &day) const { return expiresOn.isValid() && expiresOn < day; }
};

} // namespace bulkhead
