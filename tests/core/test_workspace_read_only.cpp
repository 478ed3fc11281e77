// A workspace that cannot be written, and one on a full disk: it is still read, every change is
// refused with a message saying why, and nothing saved before is lost.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "EvidenceStore.h"
#include "StoredEngagement.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>

#include <unistd.h>

using namespace bulkhead;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

QString demoIn(const QTemporaryDir &dir)
{
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    return ws->path();
}

// Runs bulkhead-cli as a user who does not own the files: this user when it is not root (root
// may write anything), else `nobody` through runuser.
struct CliRun {
    int code = -1;
    QString out, err;
};
CliRun runAsOtherUser(const QStringList &arguments)
{
    QProcess p;
    if (::geteuid() == 0)
        p.start(QStringLiteral("runuser"), QStringList {QStringLiteral("-u"), QStringLiteral("nobody"), QStringLiteral("--"), test::cliPath()} + arguments);
    else
        p.start(test::cliPath(), arguments);
    REQUIRE(p.waitForFinished(60000));
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

TEST_CASE("A workspace opened read-only is read, and every change is refused with the reason", "[read-only]")
{
    QTemporaryDir dir;
    const QString path = demoIn(dir);
    const QByteArray before = test::readBytes(path);
    WorkspaceOptions options;
    options.readOnly = true;
    auto opened = Workspace::open(path, options);
    INFO((opened ? QString() : opened.error().toString()).toStdString());
    REQUIRE(opened.ok());
    Workspace &ws = **opened;
    CHECK(ws.isReadOnly());
    CHECK(ws.readOnlyReason() == QStringLiteral("it was opened read-only"));
    CHECK(EngagementStore(ws).list()->size() == 3);
    auto scored = loadAndScore(ws, library(), 1);
    REQUIRE(scored.ok());
    CHECK(scored->card.poam.size() == 100);

    auto saved = AnswerStore(ws).save(3, {QStringLiteral("arch.host.hardening"), QStringLiteral("no"), {}, {}, {}}, library());
    REQUIRE_FALSE(saved.ok());
    CHECK(saved.error().message.startsWith(QStringLiteral("the workspace is read-only (it was opened read-only)")));
    auto created = EngagementStore(ws).create(scored->engagement, library());
    REQUIRE_FALSE(created.ok());
    CHECK(created.error().message == QStringLiteral("the workspace is read-only (it was opened read-only); nothing was changed"));
    opened->reset();
    CHECK(test::readBytes(path) == before);
}

TEST_CASE("An older workspace cannot be opened read-only, since it would have to be upgraded", "[read-only]")
{
    QTemporaryDir dir;
    QString path;
    {
        WorkspaceOptions old;
        old.schemaVersion = 1;
        path = test::openWorkspace(dir, QStringLiteral("old.bulkhead"), old)->path();
    }
    WorkspaceOptions options;
    options.readOnly = true;
    auto opened = Workspace::open(path, options);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message
          == QStringLiteral("the workspace has an older schema (version 1) and must be upgraded, which cannot be done read-only (it was "
                            "opened read-only)"));
}

TEST_CASE("A workspace file this user may not write is opened read-only by the command line", "[read-only]")
{
    QTemporaryDir dir;
    const QString path = demoIn(dir);
    // The file and its folder readable by everyone and writable by no one (but root, who runs
    // the command as `nobody`); the permissions come back at the end so the folder can go.
    for (const char *side : {"-wal", "-shm"})
        QFile::remove(path + QLatin1String(side));
    const auto readable = QFileDevice::ReadOwner | QFileDevice::ReadOther | QFileDevice::ReadGroup;
    const auto enterable = QFileDevice::ExeOwner | QFileDevice::ExeOther | QFileDevice::ExeGroup;
    REQUIRE(QFile::setPermissions(path, readable));
    REQUIRE(QFile::setPermissions(dir.path(), readable | enterable));
    struct Restore {
        QString folder;
        ~Restore() { QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner); }
    } restore {dir.path()};
    const QByteArray before = test::readBytes(path);

    const CliRun list = runAsOtherUser({QStringLiteral("--workspace"), path, QStringLiteral("engagement"), QStringLiteral("list")});
    INFO(list.err.toStdString());
    CHECK(list.code == 0);
    CHECK(list.out.count(QLatin1Char('\n')) == 4); // the heading and three engagements
    CHECK(list.out.contains(QStringLiteral("Northwind Clinics Group")));

    const CliRun answer = runAsOtherUser(
        {QStringLiteral("--workspace"), path, QStringLiteral("answer"), QStringLiteral("3"), QStringLiteral("arch.host.hardening"), QStringLiteral("no")});
    CHECK(answer.code == 3);
    CHECK(answer.err.startsWith(QStringLiteral("bulkhead-cli: %1: the workspace is read-only (you may not write to the file or its folder, "
                                               "so it is shown as it was when opened)")
                                    .arg(path)));
    CHECK(test::readBytes(path) == before);
}

TEST_CASE("On a full disk a change fails with what to do, nothing saved before is lost, and work goes on", "[disk-full]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    const auto answersBefore = AnswerStore(*ws).answers(3)->size();
    // SQLite's own size cap fails a write exactly as a full disk does (SQLITE_FULL).
    QSqlQuery q = ws->query();
    REQUIRE(q.exec(QStringLiteral("PRAGMA page_count")));
    REQUIRE(q.next());
    const int pages = q.value(0).toInt();
    REQUIRE(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
    const QString big = dir.filePath(QStringLiteral("packet-capture.pcap"));
    QByteArray bytes(2 * 1024 * 1024, '\0');
    for (int i = 0; i < bytes.size(); ++i)
        bytes[i] = char((qint64(i) * 7919) % 251);
    test::writeBytes(big, bytes);

    auto added = EvidenceStore(*ws).add({3, big, {}, QStringLiteral("AU-2"), QDate(2026, 11, 2), {}}, library());
    REQUIRE_FALSE(added.ok());
    INFO(added.error().toString().toStdString());
    CHECK(added.error().message.contains(QStringLiteral("database or disk is full (the disk is full or the workspace reached its size limit: "
                                                        "free some space and try again; nothing was changed and everything saved before is kept)")));
    CHECK(EvidenceStore(*ws).list(3)->isEmpty());
    CHECK(AnswerStore(*ws).answers(3)->size() == answersBefore);

    // Space again: the same change goes through, and reading never stopped.
    REQUIRE(q.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
    auto retried = EvidenceStore(*ws).add({3, big, {}, QStringLiteral("AU-2"), QDate(2026, 11, 2), {}}, library());
    REQUIRE(retried.ok());
    CHECK(EvidenceStore(*ws).list(3)->size() == 1);
}
