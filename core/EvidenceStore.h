// Evidence files of engagements. add() reads the file, stores its bytes once per workspace under
// their SHA-256 and records the attachment (audited); verify() recomputes every hash, so a file
// changed inside the workspace behind the program's back is named.
#pragma once

#include "Evidence.h"
#include "Result.h"

#include <QList>

namespace bulkhead {

class ContentLibrary;
class Workspace;

struct EvidenceInput {
    qint64 engagementId = 0;
    QString path; // the file to attach
    QString questionId;
    QString controlId;
    QDate collectedOn; // null: the day it is added
    QDate expiresOn; // null: does not expire
};

struct EvidenceAdded {
    EvidenceItem item;
    bool alreadyAttached = false; // the same bytes were attached to the same place before
};

// What verify() found: one line per attachment whose bytes no longer match.
struct EvidenceVerification {
    int checked = 0;
    QStringList mismatches;
    bool ok() const { return mismatches.isEmpty(); }
};

class EvidenceStore {
public:
    static constexpr qint64 kDefaultMaxBytes = 100LL * 1024 * 1024;

    explicit EvidenceStore(Workspace &workspace, qint64 maxBytes = kDefaultMaxBytes) : m_ws(workspace), m_maxBytes(maxBytes) { }

    // Attaches the file. The question or control, if named, must be in the engagement's content.
    // Attaching the same bytes to the same place again returns the earlier attachment.
    Result<EvidenceAdded> add(const EvidenceInput &input, const ContentLibrary &library);
    // The same for `bytes` the caller has already read from input.path (a scan import, which
    // parses them first): they are what is stored and hashed, and the file is not read again.
    Result<EvidenceAdded> add(const EvidenceInput &input, const QByteArray &bytes, const ContentLibrary &library);
    Result<QList<EvidenceItem>> list(qint64 engagementId) const;
    Result<QByteArray> content(const EvidenceItem &item) const;
    Result<EvidenceVerification> verify(qint64 engagementId) const;

private:
    Workspace &m_ws;
    qint64 m_maxBytes;
};

} // namespace bulkhead
