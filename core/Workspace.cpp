#include "Workspace.h"

#include "SchemaMigrations.h"
#include "WorkspaceBackups.h"
#include "WorkspaceLocation.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>

#include <map>
#include <utility>

namespace bulkhead {

namespace {

QAtomicInt g_connectionCounter;

// Refuses, before SQLite touches it, anything that is not an SQLite database.
Status checkFileHeader(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("cannot read the workspace: %1").arg(f.errorString()), path};
    const QByteArray header = f.read(100);
    static const QByteArray magic("SQLite format 3\0", 16);
    if (header.size() < 100 || !header.startsWith(magic))
        return Error {
            QStringLiteral("not a Bulkhead workspace: the file is not an SQLite database (it may be damaged or another kind of file)"),
            path};
    return {};
}

} // namespace

struct Workspace::Statements {
    struct Entry {
        std::unique_ptr<QSqlQuery> query;
        bool inUse = false;
    };
    std::map<QString, Entry> bySql; // a node's address stays put: PreparedQuery holds its flag
};

PreparedQuery::PreparedQuery(QSqlQuery *cached, bool *inUse) : m_query(cached), m_inUse(inUse)
{
}

PreparedQuery::PreparedQuery(std::unique_ptr<QSqlQuery> own) : m_query(own.get()), m_own(std::move(own))
{
}

PreparedQuery::PreparedQuery(PreparedQuery &&other) noexcept
    : m_query(std::exchange(other.m_query, nullptr)), m_inUse(std::exchange(other.m_inUse, nullptr)), m_own(std::move(other.m_own))
{
}

void PreparedQuery::bind(std::initializer_list<QVariant> values) const
{
    int position = 0;
    for (const QVariant &value : values)
        m_query->bindValue(position++, value);
}

PreparedQuery::~PreparedQuery()
{
    if (!m_query)
        return;
    m_query->finish();
    if (m_inUse)
        *m_inUse = false;
}

QString toStoredTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromStoredTime(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

QString Workspace::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/bulkhead");
    return dir + QStringLiteral("/workspace.bulkhead");
}

QString Workspace::defaultActor()
{
    for (const char *name : {"BULKHEAD_USER", "USER", "USERNAME", "LOGNAME"}) {
        const QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("unknown");
}

Workspace::Workspace(QString path, QString connection, Options options)
    : m_path(std::move(path)), m_connection(std::move(connection)), m_actor(options.actor.isEmpty() ? defaultActor() : options.actor),
      m_clock(std::move(options.clock)), m_openedActor(m_actor), m_openedClock(m_clock), m_statements(std::make_unique<Statements>())
{
}

Workspace::~Workspace()
{
    m_statements.reset(); // the statements go before their connection
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QDateTime Workspace::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

void Workspace::attributeTo(const QString &actor, Clock clock)
{
    m_actor = actor.isEmpty() ? m_openedActor : actor;
    m_clock = clock ? std::move(clock) : m_openedClock;
}

Result<std::unique_ptr<Workspace>> Workspace::open(const QString &path, Options options)
{
    auto where = WorkspaceLocation::parse(path);
    if (!where)
        return where.error();
    const bool onServer = where->engine == SqlDialect::Engine::Postgresql;
    if (!onServer && QFileInfo::exists(path)) {
        if (auto header = checkFileHeader(path); !header)
            return header.error();
    } else if (!onServer && !QDir().mkpath(QFileInfo(path).absolutePath())) {
        return Error {QStringLiteral("cannot create the folder for the workspace"), path};
    }
    const QString connection = QStringLiteral("bulkhead-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
    const int wanted = options.schemaVersion > 0 ? options.schemaVersion : schema::currentVersion();
    QString readOnlyReason;
    if (options.readOnly)
        readOnlyReason = QStringLiteral("it was opened read-only");
    else if (!onServer && QFileInfo::exists(path) && !QFileInfo(path).isWritable())
        readOnlyReason = QStringLiteral("you may not write to the file");
    std::unique_ptr<Workspace> ws(new Workspace(where->display, connection, std::move(options)));
    ws->m_dialect = SqlDialect(where->engine);
    ws->m_readOnlyReason = readOnlyReason;
    QSqlDatabase db = QSqlDatabase::addDatabase(ws->m_dialect.qtDriver(), connection);
    if (!db.isValid())
        return Error {QStringLiteral("cannot open the workspace: this installation lacks Qt's %1 driver (%2)")
                          .arg(ws->m_dialect.title(), ws->m_dialect.qtDriver()),
                      ws->m_path};
    db.setDatabaseName(where->database);
    if (onServer) {
        // A team's database is made by whoever runs the server; Bulkhead sets up its tables in
        // an empty one, as it does in a new file.
        db.setHostName(where->host);
        db.setPort(where->port);
        db.setUserName(where->user);
        db.setPassword(where->password);
        db.setConnectOptions(where->connectOptions);
    }
    if (ws->isReadOnly() && !onServer) {
        // On a server, read-only is the program's promise (write() refuses); on a file, SQLite's.
        if (!QFileInfo::exists(path))
            return Error {QStringLiteral("there is no workspace here to open read-only"), path};
        if (auto opened = ws->openReadOnly(); !opened)
            return opened.error();
    } else if (!db.open()) {
        return Error {QStringLiteral("cannot open the workspace: %1").arg(db.lastError().text().trimmed()), ws->m_path};
    }
    if (auto ready = ws->prepare(wanted); !ready)
        return ready.error();
    return ws;
}

Status Workspace::openReadOnly()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (db.open() && QSqlQuery(db).exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return {};
    // A workspace in WAL mode can only be read where its shared-memory file can be made; in a
    // folder this user may not write to, read it as an unchanging file instead. Changes others
    // make while it is open are then not seen: the reason says so.
    db.close();
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
    db.setDatabaseName(QStringLiteral("file:%1?immutable=1").arg(QString::fromLatin1(QUrl::toPercentEncoding(m_path, "/"))));
    if (!db.open())
        return Error {QStringLiteral("cannot open the workspace read-only: %1").arg(db.lastError().text()), m_path};
    m_readOnlyReason = QStringLiteral("you may not write to the file or its folder, so it is shown as it was when opened");
    return {};
}

Status Workspace::prepare(int wantedVersion)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    // Read-only checks first: nothing is written to a database that turns out not to be ours.
    if (!q.exec(m_dialect.integrityCheck()) || !q.next())
        return Error {QStringLiteral("not a Bulkhead workspace, or a damaged one: %1").arg(q.lastError().text()), m_path};
    if (q.value(0).toString() != QLatin1String("ok"))
        return Error {QStringLiteral("the workspace is damaged: %1").arg(q.value(0).toString()), m_path};
    if (auto encoding = checkEncoding(); !encoding)
        return encoding;
    if (!q.exec(m_dialect.countSchemaObjects()) || !q.next())
        return sqlError(q, QStringLiteral("reading the schema"));
    const bool empty = q.value(0).toInt() == 0;
    if (!empty) {
        // On a server the id is a table, so a database of another application fails to read it.
        const bool read = q.exec(m_dialect.readApplicationId()) && q.next();
        if (!read && m_dialect.engine() == SqlDialect::Engine::Sqlite)
            return sqlError(q, QStringLiteral("reading the file header"));
        if (!read || q.value(0).toInt() != SqlDialect::kApplicationId)
            return Error {
                QStringLiteral("not a Bulkhead workspace: %1 database of another application")
                    .arg(m_dialect.engine() == SqlDialect::Engine::Sqlite ? QStringLiteral("an SQLite") : QStringLiteral("a PostgreSQL")),
                m_path};
    }
    int version = 0;
    if (!empty) {
        if (!q.exec(QStringLiteral("SELECT version FROM schema_version")) || !q.next())
            return Error {QStringLiteral("not a Bulkhead workspace: it has no schema version"), m_path};
        // Checked before anything is written: an upgrade from a nonsense version would run
        // schema steps over existing tables, and switch the file to WAL, before failing.
        bool isNumber = false;
        version = q.value(0).toInt(&isNumber);
        if (!isNumber || version < 1)
            return Error {QStringLiteral("not a Bulkhead workspace, or a damaged one: its schema version is '%1', not a version number")
                              .arg(q.value(0).toString().left(40)),
                          m_path};
        if (version > schema::currentVersion())
            return Error {
                QStringLiteral(
                    "the workspace was written by a newer Bulkhead (schema version %1; this program knows up to %2); it was left unchanged")
                    .arg(version)
                    .arg(schema::currentVersion()),
                m_path};
    }
    if (isReadOnly()) {
        // Nothing is set up or upgraded: that would write.
        if (version < wantedVersion)
            return Error {QStringLiteral("the workspace has an older schema (version %1) and must be upgraded, which cannot be done "
                                         "read-only (%2)")
                              .arg(version)
                              .arg(m_readOnlyReason),
                          m_path};
        m_schemaVersion = version;
        return {};
    }
    for (const auto &statement : m_dialect.connectionSetup()) {
        if (!q.exec(statement))
            return sqlError(q, QStringLiteral("setting up the connection"));
    }
    // A server's database is backed up with the server's own tools (pg_dump, base backups),
    // which its operators run; Bulkhead cannot write a copy next to it, so it upgrades
    // without one there.
    if (version > 0 && version < wantedVersion && m_dialect.canBackUp()) {
        m_upgradeBackup
            = QStringLiteral("%1.schema-%2-backup-%3").arg(m_path).arg(version).arg(now().toString(QStringLiteral("yyyyMMdd-HHmmss")));
        QFile::remove(m_upgradeBackup);
        if (auto copied = WorkspaceBackups::copy(m_path, m_upgradeBackup); !copied)
            return Error {
                QStringLiteral("cannot back up the workspace before upgrading it, so it was not upgraded: %1").arg(copied.error().message),
                m_path};
    }
    if (version < wantedVersion) {
        if (auto upgraded = schema::upgrade(db, m_dialect, version, wantedVersion); !upgraded)
            return Error {upgraded.error().message, m_path};
    }
    m_schemaVersion = std::max(version, wantedVersion);
    return {};
}

Status Workspace::checkEncoding() const
{
    if (m_dialect.engine() != SqlDialect::Engine::Postgresql)
        return {}; // SQLite stores text as UTF-8 whatever the platform
    QSqlQuery q = query();
    if (!q.exec(QStringLiteral("SHOW server_encoding")) || !q.next())
        return sqlError(q, QStringLiteral("reading the database's encoding"));
    // Answers, notes and names are Unicode; another encoding would refuse or mangle them.
    if (q.value(0).toString() != QLatin1String("UTF8"))
        return Error {QStringLiteral("the database's encoding is %1; a Bulkhead workspace needs a UTF8 database (CREATE DATABASE ... "
                                     "ENCODING 'UTF8' TEMPLATE template0)")
                          .arg(q.value(0).toString()),
                      m_path};
    return {};
}

Status Workspace::write(const std::function<Status()> &change)
{
    if (m_inWrite) // nested: already inside the caller's transaction
        return change();
    if (isReadOnly())
        return Error {QStringLiteral("the workspace is read-only (%1); nothing was changed").arg(m_readOnlyReason), m_path};
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    for (const QString &statement : m_dialect.beginWrite()) {
        if (!q.exec(statement)) {
            const Error e = sqlError(q, QStringLiteral("starting a change"));
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return e;
        }
    }
    m_inWrite = true;
    Status result = change();
    m_inWrite = false;
    if (!result) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return result;
    }
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const Error e = sqlError(q, QStringLiteral("saving the change"));
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return e;
    }
    return {};
}

QSqlQuery Workspace::query() const
{
    return QSqlQuery(QSqlDatabase::database(m_connection, false));
}

PreparedQuery Workspace::prepared(const QString &sql) const
{
    auto &entry = m_statements->bySql[sql];
    if (entry.inUse) { // nested use of the same text: this use gets its own
        auto own = std::make_unique<QSqlQuery>(query());
        own->prepare(sql);
        return PreparedQuery(std::move(own));
    }
    if (!entry.query) {
        auto fresh = std::make_unique<QSqlQuery>(query());
        if (!fresh->prepare(sql)) {
            // Not kept: the caller's exec fails and reports the error, as with query().
            m_statements->bySql.erase(sql);
            return PreparedQuery(std::move(fresh));
        }
        entry.query = std::move(fresh);
    }
    entry.inUse = true;
    return PreparedQuery(entry.query.get(), &entry.inUse);
}

Error Workspace::sqlError(const QSqlQuery &query, const QString &doing) const
{
    QString text = query.lastError().databaseText();
    if (text.isEmpty())
        text = query.lastError().text();
    if (m_dialect.engine() == SqlDialect::Engine::Postgresql) {
        // The server's text is "ERROR:  <message>", then CONTEXT lines naming the trigger
        // function, then Qt's "(SQLSTATE)": the message is what a user can act on.
        text = text.section(QLatin1Char('\n'), 0, 0).trimmed();
        if (text.startsWith(QLatin1String("ERROR:")))
            text = text.mid(6).trimmed();
    } else if (query.lastError().nativeErrorCode() == QLatin1String("13")) {
        // SQLITE_FULL: say what to do; the transaction is rolled back, so nothing saved before is lost.
        text += QStringLiteral(" (the disk is full or the workspace reached its size limit: free some space and try again; "
                               "nothing was changed and everything saved before is kept)");
    }
    return Error {QStringLiteral("%1 failed: %2").arg(doing, text), m_path};
}

} // namespace bulkhead
