// The workspaces opened lately, newest first, for Workspace > Open recent: files by absolute
// path, team workspaces by their URL as Workspace::path() gives it, so never with a password
// (reopening one finds it in ~/.pgpass or PGPASSWORD, as libpq does).
#pragma once

#include <QString>
#include <QStringList>

namespace bulkhead {

class RecentWorkspaces {
public:
    static constexpr int kMax = 8;

    static QStringList list();
    // Puts `workspace` first, dropping an older entry for it and any beyond kMax.
    static void remember(const QString &workspace);
    // The form a workspace is remembered and compared in.
    static QString key(const QString &workspace);
};

} // namespace bulkhead
