// Scanner output parsers: every real file in ../shared/testdata read with the number of
// observations, and the statuses, that an independent walk of the same JSON finds (and that we pin),
// one observation per file checked field by field; broken, truncated, empty, mis-typed and huge
// inputs refused with an error that names the file and, for invalid JSON, the line and column;
// check ids normalised to one spelling.
#include "TestSupport.h"
#include "scan/CheckIds.h"
#include "scan/ScanParser.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

using Counts = QMap<QString, int>;

QString dataPath(const char *relative)
{
    return test::sharedTestData(QLatin1String(relative));
}

Result<ScanReport> parseFile(ScanTool tool, const char *relative)
{
    const QString path = dataPath(relative);
    return parseScan(tool, test::readBytes(path), path);
}

QJsonDocument jsonOf(const char *relative)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(test::readBytes(dataPath(relative)), &error);
    REQUIRE(error.error == QJsonParseError::NoError);
    return doc;
}

Counts byToolStatus(const ScanReport &report)
{
    Counts counts;
    for (const auto &o : report.observations)
        ++counts[o.toolStatus];
    return counts;
}

Counts byStatus(const ScanReport &report)
{
    Counts counts;
    for (const auto &o : report.observations)
        ++counts[observationStatusKey(o.status)];
    return counts;
}

Counts bySeverity(const ScanReport &report)
{
    Counts counts;
    for (const auto &o : report.observations)
        ++counts[o.severity];
    return counts;
}

// The independent walks: straight down each format's documented shape, counting what is there.

Counts kubeBenchStatuses(const QJsonDocument &doc)
{
    const QJsonArray controls = doc.isObject() ? doc.object()[QLatin1String("Controls")].toArray() : doc.array();
    Counts counts;
    for (const auto &control : controls) {
        for (const auto &group : control.toObject()[QLatin1String("tests")].toArray()) {
            for (const auto &result : group.toObject()[QLatin1String("results")].toArray())
                ++counts[result.toObject()[QLatin1String("status")].toString()];
        }
    }
    return counts;
}

Counts dockerBenchResults(const QJsonDocument &doc)
{
    Counts counts;
    for (const auto &section : doc.object()[QLatin1String("tests")].toArray()) {
        for (const auto &result : section.toObject()[QLatin1String("results")].toArray())
            ++counts[result.toObject()[QLatin1String("result")].toString()];
    }
    return counts;
}

// Entries per kind ("Vulnerabilities", "Misconfigurations FAIL", "Secrets") and per severity.
struct TrivyTally {
    Counts kinds;
    Counts severities;
};

TrivyTally trivyTally(const QJsonDocument &doc)
{
    TrivyTally tally;
    for (const auto &result : doc.object()[QLatin1String("Results")].toArray()) {
        const QJsonObject r = result.toObject();
        for (const char *kind : {"Vulnerabilities", "Misconfigurations", "Secrets"}) {
            for (const auto &entry : r[QLatin1String(kind)].toArray()) {
                const QJsonObject e = entry.toObject();
                QString key = QLatin1String(kind);
                if (e.contains(QLatin1String("Status")) && key == QLatin1String("Misconfigurations"))
                    key += QLatin1Char(' ') + e[QLatin1String("Status")].toString();
                ++tally.kinds[key];
                ++tally.severities[e[QLatin1String("Severity")].toString()];
            }
        }
    }
    return tally;
}

Counts sarifLevels(const QJsonDocument &doc)
{
    Counts counts;
    for (const auto &run : doc.object()[QLatin1String("runs")].toArray()) {
        for (const auto &result : run.toObject()[QLatin1String("results")].toArray())
            ++counts[result.toObject()[QLatin1String("level")].toString()];
    }
    return counts;
}

int total(const Counts &counts)
{
    int n = 0;
    for (const int c : counts)
        n += c;
    return n;
}

const Observation *findCheck(const ScanReport &report, const QString &checkId, const QString &target = {})
{
    for (const auto &o : report.observations) {
        if (o.checkId == checkId && (target.isEmpty() || o.target == target))
            return &o;
    }
    return nullptr;
}

// 1-based line and column of `needle` in `bytes` (ASCII input), computed here rather than trusted.
std::pair<int, int> positionOf(const QByteArray &bytes, qsizetype index)
{
    const QByteArray before = bytes.left(index);
    return {static_cast<int>(before.count('\n')) + 1, static_cast<int>(index - (before.lastIndexOf('\n') + 1)) + 1};
}

} // namespace

TEST_CASE("kube-bench files: one observation per result, PASS/FAIL/WARN/INFO mapped", "[scan][kube-bench]")
{
    struct Case {
        const char *file;
        int observations;
        int pass;
        int fail;
        int warn;
        int info;
    };
    // result.json's Totals (49 pass, 12 fail, 14 warn) are not the sum of the results it lists.
    const Case c = GENERATE(values<Case>({
        {"kube-bench/result.json", 3, 2, 0, 1, 0},
        {"kube-bench/result_no_totals.json", 3, 2, 0, 1, 0},
        {"kube-bench/controlsCollection.json", 3, 2, 0, 1, 0},
        {"kube-bench/passedControlsCollection.json", 2, 1, 0, 1, 0},
    }));
    CAPTURE(c.file);
    const auto report = parseFile(ScanTool::KubeBench, c.file);
    REQUIRE(report.ok());
    CHECK(report->tool == QLatin1String("kube-bench"));
    CHECK(report->toolVersion.isEmpty());

    const Counts independent = kubeBenchStatuses(jsonOf(c.file));
    CHECK(report->observations.size() == total(independent));
    CHECK(report->observations.size() == c.observations);
    CHECK(byToolStatus(*report) == independent);
    CHECK(independent.value(QStringLiteral("PASS")) == c.pass);
    CHECK(independent.value(QStringLiteral("FAIL")) == c.fail);
    CHECK(independent.value(QStringLiteral("WARN")) == c.warn);
    CHECK(independent.value(QStringLiteral("INFO")) == c.info);

    const Counts statuses = byStatus(*report);
    CHECK(statuses.value(QStringLiteral("pass")) == c.pass);
    CHECK(statuses.value(QStringLiteral("fail")) == c.fail);
    CHECK(statuses.value(QStringLiteral("review")) == c.warn);
    CHECK(statuses.value(QStringLiteral("info")) == c.info);

    // The same manual check is in every file: kube-bench's WARN is left to the assessor.
    const Observation *manual = findCheck(*report, QStringLiteral("3.1.1"));
    REQUIRE(manual);
    CHECK(manual->normalisedCheckId == QLatin1String("k8s-cis:3.1.1"));
    CHECK(manual->status == Observation::Status::Review);
    CHECK(manual->toolStatus == QLatin1String("WARN"));
    CHECK(manual->title == QLatin1String("Client certificate authentication should not be used for users (Not Scored)"));
    CHECK(manual->target == QLatin1String("controlplane"));
    CHECK(manual->severity.isEmpty());
    CHECK(manual->detail == QLatin1String("Reason: Test marked as a manual test"));
    CHECK(manual->remediation
          == QLatin1String("Alternative mechanisms provided by Kubernetes such as the use of OIDC should be\n"
                           "implemented in place of client certificates."));
}

TEST_CASE("kube-bench result.json: a passed check carries what was expected and found", "[scan][kube-bench]")
{
    const auto report = parseFile(ScanTool::KubeBench, "kube-bench/result.json");
    REQUIRE(report.ok());
    const Observation &first = report->observations.at(0);
    CHECK(first.tool == QLatin1String("kube-bench"));
    CHECK(first.checkId == QLatin1String("1.1.1"));
    CHECK(first.normalisedCheckId == QLatin1String("k8s-cis:1.1.1"));
    CHECK(first.status == Observation::Status::Pass);
    CHECK(first.toolStatus == QLatin1String("PASS"));
    CHECK(first.target == QLatin1String("master"));
    CHECK(first.title
          == QLatin1String("Ensure that the API server pod specification file permissions are set to 644 or more restrictive (Scored)"));
    CHECK(first.detail == QLatin1String("Expected: bitmask '600' AND '644'\nActual: permissions=600"));
    CHECK(first.remediation.endsWith(QLatin1String("chmod 644 /etc/kubernetes/manifests/kube-apiserver.yaml")));
}

TEST_CASE("docker-bench log: 117 results, WARN is the failing state", "[scan][docker-bench]")
{
    const char *file = "docker-bench/docker-bench-report-many-vulns.json";
    const auto report = parseFile(ScanTool::DockerBench, file);
    REQUIRE(report.ok());
    CHECK(report->tool == QLatin1String("docker-bench-security"));
    CHECK(report->toolVersion == QLatin1String("1.3.6"));

    const Counts independent = dockerBenchResults(jsonOf(file));
    CHECK(report->observations.size() == total(independent));
    CHECK(report->observations.size() == 117);
    CHECK(byToolStatus(*report) == independent);
    CHECK(
        independent
        == Counts {{QStringLiteral("PASS"), 48}, {QStringLiteral("WARN"), 33}, {QStringLiteral("INFO"), 26}, {QStringLiteral("NOTE"), 10}});
    CHECK(byStatus(*report)
          == Counts {
              {QStringLiteral("pass"), 48}, {QStringLiteral("fail"), 33}, {QStringLiteral("info"), 26}, {QStringLiteral("review"), 10}});

    const Observation *user = findCheck(*report, QStringLiteral("4.1"));
    REQUIRE(user);
    CHECK(user->normalisedCheckId == QLatin1String("docker-cis:4.1"));
    CHECK(user->status == Observation::Status::Fail);
    CHECK(user->toolStatus == QLatin1String("WARN"));
    CHECK(user->toolVersion == QLatin1String("1.3.6"));
    CHECK(user->title == QLatin1String("Ensure that a user for the container has been created (Automated)"));
    CHECK(user->detail == QLatin1String("running as root:  mobsf_postgres_1"));
    CHECK(user->severity.isEmpty());
    CHECK(user->target.isEmpty());
    CHECK(user->remediation.startsWith(QLatin1String("You should ensure that the Dockerfile for each container image contains")));
    CHECK(user->remediation.contains(QLatin1String("\nImpact: Running as a non-root user can present challenges")));

    // "4.1" and "4.10" are different checks: ids are never read as numbers.
    const Observation *tenth = findCheck(*report, QStringLiteral("4.10"));
    REQUIRE(tenth);
    CHECK(tenth->normalisedCheckId == QLatin1String("docker-cis:4.10"));
    CHECK(tenth->status == Observation::Status::Review);
    CHECK(tenth->toolStatus == QLatin1String("NOTE"));
}

TEST_CASE("Trivy reports: one observation per vulnerability, misconfiguration and secret", "[scan][trivy]")
{
    struct Case {
        const char *file;
        int observations;
        int fail;
        int pass;
        const char *severities; // "CRITICAL=1,LOW=1"
    };
    const Case c = GENERATE(values<Case>({
        {"trivy/alpine-310.json.golden", 4, 4, 0, "MEDIUM=4"},
        {"trivy/debian-buster.json.golden", 2, 2, 0, "CRITICAL=1,LOW=1"},
        {"trivy/dockerfile.json.golden", 1, 1, 0, "HIGH=1"},
        {"trivy/secrets.json.golden", 2, 2, 0, "CRITICAL=1,HIGH=1"},
    }));
    CAPTURE(c.file);
    const auto report = parseFile(ScanTool::Trivy, c.file);
    REQUIRE(report.ok());
    CHECK(report->tool == QLatin1String("Trivy"));
    CHECK(report->toolVersion == QLatin1String("dev"));

    const TrivyTally tally = trivyTally(jsonOf(c.file));
    CHECK(report->observations.size() == total(tally.kinds));
    CHECK(report->observations.size() == c.observations);
    CHECK(bySeverity(*report) == tally.severities);
    Counts pinned;
    for (const QString &pair : QString::fromLatin1(c.severities).split(QLatin1Char(',')))
        pinned[pair.section(QLatin1Char('='), 0, 0)] = pair.section(QLatin1Char('='), 1).toInt();
    CHECK(tally.severities == pinned);

    // Vulnerabilities and secrets are findings; listed misconfigurations fail or pass as Trivy says.
    const int failing = tally.kinds.value(QStringLiteral("Vulnerabilities")) + tally.kinds.value(QStringLiteral("Secrets"))
        + tally.kinds.value(QStringLiteral("Misconfigurations FAIL"));
    const Counts statuses = byStatus(*report);
    CHECK(statuses.value(QStringLiteral("fail")) == failing);
    CHECK(statuses.value(QStringLiteral("fail")) == c.fail);
    CHECK(statuses.value(QStringLiteral("pass")) == tally.kinds.value(QStringLiteral("Misconfigurations PASS")));
    CHECK(statuses.value(QStringLiteral("pass")) == c.pass);
}

TEST_CASE("Trivy alpine-310: a vulnerability names image, package and the fixed version", "[scan][trivy]")
{
    const auto report = parseFile(ScanTool::Trivy, "trivy/alpine-310.json.golden");
    REQUIRE(report.ok());
    const Observation *v = findCheck(*report, QStringLiteral("CVE-2019-1551"),
                                     QStringLiteral("testdata/fixtures/images/alpine-310.tar.gz (alpine 3.10.2): libssl1.1@1.1.1c-r0"));
    REQUIRE(v);
    CHECK(v->normalisedCheckId == QLatin1String("CVE-2019-1551"));
    CHECK(v->title == QLatin1String("openssl: Integer overflow in RSAZ modular exponentiation on x86_64"));
    CHECK(v->severity == QLatin1String("MEDIUM"));
    CHECK(v->status == Observation::Status::Fail);
    CHECK(v->toolStatus == QLatin1String("fixed"));
    CHECK(v->remediation == QLatin1String("Upgrade libssl1.1 to 1.1.1d-r2"));
    CHECK(v->detail.startsWith(QLatin1String("There is an overflow bug in the x64_64 Montgomery squaring procedure")));
}

TEST_CASE("Trivy debian-buster: a vulnerability with no fix has no remediation", "[scan][trivy]")
{
    const auto report = parseFile(ScanTool::Trivy, "trivy/debian-buster.json.golden");
    REQUIRE(report.ok());
    const Observation *v = findCheck(*report, QStringLiteral("CVE-2019-18276"));
    REQUIRE(v);
    CHECK(v->target == QLatin1String("testdata/fixtures/images/debian-buster.tar.gz (debian 10.1): bash@5.0-4"));
    CHECK(v->severity == QLatin1String("LOW"));
    CHECK(v->toolStatus == QLatin1String("affected"));
    CHECK(v->status == Observation::Status::Fail);
    CHECK(v->remediation.isEmpty());
    CHECK(v->title == QLatin1String("bash: when effective UID is not equal to its real UID the saved UID is not dropped"));
}

TEST_CASE("Trivy dockerfile: a misconfiguration with its Trivy check id normalised", "[scan][trivy]")
{
    const auto report = parseFile(ScanTool::Trivy, "trivy/dockerfile.json.golden");
    REQUIRE(report.ok());
    REQUIRE(report->observations.size() == 1);
    const Observation &m = report->observations.at(0);
    CHECK(m.checkId == QLatin1String("DS-0002"));
    CHECK(m.normalisedCheckId == QLatin1String("DS-0002"));
    CHECK(m.title == QLatin1String("Image user should not be 'root'"));
    CHECK(m.severity == QLatin1String("HIGH"));
    CHECK(m.status == Observation::Status::Fail);
    CHECK(m.toolStatus == QLatin1String("FAIL"));
    CHECK(m.target == QLatin1String("Dockerfile"));
    CHECK(m.remediation == QLatin1String("Add 'USER <non root user name>' line to the Dockerfile"));
    CHECK(m.detail == QLatin1String("Specify at least 1 USER command in Dockerfile with non-root user as argument"));
}

TEST_CASE("Trivy secrets: a secret names the file and line, never the secret itself", "[scan][trivy]")
{
    const auto report = parseFile(ScanTool::Trivy, "trivy/secrets.json.golden");
    REQUIRE(report.ok());
    const Observation *s = findCheck(*report, QStringLiteral("aws-access-key-id"));
    REQUIRE(s);
    CHECK(s->normalisedCheckId == QLatin1String("aws-access-key-id"));
    CHECK(s->title == QLatin1String("AWS Access Key ID"));
    CHECK(s->severity == QLatin1String("CRITICAL"));
    CHECK(s->status == Observation::Status::Fail);
    CHECK(s->target == QLatin1String("deploy.sh:3"));
    CHECK(s->detail == QLatin1String("export AWS_ACCESS_KEY_ID=********************"));
}

TEST_CASE("Trivy compliance reports are refused with the reason and what to import instead", "[scan][trivy]")
{
    // all.json is a compliance report: two NSA controls, each listing one AVD id with no target.
    const QString path = dataPath("trivy/compliance-report-all.json");
    const auto report = parseScan(ScanTool::Trivy, test::readBytes(path), path);
    REQUIRE_FALSE(report.ok());
    CHECK(report.error().file == path);
    CHECK(report.error().line == 0);
    CHECK(report.error().message
          == QLatin1String("a Trivy compliance report, which lists check ids per control without their targets, titles or "
                           "remediation: import the scan's own report instead (trivy --format json, without --compliance)"));
}

TEST_CASE("Trivy: the older bare array of results is read too", "[scan][trivy]")
{
    // The array form older Trivy wrote, made from a real report's own Results.
    const QJsonArray results = jsonOf("trivy/debian-buster.json.golden").object()[QLatin1String("Results")].toArray();
    const auto report = parseScan(ScanTool::Trivy, QJsonDocument(results).toJson(), QStringLiteral("old.json"));
    REQUIRE(report.ok());
    CHECK(report->toolVersion.isEmpty());
    REQUIRE(report->observations.size() == 2);
    CHECK(report->observations.at(1).checkId == QLatin1String("CVE-2019-18224"));
    CHECK(report->observations.at(1).remediation == QLatin1String("Upgrade libidn2-0 to 2.0.5-1+deb10u1"));
}

TEST_CASE("SARIF from Trivy: one observation per result, titled by its rule", "[scan][sarif]")
{
    const char *file = "sarif/alpine-310.sarif.golden";
    const auto report = parseFile(ScanTool::Sarif, file);
    REQUIRE(report.ok());
    CHECK(report->tool == QLatin1String("Trivy"));
    CHECK(report->toolVersion == QLatin1String("dev"));

    const Counts independent = sarifLevels(jsonOf(file));
    CHECK(report->observations.size() == total(independent));
    CHECK(report->observations.size() == 4);
    CHECK(bySeverity(*report) == independent);
    CHECK(independent == Counts {{QStringLiteral("warning"), 4}});
    CHECK(byStatus(*report) == Counts {{QStringLiteral("fail"), 4}});

    const Observation &o = report->observations.at(2);
    CHECK(o.tool == QLatin1String("Trivy"));
    CHECK(o.checkId == QLatin1String("CVE-2019-1549"));
    CHECK(o.normalisedCheckId == QLatin1String("CVE-2019-1549"));
    CHECK(o.title == QLatin1String("openssl: information disclosure in fork()"));
    CHECK(o.severity == QLatin1String("warning"));
    CHECK(o.status == Observation::Status::Fail);
    CHECK(o.toolStatus == QLatin1String("fail"));
    CHECK(o.target == QLatin1String("testdata/fixtures/images/alpine-310.tar.gz"));
    CHECK(o.detail.startsWith(QLatin1String("Package: libssl1.1\nInstalled Version: 1.1.1c-r0\nVulnerability CVE-2019-1549")));
}

TEST_CASE("SARIF: kinds, default levels, rules by index and other tools' rule ids", "[scan][sarif]")
{
    const QByteArray sarif = R"({"version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "Bandit", "rules": [
            {"id": "B101", "shortDescription": {"text": "assert used"}, "defaultConfiguration": {"level": "note"}}]}},
        "results": [
            {"ruleId": "B101", "message": {"text": "Use of assert detected.\nSecond line."},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app/main.py"}}}]},
            {"ruleId": "B999", "kind": "pass", "message": {"text": "fine"}},
            {"ruleIndex": 0, "kind": "notApplicable", "message": {"text": "not here"}},
            {"ruleId": "B101", "message": {"text": "waived"}, "suppressions": [{"kind": "inSource"}]}
        ]}]})";
    const auto report = parseScan(ScanTool::Sarif, sarif, QStringLiteral("bandit.sarif"));
    REQUIRE(report.ok());
    REQUIRE(report->observations.size() == 4);
    const Observation &assertUsed = report->observations.at(0);
    CHECK(assertUsed.normalisedCheckId == QLatin1String("bandit:B101"));
    CHECK(assertUsed.title == QLatin1String("assert used"));
    CHECK(assertUsed.severity == QLatin1String("note")); // from the rule's defaultConfiguration
    CHECK(assertUsed.status == Observation::Status::Fail); // kind defaults to fail
    CHECK(assertUsed.target == QLatin1String("app/main.py"));
    const Observation &passed = report->observations.at(1);
    CHECK(passed.title == QLatin1String("fine")); // no rule: the message's first line
    CHECK(passed.status == Observation::Status::Pass);
    CHECK(passed.severity == QLatin1String("none"));
    CHECK(report->observations.at(2).checkId.isEmpty());
    CHECK(report->observations.at(2).title == QLatin1String("assert used"));
    CHECK(report->observations.at(2).status == Observation::Status::NotApplicable);
    CHECK(report->observations.at(3).status == Observation::Status::Review);
    CHECK(report->observations.at(3).toolStatus == QLatin1String("suppressed"));
}

TEST_CASE("Invalid JSON is reported with the file, line and column, and nothing is read", "[scan][errors]")
{
    SECTION("a kube-bench file cut in half")
    {
        const QString path = dataPath("kube-bench/result.json");
        const QByteArray half = test::readBytes(path).left(test::readBytes(path).size() / 2);
        const auto report = parseScan(ScanTool::KubeBench, half, path);
        REQUIRE_FALSE(report.ok());
        const auto [line, column] = positionOf(half, half.size());
        CHECK(report.error().file == path);
        CHECK(report.error().line == line);
        CHECK(report.error().column == column);
        // The file stops inside a string on line 65: the problem is where it stops.
        CHECK(line == 65);
        CHECK(column == 631);
        CHECK(report.error().toString() == path + QStringLiteral(":65:631: not valid JSON: the file ends inside a string"));
    }

    SECTION("a docker-bench log with an unescaped quote inside a value, as printf writes it")
    {
        const QString path = dataPath("docker-bench/docker-bench-report-many-vulns.json");
        QByteArray log = test::readBytes(path);
        const QByteArray value = "\"details\": \"running as root:  mobsf_postgres_1\"";
        const qsizetype at = log.indexOf(value);
        REQUIRE(at > 0);
        log.replace(at, value.size(), "\"details\": \"running as \"root\":  mobsf_postgres_1\"");
        const auto report = parseScan(ScanTool::DockerBench, log, path);
        REQUIRE_FALSE(report.ok());
        // The stray quote ends the string early; the parser stops at the `r` of `root` after it.
        const qsizetype stray = log.indexOf("\"root\"", at);
        const auto [line, column] = positionOf(log, stray + 1);
        CHECK(report.error().file == path);
        CHECK(report.error().line == line);
        CHECK(report.error().column == column);
        CHECK(line == 446);
        CHECK(column == 35);
        CHECK(report.error().message.startsWith(QLatin1String("not valid JSON: expected ',' or '}' after a member (")));
        CHECK(report.error().message.contains(
            QLatin1String("docker-bench-security writes its log without escaping quotes or backslashes inside values")));
    }

    SECTION("binary garbage and absurd nesting")
    {
        const auto png = parseScan(ScanTool::Trivy, QByteArray("\x89PNG\r\n\x1a\n\0\0", 10), QStringLiteral("image.png"));
        REQUIRE_FALSE(png.ok());
        CHECK(png.error().toString() == QLatin1String("image.png:1:1: not valid JSON: illegal value"));
        const auto deep = parseScan(ScanTool::Sarif, QByteArray(100000, '['), QStringLiteral("deep.json"));
        REQUIRE_FALSE(deep.ok());
        CHECK(deep.error().line == 1);
        CHECK(deep.error().message.startsWith(QLatin1String("not valid JSON: ")));
    }

    SECTION("a position past non-ASCII text counts characters, not bytes")
    {
        const QByteArray json = "{\"Controls\": [\n  {\"text\": \"\xc3\xa9t\xc3\xa9\" \"tests\": []}]}";
        const auto report = parseScan(ScanTool::KubeBench, json, QStringLiteral("utf8.json"));
        REQUIRE_FALSE(report.ok());
        CHECK(report.error().line == 2);
        // `  {"text": "été" ` is 17 characters (19 bytes): the problem is the next one, `"tests"`.
        CHECK(report.error().column == 18);
    }
}

TEST_CASE("Empty files and the wrong tool's output are refused saying what was expected", "[scan][errors]")
{
    SECTION("empty and blank files")
    {
        for (const QByteArray &bytes : {QByteArray(), QByteArray(" \n\t\n")}) {
            const auto report = parseScan(ScanTool::KubeBench, bytes, QStringLiteral("empty.json"));
            REQUIRE_FALSE(report.ok());
            CHECK(report.error().toString() == QLatin1String("empty.json: the file is empty: expected kube-bench JSON"));
        }
        const auto sarif = parseScan(ScanTool::Sarif, QByteArray(), QStringLiteral("empty.sarif"));
        REQUIRE_FALSE(sarif.ok());
        CHECK(sarif.error().message == QLatin1String("the file is empty: expected a SARIF 2.1.0 log"));
    }

    SECTION("a Trivy report read as kube-bench")
    {
        const auto report = parseFile(ScanTool::KubeBench, "trivy/alpine-310.json.golden");
        REQUIRE_FALSE(report.ok());
        CHECK(report.error().file == dataPath("trivy/alpine-310.json.golden"));
        CHECK(report.error().message
              == QLatin1String("not kube-bench JSON: expected an object with a \"Controls\" array, or an array of controls; "
                               "the file looks like a Trivy JSON report: import it as \"trivy\""));
    }

    SECTION("a docker-bench log read as Trivy, a kube-bench array read as docker-bench, SARIF read as Trivy")
    {
        const auto trivy = parseFile(ScanTool::Trivy, "docker-bench/docker-bench-report-many-vulns.json");
        REQUIRE_FALSE(trivy.ok());
        CHECK(trivy.error().message
              == QLatin1String("not a Trivy JSON report: expected an object with \"SchemaVersion\": 2 and \"Results\", or an array "
                               "of results; the file looks like a docker-bench-security JSON log: import it as \"docker-bench\""));
        const auto docker = parseFile(ScanTool::DockerBench, "kube-bench/controlsCollection.json");
        REQUIRE_FALSE(docker.ok());
        CHECK(docker.error().message
              == QLatin1String("not a docker-bench-security JSON log: expected an object with a \"tests\" array; the file looks "
                               "like kube-bench JSON: import it as \"kube-bench\""));
        const auto sarif = parseFile(ScanTool::Trivy, "sarif/alpine-310.sarif.golden");
        REQUIRE_FALSE(sarif.ok());
        CHECK(sarif.error().message.endsWith(QLatin1String("the file looks like a SARIF 2.1.0 log: import it as \"sarif\"")));
    }

    SECTION("a JSON value that is no scanner's output")
    {
        const auto report = parseScan(ScanTool::Sarif, "[1, 2, 3]", QStringLiteral("numbers.json"));
        REQUIRE_FALSE(report.ok());
        CHECK(report.error().toString()
              == QLatin1String("numbers.json: not a SARIF 2.1.0 log: expected an object with \"version\": \"2.1.0\" and a \"runs\" array"));
        // An empty list is a valid (if empty) kube-bench or old Trivy output, and nothing else.
        CHECK(parseScan(ScanTool::KubeBench, "[]", QStringLiteral("none.json"))->observations.isEmpty());
        CHECK(parseScan(ScanTool::Trivy, "[]", QStringLiteral("none.json"))->observations.isEmpty());
        CHECK_FALSE(parseScan(ScanTool::Sarif, "[]", QStringLiteral("none.json")).ok());
        CHECK_FALSE(parseScan(ScanTool::DockerBench, "[]", QStringLiteral("none.json")).ok());
    }
}

TEST_CASE("A malformed entry is refused with its JSON path, and nothing is read", "[scan][errors]")
{
    const QString path = dataPath("kube-bench/result.json");
    QByteArray bytes = test::readBytes(path);

    SECTION("an unknown status")
    {
        bytes.replace("\"status\": \"WARN\"", "\"status\": \"SKIPPED\"");
        const auto report = parseScan(ScanTool::KubeBench, bytes, path);
        REQUIRE_FALSE(report.ok());
        CHECK(report.error().file == path);
        CHECK(report.error().message
              == QLatin1String("Controls[2].tests[0].results[0].status: unknown status \"SKIPPED\" "
                               "(kube-bench writes PASS, FAIL, WARN or INFO)"));
    }

    SECTION("a check id of the wrong type")
    {
        bytes.replace("\"test_number\": \"2.1\"", "\"test_number\": 2.1");
        const auto report = parseScan(ScanTool::KubeBench, bytes, path);
        REQUIRE_FALSE(report.ok());
        CHECK(report.error().message == QLatin1String("Controls[1].tests[0].results[0].test_number: must be a string"));
    }

    SECTION("an unsupported Trivy schema and SARIF version")
    {
        const auto trivy = parseScan(ScanTool::Trivy, R"({"SchemaVersion": 3, "Results": []})", QStringLiteral("t.json"));
        REQUIRE_FALSE(trivy.ok());
        CHECK(trivy.error().message == QLatin1String("SchemaVersion: 3 is not supported: this importer reads Trivy's SchemaVersion 2"));
        const auto sarif = parseScan(ScanTool::Sarif, R"({"version": "2.0.0", "runs": []})", QStringLiteral("s.sarif"));
        REQUIRE_FALSE(sarif.ok());
        CHECK(sarif.error().message == QLatin1String("version: \"2.0.0\" is not supported: this importer reads SARIF 2.1.0"));
    }

    SECTION("a SARIF rule index out of range")
    {
        const auto sarif = parseScan(ScanTool::Sarif,
                                     R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                          "results": [{"ruleIndex": 4, "message": {"text": "m"}}]}]})",
                                     QStringLiteral("s.sarif"));
        REQUIRE_FALSE(sarif.ok());
        CHECK(sarif.error().message == QLatin1String("runs[0].results[0].ruleIndex: 4 is not the index of a rule (the run has 0)"));
    }
}

TEST_CASE("A 50 MB string value is read in bounded time", "[scan][errors]")
{
    const QByteArray huge(50 * 1024 * 1024, 'a');
    const QByteArray json = "{\"Controls\": [{\"node_type\": \"master\", \"tests\": [{\"results\": [{\"test_number\": \"1.1.1\", "
                            "\"status\": \"FAIL\", \"test_desc\": \""
        + huge + "\"}]}]}]}";
    QElapsedTimer timer;
    timer.start();
    const auto report = parseScan(ScanTool::KubeBench, json, QStringLiteral("huge.json"));
    REQUIRE(report.ok());
    REQUIRE(report->observations.size() == 1);
    CHECK(report->observations.at(0).title.size() == huge.size());
    CHECK(report->observations.at(0).status == Observation::Status::Fail);

    // The same value left open: invalid JSON at the very end, found without a crash.
    const QByteArray open = "{\"Controls\": [{\"tests\": [{\"results\": [{\"test_desc\": \"" + huge;
    const auto broken = parseScan(ScanTool::KubeBench, open, QStringLiteral("open.json"));
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().line == 1);
    CHECK(broken.error().message.startsWith(QLatin1String("not valid JSON: ")));
    CHECK(timer.elapsed() < 30000);
}

TEST_CASE("Check ids normalise to one spelling per check", "[scan][check-ids]")
{
    for (const char *spelling : {"DS-0002", "DS002", "AVD-DS-0002", "ds002", " avd-ds-2 "})
        CHECK(normaliseTrivyCheckId(QLatin1String(spelling)) == QLatin1String("DS-0002"));
    // The spellings of Trivy's compliance specs and compliance reports.
    CHECK(normaliseTrivyCheckId(QStringLiteral("AVD-KSV012")) == QLatin1String("KSV-0012"));
    CHECK(normaliseTrivyCheckId(QStringLiteral("AVD-KCV-0048")) == QLatin1String("KCV-0048"));
    CHECK(normaliseTrivyCheckId(QStringLiteral("AVD-AWS-0086")) == QLatin1String("AWS-0086"));
    CHECK(normaliseTrivyCheckId(QStringLiteral("KSV-10104")) == QLatin1String("KSV-10104"));
    // Vulnerability and secret ids are left as written.
    CHECK(normaliseTrivyCheckId(QStringLiteral("CVE-2019-1549")) == QLatin1String("CVE-2019-1549"));
    CHECK(normaliseTrivyCheckId(QStringLiteral("GHSA-j8r2-6x86-q33q")) == QLatin1String("GHSA-j8r2-6x86-q33q"));
    CHECK(normaliseTrivyCheckId(QStringLiteral("aws-access-key-id")) == QLatin1String("aws-access-key-id"));

    CHECK(normaliseCisCheckId(CisBenchmark::Kubernetes, QStringLiteral("1.1.1")) == QLatin1String("k8s-cis:1.1.1"));
    CHECK(normaliseCisCheckId(CisBenchmark::Docker, QStringLiteral("4.1")) == QLatin1String("docker-cis:4.1"));
    CHECK(normaliseCisCheckId(CisBenchmark::Docker, QStringLiteral("4.10")) == QLatin1String("docker-cis:4.10"));

    CHECK(normaliseSarifRuleId(QStringLiteral("Trivy"), QStringLiteral("DS002")) == QLatin1String("DS-0002"));
    CHECK(normaliseSarifRuleId(QStringLiteral("Bandit"), QStringLiteral("B101")) == QLatin1String("bandit:B101"));
}

TEST_CASE("Scanner names and status keys", "[scan]")
{
    CHECK(parseScanTool(QStringLiteral("kube-bench")) == ScanTool::KubeBench);
    CHECK(parseScanTool(QStringLiteral("Docker-Bench")) == ScanTool::DockerBench);
    CHECK(parseScanTool(QStringLiteral("trivy")) == ScanTool::Trivy);
    CHECK(parseScanTool(QStringLiteral("sarif")) == ScanTool::Sarif);
    CHECK_FALSE(parseScanTool(QStringLiteral("nessus")).has_value());
    CHECK(scanToolNames()
          == QStringList {QStringLiteral("kube-bench"), QStringLiteral("docker-bench"), QStringLiteral("trivy"), QStringLiteral("sarif")});

    for (const auto status : {Observation::Status::Pass, Observation::Status::Fail, Observation::Status::Review, Observation::Status::Info,
                              Observation::Status::NotApplicable})
        CHECK(observationStatusFromKey(observationStatusKey(status)) == status);
    CHECK(observationStatusKey(Observation::Status::NotApplicable) == QLatin1String("not_applicable"));
    CHECK_FALSE(observationStatusFromKey(QStringLiteral("warn")).has_value());
}

TEST_CASE("The tool is guessed from what each scanner writes at the top of its file", "[scan][guess]")
{
    const std::pair<const char *, std::optional<ScanTool>> files[] = {
        {"kube-bench/result.json", ScanTool::KubeBench},
        {"kube-bench/result_no_totals.json", ScanTool::KubeBench},
        {"docker-bench/docker-bench-report-many-vulns.json", ScanTool::DockerBench},
        {"trivy/alpine-310.json.golden", ScanTool::Trivy},
        {"trivy/dockerfile.json.golden", ScanTool::Trivy},
        {"trivy/secrets.json.golden", ScanTool::Trivy},
        {"sarif/alpine-310.sarif.golden", ScanTool::Sarif},
        {"oscal/rev5/NIST_SP-800-53_rev5_LOW-baseline_profile.json", std::nullopt},
    };
    for (const auto &[file, tool] : files) {
        INFO(file);
        CHECK(guessScanTool(test::readBytes(test::sharedTestData(QLatin1String(file)))) == tool);
    }
    // A broken docker-bench log is still docker-bench's, so that the import names its fault.
    QByteArray broken = test::readBytes(test::sharedTestData(QStringLiteral("docker-bench/docker-bench-report-many-vulns.json")));
    broken.chop(broken.size() / 2);
    CHECK(guessScanTool(broken) == ScanTool::DockerBench);
    CHECK(guessScanTool("not json at all") == std::nullopt);
    CHECK(guessScanTool("[]") == std::nullopt);
    CHECK(guessScanTool(R"([{"Target": "alpine:3.10", "Vulnerabilities": []}])") == ScanTool::Trivy);
}
