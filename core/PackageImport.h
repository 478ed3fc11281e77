// Imports a verified engagement package into a workspace as a new draft engagement, in one
// transaction: the engagement record, its pinned questionnaires and catalogues (from the
// package's own texts, not the local library), its imported baseline when it uses one, answers,
// risk overrides, evidence, scanner observations and answer proposals, keeping
// who recorded each and when, so it scores exactly as it did where it came from. The original
// audit events are attached as the evidence file "original-audit-trail.json"; the local trail
// records the import ("engagement.import", naming the signer and the original content hash).
// A package that fails any check is refused before anything is written.
#pragma once

#include "Package.h"
#include "Result.h"

#include <QString>

#include <optional>

namespace bulkhead {

class Workspace;

struct PackageImportOptions {
    // Import as a new round of this engagement's client and system (its client and system
    // names replace the package's).
    std::optional<qint64> asRoundOf;
    PackageLimits limits;
};

struct PackageImportResult {
    qint64 engagementId = 0;
    QString signerFingerprint;
    QString originalContentHash;
    qint64 originalEngagementId = 0;
    int answers = 0;
    int riskOverrides = 0;
    int evidenceFiles = 0; // besides the original audit trail
    int observations = 0;
    int proposals = 0;
    int originalAuditEvents = 0;
};

inline constexpr char kOriginalAuditTrailFile[] = "original-audit-trail.json";

Result<PackageImportResult> importPackage(Workspace &workspace, const QString &path, const PackageImportOptions &options = {});
// For a caller that has verified the package already.
Result<PackageImportResult> importPackage(Workspace &workspace, const VerifiedPackage &package, std::optional<qint64> asRoundOf,
                                          const PackageLimits &limits = {});

} // namespace bulkhead
