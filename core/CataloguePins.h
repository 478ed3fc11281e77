// Ties engagements to the exact risk, control and criteria catalogues they are scored with.
// Like QuestionnairePins, the full text (and its SHA-256) is stored in the workspace, so an
// approved engagement's scores and reports stay the same when a later Bulkhead ships changed
// catalogues. Engagements created before catalogues were pinned have none and are scored
// with the library in use until their next change pins it.
#pragma once

#include "Result.h"

#include <QList>
#include <QString>

namespace bulkhead {

class ContentLibrary;
class Workspace;

struct PinnedCatalogue {
    int position = 0;
    QString kind;
    QString sha256;
    qint64 textId = 0; // catalogue_text.id
};

class CataloguePins {
public:
    explicit CataloguePins(Workspace &workspace) : m_ws(workspace) { }

    // Pins the library's catalogues to the engagement, within the caller's transaction.
    Status pin(qint64 engagementId, const ContentLibrary &library);
    // Pins them unless the engagement has catalogues pinned already.
    Status pinIfMissing(qint64 engagementId, const ContentLibrary &library);
    Result<QList<PinnedCatalogue>> pinned(qint64 engagementId) const;
    // `content` with its catalogues replaced by the pinned ones, where they differ.
    Result<ContentLibrary> apply(const QList<PinnedCatalogue> &pins, ContentLibrary content) const;

private:
    Workspace &m_ws;
};

} // namespace bulkhead
