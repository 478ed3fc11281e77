// bulkhead-cli package: what an assessor runs to hand an engagement to a colleague's workspace,
// and what the colleague runs to check who signed it before importing it.
#include "CliTestSupport.h"

#include "Package.h"

#include <QFile>
#include <QRegularExpression>

#include <sys/stat.h>

using namespace cli_test;

namespace {

// The signing key goes to a folder of the test's, never to the user's own configuration.
struct ConfigDir {
    explicit ConfigDir(const QString &path) { qputenv("BULKHEAD_CONFIG_DIR", path.toUtf8()); }
    ~ConfigDir() { qunsetenv("BULKHEAD_CONFIG_DIR"); }
};

QJsonObject scoreOf(const Sandbox &s, const QString &workspace, const QString &id)
{
    const Run r = s.run({u"--workspace"_s, workspace, u"score"_s, id, u"--json"_s});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    QJsonObject score = QJsonDocument::fromJson(r.out.toUtf8()).object();
    score.remove(u"engagement"_s);
    return score;
}

} // namespace

TEST_CASE("package export, verify and import carry an engagement to another workspace", "[cli][packages]")
{
    Sandbox s;
    const ConfigDir config(s.path(u"config"_s));
    s.demo();
    const QString evidence = s.path(u"pentest-summary.txt"_s);
    writeBytes(evidence, "Penetration test summary: 2 findings, both closed.\n");
    REQUIRE(s.cli({u"evidence"_s, u"add"_s, u"3"_s, evidence, u"--control"_s, u"CA-8"_s}).code == 0);
    // kube-bench's result.json: 3 observations and 1 proposed answer, which travel too.
    REQUIRE(s.cli({u"import-scan"_s, u"3"_s, u"--tool"_s, u"kube-bench"_s, sharedTestData(u"kube-bench/result.json"_s)}).code == 0);

    const QString package = s.path(u"northwind.bulkhead-package"_s);
    const Run exported = s.cli({u"package"_s, u"export"_s, u"3"_s, u"--output"_s, package});
    INFO(exported.err.toStdString());
    REQUIRE(exported.code == 0);
    const QRegularExpression exportedText(
        u"^created signing key %1\nwrote %2 \\(\\d+ bytes, (\\d+) entries, 2 evidence file\\(s\\)\\)\n"
        "signer fingerprint: ((?:[0-9a-f]{4}:){15}[0-9a-f]{4})\n$"_s.arg(QRegularExpression::escape(s.path(u"config/signing-key.pem"_s)),
                                                                         QRegularExpression::escape(package)));
    const auto match = exportedText.match(exported.out);
    INFO(exported.out.toStdString());
    REQUIRE(match.hasMatch());
    const QString fingerprint = match.captured(2);
    const int entries = match.captured(1).toInt();
    struct stat info { };
    REQUIRE(::stat(QFile::encodeName(s.path(u"config/signing-key.pem"_s)).constData(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    // A second export signs with the same key.
    const Run again = s.cli({u"package"_s, u"export"_s, u"3"_s, u"--output"_s, s.path(u"again.bulkhead-package"_s)});
    REQUIRE(again.code == 0);
    CHECK_FALSE(again.out.contains(u"created signing key"_s));
    CHECK(again.out.endsWith(u"signer fingerprint: %1\n"_s.arg(fingerprint)));

    const Run verified = s.run({u"package"_s, u"verify"_s, package});
    INFO(verified.err.toStdString());
    CHECK(verified.code == 0);
    const QRegularExpression verifiedText(
        u"^package intact: signature and %1 file hash\\(es\\) verified\n"
        "engagement 3: Northwind Clinics Group / Patient portal \\(draft\\), content hash ([0-9a-f]{64})\n"
        "signer fingerprint: %2\n$"_s.arg(entries - 2)
            .arg(fingerprint));
    const auto verifiedMatch = verifiedText.match(verified.out);
    INFO(verified.out.toStdString());
    REQUIRE(verifiedMatch.hasMatch());
    const QString contentHash = verifiedMatch.captured(1);

    const QString other = s.path(u"colleague.bulkhead"_s);
    const Run imported = s.run({u"--workspace"_s, other, u"package"_s, u"import"_s, package});
    INFO(imported.err.toStdString());
    REQUIRE(imported.code == 0);
    CHECK(imported.out.startsWith(u"imported engagement 1 (engagement 3 of the package, content hash %1): "_s.arg(contentHash)));
    CHECK(imported.out.contains(
        u" risk override(s), 2 evidence file(s), 3 scanner observation(s), 1 answer proposal(s) and the original audit trail ("_s));
    CHECK(imported.out.endsWith(u"signer fingerprint: %1\n"_s.arg(fingerprint)));
    CHECK(scoreOf(s, other, u"1"_s) == scoreOf(s, s.workspace(), u"3"_s));
    CHECK(sqliteQuery(other, u"SELECT status FROM engagement WHERE id = 1"_s) == u"draft"_s);
    CHECK(sqliteQuery(other, u"SELECT file_name FROM evidence WHERE engagement_id = 1 ORDER BY id"_s)
          == u"pentest-summary.txt\nresult.json\noriginal-audit-trail.json"_s);
    CHECK(sqliteQuery(other, u"SELECT count(*) FROM observation WHERE engagement_id = 1"_s) == u"3"_s);
    CHECK(sqliteQuery(other, u"SELECT question_id || '=' || proposed_value || ' ' || state FROM answer_proposal"_s)
          == u"infra.orchestration.node_join=yes pending"_s);
    CHECK(sqliteQuery(other, u"SELECT count(*) FROM audit_event WHERE action = 'engagement.import'"_s) == u"1"_s);
    const Run audit = s.run({u"--workspace"_s, other, u"audit"_s, u"verify"_s});
    CHECK(audit.code == 0);

    // A tampered package: verify names what failed (exit 1); import writes nothing.
    auto parts = bulkhead::readZipEntries(package);
    REQUIRE(parts.ok());
    for (auto &part : *parts) {
        if (part.name == u"signature"_s)
            part.bytes[10] = char(part.bytes.at(10) ^ 0x20);
    }
    const QString tampered = s.path(u"tampered.bulkhead-package"_s);
    {
        QFile out(tampered);
        REQUIRE(out.open(QIODevice::WriteOnly));
        bulkhead::ZipWriter zip(out);
        for (const auto &part : std::as_const(*parts))
            REQUIRE(zip.add(part.name, part.bytes).ok());
        REQUIRE(zip.finish().ok());
    }
    const Run badVerify = s.run({u"package"_s, u"verify"_s, tampered});
    CHECK(badVerify.code == 1);
    CHECK(badVerify.out.isEmpty());
    CHECK(isOneLine(badVerify.err));
    CHECK(badVerify.err.startsWith(u"bulkhead-cli: %1: bad signature: the signature does not match manifest.json"_s.arg(tampered)));
    const int events = auditEventCount(other);
    const Run badImport = s.run({u"--workspace"_s, other, u"package"_s, u"import"_s, tampered});
    CHECK(badImport.code == 1);
    CHECK(isOneLine(badImport.err));
    CHECK(badImport.err.contains(u"bad signature"_s));
    CHECK(auditEventCount(other) == events);
    CHECK(sqliteQuery(other, u"SELECT count(*) FROM engagement"_s) == u"1"_s);
    CHECK(s.run({u"--workspace"_s, other, u"audit"_s, u"verify"_s}).code == 0);
    // Refused before the workspace is even opened: a new path stays absent.
    CHECK(s.run({u"--workspace"_s, s.path(u"never.bulkhead"_s), u"package"_s, u"import"_s, tampered}).code == 1);
    CHECK_FALSE(QFile::exists(s.path(u"never.bulkhead"_s)));

    const Run missing = s.run({u"package"_s, u"verify"_s, s.path(u"nope.bulkhead-package"_s)});
    CHECK(missing.code == 3);
    CHECK(missing.err.contains(u"there is no package file here"_s));
    CHECK(s.cli({u"package"_s}).code == 2);
    CHECK(s.cli({u"package"_s, u"export"_s, u"3"_s}).code == 2);
    CHECK(s.cli({u"package"_s, u"import"_s, package, u"--as-round-of"_s, u"x"_s}).code == 2);
}
