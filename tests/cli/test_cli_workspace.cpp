// bulkhead-cli workspace backup|backups|restore: the daily copy made on open, a copy on request,
// a damaged copy refused with the workspace untouched, and a restore that the trail records.
#include "CliTestSupport.h"

#include <QRegularExpression>

using namespace cli_test;

TEST_CASE("workspace backup, backups and restore", "[cli][backups]")
{
    Sandbox s;
    s.demo();
    const QString folder = s.workspace() + u".backups"_s;
    // Creating the workspace made no copy; the first command on the existing file makes the day's.
    CHECK_FALSE(QFileInfo::exists(folder));
    REQUIRE(s.cli({u"engagement"_s, u"list"_s}).code == 0);
    const Run listed = s.cli({u"workspace"_s, u"backups"_s});
    REQUIRE(listed.code == 0);
    INFO(listed.out.toStdString());
    CHECK(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  daily  \\d+ bytes  %1/\\d{8}-\\d{6}-daily\\.bulkhead\n$"_s.arg(
                                 QRegularExpression::escape(folder)))
              .match(listed.out)
              .hasMatch());

    const QString copy = s.path(u"before-change.bulkhead"_s);
    const Run backedUp = s.cli({u"workspace"_s, u"backup"_s, u"--output"_s, copy});
    INFO(backedUp.err.toStdString());
    REQUIRE(backedUp.code == 0);
    CHECK(backedUp.out.startsWith(u"backed up %1 to %2 ("_s.arg(s.workspace(), copy)));
    REQUIRE(s.cli({u"answer"_s, u"3"_s, u"arch.host.hardening"_s, u"no"_s}).code == 0);

    // A damaged copy: refused, exit 3, the workspace as it was.
    const QString damaged = s.path(u"damaged.bulkhead"_s);
    writeBytes(damaged, readBytes(copy).left(20000));
    const QByteArray before = readBytes(s.workspace());
    const Run refused = s.cli({u"workspace"_s, u"restore"_s, damaged});
    CHECK(refused.code == 3);
    CHECK(refused.err.startsWith(u"bulkhead-cli: %1: not restored: the backup is damaged"_s.arg(damaged)));
    CHECK(readBytes(s.workspace()) == before);

    const Run restored = s.cli({u"workspace"_s, u"restore"_s, copy});
    INFO(restored.err.toStdString());
    REQUIRE(restored.code == 0);
    const QRegularExpression restoredText(u"^restored %1 from %2\nthe workspace as it was is kept in (%3/\\d{8}-\\d{6}-before-restore\\.bulkhead)\n$"_s.arg(
        QRegularExpression::escape(s.workspace()), QRegularExpression::escape(copy), QRegularExpression::escape(folder)));
    const auto match = restoredText.match(restored.out);
    INFO(restored.out.toStdString());
    REQUIRE(match.hasMatch());
    CHECK(sqliteQuery(s.workspace(), u"SELECT answer_value FROM answer WHERE engagement_id = 3 AND question_id = 'arch.host.hardening'"_s)
          == u"yes"_s);
    CHECK(sqliteQuery(match.captured(1), u"SELECT answer_value FROM answer WHERE engagement_id = 3 AND question_id = 'arch.host.hardening'"_s)
          == u"no"_s);
    CHECK(sqliteQuery(s.workspace(), u"SELECT count(*) FROM audit_event WHERE action = 'workspace.restore'"_s) == u"1"_s);
    const Run audit = s.cli({u"audit"_s, u"verify"_s});
    CHECK(audit.code == 0);
}
