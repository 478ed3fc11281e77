// Seams shared by the tests: temporary workspaces, the third-party test data folder, a fixed
// clock, byte-exact file reads, and the built binaries.
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

QByteArray readBytes(const QString &path);
void writeBytes(const QString &path, const QByteArray &bytes);

// A clock that starts at `start` and moves one second on every reading, so events are ordered
// and dates are predictable.
std::function<QDateTime()> steppingClock(const QDateTime &start);

// Opens (creating) a workspace in `dir` named `name`, failing the test if it cannot.
std::unique_ptr<Workspace> openWorkspace(const QTemporaryDir &dir, const QString &name = QStringLiteral("ws.bulkhead"),
                                         WorkspaceOptions options = {});

// Runs the sqlite3 shell on a file, as a user tampering with it would; returns its exit code.
int sqliteShell(const QString &path, const QString &sql);

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
