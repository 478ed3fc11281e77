#include "WorkspaceBackend.h"

#include "WorkspaceLocation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QVariant>

#include <sqlite3.h>

namespace bulkhead::bench {

namespace {

// A QPSQL connection named `name` to `database` on the server `where` names, not yet open.
QSqlDatabase addPostgres(const QString &name, const WorkspaceLocation &where, const QString &database)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setDatabaseName(database);
    db.setHostName(where.host);
    db.setPort(where.port);
    db.setUserName(where.user);
    db.setPassword(where.password);
    db.setConnectOptions(where.connectOptions);
    return db;
}

// A bare table in its own file beside the workspaces, opened exactly as a workspace is
// (SqlDialect::connectionSetup: WAL, synchronous=FULL), changed one row per transaction.
class SqliteFloor : public DurableCommitFloor {
public:
    ~SqliteFloor() override
    {
        sqlite3_finalize(m_update);
        sqlite3_close(m_db);
    }

    Status init(const QString &path)
    {
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        if (sqlite3_open(QFile::encodeName(path).constData(), &m_db) != SQLITE_OK)
            return fail(path);
        for (const char *sql :
             {"PRAGMA busy_timeout = 10000", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
              "CREATE TABLE floor (id INTEGER PRIMARY KEY, value TEXT NOT NULL)", "INSERT INTO floor (id, value) VALUES (1, 'yes')"}) {
            if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
                return fail(path);
        }
        if (sqlite3_prepare_v2(m_db, "UPDATE floor SET value = ?1 WHERE id = 1", -1, &m_update, nullptr) != SQLITE_OK)
            return fail(path);
        m_path = path;
        return {};
    }

    Status commitOneRow() override
    {
        static const char *const values[] = {"yes", "partial", "no"};
        if (sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
            return fail(m_path);
        sqlite3_bind_text(m_update, 1, values[m_next++ % 3], -1, SQLITE_STATIC);
        const int stepped = sqlite3_step(m_update);
        sqlite3_reset(m_update);
        if (stepped != SQLITE_DONE || sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
            return fail(m_path);
        return {};
    }

private:
    Error fail(const QString &path) const
    {
        return Error {QStringLiteral("bare SQLite floor: %1").arg(QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : "cannot open")), path};
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_update = nullptr;
    QString m_path;
    unsigned m_next = 0;
};

class SqliteBackend : public WorkspaceBackend {
public:
    explicit SqliteBackend(QString folder) : m_folder(std::move(folder)) { }

    QString name() const override { return QStringLiteral("SQLite"); }
    std::optional<QString> unavailable() const override { return std::nullopt; }

    QString location(const QString &name) const override { return m_folder + QLatin1Char('/') + name + QStringLiteral(".bulkhead"); }

    bool exists(const QString &name) const override { return QFileInfo::exists(location(name)); }

    Result<std::unique_ptr<Workspace>> open(const QString &name, WorkspaceOptions options) const override
    {
        return Workspace::open(location(name), std::move(options));
    }

    Status copy(const QString &from, const QString &to) const override
    {
        remove(to);
        if (!QFile::copy(location(from), location(to)))
            return Error {QStringLiteral("cannot copy the workspace"), location(from)};
        // A cleanly closed workspace has no WAL; copy one if a crash left it behind.
        if (QFileInfo::exists(location(from) + QStringLiteral("-wal")))
            QFile::copy(location(from) + QStringLiteral("-wal"), location(to) + QStringLiteral("-wal"));
        return {};
    }

    Status publish(const QString &partial, const QString &name) const override
    {
        remove(name);
        if (QFileInfo::exists(location(partial) + QStringLiteral("-wal")))
            return Error {QStringLiteral("the generated workspace was not closed cleanly"), location(partial)};
        if (!QFile::rename(location(partial), location(name)))
            return Error {QStringLiteral("cannot rename the generated workspace"), location(partial)};
        return {};
    }

    void remove(const QString &name) const override
    {
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(location(name) + QLatin1String(suffix));
    }

    qint64 sizeBytes(const QString &name) const override
    {
        return QFileInfo(location(name)).size() + QFileInfo(location(name) + QStringLiteral("-wal")).size();
    }

    QString floorDescription() const override
    {
        return QStringLiteral("one row updated and committed in a bare SQLite file beside the workspace, WAL and synchronous=FULL as "
                              "the workspace");
    }

    Result<std::unique_ptr<DurableCommitFloor>> floor(const QString &name) const override
    {
        auto floor = std::make_unique<SqliteFloor>();
        if (auto ready = floor->init(m_folder + QLatin1Char('/') + name + QStringLiteral(".floor.sqlite")); !ready)
            return ready.error();
        return std::unique_ptr<DurableCommitFloor>(std::move(floor));
    }

private:
    QString m_folder;
};

// The same floor on the server: one row of a table in a database of its own, changed and
// committed with the workspace's durability (synchronous_commit = on).
class PostgresFloor : public DurableCommitFloor {
public:
    ~PostgresFloor() override
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }

    Status init(const WorkspaceLocation &where, const QString &database)
    {
        QSqlDatabase db = addPostgres(m_connection, where, database);
        if (!db.open())
            return Error {QStringLiteral("bare PostgreSQL floor: %1").arg(db.lastError().text()), database};
        for (const char *sql :
             {"SET client_min_messages = warning", "SET synchronous_commit = on", "DROP TABLE IF EXISTS floor",
              "CREATE TABLE floor (id INTEGER PRIMARY KEY, value TEXT NOT NULL)", "INSERT INTO floor (id, value) VALUES (1, 'yes')"}) {
            QSqlQuery q(db);
            if (!q.exec(QLatin1String(sql)))
                return Error {QStringLiteral("bare PostgreSQL floor: %1").arg(q.lastError().text()), database};
        }
        return {};
    }

    Status commitOneRow() override
    {
        static const char *const values[] = {"yes", "partial", "no"};
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("BEGIN")))
            return Error {q.lastError().text()};
        q.prepare(QStringLiteral("UPDATE floor SET value = ? WHERE id = 1"));
        q.addBindValue(QString::fromLatin1(values[m_next++ % 3]));
        if (!q.exec() || !q.exec(QStringLiteral("COMMIT")))
            return Error {q.lastError().text()};
        return {};
    }

private:
    QString m_connection = QStringLiteral("bench-floor-%1").arg(quintptr(this));
    unsigned m_next = 0;
};

class PostgresBackend : public WorkspaceBackend {
public:
    explicit PostgresBackend(const QString &serverUrl) : m_url(serverUrl)
    {
        if (serverUrl.isEmpty()) {
            m_unavailable = QStringLiteral("not measured: no server given (--postgres URL; scripts/pg-test-server.sh starts one)");
            return;
        }
        auto where = WorkspaceLocation::parse(serverUrl);
        if (!where || where->engine != SqlDialect::Engine::Postgresql) {
            m_unavailable = where ? QStringLiteral("%1 is not a PostgreSQL URL").arg(serverUrl) : where.error().toString();
            return;
        }
        m_server = *where;
        QSqlDatabase db = addPostgres(m_admin, m_server, m_server.database);
        if (!db.open())
            m_unavailable = QStringLiteral("cannot reach %1: %2").arg(m_server.display, db.lastError().text().trimmed());
        else
            (void)run(QStringLiteral("SET client_min_messages = warning")); // no notice for every DROP ... IF EXISTS
    }

    ~PostgresBackend() override
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_admin, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_admin);
    }

    QString name() const override { return QStringLiteral("PostgreSQL"); }
    std::optional<QString> unavailable() const override { return m_unavailable.isEmpty() ? std::nullopt : std::optional(m_unavailable); }

    QString location(const QString &name) const override
    {
        QUrl url(m_url);
        url.setPath(QLatin1Char('/') + database(name));
        return url.toString();
    }

    bool exists(const QString &name) const override
    {
        QSqlQuery q = admin();
        q.prepare(QStringLiteral("SELECT 1 FROM pg_database WHERE datname = ?"));
        q.addBindValue(database(name));
        return q.exec() && q.next();
    }

    Result<std::unique_ptr<Workspace>> open(const QString &name, WorkspaceOptions options) const override
    {
        if (!exists(name)) {
            if (auto made = run(QStringLiteral("CREATE DATABASE %1").arg(database(name))); !made)
                return made.error();
        }
        return Workspace::open(location(name), std::move(options));
    }

    Status copy(const QString &from, const QString &to) const override
    {
        remove(to);
        return run(QStringLiteral("CREATE DATABASE %1 TEMPLATE %2").arg(database(to), database(from)));
    }

    Status publish(const QString &partial, const QString &name) const override
    {
        remove(name);
        return run(QStringLiteral("ALTER DATABASE %1 RENAME TO %2").arg(database(partial), database(name)));
    }

    void remove(const QString &name) const override { (void)run(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(database(name))); }

    qint64 sizeBytes(const QString &name) const override
    {
        QSqlQuery q = admin();
        q.prepare(QStringLiteral("SELECT pg_database_size(?)"));
        q.addBindValue(database(name));
        return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
    }

    QString floorDescription() const override
    {
        return QStringLiteral("one row updated and committed in a database of its own on the same server, synchronous_commit = on "
                              "as the workspace");
    }

    Result<std::unique_ptr<DurableCommitFloor>> floor(const QString &name) const override
    {
        const QString db = database(name + QStringLiteral("-floor"));
        if (!exists(name + QStringLiteral("-floor"))) {
            if (auto made = run(QStringLiteral("CREATE DATABASE %1").arg(db)); !made)
                return made.error();
        }
        auto floor = std::make_unique<PostgresFloor>();
        if (auto ready = floor->init(m_server, db); !ready)
            return ready.error();
        return std::unique_ptr<DurableCommitFloor>(std::move(floor));
    }

private:
    // "portfolio-10-g1-911a5f3b43" -> "bulkhead_bench_portfolio_10_g1_911a5f3b43": a plain
    // identifier, so it needs no quoting in CREATE and DROP.
    static QString database(const QString &name)
    {
        QString id = QStringLiteral("bulkhead_bench_") + name.toLower();
        for (QChar &c : id) {
            if (!(c.isLetterOrNumber() && c.unicode() < 128))
                c = QLatin1Char('_');
        }
        return id;
    }

    QSqlQuery admin() const { return QSqlQuery(QSqlDatabase::database(m_admin, false)); }

    Status run(const QString &sql) const
    {
        QSqlQuery q = admin();
        if (!q.exec(sql))
            return Error {QStringLiteral("%1: %2").arg(sql, q.lastError().text().trimmed()), m_server.display};
        return {};
    }

    QString m_url;
    WorkspaceLocation m_server;
    QString m_admin = QStringLiteral("bench-admin-%1").arg(quintptr(this));
    QString m_unavailable;
};

} // namespace

std::unique_ptr<WorkspaceBackend> sqliteBackend(const QString &folder)
{
    QDir().mkpath(folder);
    return std::make_unique<SqliteBackend>(folder);
}

std::unique_ptr<WorkspaceBackend> postgresBackend(const QString &serverUrl)
{
    return std::make_unique<PostgresBackend>(serverUrl);
}

} // namespace bulkhead::bench
