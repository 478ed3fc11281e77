// Opening workspaces: a new one is set up durably; anything that is not a readable Bulkhead
// workspace of this version or older is refused with a clear message and left byte-for-byte
// as it was; an older one is backed up before it is upgraded. Tests tagged [sqlite] are about
// the file (its header, PRAGMAs, damaged bytes, the VACUUM INTO backup) and run on SQLite only;
// test_workspace_postgresql.cpp holds their PostgreSQL counterparts.
#include "AuditTrail.h"
#include "EngagementJson.h"
#include "EngagementStore.h"
#include "SchemaMigrations.h"
#include "TestSupport.h"
#include "Workspace.h"

#include <QFile>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

QVariant pragma(Workspace &ws, const QString &name)
{
    QSqlQuery q = ws.query();
    REQUIRE(q.exec(QStringLiteral("PRAGMA %1").arg(name)));
    REQUIRE(q.next());
    return q.value(0);
}

QString openError(const QString &path)
{
    auto opened = Workspace::open(path);
    REQUIRE_FALSE(opened.ok());
    return opened.error().toString();
}

} // namespace

TEST_CASE("A new workspace is durable, checked and versioned", "[sqlite]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    CHECK(pragma(*ws, QStringLiteral("journal_mode")).toString() == QStringLiteral("wal"));
    CHECK(pragma(*ws, QStringLiteral("foreign_keys")).toInt() == 1);
    CHECK(pragma(*ws, QStringLiteral("synchronous")).toInt() == 2); // FULL
    CHECK(pragma(*ws, QStringLiteral("busy_timeout")).toInt() == 10000);
    CHECK(pragma(*ws, QStringLiteral("application_id")).toInt() == 0x42484B44);
    CHECK(ws->schemaVersion() == schema::currentVersion());
    CHECK(schema::currentVersion() == 14);
    QSqlQuery q = ws->query();
    REQUIRE(q.exec(QStringLiteral("SELECT version FROM schema_version")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 14);
    CHECK(ws->lastUpgradeBackup().isEmpty());
}

TEST_CASE("The default workspace lives in the user's data directory")
{
    CHECK(Workspace::defaultPath().endsWith(QStringLiteral("/bulkhead/workspace.bulkhead")));
}

TEST_CASE("A file of random bytes is refused and left unchanged", "[sqlite]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("random.bulkhead"));
    QByteArray bytes(8192, '\0');
    QRandomGenerator rng(42);
    for (auto &b : bytes)
        b = static_cast<char>(rng.bounded(256));
    test::writeBytes(path, bytes);
    const QString error = openError(path);
    CHECK(error.startsWith(path + QStringLiteral(": not a Bulkhead workspace")));
    CHECK(test::readBytes(path) == bytes);
    CHECK_FALSE(QFile::exists(path + QStringLiteral("-wal")));
}

TEST_CASE("A truncated workspace is refused and left unchanged", "[sqlite]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.bulkhead"));
    {
        auto ws = test::openWorkspace(dir);
        QSqlQuery q = ws->query();
        // Enough data for several pages, so that cutting the file loses some of them.
        REQUIRE(q.exec(QStringLiteral("CREATE TABLE filler (x TEXT)")));
        for (int i = 0; i < 200; ++i)
            REQUIRE(q.exec(QStringLiteral("INSERT INTO filler VALUES ('%1')").arg(QString(500, QLatin1Char('x')))));
    }
    REQUIRE_FALSE(QFile::exists(path + QStringLiteral("-wal"))); // checkpointed on close
    const QByteArray whole = test::readBytes(path);
    REQUIRE(whole.size() > 60000);
    const QByteArray half = whole.left(whole.size() / 2);
    test::writeBytes(path, half);
    const QString error = openError(path);
    CHECK(error.startsWith(path + QStringLiteral(": ")));
    CHECK((error.contains(QStringLiteral("damaged")) || error.contains(QStringLiteral("malformed"))));
    CHECK(test::readBytes(path) == half);
}

TEST_CASE("An SQLite database of another application is refused", "[sqlite]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.db"));
    REQUIRE(test::sqliteShell(path, QStringLiteral("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello');")) == 0);
    const QByteArray before = test::readBytes(path);
    CHECK(openError(path) == path + QStringLiteral(": not a Bulkhead workspace: an SQLite database of another application"));
    CHECK(test::readBytes(path) == before);
}

TEST_CASE("A workspace from a newer Bulkhead is refused and left unchanged", "[sqlite]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.bulkhead"));
    test::openWorkspace(dir).reset();
    REQUIRE(test::sqliteShell(path, QStringLiteral("UPDATE schema_version SET version = 99; PRAGMA wal_checkpoint(TRUNCATE);")) == 0);
    const QByteArray before = test::readBytes(path);
    const QString error = openError(path);
    CHECK(
        error
        == path
            + QStringLiteral(
                ": the workspace was written by a newer Bulkhead (schema version 99; this program knows up to 14); it was left unchanged"));
    CHECK(test::readBytes(path) == before);
}

TEST_CASE("An older workspace is backed up, then upgraded one step at a time", "[sqlite]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.bulkhead"));
    WorkspaceOptions v1;
    v1.schemaVersion = 1;
    v1.clock = [] { return QDateTime(QDate(2026, 5, 4), QTime(3, 2, 1), Qt::UTC); };
    {
        auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), v1);
        CHECK(ws->schemaVersion() == 1);
        QSqlQuery q = ws->query();
        REQUIRE(q.exec(QStringLiteral("INSERT INTO workspace_setting VALUES ('organisation', 'Example Assurance LLP')")));
        // Step 1 has no approval triggers yet.
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")));
        REQUIRE(q.next());
        CHECK(q.value(0).toInt() == 0);
    }
    WorkspaceOptions later;
    later.clock = v1.clock;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), later);
    CHECK(ws->schemaVersion() == 14);
    CHECK(ws->lastUpgradeBackup() == path + QStringLiteral(".schema-1-backup-20260504-030201"));
    QSqlQuery q = ws->query();
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 33); // 12 from step 2, 4 more from step 4 (one replaced three), 2 from step 7, 5 from step 9, 4 from step
                                     // 11, 6 from step 13
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM audit_head")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 0); // no events yet
    REQUIRE(q.exec(QStringLiteral("SELECT setting_value FROM workspace_setting WHERE setting_key = 'organisation'")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == QStringLiteral("Example Assurance LLP"));

    // The backup is a complete workspace at the old version.
    WorkspaceOptions keepOld;
    keepOld.schemaVersion = 1;
    auto backup = Workspace::open(ws->lastUpgradeBackup(), keepOld);
    REQUIRE(backup.ok());
    CHECK((*backup)->schemaVersion() == 1);
    QSqlQuery b = (*backup)->query();
    REQUIRE(b.exec(QStringLiteral("SELECT version FROM schema_version")));
    REQUIRE(b.next());
    CHECK(b.value(0).toInt() == 1);
    REQUIRE(b.exec(QStringLiteral("SELECT count(*) FROM workspace_setting")));
    REQUIRE(b.next());
    CHECK(b.value(0).toInt() == 1);
}

TEST_CASE("Upgrading to step 3 records the end of an existing audit trail")
{
    QTemporaryDir dir;
    WorkspaceOptions v2;
    v2.schemaVersion = 2;
    {
        auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), v2);
        // Two events as a step-2 program wrote them.
        QString prev = QString(64, QLatin1Char('0'));
        for (int id = 1; id <= 2; ++id) {
            AuditEvent e;
            e.id = id;
            e.actor = QStringLiteral("old");
            e.occurredAt = QDateTime(QDate(2026, 1, id), QTime(8, 0), Qt::UTC);
            e.action = QStringLiteral("setting.change");
            e.entity = QStringLiteral("setting:organisation");
            e.prevHash = prev;
            e.hash = AuditTrail::computeHash(e);
            QSqlQuery q = ws->query();
            q.prepare(QStringLiteral(
                "INSERT INTO audit_event (id, actor, occurred_at, action, entity, before_state, after_state, prev_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, '', '', ?, ?)"));
            for (const QVariant &v : {QVariant(e.id), QVariant(e.actor), QVariant(toStoredTime(e.occurredAt)), QVariant(e.action),
                                      QVariant(e.entity), QVariant(e.prevHash), QVariant(e.hash)})
                q.addBindValue(v);
            REQUIRE(q.exec());
            prev = e.hash;
        }
    }
    auto ws = test::openWorkspace(dir);
    CHECK(ws->schemaVersion() == 14);
    QSqlQuery q = ws->query();
    REQUIRE(q.exec(QStringLiteral("SELECT last_id FROM audit_head")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 2);
    auto verified = AuditTrail(*ws).verify();
    REQUIRE(verified.ok());
    CHECK(verified->ok());
    CHECK(verified->eventsChecked == 2);
}

TEST_CASE("Schema files split into statements, trigger bodies kept whole")
{
    const QStringList statements = schema::splitStatements(QStringLiteral(
        "-- comment\nCREATE TABLE a (x INTEGER);\n\nCREATE TRIGGER t BEFORE INSERT ON a\nBEGIN\n    SELECT RAISE(ABORT, 'no');\nEND;\n"
        "CREATE INDEX i ON a (x);\n"));
    REQUIRE(statements.size() == 3);
    CHECK(statements.at(0) == QStringLiteral("CREATE TABLE a (x INTEGER)"));
    CHECK(statements.at(1).startsWith(QStringLiteral("CREATE TRIGGER t")));
    CHECK(statements.at(1).endsWith(QStringLiteral("END")));
    CHECK(statements.at(1).contains(QStringLiteral("RAISE(ABORT, 'no');")));
    CHECK(statements.at(2) == QStringLiteral("CREATE INDEX i ON a (x)"));
}

TEST_CASE("Schema files split into statements, PostgreSQL function bodies kept whole")
{
    const QStringList statements = schema::splitStatements(
        QStringLiteral("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n    -- a comment inside the body\n"
                       "    IF TG_OP = 'DELETE' THEN\n        RETURN OLD;\n    END IF;\n    RETURN NEW;\nEND;\n$$;\n\n"
                       "CREATE TRIGGER t BEFORE DELETE ON a\nFOR EACH ROW EXECUTE FUNCTION f();\n"
                       "CREATE FUNCTION g() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END; $$;\n"));
    REQUIRE(statements.size() == 3);
    CHECK(statements.at(0).startsWith(QStringLiteral("CREATE FUNCTION f()")));
    CHECK(statements.at(0).endsWith(QStringLiteral("END;\n$$")));
    CHECK(statements.at(0).contains(QStringLiteral("-- a comment inside the body")));
    CHECK(statements.at(0).contains(QStringLiteral("END IF;")));
    CHECK(statements.at(1) == QStringLiteral("CREATE TRIGGER t BEFORE DELETE ON a\nFOR EACH ROW EXECUTE FUNCTION f()"));
    CHECK(statements.at(2)
          == QStringLiteral("CREATE FUNCTION g() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END; $$"));
}

TEST_CASE("Upgrading to step 5 gives existing engagements an empty assessment period")
{
    QTemporaryDir dir;
    WorkspaceOptions v4;
    v4.schemaVersion = 4;
    {
        auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), v4);
        QSqlQuery q = ws->query();
        // An engagement as a step-4 program wrote it: no period columns yet.
        REQUIRE(q.exec(QStringLiteral(
            "INSERT INTO engagement (client, system_name, csp, service_model, architecture, infrastructure, impact, baseline, "
            "assessor, reviewer, status, created_at, updated_at) VALUES ('Old Client', 'Old System', 'Old CSP', 'caas', 'typical', "
            "'traditional', 'low', 'low', '', '', 'draft', '2026-01-05T08:00:00.000Z', '2026-01-05T08:00:00.000Z')")));
        CHECK_FALSE(q.exec(QStringLiteral("SELECT period_start FROM engagement")));
    }
    auto ws = test::openWorkspace(dir);
    CHECK(ws->schemaVersion() == 14);
    auto old = EngagementStore(*ws).get(1);
    REQUIRE(old.ok());
    CHECK(old->client == QStringLiteral("Old Client"));
    CHECK(old->periodStart.isNull());
    CHECK(old->periodEnd.isNull());
    // Without a period the record's JSON, and so any content hash over it, is what step 4 gave.
    const QJsonObject json = toJson(*old);
    CHECK_FALSE(json.contains(QStringLiteral("period_start")));
    CHECK_FALSE(json.contains(QStringLiteral("period_end")));

    Engagement dated = *old;
    dated.periodStart = QDate(2026, 1, 5);
    dated.periodEnd = QDate(2026, 1, 16);
    REQUIRE(EngagementStore(*ws).update(dated).ok());
    auto reread = EngagementStore(*ws).get(1);
    REQUIRE(reread.ok());
    CHECK(reread->periodStart == QDate(2026, 1, 5));
    CHECK(reread->periodEnd == QDate(2026, 1, 16));
    CHECK(toJson(*reread).value(QStringLiteral("period_end")).toString() == QStringLiteral("2026-01-16"));

    dated.periodEnd = QDate(2026, 1, 2);
    const Status backwards = EngagementStore(*ws).update(dated);
    REQUIRE_FALSE(backwards.ok());
    CHECK(backwards.error().message == QStringLiteral("the assessment period ends (2026-01-02) before it starts (2026-01-05)"));
}
