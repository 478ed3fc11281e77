// Scanner imports into a workspace: every real file in ../shared/testdata becomes exactly as many
// observation rows as an independent walk of its JSON counts, kept once as evidence, linked
// through the scanner mapping and audited; a broken file or an approved engagement changes
// nothing; answers are proposed from the observations' statuses and saved only when accepted,
// with a note naming the observations and the answer they replace.
#include "AnswerStore.h"
#include "AuditTrail.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EvidenceStore.h"
#include "ScanImport.h"
#include "ScannerMapping.h"
#include "TestSupport.h"
#include "scan/CheckIds.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSqlQuery>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

constexpr qint64 kApproved = 1; // demo: Harbourline 2025
constexpr qint64 kDraft = 3; // demo: Northwind Clinics, a draft

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

WorkspaceOptions options()
{
    WorkspaceOptions o;
    o.actor = QStringLiteral("a.assessor");
    o.clock = test::steppingClock(QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC));
    return o;
}

// The demo is built once and copied for each test: replaying it takes a while.
QString demoTemplate()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        REQUIRE(dir.isValid());
        auto ws = Workspace::open(test::workspaceAddress(dir, QStringLiteral("demo.bulkhead"), true), options());
        REQUIRE(ws.ok());
        auto ids = buildDemo(**ws, library());
        REQUIRE(ids.ok());
        REQUIRE(*ids == QList<qint64> {1, 2, 3});
        return (*ws)->path(); // closed on return, so it can be copied
    }();
    return path;
}

std::unique_ptr<Workspace> demoCopy(const QTemporaryDir &dir)
{
    return test::openCopy(demoTemplate(), dir, QStringLiteral("ws.bulkhead"), options());
}

// Rows of every table: what "nothing changed" means.
QMap<QString, int> tableCounts(Workspace &ws)
{
    QSqlQuery q = ws.query();
    QMap<QString, int> counts;
    for (const QString &t : test::tableNames(ws)) {
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(t)));
        REQUIRE(q.next());
        counts.insert(t, q.value(0).toInt());
    }
    return counts;
}

int count(Workspace &ws, const QString &sql)
{
    QSqlQuery q = ws.query();
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toInt();
}

QJsonDocument jsonOf(const QString &path)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(test::readBytes(path), &error);
    REQUIRE(error.error == QJsonParseError::NoError);
    return doc;
}

// Results in a file, counted straight down each format's documented shape.
int resultsIn(ScanTool tool, const QJsonDocument &doc)
{
    int n = 0;
    const auto arrayOf = [](const QJsonValue &v, const char *key) { return v.toObject().value(QLatin1String(key)).toArray(); };
    switch (tool) {
    case ScanTool::KubeBench:
        for (const auto &control : doc.isObject() ? doc.object().value(QLatin1String("Controls")).toArray() : doc.array())
            for (const auto &group : arrayOf(control, "tests"))
                n += static_cast<int>(arrayOf(group, "results").size());
        break;
    case ScanTool::DockerBench:
        for (const auto &section : doc.object().value(QLatin1String("tests")).toArray())
            n += static_cast<int>(arrayOf(section, "results").size());
        break;
    case ScanTool::Trivy:
        for (const auto &result : doc.object().value(QLatin1String("Results")).toArray())
            for (const char *kind : {"Vulnerabilities", "Misconfigurations", "Secrets"})
                n += static_cast<int>(arrayOf(result, kind).size());
        break;
    case ScanTool::Sarif:
        for (const auto &run : doc.object().value(QLatin1String("runs")).toArray())
            n += static_cast<int>(arrayOf(run, "results").size());
        break;
    }
    return n;
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// "question=value,question=value" of the proposals, sorted.
QString proposalsText(const QList<AnswerProposal> &proposals)
{
    QStringList parts;
    for (const auto &p : proposals)
        parts << p.questionId + QLatin1Char('=') + p.value;
    parts.sort();
    return parts.join(QLatin1Char(','));
}

// A kube-bench JSON document with one result per (check number, status).
QByteArray kubeBench(const QList<std::pair<const char *, const char *>> &results)
{
    QJsonArray list;
    for (const auto &[number, status] : results)
        list.append(QJsonObject {{QStringLiteral("test_number"), QLatin1String(number)},
                                 {QStringLiteral("test_desc"), QStringLiteral("check %1").arg(QLatin1String(number))},
                                 {QStringLiteral("status"), QLatin1String(status)},
                                 {QStringLiteral("scored"), true}});
    const QJsonObject control {{QStringLiteral("id"), QStringLiteral("2")},
                               {QStringLiteral("version"), QStringLiteral("cis-1.12")},
                               {QStringLiteral("text"), QStringLiteral("Etcd Node Configuration")},
                               {QStringLiteral("node_type"), QStringLiteral("etcd")},
                               {QStringLiteral("tests"),
                                QJsonArray {QJsonObject {{QStringLiteral("section"), QStringLiteral("2")},
                                                         {QStringLiteral("desc"), QStringLiteral("Etcd Node Configuration")},
                                                         {QStringLiteral("results"), list}}}}};
    return QJsonDocument(QJsonObject {{QStringLiteral("Controls"), QJsonArray {control}}}).toJson();
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    test::writeBytes(path, bytes);
    return path;
}

std::optional<Answer> answerTo(Workspace &ws, qint64 engagementId, const QString &questionId)
{
    auto answers = AnswerStore(ws).answers(engagementId);
    REQUIRE(answers.ok());
    for (const auto &a : *answers)
        if (a.questionId == questionId)
            return a;
    return std::nullopt;
}

void requireAuditIntact(Workspace &ws)
{
    auto verified = AuditTrail(ws).verify();
    REQUIRE(verified.ok());
    INFO(verified->problem.toStdString());
    CHECK(verified->ok());
}

} // namespace

TEST_CASE("Every scanner file in the shared test data imports one observation per result, kept once as evidence", "[scan-import]")
{
    struct Case {
        ScanTool tool;
        const char *file;
        int observations; // pinned; also counted independently below
        int linkedToQuestions;
        const char *proposals; // question=value, sorted
    };
    const Case c = GENERATE(values<Case>({
        {ScanTool::KubeBench, "kube-bench/result.json", 3, 3, "infra.orchestration.node_join=yes"},
        {ScanTool::KubeBench, "kube-bench/result_no_totals.json", 3, 3, "infra.orchestration.node_join=yes"},
        {ScanTool::KubeBench, "kube-bench/controlsCollection.json", 3, 3, "infra.orchestration.node_join=yes"},
        {ScanTool::KubeBench, "kube-bench/passedControlsCollection.json", 2, 2, "infra.orchestration.node_join=yes"},
        {ScanTool::DockerBench, "docker-bench/docker-bench-report-many-vulns.json", 117, 111,
         "arch.access.admin_access=no,arch.host.hardening=partial,arch.host.resource_limits=partial,image.content.non_root=no,"
         "image.content.rebuild_not_patch=partial,image.registry.transport=no,infra.host.storage_mounts=yes,"
         "infra.host.user_namespaces=no,infra.isolation.health_restart=partial,infra.perimeter.network_filtering=partial"},
        {ScanTool::Trivy, "trivy/alpine-310.json.golden", 4, 4, ""},
        {ScanTool::Trivy, "trivy/debian-buster.json.golden", 2, 2, ""},
        {ScanTool::Trivy, "trivy/dockerfile.json.golden", 1, 1, "image.content.non_root=no"},
        {ScanTool::Trivy, "trivy/secrets.json.golden", 2, 2, "image.content.secrets=no"},
        {ScanTool::Sarif, "sarif/alpine-310.sarif.golden", 4, 4, ""},
    }));
    CAPTURE(c.file);
    QTemporaryDir dir;
    auto ws = demoCopy(dir);
    const QString path = test::sharedTestData(QLatin1String(c.file));
    const QByteArray bytes = test::readBytes(path);
    const int independent = resultsIn(c.tool, jsonOf(path));
    CHECK(independent == c.observations);
    const auto before = tableCounts(*ws);

    auto imported = importScan(*ws, library(), kDraft, c.tool, path, QDate(2026, 11, 18), 30);
    INFO((imported ? QString() : imported.error().toString()).toStdString());
    REQUIRE(imported.ok());
    CHECK(imported->observations == independent);
    CHECK(imported->linkedToQuestions == c.linkedToQuestions);
    CHECK(proposalsText(imported->proposals) == QLatin1String(c.proposals));
    int byStatus = 0;
    for (const int n : imported->byStatus)
        byStatus += n;
    CHECK(byStatus == independent);

    // Exactly one observation row per result, all of this file's evidence, with its dates.
    const auto after = tableCounts(*ws);
    CHECK(after.value(QStringLiteral("observation")) - before.value(QStringLiteral("observation")) == independent);
    CHECK(count(*ws,
                QStringLiteral("SELECT count(*) FROM observation WHERE engagement_id = 3 AND evidence_id = %1").arg(imported->evidence.id))
          == independent);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM observation WHERE collected_on = '2026-11-18' AND expires_on = '2026-12-18'"))
          == independent);
    // The file is stored once, as evidence of the engagement, byte for byte.
    CHECK(after.value(QStringLiteral("evidence")) == before.value(QStringLiteral("evidence")) + 1);
    CHECK(after.value(QStringLiteral("evidence_blob")) == before.value(QStringLiteral("evidence_blob")) + 1);
    CHECK(imported->evidence.sha256 == sha256(bytes));
    CHECK(imported->evidence.engagementId == kDraft);
    CHECK(imported->evidence.expiresOn == QDate(2026, 12, 18));
    auto stored = EvidenceStore(*ws).content(imported->evidence);
    REQUIRE(stored.ok());
    CHECK(*stored == bytes);
    // Proposals are stored as returned, all pending, and nothing was answered.
    CHECK(after.value(QStringLiteral("answer_proposal")) == imported->proposals.size());
    CHECK(after.value(QStringLiteral("answer")) == before.value(QStringLiteral("answer")));

    // Audited: the evidence, the import with its counts, each proposal.
    auto events = AuditTrail(*ws).events(kDraft);
    REQUIRE(events.ok());
    const AuditEvent &last = [&]() -> const AuditEvent & {
        for (const auto &e : *events)
            if (e.action == QLatin1String("scan.import"))
                return e;
        FAIL("no scan.import event");
        return events->first();
    }();
    const QJsonObject audited = QJsonDocument::fromJson(last.after.toUtf8()).object();
    CHECK(audited.value(QStringLiteral("observations")).toInt() == independent);
    CHECK(audited.value(QStringLiteral("sha256")).toString() == sha256(bytes));
    CHECK(after.value(QStringLiteral("audit_event")) - before.value(QStringLiteral("audit_event")) == 2 + imported->proposals.size());
    requireAuditIntact(*ws);

    // The same file again is refused and changes nothing.
    const auto beforeAgain = tableCounts(*ws);
    auto again = importScan(*ws, library(), kDraft, c.tool, path);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().file == path);
    CHECK(
        again.error().message.startsWith(QStringLiteral("this file was imported into engagement 3 before (evidence %1, %2 observation(s))")
                                             .arg(imported->evidence.id)
                                             .arg(independent)));
    CHECK(tableCounts(*ws) == beforeAgain);
}

TEST_CASE("Observations keep what the scanner said and the questions and controls the mapping ties them to", "[scan-import]")
{
    QTemporaryDir dir;
    auto ws = demoCopy(dir);
    auto imported = importScan(*ws, library(), kDraft, ScanTool::DockerBench,
                               test::sharedTestData(QStringLiteral("docker-bench/docker-bench-report-many-vulns.json")));
    REQUIRE(imported.ok());
    CHECK(imported->tool == QStringLiteral("docker-bench-security"));
    CHECK(imported->toolVersion == QStringLiteral("1.3.6"));
    CHECK(imported->byStatus
          == QMap<QString, int> {
              {QStringLiteral("pass"), 48}, {QStringLiteral("fail"), 33}, {QStringLiteral("review"), 10}, {QStringLiteral("info"), 26}});
    auto all = observations(*ws, kDraft);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 117);
    const auto find = [&](const QString &check) -> const StoredObservation & {
        for (const auto &s : *all)
            if (s.observation.normalisedCheckId == check)
                return s;
        FAIL("no observation of " << check.toStdString());
        return all->first();
    };
    const StoredObservation &user = find(QStringLiteral("docker-cis:4.1"));
    CHECK(user.observation.checkId == QStringLiteral("4.1"));
    CHECK(user.observation.status == Observation::Status::Fail);
    CHECK(user.observation.toolStatus == QStringLiteral("WARN"));
    CHECK(user.observation.detail == QStringLiteral("running as root:  mobsf_postgres_1"));
    CHECK(user.questions == QStringList {QStringLiteral("image.content.non_root")});
    CHECK(user.controls == QStringList {QStringLiteral("AC-6"), QStringLiteral("CM-6")});
    CHECK(user.evidenceId == imported->evidence.id);
    CHECK(user.collectedOn == QDate(2026, 11, 20));
    CHECK(user.expiresOn == QDate(2027, 2, 18)); // 90 days
    // Logging settings of the daemon are tied to controls only.
    const StoredObservation &logging = find(QStringLiteral("docker-cis:2.13"));
    CHECK(logging.questions.isEmpty());
    CHECK(logging.controls == QStringList {QStringLiteral("AU-12"), QStringLiteral("AU-2")});
    // 5.27 (always the latest image) is tied to nothing.
    CHECK(find(QStringLiteral("docker-cis:5.27")).controls.isEmpty());
    CHECK(toJson(user).value(QStringLiteral("controls")).toArray() == QJsonArray {QStringLiteral("AC-6"), QStringLiteral("CM-6")});
}

TEST_CASE("A docker-bench log that is not valid JSON imports nothing and names the file, line and column", "[scan-import]")
{
    QTemporaryDir dir;
    auto ws = demoCopy(dir);
    QByteArray log = test::readBytes(test::sharedTestData(QStringLiteral("docker-bench/docker-bench-report-many-vulns.json")));
    const QByteArray value = "\"details\": \"running as root:  mobsf_postgres_1\"";
    const qsizetype at = log.indexOf(value);
    REQUIRE(at > 0);
    log.replace(at, value.size(), "\"details\": \"running as \"root\":  mobsf_postgres_1\"");
    const QString path = writeFile(dir, QStringLiteral("docker-bench.json"), log);
    const auto before = tableCounts(*ws);

    auto imported = importScan(*ws, library(), kDraft, ScanTool::DockerBench, path);
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.error().file == path);
    CHECK(imported.error().line == 446);
    CHECK(imported.error().column == 35);
    CHECK(imported.error().toString().startsWith(path + QStringLiteral(":446:35: not valid JSON: ")));
    CHECK(tableCounts(*ws) == before);
    CHECK(before.value(QStringLiteral("observation")) == 0);
}

TEST_CASE("An approved engagement refuses an import and nothing is stored", "[scan-import]")
{
    QTemporaryDir dir;
    auto ws = demoCopy(dir);
    const auto before = tableCounts(*ws);
    auto imported
        = importScan(*ws, library(), kApproved, ScanTool::KubeBench, test::sharedTestData(QStringLiteral("kube-bench/result.json")));
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.error().message == QStringLiteral("engagement 1 is approved and cannot be changed; reopen it with a reason first"));
    CHECK(tableCounts(*ws) == before);
    // Around the program, the database refuses too.
    CHECK(test::engineShell(ws->path(),
                            QStringLiteral("INSERT INTO observation (engagement_id, evidence_id, tool, check_id, "
                                           "normalised_check_id, status, collected_on) VALUES (1, 1, 't', 'c', 'c', 'pass', "
                                           "'2026-01-01')"))
          != 0);
    auto unknown = importScan(*ws, library(), 99, ScanTool::KubeBench, test::sharedTestData(QStringLiteral("kube-bench/result.json")));
    REQUIRE_FALSE(unknown.ok());
    CHECK(tableCounts(*ws) == before);
}

TEST_CASE("Answers are proposed from the statuses of the mapped checks: all pass, some fail, all fail", "[scan-import][proposals]")
{
    struct Case {
        const char *name;
        QList<std::pair<const char *, const char *>> results;
        const char *value; // proposed for infra.orchestration.node_join (k8s-cis 2.x)
        int counted; // observations behind it
    };
    const Case c = GENERATE(values<Case>({
        {"all pass", {{"2.1", "PASS"}, {"2.2", "PASS"}, {"2.3", "PASS"}, {"3.1.1", "INFO"}}, "yes", 3},
        {"some fail", {{"2.1", "PASS"}, {"2.2", "FAIL"}, {"2.3", "PASS"}}, "partial", 3},
        {"some need review", {{"2.1", "PASS"}, {"2.2", "WARN"}}, "partial", 2},
        {"all fail", {{"2.1", "FAIL"}, {"2.2", "FAIL"}, {"2.3", "INFO"}}, "no", 2},
    }));
    CAPTURE(c.name);
    QTemporaryDir dir;
    auto ws = demoCopy(dir);
    REQUIRE_FALSE(answerTo(*ws, kDraft, QStringLiteral("infra.orchestration.node_join")));
    const QString path = writeFile(dir, QStringLiteral("kube-bench.json"), kubeBench(c.results));
    auto imported = importScan(*ws, library(), kDraft, ScanTool::KubeBench, path);
    INFO((imported ? QString() : imported.error().toString()).toStdString());
    REQUIRE(imported.ok());
    REQUIRE(imported->proposals.size() == 1);
    const AnswerProposal &p = imported->proposals.first();
    CHECK(p.questionId == QStringLiteral("infra.orchestration.node_join"));
    CHECK(p.value == QLatin1String(c.value));
    CHECK(p.observationIds.size() == c.counted);
    CHECK(p.state == AnswerProposal::State::Pending);
    CHECK(p.reason.startsWith(QStringLiteral("kube-bench: ")));
    auto listed = proposals(*ws, kDraft);
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 1);
    CHECK(listed->first().value == QLatin1String(c.value));
    CHECK(listed->first().observationIds == p.observationIds);
    // Proposing saved nothing.
    CHECK_FALSE(answerTo(*ws, kDraft, QStringLiteral("infra.orchestration.node_join")));
}

TEST_CASE("Only checks the tool left to the assessor, or info results, propose nothing", "[scan-import][proposals]")
{
    QTemporaryDir dir;
    auto ws = demoCopy(dir);
    const QString path = writeFile(dir, QStringLiteral("kube-bench.json"), kubeBench({{"2.1", "WARN"}, {"2.2", "INFO"}}));
    auto imported = importScan(*ws, library(), kDraft, ScanTool::KubeBench, path);
    REQUIRE(imported.ok());
    CHECK(imported->observations == 2);
    CHECK(imported->linkedToQuestions == 2);
    CHECK(imported->proposals.isEmpty());
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM answer_proposal")) == 0);
}

TEST_CASE("Accepting saves the answer with the observations and the replaced answer in its note, and rejecting changes nothing",
          "[scan-import][proposals]")
{
    QTemporaryDir dir;
    auto ws = demoCopy(dir);
    const auto previous = answerTo(*ws, kDraft, QStringLiteral("arch.host.hardening"));
    REQUIRE(previous);
    REQUIRE(previous->value == QStringLiteral("yes"));
    // k8s-cis 1.1.x (host files) fail, 2.x (node identity) pass.
    const QString path = writeFile(dir, QStringLiteral("kube-bench.json"),
                                   kubeBench({{"1.1.1", "FAIL"}, {"1.1.2", "FAIL"}, {"2.1", "PASS"}, {"2.2", "PASS"}}));
    auto imported = importScan(*ws, library(), kDraft, ScanTool::KubeBench, path);
    REQUIRE(imported.ok());
    CHECK(proposalsText(imported->proposals) == QStringLiteral("arch.host.hardening=no,infra.orchestration.node_join=yes"));

    auto accepted = acceptProposal(*ws, library(), kDraft, QStringLiteral("arch.host.hardening"));
    INFO((accepted ? QString() : accepted.error().toString()).toStdString());
    REQUIRE(accepted.ok());
    const auto saved = answerTo(*ws, kDraft, QStringLiteral("arch.host.hardening"));
    REQUIRE(saved);
    CHECK(saved->value == QStringLiteral("no"));
    CHECK(saved->status == ImplementationStatus::NotImplemented);
    CHECK(saved->revision == previous->revision + 1);
    CHECK(saved->method == QStringLiteral("test"));
    CHECK(saved->answeredBy == QStringLiteral("a.assessor"));
    auto stored = observations(*ws, kDraft);
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 4);
    CHECK(
        saved->note
        == QStringLiteral("From scanner observations %1, %2: kube-bench: 2 fail (k8s-cis:1.1.1, k8s-cis:1.1.2). Replaces the answer 'yes' "
                          "(revision %3 by %4 on %5), whose note was: %6")
               .arg(stored->at(0).id)
               .arg(stored->at(1).id)
               .arg(previous->revision)
               .arg(previous->answeredBy, previous->answeredAt.toUTC().date().toString(Qt::ISODate), previous->note));

    CHECK(rejectProposal(*ws, kDraft, QStringLiteral("infra.orchestration.node_join")).ok());
    CHECK_FALSE(answerTo(*ws, kDraft, QStringLiteral("infra.orchestration.node_join")));
    auto listed = proposals(*ws, kDraft);
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 2);
    for (const auto &p : *listed) {
        CHECK(
            p.state
            == (p.questionId == QLatin1String("arch.host.hardening") ? AnswerProposal::State::Accepted : AnswerProposal::State::Rejected));
        CHECK(p.decidedBy == QStringLiteral("a.assessor"));
        CHECK(p.decidedAt.isValid());
    }
    // Decided proposals cannot be decided again, and recomputing does not bring them back.
    auto twice = acceptProposal(*ws, library(), kDraft, QStringLiteral("infra.orchestration.node_join"));
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().message
          == QStringLiteral("engagement 3 has no pending answer proposal for question 'infra.orchestration.node_join'"));
    auto again = proposeAnswers(*ws, library(), kDraft);
    REQUIRE(again.ok());
    CHECK(again->isEmpty());
    requireAuditIntact(*ws);
    auto events = AuditTrail(*ws).events(kDraft);
    REQUIRE(events.ok());
    QStringList actions;
    for (const auto &e : *events)
        if (e.id > 0 && (e.action.startsWith(QLatin1String("answer.")) || e.action.startsWith(QLatin1String("scan."))))
            actions << e.action;
    CHECK(actions.mid(actions.size() - 6)
          == QStringList {QStringLiteral("scan.import"), QStringLiteral("answer.propose"), QStringLiteral("answer.propose"),
                          QStringLiteral("answer.save"), QStringLiteral("answer.proposal.accept"),
                          QStringLiteral("answer.proposal.reject")});
}

TEST_CASE("A later import replaces the pending proposal of a question", "[scan-import][proposals]")
{
    QTemporaryDir dir;
    auto ws = demoCopy(dir);
    auto first
        = importScan(*ws, library(), kDraft, ScanTool::KubeBench, writeFile(dir, QStringLiteral("a.json"), kubeBench({{"2.1", "PASS"}})));
    REQUIRE(first.ok());
    REQUIRE(proposalsText(first->proposals) == QStringLiteral("infra.orchestration.node_join=yes"));
    auto second
        = importScan(*ws, library(), kDraft, ScanTool::KubeBench, writeFile(dir, QStringLiteral("b.json"), kubeBench({{"2.2", "FAIL"}})));
    REQUIRE(second.ok());
    REQUIRE(second->proposals.size() == 1);
    CHECK(second->proposals.first().id == first->proposals.first().id);
    CHECK(second->proposals.first().value == QStringLiteral("partial"));
    CHECK(second->proposals.first().observationIds.size() == 2);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM answer_proposal")) == 1);
    requireAuditIntact(*ws);
}

TEST_CASE("audit verify names an observation or a proposal changed behind the program's back", "[scan-import][audit]")
{
    QTemporaryDir dir;
    auto ws = demoCopy(dir);
    auto imported = importScan(*ws, library(), kDraft, ScanTool::KubeBench,
                               writeFile(dir, QStringLiteral("kb.json"), kubeBench({{"1.1.1", "FAIL"}, {"2.1", "PASS"}})));
    REQUIRE(imported.ok());
    REQUIRE(imported->proposals.size() == 2);
    requireAuditIntact(*ws);
    const qint64 evidenceId = imported->evidence.id;
    const qint64 proposalId = imported->proposals.first().id;

    // The import event records the rows' digest, which the stored rows still match.
    auto events = AuditTrail(*ws).events(kDraft);
    REQUIRE(events.ok());
    const auto scanEvent = std::find_if(events->cbegin(), events->cend(), [](const AuditEvent &e) { return e.action == QLatin1String("scan.import"); });
    REQUIRE(scanEvent != events->cend());
    const QJsonObject after = QJsonDocument::fromJson(scanEvent->after.toUtf8()).object();
    auto rows = observationsOfFile(*ws, kDraft, evidenceId);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 2);
    CHECK(after.value(QStringLiteral("observations_sha256")).toString() == observationsDigest(*rows));
    CHECK(after.value(QStringLiteral("observations_sha256")).toString().size() == 64);
    // ...and is the digest of the rows' JSON as one compact array, as earlier versions recorded it.
    QJsonArray array;
    for (const StoredObservation &row : *rows)
        array.append(toJson(row));
    CHECK(observationsDigest(*rows)
          == QString::fromLatin1(
              QCryptographicHash::hash(QJsonDocument(array).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256).toHex()));
    CHECK(observationsDigest({}) == QString::fromLatin1(QCryptographicHash::hash(QByteArray("[]"), QCryptographicHash::Sha256).toHex()));

    const QString scanEntity = QStringLiteral("engagement:3/scan:%1").arg(evidenceId);
    SECTION("a failed check turned into a pass")
    {
        // The program's own triggers refuse the edit; someone with the sqlite3 shell drops them first.
        QSqlQuery q = ws->query();
        REQUIRE_FALSE(q.exec(QStringLiteral("UPDATE observation SET status = 'pass' WHERE status = 'fail'")));
        REQUIRE(q.exec(ws->dialect().engine() == SqlDialect::Engine::Postgresql
                           ? QStringLiteral("DROP TRIGGER observation_no_update ON observation")
                           : QStringLiteral("DROP TRIGGER observation_no_update")));
        REQUIRE(q.exec(QStringLiteral("UPDATE observation SET status = 'pass' WHERE status = 'fail'")));
        REQUIRE(q.numRowsAffected() == 1);
        auto v = AuditTrail(*ws).verify();
        REQUIRE(v.ok());
        CHECK(v->problem == QStringLiteral("the observations of %1 differ from what their import recorded").arg(scanEntity));
    }
    SECTION("an observation deleted")
    {
        QSqlQuery q = ws->query();
        REQUIRE(q.exec(QStringLiteral("DELETE FROM observation WHERE id = %1").arg(rows->last().id)));
        auto v = AuditTrail(*ws).verify();
        REQUIRE(v.ok());
        CHECK(v->problem == QStringLiteral("the observations of %1 differ from what their import recorded").arg(scanEntity));
    }
    SECTION("every observation of the file deleted")
    {
        QSqlQuery q = ws->query();
        REQUIRE(q.exec(QStringLiteral("DELETE FROM observation")));
        auto v = AuditTrail(*ws).verify();
        REQUIRE(v.ok());
        CHECK(v->problem == QStringLiteral("the observations of %1 were removed without an audit event").arg(scanEntity));
    }
    SECTION("a pending proposal marked accepted")
    {
        QSqlQuery q = ws->query();
        REQUIRE(
            q.exec(QStringLiteral("UPDATE answer_proposal SET state = 'accepted', decided_by = 'x', decided_at = '2026-11-20T09:00:00Z' "
                                  "WHERE id = %1")
                       .arg(proposalId)));
        auto v = AuditTrail(*ws).verify();
        REQUIRE(v.ok());
        CHECK(v->problem
              == QStringLiteral("the answer proposal engagement:3/proposal:%1 differs from the last audit event that changed it")
                     .arg(proposalId));
    }
}

TEST_CASE("A Trivy check links to the same question however it is spelt", "[scan-import][mapping]")
{
    QTemporaryDir dir;
    auto ws = demoCopy(dir);
    // Newer Trivy writes "ID": "DS002"; a compliance-style entry has only "AVDID": "AVD-DS-0002".
    const QByteArray report = R"({"SchemaVersion": 2, "ArtifactName": "Dockerfile", "Trivy": {"Version": "0.58.0"}, "Results": [
        {"Target": "Dockerfile", "Class": "config", "Misconfigurations": [
          {"ID": "DS002", "AVDID": "AVD-DS-0002", "Title": "Image user should not be 'root'", "Severity": "HIGH", "Status": "FAIL"},
          {"AVDID": "AVD-DS-0002", "Title": "Image user should not be 'root'", "Severity": "HIGH", "Status": "PASS"}]}]})";
    auto imported = importScan(*ws, library(), kDraft, ScanTool::Trivy, writeFile(dir, QStringLiteral("trivy.json"), report));
    REQUIRE(imported.ok());
    auto stored = observations(*ws, kDraft);
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 2);
    CHECK(stored->at(0).observation.checkId == QStringLiteral("DS002"));
    CHECK(stored->at(1).observation.checkId == QStringLiteral("AVD-DS-0002"));
    for (const auto &s : *stored) {
        CHECK(s.observation.normalisedCheckId == QStringLiteral("DS-0002"));
        CHECK(s.questions == QStringList {QStringLiteral("image.content.non_root")});
        CHECK(s.controls == QStringList {QStringLiteral("AC-6"), QStringLiteral("CM-6")});
    }
    CHECK(proposalsText(imported->proposals) == QStringLiteral("image.content.non_root=partial"));

    // The mapping file may spell Trivy ids any way too.
    auto custom = ScannerMapping::parse(QStringLiteral("m.yaml"),
                                        QStringLiteral("mapping: scanner-checks\nversion: 1\nentries:\n"
                                                       "  - checks: [AVD-DS-0002, ds26]\n"
                                                       "    questions: [image.content.non_root]\n"));
    REQUIRE(custom.ok());
    Observation o;
    o.tool = QStringLiteral("Trivy");
    for (const char *spelling : {"DS002", "AVD-DS-0002", "ds-2", "DS-0026"}) {
        o.normalisedCheckId = normaliseTrivyCheckId(QLatin1String(spelling));
        CHECK(custom->linksFor(o).questions == QStringList {QStringLiteral("image.content.non_root")});
    }
}

TEST_CASE("Trivy vulnerabilities and secrets are tied by class", "[scan-import][mapping]")
{
    auto mapping = ScannerMapping::builtIn();
    REQUIRE(mapping.ok());
    Observation o;
    o.tool = QStringLiteral("Trivy");
    o.normalisedCheckId = QStringLiteral("CVE-2019-1549");
    CHECK(ScannerMapping::observationClass(o) == QStringLiteral("vulnerability"));
    ScanLinks links = mapping->linksFor(o);
    CHECK(links.questions == QStringList {QStringLiteral("image.pipeline.build_gate"), QStringLiteral("image.registry.rescan")});
    CHECK(links.controls == QStringList {QStringLiteral("RA-5"), QStringLiteral("SI-2")});
    CHECK(links.proposing.isEmpty()); // findings do not show whether the scanning process exists
    o.normalisedCheckId = QStringLiteral("aws-access-key-id");
    CHECK(ScannerMapping::observationClass(o) == QStringLiteral("secret"));
    links = mapping->linksFor(o);
    CHECK(links.questions == QStringList {QStringLiteral("image.content.secrets")});
    CHECK(links.controls == QStringList {QStringLiteral("IA-5"), QStringLiteral("SC-28")});
    CHECK(links.proposing == links.questions);
    o.normalisedCheckId = QStringLiteral("KSV-0012");
    CHECK_FALSE(ScannerMapping::observationClass(o));
    // Another tool's results never fall into Trivy's classes.
    o.tool = QStringLiteral("Bandit");
    o.normalisedCheckId = QStringLiteral("bandit:B101");
    CHECK_FALSE(ScannerMapping::observationClass(o));
    CHECK(mapping->linksFor(o).questions.isEmpty());
}

TEST_CASE("The scanner mapping names only questions and controls that exist, and its problems have positions", "[scan-import][mapping]")
{
    auto mapping = ScannerMapping::builtIn();
    INFO((mapping ? QString() : mapping.error().toString()).toStdString());
    REQUIRE(mapping.ok());
    CHECK(mapping->check(library()).isEmpty());
    int questions = 0, controls = 0, checks = 0;
    for (const auto &e : mapping->entries()) {
        checks += static_cast<int>(e.checks.size());
        for (const auto &q : e.questions) {
            ++questions;
            const Question *question = library().question(q.id);
            REQUIRE(question);
            CAPTURE(q.id);
            CHECK(question->type == QuestionType::YesNo); // so that answers can be proposed
        }
        for (const auto &c : e.controls) {
            ++controls;
            CHECK(library().controls().control(c.id));
        }
    }
    CHECK(mapping->entries().size() == 52);
    CHECK(checks == 371);
    CHECK(questions == 47);
    CHECK(controls == 87);
    // The checks seen in the real kube-bench and docker-bench files are tied to a question or a control.
    for (const char *check : {"k8s-cis:1.1.1", "k8s-cis:2.1", "k8s-cis:3.1.1", "docker-cis:4.1", "docker-cis:2.13"}) {
        Observation o;
        o.tool = QStringLiteral("kube-bench");
        o.normalisedCheckId = QLatin1String(check);
        CAPTURE(check);
        CHECK_FALSE(mapping->linksFor(o).controls.isEmpty());
    }

    auto unknownKey = ScannerMapping::parse(QStringLiteral("m.yaml"),
                                            QStringLiteral("mapping: scanner-checks\nversion: 1\nentries:\n"
                                                           "  - checks: [k8s-cis:1.1.1]\n"
                                                           "    question: [arch.host.hardening]\n"));
    REQUIRE_FALSE(unknownKey.ok());
    CHECK(unknownKey.error().toString().startsWith(QStringLiteral("m.yaml:5:5: unknown key 'question' in the entry at line 4")));
    auto unknownIds = ScannerMapping::parse(QStringLiteral("m.yaml"),
                                            QStringLiteral("mapping: scanner-checks\nversion: 1\nentries:\n"
                                                           "  - checks: [k8s-cis:1.1.1]\n"
                                                           "    questions: [arch.host.hardenin]\n"
                                                           "    controls: [ZZ-1]\n"));
    REQUIRE(unknownIds.ok());
    const QList<Error> problems = unknownIds->check(library());
    REQUIRE(problems.size() == 2);
    CHECK(problems.at(0).toString()
          == QStringLiteral("m.yaml:5:17: the mapping names question 'arch.host.hardenin', which is in no questionnaire"));
    CHECK(problems.at(1).toString()
          == QStringLiteral("m.yaml:6:16: the mapping names control 'ZZ-1', which is not in the control catalogue"));
}
