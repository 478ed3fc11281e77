// bulkhead-cli import-scan, observations, proposals and proposal: what an assessor runs to bring
// a client's scanner output into an engagement and turn it into confirmed answers.
#include "CliTestSupport.h"

#include <QCryptographicHash>

using namespace cli_test;

namespace {

// Results in a docker-bench log, counted without Bulkhead's parser.
int dockerBenchResults(const QString &path)
{
    int n = 0;
    for (const auto &section : QJsonDocument::fromJson(readBytes(path)).object()[u"tests"_s].toArray())
        n += static_cast<int>(section.toObject()[u"results"_s].toArray().size());
    return n;
}

} // namespace

TEST_CASE("import-scan keeps the file as evidence and one observation per result, and says what it did", "[cli][scan]")
{
    Sandbox s;
    s.demo();
    const QString file = sharedTestData(u"docker-bench/docker-bench-report-many-vulns.json"_s);
    REQUIRE(dockerBenchResults(file) == 117);

    const Run r = s.cli(
        {u"import-scan"_s, u"3"_s, u"--tool"_s, u"docker-bench"_s, file, u"--collected"_s, u"2026-11-18"_s, u"--expires-in"_s, u"30"_s});
    INFO(r.err.toStdString());
    CHECK(r.code == 0);
    CHECK(r.err.isEmpty());
    CHECK(r.out
          == u"imported 117 observation(s) from docker-bench-report-many-vulns.json (docker-bench-security 1.3.6): 48 pass, 33 fail, "
             "10 review, 26 info; 111 linked to questions; 10 answer(s) proposed; kept as evidence 1\n"_s);
    CHECK(sqliteQuery(s.workspace(), u"SELECT count(*) FROM observation WHERE engagement_id = 3 AND evidence_id = 1"_s) == u"117"_s);
    CHECK(sqliteQuery(s.workspace(), u"SELECT count(*) FROM evidence"_s) == u"1"_s);
    CHECK(sqliteQuery(s.workspace(), u"SELECT sha256 FROM evidence"_s)
          == QString::fromLatin1(QCryptographicHash::hash(readBytes(file), QCryptographicHash::Sha256).toHex()));

    const QJsonArray observed = s.json({u"observations"_s, u"3"_s, u"--json"_s}).array();
    REQUIRE(observed.size() == 117);
    QJsonObject user;
    for (const auto &v : observed)
        if (v.toObject()[u"check_id"_s].toString() == u"4.1"_s)
            user = v.toObject();
    CHECK(user[u"normalised_check_id"_s].toString() == u"docker-cis:4.1"_s);
    CHECK(user[u"status"_s].toString() == u"fail"_s);
    CHECK(user[u"tool_status"_s].toString() == u"WARN"_s);
    CHECK(user[u"tool"_s].toString() == u"docker-bench-security"_s);
    CHECK(user[u"evidence"_s].toInt() == 1);
    CHECK(user[u"collected_on"_s].toString() == u"2026-11-18"_s);
    CHECK(user[u"expires_on"_s].toString() == u"2026-12-18"_s);
    CHECK(user[u"controls"_s].toArray() == QJsonArray {u"AC-6"_s, u"CM-6"_s});
    CHECK(user[u"questions"_s].toArray() == QJsonArray {u"image.content.non_root"_s});
    const Run listed = s.cli({u"observations"_s, u"3"_s});
    CHECK(listed.out.contains(u"  docker-bench-security  docker-cis:4.1  fail  -  AC-6,CM-6\n"_s));
    CHECK(listed.out.endsWith(u"\n117 observation(s)\n"_s));

    // The same file twice is refused: one line naming it.
    const Run again = s.cli({u"import-scan"_s, u"3"_s, u"--tool"_s, u"docker-bench"_s, file});
    CHECK(again.code == 3);
    CHECK(isOneLine(again.err));
    CHECK(again.err.startsWith(
        u"bulkhead-cli: %1: this file was imported into engagement 3 before (evidence 1, 117 observation(s))"_s.arg(file)));
    CHECK(s.cli({u"audit"_s, u"verify"_s}).code == 0);
}

TEST_CASE("proposals are listed, and accepting one saves the answer with the observations in its note", "[cli][scan]")
{
    Sandbox s;
    s.demo();
    const QString file = sharedTestData(u"trivy/dockerfile.json.golden"_s);
    const Run r = s.cli({u"import-scan"_s, u"3"_s, u"--tool"_s, u"trivy"_s, file});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    CHECK(r.out
          == u"imported 1 observation(s) from dockerfile.json.golden (Trivy dev): 0 pass, 1 fail, 0 review, 0 info; 1 linked to "
             "questions; 1 answer(s) proposed; kept as evidence 1\n"_s);

    const QJsonArray proposed = s.json({u"proposals"_s, u"3"_s, u"--json"_s}).array();
    REQUIRE(proposed.size() == 1);
    const QJsonObject p = proposed.first().toObject();
    CHECK(p[u"question"_s].toString() == u"image.content.non_root"_s);
    CHECK(p[u"value"_s].toString() == u"no"_s);
    CHECK(p[u"state"_s].toString() == u"pending"_s);
    CHECK(p[u"reason"_s].toString() == u"Trivy dev: 1 fail (DS-0002)"_s);
    CHECK(p[u"observations"_s].toArray() == QJsonArray {1});
    CHECK(s.cli({u"proposals"_s, u"3"_s}).out == u"image.content.non_root  no  pending  Trivy dev: 1 fail (DS-0002)\n1 proposal(s)\n"_s);

    const int events = auditEventCount(s.workspace());
    const Run accepted = s.cli({u"proposal"_s, u"accept"_s, u"3"_s, u"image.content.non_root"_s});
    INFO(accepted.err.toStdString());
    CHECK(accepted.code == 0);
    CHECK(accepted.out == u"accepted: saved image.content.non_root = no (not_implemented), revision 2\n"_s);
    CHECK(auditEventCount(s.workspace()) == events + 2);
    const QString note
        = sqliteQuery(s.workspace(), u"SELECT note FROM answer WHERE engagement_id = 3 AND question_id = 'image.content.non_root'"_s);
    CHECK(note.startsWith(u"From scanner observations 1: Trivy dev: 1 fail (DS-0002). Replaces the answer 'yes' (revision 1 by "_s));
    CHECK(note.endsWith(u", whose note was: All 8 images set a numeric USER; distroless bases."_s));
    CHECK(s.json({u"proposals"_s, u"3"_s, u"--json"_s}).array().first()[u"state"_s].toString() == u"accepted"_s);

    const Run twice = s.cli({u"proposal"_s, u"reject"_s, u"3"_s, u"image.content.non_root"_s});
    CHECK(twice.code == 3);
    CHECK(twice.err == u"bulkhead-cli: engagement 3 has no pending answer proposal for question 'image.content.non_root'\n"_s);
    CHECK(s.cli({u"audit"_s, u"verify"_s}).code == 0);
}

TEST_CASE("import-scan refuses bad input with the documented exit codes and changes nothing", "[cli][scan]")
{
    Sandbox s;
    s.demo();
    const QString good = sharedTestData(u"kube-bench/result.json"_s);
    const int events = auditEventCount(s.workspace());

    // Usage errors: exit 2.
    for (const QStringList &args :
         {QStringList {u"import-scan"_s, u"3"_s, good}, QStringList {u"import-scan"_s, u"3"_s, u"--tool"_s, u"nessus"_s, good},
          QStringList {u"import-scan"_s, u"3"_s, u"--tool"_s, u"kube-bench"_s},
          QStringList {u"import-scan"_s, u"3"_s, u"--tool"_s, u"kube-bench"_s, good, u"--collected"_s, u"18/11/2026"_s},
          QStringList {u"import-scan"_s, u"3"_s, u"--tool"_s, u"kube-bench"_s, good, u"--expires-in"_s, u"0"_s},
          QStringList {u"proposal"_s, u"approve"_s, u"3"_s, u"image.content.non_root"_s}, QStringList {u"observations"_s}}) {
        const Run r = s.cli(args);
        INFO(args.join(u' ').toStdString());
        CHECK(r.code == 2);
        CHECK(isOneLine(r.err));
    }

    // Invalid input: exit 3, one line naming the input.
    QByteArray log = readBytes(sharedTestData(u"docker-bench/docker-bench-report-many-vulns.json"_s));
    log.replace("\"details\": \"running as root:  mobsf_postgres_1\"", "\"details\": \"running as \"root\":  mobsf_postgres_1\"");
    const QString broken = s.path(u"docker-bench.json"_s);
    writeBytes(broken, log);
    const Run invalid = s.cli({u"import-scan"_s, u"3"_s, u"--tool"_s, u"docker-bench"_s, broken});
    CHECK(invalid.code == 3);
    CHECK(isOneLine(invalid.err));
    CHECK(invalid.err.startsWith(u"bulkhead-cli: %1:446:35: not valid JSON: "_s.arg(broken)));
    const Run wrongTool = s.cli({u"import-scan"_s, u"3"_s, u"--tool"_s, u"trivy"_s, good});
    CHECK(wrongTool.code == 3);
    CHECK(wrongTool.err.contains(u"import it as \"kube-bench\""_s));
    const Run approved = s.cli({u"import-scan"_s, u"1"_s, u"--tool"_s, u"kube-bench"_s, good});
    CHECK(approved.code == 3);
    CHECK(approved.err.contains(u"engagement 1 is approved and cannot be changed"_s));
    const Run unknown = s.cli({u"observations"_s, u"9"_s});
    CHECK(unknown.code == 3);
    CHECK(isOneLine(unknown.err));

    CHECK(auditEventCount(s.workspace()) == events);
    CHECK(sqliteQuery(s.workspace(), u"SELECT (SELECT count(*) FROM observation) + (SELECT count(*) FROM evidence)"_s) == u"0"_s);
}
