// Writes one engagement of a workspace to a signed package file (Package.h describes the
// format): its record, pinned questionnaires and catalogues, imported baseline, answers, risk
// overrides, POA&M, audit events, evidence files, scanner observations and answer proposals.
// The file is written atomically.
#pragma once

#include "Result.h"

#include <QString>

namespace bulkhead {

class ContentLibrary;
class Workspace;
struct SigningKey;

struct PackageExportResult {
    qint64 bytes = 0;
    int entries = 0;
    int evidenceFiles = 0;
    QString contentHash; // of the engagement, as EngagementStore::contentHash gives it
    QString signerFingerprint;
};

Result<PackageExportResult> exportPackage(Workspace &workspace, const ContentLibrary &library, qint64 engagementId,
                                          const QString &outputPath, const SigningKey &key);

} // namespace bulkhead
