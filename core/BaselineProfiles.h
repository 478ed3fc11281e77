// Baselines imported from OSCAL profiles: a firm's or a regulator's tailoring of the SP 800-53B
// baselines (FedRAMP Moderate, say), kept in the workspace under a name an engagement can choose
// instead of the built-in baseline its FIPS 199 level selects. Imported profiles never change.
#pragma once

#include "Result.h"

#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace bulkhead {

class ControlCatalogue;
class Workspace;

struct BaselineProfile {
    QString name;
    QString title; // the profile's metadata title
    QString sourceSha256; // of the imported file's bytes
    QStringList controlIds; // display form, in the profile's order
    QString importedBy;
    QDateTime importedAt;

    // The selected controls that the catalogue holds: what an engagement using it is scored on.
    QSet<QString> inScope(const ControlCatalogue &catalogue) const;
};

class BaselineProfiles {
public:
    explicit BaselineProfiles(Workspace &workspace) : m_ws(workspace) { }

    // Reads the OSCAL profile (or resolved profile catalog) at `path` and stores it as `name`
    // (audited). Refused, naming the
    // input: a malformed profile, a name already used, or an id in one of the catalogue's
    // families that is not an active control there (a typo or a withdrawn control).
    Result<BaselineProfile> import(const QString &name, const QString &path, const ControlCatalogue &catalogue);
    // Takes a baseline that came with an engagement package (`origin` names the package, for the
    // audit event): stored if this workspace has none of that name; accepted as it is if it has
    // the very same one; refused if it has a different one under that name.
    Result<BaselineProfile> adopt(const BaselineProfile &profile, const ControlCatalogue &catalogue, const QString &origin);
    Result<QList<BaselineProfile>> list() const;
    Result<BaselineProfile> get(const QString &name) const;

private:
    // Inserts `p`, attributed to the workspace's actor now, and audits it; inside a write.
    Status store(BaselineProfile &p, const QString &origin);

    Workspace &m_ws;
};

} // namespace bulkhead
