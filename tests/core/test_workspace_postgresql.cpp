// A team workspace on PostgreSQL: set up as durably as a file, identified as Bulkhead's without a
// file header, upgraded without a file backup, frozen by the database's own triggers (TRUNCATE
// too), usable from bulkhead-cli by URL, and holding exactly what SQLite holds: the same audit
// chain and content hash for the same work. Tagged [postgresql]: only test_store_postgres runs
// them (test_main_store.cpp). The URL tests need no server and run in both programs.
#include "AnswerStore.h"
#include "AuditTrail.h"
#include "ContentLibrary.h"
#include "EngagementStore.h"
#include "EvidenceStore.h"
#include "SchemaMigrations.h"
#include "TestSupport.h"
#include "WorkspaceLocation.h"
#include "WorkspaceSettings.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlError>
#include <QSqlQuery>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

WorkspaceOptions fixedOptions()
{
    WorkspaceOptions o;
    o.actor = QStringLiteral("r.okafor");
    o.clock = test::steppingClock(QDateTime(QDate(2026, 4, 14), QTime(8, 30), Qt::UTC));
    return o;
}

QVariant scalar(Workspace &ws, const QString &sql)
{
    QSqlQuery q = ws.query();
    INFO(sql.toStdString());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0);
}

QString openError(const QString &address)
{
    auto opened = Workspace::open(address);
    REQUIRE_FALSE(opened.ok());
    return opened.error().toString();
}

// One engagement worked from creation to approval: answers with Unicode notes and a multiple
// choice, an override, binary evidence, a non-default POA&M setting the approval freezes.
qint64 scriptEngagement(Workspace &ws, const QString &evidenceFile)
{
    Engagement e;
    e.client = QStringLiteral("Nordlicht Versicherung AG — Zürich");
    e.system = QStringLiteral("Claims API");
    e.csp = QStringLiteral("Google Cloud Run");
    e.architecture = QStringLiteral("hybrid");
    e.infrastructure = QStringLiteral("hyperconverged");
    e.impact = QStringLiteral("high");
    e.assessor = QStringLiteral("Ruth Okafor");
    e.periodStart = QDate(2026, 4, 13);
    e.periodEnd = QDate(2026, 4, 24);
    auto id = EngagementStore(ws).create(e, library());
    INFO((id ? QString() : id.error().toString()).toStdString());
    REQUIRE(id.ok());
    AnswerStore answers(ws);
    const QList<AnswerInput> given = {
        {QStringLiteral("arch.platform.model"), QStringLiteral("hybrid"), QStringLiteral("VMs per tenant; «strict» isolation"),
         QStringLiteral("interview"), QStringLiteral("Jürgen Weiß")},
        {QStringLiteral("arch.host.hardening"),
         QStringLiteral("partial"),
         QStringLiteral("CIS L1 on 7 of 9 nodes — 2 pending"),
         QStringLiteral("examine"),
         {}},
        {QStringLiteral("arch.infrastructure.storage_attachment"), QStringLiteral("iscsi,nfs"), {}, QStringLiteral("test"), {}},
        {QStringLiteral("arch.host.hardening"), QStringLiteral("yes"), QStringLiteral("all 9 nodes 🛡"), QStringLiteral("examine"), {}},
    };
    for (const auto &input : given) {
        auto saved = answers.save(*id, input, library());
        INFO((saved ? QString() : saved.error().toString()).toStdString());
        REQUIRE(saved.ok());
    }
    REQUIRE(answers
                .setRiskOverride({*id,
                                  QStringLiteral("risk.access_control"),
                                  Level::Low,
                                  std::nullopt,
                                  QStringLiteral("Rootless engine verified on all nodes."),
                                  {},
                                  {}},
                                 library())
                .ok());
    QByteArray bytes("%PDF-1.7\n", 9);
    for (int b = 0; b < 256; ++b)
        bytes.append(static_cast<char>(b)); // every byte value, NUL included, through BLOB and bytea
    test::writeBytes(evidenceFile, bytes);
    auto attached
        = EvidenceStore(ws).add({*id, evidenceFile, {}, QStringLiteral("SC-7"), QDate(2026, 4, 15), QDate(2027, 4, 15)}, library());
    INFO((attached ? QString() : attached.error().toString()).toStdString());
    REQUIRE(attached.ok());
    REQUIRE(WorkspaceSettings(ws).set(QStringLiteral("poam.due_days.high"), QStringLiteral("14")).ok());
    REQUIRE(EngagementStore(ws).submit(*id).ok());
    REQUIRE(EngagementStore(ws).approve(*id).ok());
    return *id;
}

struct CliRun {
    int code = -1;
    QString out;
    QString err;
};

CliRun cli(const QString &workspace, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("BULKHEAD_USER"), QStringLiteral("tester"));
    p.setProcessEnvironment(env);
    p.start(test::cliPath(), QStringList {QStringLiteral("--workspace"), workspace} + args);
    INFO("bulkhead-cli " << args.join(QLatin1Char(' ')).toStdString());
    REQUIRE(p.waitForFinished(60000));
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

TEST_CASE("A workspace URL is read into server, user and database, and never shows its password")
{
    auto where
        = WorkspaceLocation::parse(QStringLiteral("postgresql://auditor:s%40cret@db.example.net:6543/bulkhead_team?sslmode=require"));
    REQUIRE(where.ok());
    CHECK(where->engine == SqlDialect::Engine::Postgresql);
    CHECK(where->host == QStringLiteral("db.example.net"));
    CHECK(where->port == 6543);
    CHECK(where->user == QStringLiteral("auditor"));
    CHECK(where->password == QStringLiteral("s@cret"));
    CHECK(where->database == QStringLiteral("bulkhead_team"));
    CHECK(where->display == QStringLiteral("postgresql://auditor@db.example.net:6543/bulkhead_team?sslmode=require"));
    CHECK(where->connectOptions == QStringLiteral("application_name=bulkhead;sslmode=require;connect_timeout=10"));

    auto file = WorkspaceLocation::parse(QStringLiteral("/home/ruth/team.bulkhead"));
    REQUIRE(file.ok());
    CHECK(file->engine == SqlDialect::Engine::Sqlite);
    CHECK(file->database == QStringLiteral("/home/ruth/team.bulkhead"));

    auto noDatabase = WorkspaceLocation::parse(QStringLiteral("postgres://auditor:pw@db.example.net:5432/"));
    REQUIRE_FALSE(noDatabase.ok());
    CHECK(noDatabase.error().toString()
          == QStringLiteral(
              "postgres://auditor@db.example.net:5432/: the URL names no database; write it as postgresql://USER@HOST:PORT/DATABASE"));
    auto badPort = WorkspaceLocation::parse(QStringLiteral("postgresql://auditor:hunter2@db.example.net:http/x"));
    REQUIRE_FALSE(badPort.ok());
    CHECK(badPort.error().file == QStringLiteral("postgresql://…@db.example.net:http/x"));
    CHECK(badPort.error().message
          == QStringLiteral(
              "not a PostgreSQL workspace URL (postgresql://USER@HOST:PORT/DATABASE): Invalid port or port number out of range"));
    CHECK_FALSE(badPort.error().toString().contains(QStringLiteral("hunter2")));
}

TEST_CASE("A server that does not answer is named in the error, without the password")
{
    // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
    const QString error = openError(QStringLiteral("postgresql://auditor:hunter2@127.0.0.1:1/team"));
    CHECK(error.startsWith(QStringLiteral("postgresql://auditor@127.0.0.1:1/team: cannot open the workspace: ")));
    CHECK(error.contains(QStringLiteral("Connection refused")));
    CHECK_FALSE(error.contains(QStringLiteral("hunter2")));
}

TEST_CASE("A new PostgreSQL workspace is durable, checked and versioned", "[postgresql]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    CHECK(ws->dialect().engine() == SqlDialect::Engine::Postgresql);
    CHECK(ws->path().startsWith(QStringLiteral("postgresql://postgres@127.0.0.1:")));
    CHECK(scalar(*ws, QStringLiteral("SHOW synchronous_commit")).toString() == QStringLiteral("on"));
    CHECK(scalar(*ws, QStringLiteral("SHOW lock_timeout")).toString() == QStringLiteral("10s"));
    CHECK(scalar(*ws, QStringLiteral("SELECT application_id FROM workspace_identity")).toInt() == 0x42484B44);
    CHECK(scalar(*ws, QStringLiteral("SELECT count(*) FROM workspace_identity")).toInt() == 1);
    CHECK(scalar(*ws, QStringLiteral("SELECT version FROM schema_version")).toInt() == 14);
    CHECK(ws->schemaVersion() == schema::currentVersion());
    // SQLite's 33 row triggers, and 14 that refuse TRUNCATE of the tables they guard.
    CHECK(test::triggerCount(*ws) == 47);
    // The test database sorts by ICU English; Bulkhead's text columns sort byte by byte.
    CHECK(scalar(*ws, QStringLiteral("SELECT datlocprovider FROM pg_database WHERE datname = current_database()")).toString()
          == QStringLiteral("i"));
    CHECK(scalar(*ws,
                 QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND "
                                "data_type = 'text' AND collation_name IS DISTINCT FROM 'C'"))
              .toInt()
          == 0);
    CHECK(scalar(*ws,
                 QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND "
                                "data_type = 'text'"))
              .toInt()
          == 93); // every TEXT column of core/schema/common
    CHECK(ws->lastUpgradeBackup().isEmpty());
}

TEST_CASE("A PostgreSQL database of another application is refused and left unchanged", "[postgresql]")
{
    QTemporaryDir dir;
    const QString url = test::workspaceAddress(dir);
    REQUIRE(test::engineShell(url, QStringLiteral("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('hello');")) == 0);
    CHECK(openError(url) == url + QStringLiteral(": not a Bulkhead workspace: a PostgreSQL database of another application"));
    auto reopened = Workspace::open(url);
    REQUIRE_FALSE(reopened.ok());
    // Still only the one table, with its one row: nothing was created or stamped.
    QProcess psql;
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-X"), QStringLiteral("-At"), QStringLiteral("-d"), url, QStringLiteral("-c"),
                QStringLiteral("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'")});
    REQUIRE(psql.waitForFinished(30000));
    CHECK(QString::fromUtf8(psql.readAllStandardOutput()).trimmed() == QStringLiteral("notes"));
}

TEST_CASE("A PostgreSQL workspace from a newer Bulkhead is refused and left unchanged", "[postgresql]")
{
    QTemporaryDir dir;
    const QString url = test::workspaceAddress(dir);
    test::openWorkspace(dir).reset();
    REQUIRE(test::engineShell(url, QStringLiteral("UPDATE schema_version SET version = 99")) == 0);
    CHECK(
        openError(url)
        == url
            + QStringLiteral(
                ": the workspace was written by a newer Bulkhead (schema version 99; this program knows up to 14); it was left unchanged"));
    REQUIRE(test::engineShell(url,
                              QStringLiteral("DO $$ BEGIN IF (SELECT version FROM schema_version) <> 99 THEN RAISE EXCEPTION "
                                             "'changed'; END IF; END $$"))
            == 0);
}

TEST_CASE("An older PostgreSQL workspace is upgraded one step at a time, without a file backup", "[postgresql]")
{
    QTemporaryDir dir;
    WorkspaceOptions v1;
    v1.schemaVersion = 1;
    {
        auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), v1);
        CHECK(ws->schemaVersion() == 1);
        QSqlQuery q = ws->query();
        REQUIRE(q.exec(QStringLiteral("INSERT INTO workspace_setting VALUES ('organisation', 'Example Assurance LLP')")));
        CHECK(test::triggerCount(*ws) == 0); // step 1 has no approval triggers yet
    }
    auto ws = test::openWorkspace(dir);
    CHECK(ws->schemaVersion() == 14);
    // The server's operators back it up (pg_dump); there is no file to copy beside it.
    CHECK(ws->lastUpgradeBackup().isEmpty());
    CHECK(test::triggerCount(*ws) == 47);
    CHECK(scalar(*ws, QStringLiteral("SELECT count(*) FROM audit_head")).toInt() == 0);
    CHECK(scalar(*ws, QStringLiteral("SELECT setting_value FROM workspace_setting WHERE setting_key = 'organisation'")).toString()
          == QStringLiteral("Example Assurance LLP"));
}

TEST_CASE("PostgreSQL refuses direct UPDATE, DELETE and TRUNCATE of an approved engagement's records", "[postgresql]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), fixedOptions());
    const qint64 id = scriptEngagement(*ws, dir.filePath(QStringLiteral("rules.pdf")));
    REQUIRE(id == 1);

    // Through a plain connection, past the stores: the server's own message comes back.
    auto refused = [&](const QString &sql) {
        QSqlQuery q = ws->query();
        INFO(sql.toStdString());
        CHECK_FALSE(q.exec(sql));
        return q.lastError().databaseText().section(QLatin1Char('\n'), 0, 0);
    };
    const QString frozen = QStringLiteral("ERROR:  engagement is approved and cannot be changed");
    CHECK(refused(QStringLiteral("UPDATE answer SET answer_value = 'no' WHERE engagement_id = 1")) == frozen);
    CHECK(refused(QStringLiteral("DELETE FROM answer WHERE engagement_id = 1")) == frozen);
    CHECK(refused(QStringLiteral("UPDATE engagement SET client = 'x' WHERE id = 1")) == frozen);
    CHECK(refused(QStringLiteral("DELETE FROM evidence WHERE engagement_id = 1")) == frozen);
    CHECK(refused(QStringLiteral("UPDATE risk_adjustment SET rationale = 'none' WHERE engagement_id = 1")) == frozen);
    CHECK(refused(QStringLiteral("DELETE FROM engagement_catalogue WHERE engagement_id = 1")) == frozen);
    CHECK(refused(QStringLiteral("UPDATE audit_event SET actor = 'mallory' WHERE id = 3"))
          == QStringLiteral("ERROR:  the audit trail is append-only"));
    CHECK(refused(QStringLiteral("TRUNCATE answer"))
          == QStringLiteral("ERROR:  answers are removed one by one, so that the approval freeze can check each"));
    CHECK(refused(QStringLiteral("TRUNCATE audit_event, audit_head")) == QStringLiteral("ERROR:  the audit trail is append-only"));
    CHECK(refused(QStringLiteral("TRUNCATE engagement CASCADE"))
          == QStringLiteral("ERROR:  engagements are removed one by one, so that the approval freeze can check each"));
    // And with psql, as another tool would.
    CHECK(test::engineShell(ws->path(), QStringLiteral("UPDATE answer SET note = 'edited' WHERE engagement_id = 1")) != 0);
    CHECK(test::engineShell(ws->path(), QStringLiteral("DELETE FROM answer")) != 0);
    CHECK(scalar(*ws, QStringLiteral("SELECT count(*) FROM answer")).toInt() == 3);
    auto verified = AuditTrail(*ws).verify();
    REQUIRE(verified.ok());
    CHECK(verified->ok());
    CHECK(verified->eventsChecked == 20);

    // A store's refusal reads as one line, without the server's CONTEXT lines.
    QSqlQuery q = ws->query();
    REQUIRE_FALSE(q.exec(QStringLiteral("DELETE FROM answer")));
    CHECK(ws->sqlError(q, QStringLiteral("removing answers")).toString()
          == ws->path() + QStringLiteral(": removing answers failed: engagement is approved and cannot be changed"));

    // Reopening is the one change allowed.
    CHECK(test::engineShell(ws->path(), QStringLiteral("UPDATE engagement SET status = 'draft' WHERE id = 1")) == 0);
}

TEST_CASE("The same work hashes the same on PostgreSQL as on SQLite, event by event", "[postgresql]")
{
    QTemporaryDir dir;
    auto onServer = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), fixedOptions());
    auto inFile = Workspace::open(dir.filePath(QStringLiteral("same-work.bulkhead")), fixedOptions());
    REQUIRE(inFile.ok());
    REQUIRE((*inFile)->dialect().engine() == SqlDialect::Engine::Sqlite);
    const qint64 a = scriptEngagement(*onServer, dir.filePath(QStringLiteral("rules.pdf")));
    const qint64 b = scriptEngagement(**inFile, dir.filePath(QStringLiteral("rules.pdf")));
    REQUIRE(a == b);

    auto serverHash = EngagementStore(*onServer).contentHash(a);
    auto fileHash = EngagementStore(**inFile).contentHash(b);
    REQUIRE(serverHash.ok());
    REQUIRE(fileHash.ok());
    CHECK(serverHash->size() == 64);
    CHECK(*serverHash == *fileHash);
    CHECK(EngagementStore(*onServer).get(a)->approvedContentHash == *serverHash);

    auto serverEvents = AuditTrail(*onServer).events();
    auto fileEvents = AuditTrail(**inFile).events();
    REQUIRE(serverEvents.ok());
    REQUIRE(fileEvents.ok());
    REQUIRE(serverEvents->size() == 20); // create, 7 + 3 pins, 4 answers, override, evidence, setting, submit, approve
    REQUIRE(fileEvents->size() == serverEvents->size());
    for (qsizetype i = 0; i < serverEvents->size(); ++i) {
        INFO("event " << i + 1);
        CHECK(serverEvents->at(i).hash == fileEvents->at(i).hash);
        CHECK(serverEvents->at(i).after == fileEvents->at(i).after);
    }
    auto answers = AnswerStore(*onServer).answers(a);
    REQUIRE(answers.ok());
    REQUIRE(answers->size() == 3);
    CHECK(answers->at(0).questionId == QStringLiteral("arch.host.hardening"));
    CHECK(answers->at(0).revision == 2);
    CHECK(answers->at(0).note == QStringLiteral("all 9 nodes 🛡"));
    auto evidence = EvidenceStore(*onServer).list(a);
    REQUIRE(evidence.ok());
    REQUIRE(evidence->size() == 1);
    auto bytes = EvidenceStore(*onServer).content(evidence->first());
    REQUIRE(bytes.ok());
    CHECK(*bytes == test::readBytes(dir.filePath(QStringLiteral("rules.pdf"))));
    CHECK(bytes->size() == 265);
}

TEST_CASE("bulkhead-cli works a team workspace by URL, and audit verify passes until a record is forged", "[postgresql]")
{
    QTemporaryDir dir;
    const QString url = test::workspaceAddress(dir);
    auto run = [&](const QStringList &args) {
        const CliRun r = cli(url, args);
        INFO(r.err.toStdString());
        CHECK(r.code == 0);
        return r.out;
    };
    CHECK(run({QStringLiteral("engagement"), QStringLiteral("new"), QStringLiteral("--client"), QStringLiteral("Example Health"),
               QStringLiteral("--system"), QStringLiteral("Claims API"), QStringLiteral("--csp"), QStringLiteral("Amazon ECS"),
               QStringLiteral("--architecture"), QStringLiteral("typical")})
          == QStringLiteral("1\n"));
    CHECK(run({QStringLiteral("answer"), QStringLiteral("1"), QStringLiteral("arch.host.hardening"), QStringLiteral("partial"),
               QStringLiteral("--method"), QStringLiteral("examine")})
          == QStringLiteral("saved arch.host.hardening = partial (partial), revision 1\n"));
    CHECK(run({QStringLiteral("answer"), QStringLiteral("1"), QStringLiteral("arch.host.hardening"), QStringLiteral("yes")})
          == QStringLiteral("saved arch.host.hardening = yes (implemented), revision 2\n"));
    CHECK(run({QStringLiteral("answer"), QStringLiteral("1"), QStringLiteral("arch.host.patching"), QStringLiteral("no")})
          == QStringLiteral("saved arch.host.patching = no (not_implemented), revision 1\n"));
    run({QStringLiteral("risk"), QStringLiteral("override"), QStringLiteral("1"), QStringLiteral("risk.access_control"),
         QStringLiteral("--likelihood"), QStringLiteral("low"), QStringLiteral("--rationale"), QStringLiteral("Rootless engine.")});
    const QString file = dir.filePath(QStringLiteral("firewall.csv"));
    test::writeBytes(file, "rule,port\nallow,443\n");
    run({QStringLiteral("evidence"), QStringLiteral("add"), QStringLiteral("1"), file, QStringLiteral("--control"),
         QStringLiteral("SC-7")});
    run({QStringLiteral("workflow"), QStringLiteral("1"), QStringLiteral("submit")});
    run({QStringLiteral("workflow"), QStringLiteral("1"), QStringLiteral("approve")});
    // create, 7 questionnaire and 3 catalogue pins, 3 answers, override, evidence, submit, approve
    CHECK(run({QStringLiteral("audit"), QStringLiteral("verify")}) == QStringLiteral("audit trail intact: 18 event(s) checked\n"));

    const CliRun frozen
        = cli(url, {QStringLiteral("answer"), QStringLiteral("1"), QStringLiteral("arch.host.patching"), QStringLiteral("yes")});
    CHECK(frozen.code == 3);
    CHECK(frozen.err
          == QStringLiteral("bulkhead-cli: %1: engagement 1 is approved and cannot be changed; reopen it with a reason first\n").arg(url));

    // The database's owner can switch the triggers off; the trail still shows the forgery.
    REQUIRE(test::engineShell(url,
                              QStringLiteral("ALTER TABLE answer DISABLE TRIGGER USER; UPDATE answer SET answer_value = 'yes', "
                                             "implementation_status = 'implemented' WHERE question_id = 'arch.host.patching'"))
            == 0);
    const CliRun broken = cli(url, {QStringLiteral("audit"), QStringLiteral("verify")});
    CHECK(broken.code == 1);
    CHECK(broken.out
          == QStringLiteral("audit trail BROKEN: the answer engagement:1/answer:arch.host.patching differs from the last audit event that "
                            "changed it\n"));
}

TEST_CASE("bulkhead-cli names a team workspace whose database does not exist", "[postgresql]")
{
    QTemporaryDir dir;
    QString url = test::workspaceAddress(dir);
    url.append(QStringLiteral("_missing"));
    const CliRun r = cli(url, {QStringLiteral("engagement"), QStringLiteral("list")});
    CHECK(r.code == 3);
    CHECK(r.out.isEmpty());
    CHECK(r.err.startsWith(QStringLiteral("bulkhead-cli: %1: cannot open the workspace: ").arg(url)));
    CHECK(r.err.contains(QStringLiteral("does not exist")));
    CHECK(r.err.count(QLatin1Char('\n')) == 1);
}

TEST_CASE("bulkhead, the desktop application, opens a team workspace by URL and fills it with the demo", "[postgresql]")
{
    QTemporaryDir dir;
    const QString url = test::workspaceAddress(dir);
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    gui.setProcessEnvironment(env);
    gui.start(test::guiPath(), {QStringLiteral("--workspace"), url, QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("png"))});
    REQUIRE(gui.waitForFinished(180000));
    INFO(gui.readAllStandardError().toStdString());
    CHECK(gui.exitCode() == 0);
    CHECK(QString::fromLocal8Bit(gui.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts).size() == 7);
    auto ws = Workspace::open(url);
    REQUIRE(ws.ok());
    auto engagements = EngagementStore(**ws).list();
    REQUIRE(engagements.ok());
    REQUIRE(engagements->size() == 3);
    CHECK(engagements->at(0).status == EngagementStatus::Approved);
    auto verified = AuditTrail(**ws).verify();
    REQUIRE(verified.ok());
    INFO(verified->problem.toStdString());
    CHECK(verified->ok());
}
