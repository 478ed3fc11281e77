// A workspace: one SQLite file, or one PostgreSQL database shared by a team, holding many
// engagements. Opening checks that it really is a Bulkhead workspace this program can read,
// before anything is written to it, and upgrades older schemas (after taking a backup of a file). The stores (EngagementStore, AnswerStore,
// AuditTrail) do their SQL through it, one transaction per change.
#pragma once

#include "Result.h"
#include "SqlDialect.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <functional>
#include <initializer_list>
#include <memory>

class QSqlQuery;

namespace bulkhead {

class Workspace;

// A statement from the workspace's cache of prepared statements, for the caller's use until
// this goes: then it is finished (its result let go) and free for the next use of the same text.
// Bind every placeholder before each exec: values bound by the previous use stay otherwise.
class PreparedQuery {
public:
    PreparedQuery(PreparedQuery &&other) noexcept;
    PreparedQuery &operator=(PreparedQuery &&) = delete;
    PreparedQuery(const PreparedQuery &) = delete;
    PreparedQuery &operator=(const PreparedQuery &) = delete;
    ~PreparedQuery();

    QSqlQuery &operator*() const { return *m_query; }
    QSqlQuery *operator->() const { return m_query; }
    // Binds `values` to the placeholders in order, from the first: every one, every time.
    void bind(std::initializer_list<QVariant> values) const;

private:
    friend class Workspace;
    PreparedQuery(QSqlQuery *cached, bool *inUse);
    explicit PreparedQuery(std::unique_ptr<QSqlQuery> own);

    QSqlQuery *m_query = nullptr;
    bool *m_inUse = nullptr; // the cache's flag for a cached statement
    std::unique_ptr<QSqlQuery> m_own; // a statement prepared for this use alone
};

struct WorkspaceOptions {
    QString actor; // who makes changes; default: $BULKHEAD_USER, else the login name
    std::function<QDateTime()> clock; // default: the system clock, UTC
    // Tests only: create, or stop upgrading, at this schema version (0: the current one).
    int schemaVersion = 0;
    // Open for reading only: every change is refused. A workspace file this user cannot write
    // is opened so whatever this says.
    bool readOnly = false;
};

class Workspace {
public:
    using Options = WorkspaceOptions;
    using Clock = std::function<QDateTime()>;

    // `path` is a file path or a URL postgresql://USER@HOST:PORT/DATABASE (WorkspaceLocation).
    static Result<std::unique_ptr<Workspace>> open(const QString &path, Options options = {});
    // The workspace used when none is named: in the user's data directory.
    static QString defaultPath();
    static QString defaultActor();

    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    // The file path, or the server URL without its password: what messages name.
    const QString &path() const { return m_path; }
    const QString &actor() const { return m_actor; }
    QDateTime now() const;
    // For replaying recorded work (the demo): later changes are attributed to `actor` at the
    // times `clock` gives. An empty actor or clock restores the one the workspace was opened with.
    void attributeTo(const QString &actor, Clock clock);
    int schemaVersion() const { return m_schemaVersion; }
    // Where the backup taken before the last upgrade went; empty if none was needed.
    const QString &lastUpgradeBackup() const { return m_upgradeBackup; }
    const SqlDialect &dialect() const { return m_dialect; }
    // Open for reading only (asked for, or the file cannot be written); why, in words.
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    const QString &readOnlyReason() const { return m_readOnlyReason; }

    // Runs `change` in one write transaction: committed if it returns ok, rolled back if not.
    // The commit is durable when this returns.
    Status write(const std::function<Status()> &change);
    QSqlQuery query() const;
    // `sql` prepared once for this connection and kept until the workspace closes: for the few
    // statements every save runs, where preparing again costs as much as running them. A text
    // still in use further up the stack is prepared afresh for this use. Like the connection,
    // only for the thread that opened the workspace.
    PreparedQuery prepared(const QString &sql) const;
    // A failed statement as an Error that names the workspace.
    Error sqlError(const QSqlQuery &query, const QString &doing) const;

private:
    Workspace(QString path, QString connection, Options options);
    Status prepare(int wantedVersion);
    Status openReadOnly();
    Status checkEncoding() const;

    QString m_path;
    QString m_connection;
    QString m_actor;
    Clock m_clock;
    QString m_openedActor;
    Clock m_openedClock;
    SqlDialect m_dialect;
    int m_schemaVersion = 0;
    QString m_upgradeBackup;
    QString m_readOnlyReason;
    bool m_inWrite = false;
    struct Statements;
    std::unique_ptr<Statements> m_statements;
};

// Text for a NOT NULL column: Qt binds a null QString as SQL NULL, so an empty field would
// otherwise break the constraint (and mean something else than "empty").
inline QString sqlText(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

// ISO 8601 UTC with milliseconds, the one timestamp format stored in workspaces.
QString toStoredTime(const QDateTime &time);
QDateTime fromStoredTime(const QString &text);

} // namespace bulkhead
