// Copies of an SQLite workspace, made with SQLite's online backup API so that a copy is
// consistent even while the workspace is being written, and checked before it is kept.
//
// Where they go: a folder beside the workspace, "<workspace file>.backups/", each copy named
// by when it was made and why ("20261128-223000-daily.bulkhead"). Programs that open a
// workspace for a person (the CLI and the GUI) call dailyIfDue() after opening it: at most one
// automatic copy a day, and only the seven newest automatic copies are kept. Copies made on
// request ("manual") and the one taken before a restore ("before-restore") are never rotated
// away. Copies taken before a schema upgrade stay beside the workspace, as Workspace has always
// kept them.
//
// Restoring refuses a copy that is damaged, not a Bulkhead workspace, or from a newer program,
// and keeps the workspace as it was before the restore as a "before-restore" copy.
#pragma once

#include "Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace bulkhead {

class Workspace;

struct WorkspaceBackup {
    QString path;
    QDateTime madeAt; // from the file name, UTC
    QString reason; // daily | manual | before-restore
    qint64 bytes = 0;
};

struct RestoreResult {
    QString restoredFrom;
    QString previousKeptAs; // empty when there was no workspace file to keep
};

class WorkspaceBackups {
public:
    static constexpr int kDailyKept = 7;

    static QString folderFor(const QString &workspacePath);

    // Copies the file at `from` into a new file `to` with the backup API, then checks the copy
    // (structure, application id); a copy that fails is removed and the error names it.
    static Status copy(const QString &from, const QString &to);

    // Makes a copy of the open workspace now, for `reason`; returns it.
    static Result<WorkspaceBackup> backUp(Workspace &workspace, const QString &reason);
    static Result<WorkspaceBackup> backUp(const QString &path, const QDateTime &now, const QString &reason);
    // Makes the day's automatic copy unless one was made in the last 24 hours (by the
    // workspace's clock); rotates older automatic copies. Returns the copy made, if any.
    static Result<std::optional<WorkspaceBackup>> dailyIfDue(Workspace &workspace);
    // The same for the workspace file at `path` at time `now`: it touches no connection of this
    // process, so a GUI can run it on a worker thread.
    static Result<std::optional<WorkspaceBackup>> dailyIfDue(const QString &path, const QDateTime &now);
    // Every copy in the workspace's backup folder, newest first.
    static Result<QList<WorkspaceBackup>> list(const QString &workspacePath);

    // Checks `backupPath` (see above) and makes the workspace at `workspacePath` a copy of it.
    // The workspace must not be open in this process; another process holding a write lock
    // makes the restore fail, with nothing changed. `now` names the before-restore copy.
    static Result<RestoreResult> restore(const QString &backupPath, const QString &workspacePath, const QDateTime &now);
    // Why `path` cannot be restored; empty when it can.
    static QString unrestorableReason(const QString &path);
};

} // namespace bulkhead
