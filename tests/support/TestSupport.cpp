#include "TestSupport.h"

#include "TestDatabases.h"
#include "WorkspaceLocation.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>

#include <catch2/catch.hpp>

namespace bulkhead::test {

QString sourceRoot()
{
    return QStringLiteral(BULKHEAD_SOURCE_DIR);
}

QString sharedTestData(const QString &relative)
{
    return QDir(sourceRoot() + QStringLiteral("/../shared/testdata")).absoluteFilePath(relative);
}

QString projectTestData(const QString &relative)
{
    return sourceRoot() + QStringLiteral("/tests/data/") + relative;
}

QString cliPath()
{
    return QStringLiteral(BULKHEAD_CLI_PATH);
}

QString guiPath()
{
    return QStringLiteral(BULKHEAD_GUI_PATH);
}

QString answerWriterPath()
{
    return QStringLiteral(BULKHEAD_ANSWER_WRITER_PATH);
}

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(f.write(bytes) == bytes.size());
}

std::function<QDateTime()> steppingClock(const QDateTime &start)
{
    auto next = std::make_shared<QDateTime>(start);
    return [next] {
        const QDateTime now = *next;
        *next = next->addSecs(1);
        return now;
    };
}

namespace {

Backend g_backend = Backend::Sqlite;

} // namespace

Backend backend()
{
    return g_backend;
}

void useBackend(Backend backend)
{
    g_backend = backend;
}

QString postgresServer()
{
    return qEnvironmentVariable("BULKHEAD_TEST_POSTGRES");
}

QString workspaceAddress(const QTemporaryDir &dir, const QString &name, bool forWholeRun)
{
    REQUIRE(dir.isValid());
    if (!onPostgresql())
        return dir.filePath(name);
    return testDatabaseFor(dir.filePath(name), forWholeRun ? DatabaseLifetime::TestRun : DatabaseLifetime::TestCase);
}

namespace {

std::unique_ptr<Workspace> openAt(const QString &address, WorkspaceOptions options)
{
    auto opened = Workspace::open(address, std::move(options));
    INFO((opened ? QString() : opened.error().toString()).toStdString());
    REQUIRE(opened.ok());
    // A PostgreSQL test that quietly ran on a file would prove nothing about the server.
    REQUIRE(((*opened)->dialect().engine() == SqlDialect::Engine::Postgresql) == onPostgresql());
    return std::move(*opened);
}

} // namespace

std::unique_ptr<Workspace> openWorkspace(const QTemporaryDir &dir, const QString &name, WorkspaceOptions options)
{
    return openAt(workspaceAddress(dir, name), std::move(options));
}

std::unique_ptr<Workspace> openCopy(const QString &source, const QTemporaryDir &dir, const QString &name, WorkspaceOptions options)
{
    REQUIRE(dir.isValid());
    if (onPostgresql())
        return openAt(testDatabaseFor(dir.filePath(name), DatabaseLifetime::TestCase, source), std::move(options));
    REQUIRE(QFile::copy(source, dir.filePath(name)));
    return openAt(dir.filePath(name), std::move(options));
}

QStringList tableNames(Workspace &workspace)
{
    QSqlQuery q = workspace.query();
    REQUIRE(q.exec(workspace.dialect().engine() == SqlDialect::Engine::Postgresql
                       ? QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
                       : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")));
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    return names;
}

int sqliteShell(const QString &path, const QString &sql)
{
    QProcess p;
    p.start(QStringLiteral("sqlite3"), {path, sql});
    REQUIRE(p.waitForFinished(30000));
    INFO(p.readAllStandardError().toStdString());
    return p.exitCode();
}

int engineShell(const QString &workspace, const QString &sql)
{
    if (!WorkspaceLocation::isServerUrl(workspace))
        return sqliteShell(workspace, sql);
    QProcess p;
    // -X: no ~/.psqlrc; several statements in one -c run in one transaction, all or nothing.
    p.start(QStringLiteral("psql"),
            {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"),
             workspace, QStringLiteral("-c"), sql});
    REQUIRE(p.waitForFinished(30000));
    INFO(p.readAllStandardError().toStdString());
    return p.exitCode();
}

QString dropTriggerSql(const QString &trigger, const QString &table)
{
    return onPostgresql() ? QStringLiteral("DROP TRIGGER %1 ON %2").arg(trigger, table) : QStringLiteral("DROP TRIGGER %1").arg(trigger);
}

QString blobLiteral(const QByteArray &bytes)
{
    const QString hex = QString::fromLatin1(bytes.toHex());
    return onPostgresql() ? QStringLiteral("'\\x%1'::bytea").arg(hex) : QStringLiteral("X'%1'").arg(hex);
}

int triggerCount(Workspace &workspace)
{
    QSqlQuery q = workspace.query();
    REQUIRE(q.exec(
        workspace.dialect().engine() == SqlDialect::Engine::Postgresql
            ? QStringLiteral("SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                             "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = current_schema()")
            : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")));
    REQUIRE(q.next());
    return q.value(0).toInt();
}

} // namespace bulkhead::test
