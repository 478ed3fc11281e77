// The harness of the bulkhead-cli tests: a sandbox folder per test in which the built binary
// runs against its own workspace, and small helpers to read what it left behind.
#pragma once

#include "TestSupport.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace cli_test {

using namespace bulkhead::test;

struct Run {
    int code = -1;
    QString out;
    QString err;
};

// True if `text` is exactly one non-empty line ending in a newline.
inline bool isOneLine(const QString &text)
{
    return text.size() > 1 && text.endsWith(u'\n') && text.count(u'\n') == 1;
}

// A temporary folder holding the workspace. The CLI runs with BULKHEAD_USER=tester and with
// XDG_DATA_HOME inside the folder, so the user's own content folder never leaks in.
class Sandbox {
public:
    Sandbox() { REQUIRE(m_dir.isValid()); }

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString workspace() const { return path(u"ws.bulkhead"_s); }

    // bulkhead-cli --workspace <ws> args...
    Run cli(const QStringList &args) const { return run(QStringList {u"--workspace"_s, workspace()} + args); }

    // bulkhead-cli args... (no workspace option added)
    Run run(const QStringList &arguments) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"BULKHEAD_USER"_s, u"tester"_s);
        env.insert(u"XDG_DATA_HOME"_s, path(u"xdg"_s));
        p.setProcessEnvironment(env);
        p.start(cliPath(), arguments);
        INFO("bulkhead-cli " << arguments.join(u' ').toStdString());
        REQUIRE(p.waitForStarted(10000));
        REQUIRE(p.waitForFinished(60000));
        REQUIRE(p.exitStatus() == QProcess::NormalExit);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    // Runs a command that must succeed and parses its stdout as JSON.
    QJsonDocument json(const QStringList &args) const
    {
        const Run r = cli(args);
        INFO(r.err.toStdString());
        REQUIRE(r.code == 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        INFO(error.errorString().toStdString());
        REQUIRE(error.error == QJsonParseError::NoError);
        return doc;
    }

    // A workspace with the demo engagements in it.
    void demo() const
    {
        const Run r = cli({u"demo"_s});
        INFO(r.err.toStdString());
        REQUIRE(r.code == 0);
        REQUIRE(r.out == u"1\n2\n3\n"_s);
    }

private:
    QTemporaryDir m_dir;
};

// Runs one statement with the sqlite3 shell and returns its trimmed output.
inline QString sqliteQuery(const QString &path, const QString &sql)
{
    QProcess p;
    p.start(u"sqlite3"_s, {path, sql});
    REQUIRE(p.waitForFinished(30000));
    INFO(p.readAllStandardError().toStdString());
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

inline int auditEventCount(const QString &workspace)
{
    return sqliteQuery(workspace, u"SELECT count(*) FROM audit_event"_s).toInt();
}

inline QJsonObject withId(const QJsonArray &array, const QString &id)
{
    for (const auto &v : array) {
        if (v.toObject().value(u"id"_s).toString() == id)
            return v.toObject();
    }
    FAIL("no entry with id " << id.toStdString());
    return {};
}

inline const QStringList kLevels = {u"very_low"_s, u"low"_s, u"moderate"_s, u"high"_s, u"very_high"_s};

} // namespace cli_test
