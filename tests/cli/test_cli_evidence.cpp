// bulkhead-cli evidence: what an auditor runs to attach the files a client hands over, list them
// and check that none changed inside the workspace.
#include "CliTestSupport.h"

#include <QCryptographicHash>

using namespace cli_test;

TEST_CASE("evidence add, list and verify keep each file once and name any that changed", "[cli][evidence]")
{
    Sandbox s;
    s.demo();
    const QByteArray report = "Penetration test summary: 2 findings, both closed.\n";
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(report, QCryptographicHash::Sha256).toHex());
    const QString file = s.path(u"pentest-summary.txt"_s);
    writeBytes(file, report);

    const Run added = s.cli({u"evidence"_s, u"add"_s, u"3"_s, file, u"--question"_s, u"image.registry.metadata"_s, u"--collected"_s,
                             u"2026-11-20"_s, u"--expires"_s, u"2027-11-20"_s});
    INFO(added.err.toStdString());
    CHECK(added.code == 0);
    CHECK(
        added.out
        == u"attached evidence 1: pentest-summary.txt (51 bytes, text/plain) to question image.registry.metadata, sha256 %1\n"_s.arg(sha));
    const Run forControl = s.cli({u"evidence"_s, u"add"_s, u"3"_s, file, u"--control"_s, u"CA-8"_s});
    CHECK(forControl.out == u"attached evidence 2: pentest-summary.txt (51 bytes, text/plain) to control CA-8, sha256 %1\n"_s.arg(sha));
    const Run again = s.cli({u"evidence"_s, u"add"_s, u"3"_s, file, u"--control"_s, u"CA-8"_s});
    CHECK(again.out.startsWith(u"already attached as evidence 2: "_s));
    CHECK(sqliteQuery(s.workspace(), u"SELECT count(*) FROM evidence_blob"_s) == u"1"_s);

    const QJsonArray listed = s.json({u"evidence"_s, u"list"_s, u"3"_s, u"--json"_s}).array();
    REQUIRE(listed.size() == 2);
    CHECK(listed.at(0)[u"sha256"_s].toString() == sha);
    CHECK(listed.at(0)[u"question"_s].toString() == u"image.registry.metadata"_s);
    CHECK(listed.at(0)[u"collected_on"_s].toString() == u"2026-11-20"_s);
    CHECK(listed.at(0)[u"expires_on"_s].toString() == u"2027-11-20"_s);
    CHECK(listed.at(1)[u"control"_s].toString() == u"CA-8"_s);
    CHECK(listed.at(1)[u"expires_on"_s].isNull());
    CHECK(s.cli({u"evidence"_s, u"list"_s, u"3"_s}).out.endsWith(u"2 evidence file(s)\n"_s));

    const Run intact = s.cli({u"evidence"_s, u"verify"_s, u"3"_s});
    CHECK(intact.code == 0);
    CHECK(intact.out == u"evidence intact: 2 file(s) checked\n"_s);
    CHECK(s.cli({u"audit"_s, u"verify"_s}).code == 0);

    REQUIRE(sqliteShell(s.workspace(), u"DROP TRIGGER evidence_blob_no_update; UPDATE evidence_blob SET content = CAST('forged' AS BLOB)"_s)
            == 0);
    const QString forged = QString::fromLatin1(QCryptographicHash::hash("forged", QCryptographicHash::Sha256).toHex());
    const Run broken = s.cli({u"evidence"_s, u"verify"_s, u"3"_s});
    CHECK(broken.code == 1);
    CHECK(broken.out
          == u"evidence BROKEN: evidence 1 (pentest-summary.txt): SHA-256 is %1, recorded %2\n"
             "evidence BROKEN: evidence 2 (pentest-summary.txt): SHA-256 is %1, recorded %2\n"
             "2 of 2 evidence file(s) do not match\n"_s.arg(forged, sha));

    // Refusals: one line on stderr naming the input, nothing attached.
    const Run approved = s.cli({u"evidence"_s, u"add"_s, u"1"_s, file});
    CHECK(approved.code == 3);
    CHECK(isOneLine(approved.err));
    CHECK(approved.err.contains(u"engagement 1 is approved and cannot be changed"_s));
    const Run badDate = s.cli({u"evidence"_s, u"add"_s, u"3"_s, file, u"--expires"_s, u"next year"_s});
    CHECK(badDate.code == 2);
    CHECK(badDate.err.contains(u"--expires 'next year' is not a date like 2026-03-31"_s));
    const Run missing = s.cli({u"evidence"_s, u"add"_s, u"3"_s, s.path(u"missing.pdf"_s)});
    CHECK(missing.code == 3);
    CHECK(missing.err == u"bulkhead-cli: %1: there is no file to attach here\n"_s.arg(s.path(u"missing.pdf"_s)));
    CHECK(sqliteQuery(s.workspace(), u"SELECT count(*) FROM evidence"_s) == u"2"_s);
}
