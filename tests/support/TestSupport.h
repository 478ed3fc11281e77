// Seams shared by the tests: temporary workspaces (SQLite files, or fresh PostgreSQL databases
// when the store tests run on a server), the third-party test data folder, a fixed clock,
// byte-exact file reads, and the built binaries.
#pragma once

#include "Workspace.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <memory>

namespace bulkhead::test {

// ../shared/testdata beside the project root (never copied, never edited).
QString sharedTestData(const QString &relative);
// tests/data of this project.
QString projectTestData(const QString &relative);
// The project's source root.
QString sourceRoot();
// The built bulkhead-cli.
QString cliPath();
// The built desktop application.
QString guiPath();
// The writer process of the concurrency test (tests/tools/answer_writer.cpp).
QString answerWriterPath();

QByteArray readBytes(const QString &path);
void writeBytes(const QString &path, const QByteArray &bytes);

// A clock that starts at `start` and moves one second on every reading, so events are ordered
// and dates are predictable.
std::function<QDateTime()> steppingClock(const QDateTime &start);

// The engine the workspaces of this test program live on. SQLite unless the program's main()
// chose PostgreSQL (test_store_postgres), which then needs BULKHEAD_TEST_POSTGRES.
enum class Backend { Sqlite, Postgresql };
Backend backend();
void useBackend(Backend backend);
inline bool onPostgresql()
{
    return backend() == Backend::Postgresql;
}
// The server the PostgreSQL tests use: BULKHEAD_TEST_POSTGRES, a URL whose user may create
// databases (postgresql://postgres@127.0.0.1:PORT/postgres); empty when unset.
QString postgresServer();

// Where the workspace `name` in `dir` lives: the file in `dir`, or on PostgreSQL the URL of a
// database made for it on first use (the same one for the same dir and name, so a test can
// reopen it) and dropped when the test case ends, so tests running side by side never share one.
// A fixture shared by the test cases of a program (in a static QTemporaryDir) asks for one that
// lasts the whole run.
QString workspaceAddress(const QTemporaryDir &dir, const QString &name = QStringLiteral("ws.bulkhead"), bool forWholeRun = false);
// Opens (creating) the workspace `name` in `dir`, failing the test if it cannot.
std::unique_ptr<Workspace> openWorkspace(const QTemporaryDir &dir, const QString &name = QStringLiteral("ws.bulkhead"),
                                         WorkspaceOptions options = {});
// Opens a copy of the closed workspace at `source` as the workspace `name` in `dir` (a copied
// file, or a database made with the source's as its template).
std::unique_ptr<Workspace> openCopy(const QString &source, const QTemporaryDir &dir, const QString &name, WorkspaceOptions options = {});
// The workspace's tables, by name.
QStringList tableNames(Workspace &workspace);

// Runs the sqlite3 shell on a file, as a user tampering with it would; returns its exit code.
int sqliteShell(const QString &path, const QString &sql);
// Runs SQL on a workspace with its engine's own shell (sqlite3 on a file, psql on a server URL),
// past the application, as another tool or a user tampering with it would; returns the exit code.
int engineShell(const QString &workspace, const QString &sql);
// SQL whose spelling differs between the engines, for engineShell().
QString dropTriggerSql(const QString &trigger, const QString &table);
QString blobLiteral(const QByteArray &bytes);
// The triggers in the workspace's database.
int triggerCount(Workspace &workspace);

} // namespace bulkhead::test

// Failed comparisons print Qt strings as text, not as lists of unprintable characters.
namespace Catch {
template<> struct StringMaker<QString> {
    static std::string convert(const QString &value) { return '"' + value.toStdString() + '"'; }
};
template<> struct StringMaker<QStringList> {
    static std::string convert(const QStringList &value) { return '[' + value.join(QStringLiteral(", ")).toStdString() + ']'; }
};
} // namespace Catch
