// Ties engagements to the exact questionnaire versions they are answered under. The full
// YAML text (and its SHA-256) is stored in the workspace, so an engagement reopens, scores
// and reports exactly as it was answered even after the built-in library has moved on.
#pragma once

#include "Result.h"

#include <QHash>
#include <QString>

namespace bulkhead {

class ContentLibrary;
struct Questionnaire;
class Workspace;

struct PinnedVersion {
    qint64 rowId = 0; // questionnaire_version.id
    int version = 0;
    QString sha256;
};

class QuestionnairePins {
public:
    explicit QuestionnairePins(Workspace &workspace) : m_ws(workspace) { }

    // Pins `questionnaire` to the engagement (within the caller's transaction) and returns
    // the questionnaire_version row; the same text is stored once per workspace.
    Result<qint64> pin(qint64 engagementId, const Questionnaire &questionnaire);
    // questionnaire key -> pinned version, for one engagement.
    Result<QHash<QString, PinnedVersion>> pinned(qint64 engagementId) const;
    // The content an engagement is scored with: `library`, with every pinned questionnaire
    // in the version the engagement is tied to.
    Result<ContentLibrary> contentFor(qint64 engagementId, const ContentLibrary &library) const;
    // The same, for a caller that has read the engagement's pins already.
    Result<ContentLibrary> contentFor(const QHash<QString, PinnedVersion> &pins, const ContentLibrary &library) const;

private:
    Workspace &m_ws;
};

} // namespace bulkhead
