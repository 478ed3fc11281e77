#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>

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

std::unique_ptr<Workspace> openWorkspace(const QTemporaryDir &dir, const QString &name, WorkspaceOptions options)
{
    REQUIRE(dir.isValid());
    auto opened = Workspace::open(dir.filePath(name), std::move(options));
    INFO((opened ? QString() : opened.error().toString()).toStdString());
    REQUIRE(opened.ok());
    return std::move(*opened);
}

int sqliteShell(const QString &path, const QString &sql)
{
    QProcess p;
    p.start(QStringLiteral("sqlite3"), {path, sql});
    REQUIRE(p.waitForFinished(30000));
    INFO(p.readAllStandardError().toStdString());
    return p.exitCode();
}

} // namespace bulkhead::test
