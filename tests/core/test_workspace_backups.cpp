// Workspace copies made with SQLite's backup API: a copy is a sound, self-contained workspace;
// the day's automatic copy is made once a day and only the newest seven are kept; a restore
// refuses a damaged copy (leaving the workspace byte for byte as it was) and keeps the
// workspace it replaces.
#include "AnswerStore.h"
#include "AuditTrail.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "TestSupport.h"
#include "WorkspaceBackups.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

using namespace bulkhead;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

// A clock the test moves by hand.
struct ManualClock {
    QDateTime now = QDateTime(QDate(2026, 11, 2), QTime(8, 0), Qt::UTC);
    std::function<QDateTime()> function()
    {
        return [this] { return now; };
    }
};

std::unique_ptr<Workspace> openWith(const QTemporaryDir &dir, ManualClock &clock)
{
    WorkspaceOptions options;
    options.actor = QStringLiteral("a.assessor");
    options.clock = clock.function();
    return test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), options);
}

std::optional<QString> answerValue(Workspace &ws, qint64 engagement, const QString &question)
{
    auto answers = AnswerStore(ws).answers(engagement);
    REQUIRE(answers.ok());
    for (const auto &a : *answers)
        if (a.questionId == question)
            return a.value;
    return std::nullopt;
}

QStringList filesIn(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

TEST_CASE("A backup is a sound, self-contained copy of the workspace", "[backups]")
{
    QTemporaryDir dir;
    ManualClock clock;
    auto ws = openWith(dir, clock);
    REQUIRE(buildDemo(*ws, library()).ok());
    auto made = WorkspaceBackups::backUp(*ws, QStringLiteral("manual"));
    INFO((made ? QString() : made.error().toString()).toStdString());
    REQUIRE(made.ok());
    CHECK(made->path == dir.filePath(QStringLiteral("ws.bulkhead.backups/20261102-080000-manual.bulkhead")));
    CHECK(made->reason == QStringLiteral("manual"));
    CHECK(made->madeAt == clock.now);
    CHECK(made->bytes == QFileInfo(made->path).size());
    CHECK(made->bytes > 100 * 1024);
    // One file: no log or partial file beside it.
    CHECK(filesIn(WorkspaceBackups::folderFor(ws->path())) == QStringList {QStringLiteral("20261102-080000-manual.bulkhead")});
    CHECK(WorkspaceBackups::unrestorableReason(made->path).isEmpty());

    // Opened as a workspace, it holds the same engagements and an intact trail.
    auto copy = Workspace::open(made->path);
    REQUIRE(copy.ok());
    CHECK(EngagementStore(**copy).list()->size() == 3);
    CHECK(AnswerStore(**copy).answers(1)->size() == AnswerStore(*ws).answers(1)->size());
    auto verified = AuditTrail(**copy).verify();
    REQUIRE(verified.ok());
    CHECK(verified->ok());
    CHECK(verified->eventsChecked == AuditTrail(*ws).verify()->eventsChecked);

    // A second copy in the same second gets its own name; a copy never overwrites a file.
    auto again = WorkspaceBackups::backUp(*ws, QStringLiteral("manual"));
    REQUIRE(again.ok());
    CHECK(QFileInfo(again->path).fileName() == QStringLiteral("20261102-080000-manual-2.bulkhead"));
    auto overwrite = WorkspaceBackups::copy(ws->path(), made->path);
    REQUIRE_FALSE(overwrite.ok());
    CHECK(overwrite.error().message == QStringLiteral("there is a file here already; a backup never overwrites one"));
}

TEST_CASE("The daily copy is made once a day and only the newest seven are kept", "[backups]")
{
    QTemporaryDir dir;
    ManualClock clock;
    auto ws = openWith(dir, clock);
    REQUIRE(buildDemo(*ws, library()).ok());
    REQUIRE(WorkspaceBackups::backUp(*ws, QStringLiteral("manual")).ok());

    auto first = WorkspaceBackups::dailyIfDue(*ws);
    REQUIRE(first.ok());
    REQUIRE(first->has_value());
    clock.now = clock.now.addSecs(23 * 3600);
    auto sameDay = WorkspaceBackups::dailyIfDue(*ws);
    REQUIRE(sameDay.ok());
    CHECK_FALSE(sameDay->has_value());
    for (int day = 0; day < 9; ++day) {
        clock.now = clock.now.addSecs(25 * 3600);
        auto made = WorkspaceBackups::dailyIfDue(*ws);
        REQUIRE(made.ok());
        CHECK(made->has_value());
    }
    auto all = WorkspaceBackups::list(ws->path());
    REQUIRE(all.ok());
    QStringList reasons;
    for (const auto &b : *all)
        reasons << b.reason;
    CHECK(reasons.count(QStringLiteral("daily")) == WorkspaceBackups::kDailyKept);
    CHECK(reasons.count(QStringLiteral("manual")) == 1);
    CHECK(all->size() == 8);
    // Newest first; the newest daily copy is the one just made.
    CHECK(all->first().madeAt == QDateTime(clock.now.date(), QTime(clock.now.time().hour(), clock.now.time().minute()), Qt::UTC));
    CHECK(all->last().reason == QStringLiteral("manual"));
}

TEST_CASE("A restore refuses a damaged copy and leaves the workspace as it was", "[backups]")
{
    QTemporaryDir dir;
    ManualClock clock;
    QString workspacePath;
    {
        auto ws = openWith(dir, clock);
        REQUIRE(buildDemo(*ws, library()).ok());
        workspacePath = ws->path();
    }
    const QByteArray before = test::readBytes(workspacePath);
    const QString bad = dir.filePath(QStringLiteral("bad.bulkhead"));
    QString expected;
    SECTION("random bytes")
    {
        test::writeBytes(bad, QByteArray(8192, '\x5a'));
        expected = QStringLiteral("is not an SQLite database (damaged, or another kind of file)");
    }
    SECTION("a truncated copy")
    {
        test::writeBytes(bad, before.left(before.size() / 3));
        expected = QStringLiteral("is damaged");
    }
    SECTION("another application's database")
    {
        REQUIRE(test::sqliteShell(bad, QStringLiteral("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")) == 0);
        expected = QStringLiteral("is an SQLite database of another application, not a Bulkhead workspace");
    }
    auto restored = WorkspaceBackups::restore(bad, workspacePath, clock.now);
    REQUIRE_FALSE(restored.ok());
    CHECK(restored.error().file == bad);
    CHECK(restored.error().message.startsWith(QStringLiteral("not restored: the backup %1").arg(expected)));
    CHECK(restored.error().message.endsWith(QStringLiteral("the workspace was left as it was")));
    CHECK(test::readBytes(workspacePath) == before);
    CHECK_FALSE(QFileInfo::exists(WorkspaceBackups::folderFor(workspacePath)));
}

TEST_CASE("A restore puts the copy back and keeps the workspace it replaced", "[backups]")
{
    QTemporaryDir dir;
    ManualClock clock;
    QString workspacePath, backup;
    const QString question = QStringLiteral("arch.host.hardening");
    QString original;
    {
        auto ws = openWith(dir, clock);
        REQUIRE(buildDemo(*ws, library()).ok());
        workspacePath = ws->path();
        original = answerValue(*ws, 3, question).value();
        auto made = WorkspaceBackups::backUp(*ws, QStringLiteral("manual"));
        REQUIRE(made.ok());
        backup = made->path;
        // Work done after the copy: the restore takes it away, the kept copy still has it.
        REQUIRE(original != QStringLiteral("no"));
        REQUIRE(AnswerStore(*ws).save(3, {question, QStringLiteral("no"), {}, {}, {}}, library()).ok());
    }
    clock.now = clock.now.addSecs(3600);
    auto restored = WorkspaceBackups::restore(backup, workspacePath, clock.now);
    INFO((restored ? QString() : restored.error().toString()).toStdString());
    REQUIRE(restored.ok());
    CHECK(restored->restoredFrom == backup);
    CHECK(restored->previousKeptAs == dir.filePath(QStringLiteral("ws.bulkhead.backups/20261102-090000-before-restore.bulkhead")));

    auto ws = Workspace::open(workspacePath);
    REQUIRE(ws.ok());
    CHECK(answerValue(**ws, 3, question) == original);
    CHECK(AuditTrail(**ws).verify()->ok());
    auto kept = Workspace::open(restored->previousKeptAs);
    REQUIRE(kept.ok());
    CHECK(answerValue(**kept, 3, question) == QStringLiteral("no"));
}
