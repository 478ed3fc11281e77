// Where the bench's workspaces live. Figures 1 (answer latency) and 3 (portfolio) run once per
// backend: SQLite files in the work folder, and databases on a PostgreSQL server when one is
// given (--postgres URL), each workspace a database of its own.
#pragma once

#include "Result.h"
#include "Workspace.h"

#include <QString>

#include <memory>
#include <optional>

namespace bulkhead::bench {

// The cheapest durable change the backend can make: one row, one commit, the same durability
// settings the workspace uses. An answer save is compared with it.
class DurableCommitFloor {
public:
    virtual ~DurableCommitFloor() = default;
    virtual Status commitOneRow() = 0;
};

class WorkspaceBackend {
public:
    virtual ~WorkspaceBackend() = default;

    virtual QString name() const = 0; // "SQLite"
    // Why figures cannot be measured on it in this build; empty when they can.
    virtual std::optional<QString> unavailable() const = 0;

    // Workspaces are named; the backend decides where they live.
    virtual bool exists(const QString &name) const = 0;
    virtual Result<std::unique_ptr<Workspace>> open(const QString &name, WorkspaceOptions options = {}) const = 0;
    // Replaces `to` with a copy of the closed workspace `from` (a scratch copy to change).
    virtual Status copy(const QString &from, const QString &to) const = 0;
    // Makes a finished generation visible under its final name, atomically.
    virtual Status publish(const QString &partial, const QString &name) const = 0;
    virtual void remove(const QString &name) const = 0;
    // Bytes the workspace takes in storage; 0 when unknown.
    virtual qint64 sizeBytes(const QString &name) const = 0;
    virtual QString location(const QString &name) const = 0; // for messages and child processes

    virtual Result<std::unique_ptr<DurableCommitFloor>> floor(const QString &name) const = 0;
    // What the floor is, for the table's notes.
    virtual QString floorDescription() const = 0;
};

// SQLite workspace files in `folder`.
std::unique_ptr<WorkspaceBackend> sqliteBackend(const QString &folder);
// Team workspaces: one database per workspace on the server `serverUrl` names
// (postgresql://USER@HOST:PORT/DATABASE, the database used to create and drop the others).
// Empty: not measured, and the rows say how to measure it.
std::unique_ptr<WorkspaceBackend> postgresBackend(const QString &serverUrl);

} // namespace bulkhead::bench
