// Settings kept in the workspace and shared by everyone who opens it: the firm's report branding
// (organisation name, accent colour, classification marking, logo) and the POA&M due days by
// risk level (PoamPolicySettings reads those). Every change is audited.
#pragma once

#include "Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace bulkhead {

class Workspace;

class WorkspaceSettings {
public:
    explicit WorkspaceSettings(Workspace &workspace) : m_ws(workspace) { }

    // The keys a user may set, with what each takes.
    static const QMap<QString, QString> &knownKeys();

    // Validates the value for the key (an accent is #rrggbb, a logo a readable PNG file whose
    // bytes are stored, due days a whole number from 1 to 3650 or empty for the default),
    // stores it and audits the change.
    Status set(const QString &key, const QString &value);
    Result<QString> value(const QString &key) const; // empty when not set
    Result<QMap<QString, QString>> all() const;
    // The keys among `keys` that are set, in one query (all() would read the logo's bytes too).
    Result<QMap<QString, QString>> values(const QStringList &keys) const;

private:
    Workspace &m_ws;
};

} // namespace bulkhead
