// bulkhead-cli's baselines, reports and settings: what a consultant runs to produce the
// deliverables, checked on the demo workspace as a script would see it.
#include "CliTestSupport.h"

#include <QFileInfo>
#include <QRegularExpression>

using namespace cli_test;

TEST_CASE("baseline import keeps an OSCAL profile that engagements can be scored against", "[cli][baseline]")
{
    Sandbox s;
    const QString moderate = sharedTestData(u"oscal/rev5/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json"_s);
    const Run imported = s.cli({u"baseline"_s, u"import"_s, moderate, u"--name"_s, u"nist-moderate"_s});
    INFO(imported.err.toStdString());
    CHECK(imported.code == 0);
    CHECK(imported.out
          == u"imported baseline 'nist-moderate' (\"NIST Special Publication 800-53 Revision 5.1.1 MODERATE IMPACT BASELINE\"): "
             "287 control(s), 256 of them in the assessed families\n"_s);
    const Run listed = s.cli({u"baseline"_s, u"list"_s});
    CHECK(
        listed.out
        == u"nist-moderate  287 control(s), 256 assessed  \"NIST Special Publication 800-53 Revision 5.1.1 MODERATE IMPACT BASELINE\"\n"_s);
    const QJsonArray json = s.json({u"baseline"_s, u"list"_s, u"--json"_s}).array();
    REQUIRE(json.size() == 1);
    CHECK(json.at(0)[u"controls"_s].toArray().size() == 287);
    CHECK(json.at(0)[u"in_scope"_s].toInt() == 256);
    CHECK(json.at(0)[u"imported_by"_s].toString() == u"tester"_s);

    const Run created = s.cli({u"engagement"_s, u"new"_s, u"--client"_s, u"C"_s, u"--system"_s, u"S"_s, u"--csp"_s, u"P"_s,
                               u"--architecture"_s, u"typical"_s, u"--impact"_s, u"low"_s, u"--baseline"_s, u"nist-moderate"_s});
    CHECK(created.code == 0);
    const QJsonObject card = s.json({u"score"_s, u"1"_s, u"--json"_s}).object();
    // The imported profile decides the scope, not the FIPS 199 level (low would give 125 controls).
    CHECK(card[u"baseline"_s].toString() == u"nist-moderate"_s);
    CHECK(card[u"controls"_s].toArray().size() == 256);
    CHECK(card[u"engagement"_s][u"baseline_profile"_s].toString() == u"nist-moderate"_s);

    const Run unknown = s.cli({u"engagement"_s, u"new"_s, u"--client"_s, u"C"_s, u"--system"_s, u"S"_s, u"--csp"_s, u"P"_s,
                               u"--architecture"_s, u"typical"_s, u"--baseline"_s, u"fedramp"_s});
    CHECK(unknown.code == 3);
    CHECK(unknown.err == u"bulkhead-cli: %1: there is no imported baseline named 'fedramp' in this workspace\n"_s.arg(s.workspace()));

    const Run twice = s.cli({u"baseline"_s, u"import"_s, moderate, u"--name"_s, u"nist-moderate"_s});
    CHECK(twice.code == 3);
    CHECK(isOneLine(twice.err));
    const Run noName = s.cli({u"baseline"_s, u"import"_s, moderate});
    CHECK(noName.code == 2);
    CHECK(noName.err.contains(u"baseline import needs FILE and --name NAME"_s));
}

TEST_CASE("report writes the demo's Security Assessment Report and refuses combinations that make no sense", "[cli][report]")
{
    Sandbox s;
    s.demo();
    const QString pdf = s.path(u"sar.pdf"_s);
    const Run written = s.cli({u"report"_s, u"1"_s, u"--type"_s, u"sar"_s, u"--format"_s, u"pdf"_s, u"--output"_s, pdf});
    INFO(written.err.toStdString());
    CHECK(written.code == 0);
    CHECK(QRegularExpression(
              u"^wrote %1 \\(%2 bytes, \\d+ pages, \\d+ ms\\)\n$"_s.arg(QRegularExpression::escape(pdf)).arg(QFileInfo(pdf).size()))
              .match(written.out)
              .hasMatch());
    CHECK(readBytes(pdf).startsWith("%PDF-"));
    const QString html = s.path(u"sar.html"_s);
    CHECK(s.cli({u"report"_s, u"2"_s, u"--type"_s, u"sar"_s, u"--format"_s, u"html"_s, u"--output"_s, html}).code == 0);
    CHECK(readBytes(html).startsWith("<!DOCTYPE html>"));
    // Every type in every format it comes in, from the demo.
    const QList<std::pair<QString, QString>> combinations
        = {{u"sar"_s, u"docx"_s},  {u"soc2"_s, u"pdf"_s}, {u"soc2"_s, u"html"_s},     {u"soc2"_s, u"docx"_s},
           {u"poam"_s, u"xlsx"_s}, {u"poam"_s, u"csv"_s}, {u"oscal-ar"_s, u"json"_s}, {u"oscal-poam"_s, u"json"_s}};
    for (const auto &[type, format] : combinations) {
        const QString out = s.path(u"demo-%1.%2"_s.arg(type, format));
        const Run r = s.cli({u"report"_s, u"1"_s, u"--type"_s, type, u"--format"_s, format, u"--output"_s, out});
        INFO(type.toStdString() << " " << format.toStdString() << ": " << r.err.toStdString());
        CHECK(r.code == 0);
        CHECK(QFileInfo(out).size() > 10000);
    }
    CHECK(readBytes(s.path(u"demo-poam.csv"_s)).startsWith("\xEF\xBB\xBFPOA&M ID,"));
    CHECK(readBytes(s.path(u"demo-sar.docx"_s)).startsWith("PK"));
    CHECK(QJsonDocument::fromJson(readBytes(s.path(u"demo-oscal-ar.json"_s))).object().contains(u"assessment-results"_s));

    struct Case {
        QStringList args;
        int code;
        QString message;
    };
    const QList<Case> cases = {
        {{u"--type"_s, u"poam"_s, u"--format"_s, u"pdf"_s}, 2, u"poam reports do not come as pdf"_s},
        {{u"--type"_s, u"oscal-ar"_s, u"--format"_s, u"docx"_s}, 2, u"oscal-ar reports do not come as docx"_s},
        {{u"--type"_s, u"sar"_s, u"--format"_s, u"json"_s}, 2, u"sar reports do not come as json"_s},
        {{u"--type"_s, u"memo"_s, u"--format"_s, u"pdf"_s}, 2, u"--type 'memo' is not one of sar|soc2|poam|oscal-ar|oscal-poam"_s},
        {{u"--type"_s, u"sar"_s}, 2, u"report needs --format"_s},
    };
    for (const auto &c : cases) {
        const Run r = s.cli(QStringList {u"report"_s, u"1"_s} + c.args + QStringList {u"--output"_s, s.path(u"x.out"_s)});
        INFO(c.args.join(u' ').toStdString() << ": " << r.err.toStdString());
        CHECK(r.code == c.code);
        CHECK(isOneLine(r.err));
        CHECK(r.err.contains(c.message));
        CHECK_FALSE(QFileInfo::exists(s.path(u"x.out"_s)));
    }
    const Run missing = s.cli({u"report"_s, u"9"_s, u"--type"_s, u"sar"_s, u"--format"_s, u"pdf"_s, u"--output"_s, s.path(u"x.pdf"_s)});
    CHECK(missing.code == 3);
    CHECK(missing.err.contains(u"there is no engagement 9"_s));
    // A place that cannot be written is named in the message.
    const QString blocked = s.path(u"no-such-folder/sar.pdf"_s);
    const Run unwritable = s.cli({u"report"_s, u"1"_s, u"--type"_s, u"sar"_s, u"--format"_s, u"pdf"_s, u"--output"_s, blocked});
    CHECK(unwritable.code == 3);
    CHECK(unwritable.err.startsWith(u"bulkhead-cli: %1: cannot write the report"_s.arg(blocked)));
}

// Separate processes get separate hash seeds and wall clocks: what a consultant re-running the
// command months later would see.
TEST_CASE("report --generated-at reproduces the same bytes in every type and format", "[cli][report]")
{
    Sandbox s;
    s.demo();
    const QList<std::pair<QString, QString>> combinations
        = {{u"sar"_s, u"pdf"_s},   {u"sar"_s, u"html"_s},  {u"sar"_s, u"docx"_s}, {u"soc2"_s, u"pdf"_s},      {u"soc2"_s, u"html"_s},
           {u"soc2"_s, u"docx"_s}, {u"poam"_s, u"xlsx"_s}, {u"poam"_s, u"csv"_s}, {u"oscal-ar"_s, u"json"_s}, {u"oscal-poam"_s, u"json"_s}};
    const auto report = [&s](const QString &type, const QString &format, const QString &name, const QString &at) {
        const QString out = s.path(name);
        const Run r = s.cli({u"report"_s, u"1"_s, u"--type"_s, type, u"--format"_s, format, u"--output"_s, out, u"--generated-at"_s, at});
        INFO(type.toStdString() << " " << format.toStdString() << ": " << r.err.toStdString());
        REQUIRE(r.code == 0);
        return readBytes(out);
    };
    for (const auto &[type, format] : combinations) {
        INFO(type.toStdString() << " " << format.toStdString());
        const QByteArray first = report(type, format, u"a-%1.%2"_s.arg(type, format), u"2025-11-20T16:05:00Z"_s);
        const QByteArray second = report(type, format, u"b-%1.%2"_s.arg(type, format), u"2025-11-20T17:05:00+01:00"_s);
        const QByteArray later = report(type, format, u"c-%1.%2"_s.arg(type, format), u"2025-12-01T08:00:00Z"_s);
        CHECK(first.size() > 10000);
        CHECK((second == first)); // the same instant, written in another zone
        if (format != u"csv"_s) // the CSV holds the items only
            CHECK((later != first)); // every other format states when it was generated
    }
    CHECK(readBytes(s.path(u"a-sar.pdf"_s)).contains("/CreationDate (D:20251120160500Z)"));
    CHECK(readBytes(s.path(u"a-sar.html"_s)).contains(R"(<time datetime="2025-11-20T16:05:00Z">)"));

    const Run zoneless = s.cli({u"report"_s, u"1"_s, u"--type"_s, u"sar"_s, u"--format"_s, u"pdf"_s, u"--output"_s, s.path(u"x.pdf"_s),
                                u"--generated-at"_s, u"2025-11-20 16:05"_s});
    CHECK(zoneless.code == 2);
    CHECK(isOneLine(zoneless.err));
    CHECK(zoneless.err.contains(u"--generated-at '2025-11-20 16:05' is not a date-time with a time zone, such as 2026-03-02T09:30:00Z"_s));
    CHECK_FALSE(QFileInfo::exists(s.path(u"x.pdf"_s)));
}

TEST_CASE("settings brand every report, and refuse values that would not work", "[cli][settings]")
{
    Sandbox s;
    s.demo();
    // A 1 x 1 PNG in the accent colour, written byte by byte (this test needs no QtGui).
    writeBytes(s.path(u"logo.png"_s),
               QByteArray("\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
                          "\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\x90\xf7\xab\x04\x00\x01\x76\x00\xe7\xb6\x8f\x53"
                          "\x56\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
                          69));
    for (const auto &[key, value] :
         {std::pair {u"report.organisation"_s, u"Example Assurance LLP"_s}, std::pair {u"report.accent"_s, u"#0B6E4F"_s},
          std::pair {u"report.classification"_s, u"CLIENT CONFIDENTIAL"_s}, std::pair {u"report.logo"_s, s.path(u"logo.png"_s)}}) {
        const Run r = s.cli({u"settings"_s, u"set"_s, key, value});
        INFO(r.err.toStdString());
        CHECK(r.code == 0);
        CHECK(r.out == u"set %1\n"_s.arg(key));
    }
    const Run listed = s.cli({u"settings"_s, u"list"_s});
    CHECK(listed.out
          == u"poam.due_days.high = (not set: 30 days)\npoam.due_days.low = (not set: 180 days)\n"
             "poam.due_days.moderate = (not set: 90 days)\npoam.due_days.very_high = (not set: 30 days)\n"
             "poam.due_days.very_low = (not set: 365 days)\n"
             "report.accent = #0b6e4f\nreport.classification = CLIENT CONFIDENTIAL\nreport.logo = (PNG, %1 bytes)\n"
             "report.organisation = Example Assurance LLP\n"_s.arg(QFileInfo(s.path(u"logo.png"_s)).size()));
    CHECK(sqliteQuery(s.workspace(), u"SELECT count(*) FROM audit_event WHERE action = 'setting.change'"_s) == u"4"_s);

    const QString html = s.path(u"sar.html"_s);
    REQUIRE(s.cli({u"report"_s, u"2"_s, u"--type"_s, u"sar"_s, u"--format"_s, u"html"_s, u"--output"_s, html}).code == 0);
    const QByteArray page = readBytes(html);
    CHECK(page.contains("Example Assurance LLP"));
    CHECK(page.contains("CLIENT CONFIDENTIAL"));
    CHECK(page.contains("#0b6e4f"));
    const QByteArray logoUri = QByteArray("data:image/png;base64,") + readBytes(s.path(u"logo.png"_s)).toBase64();
    CHECK(page.contains(logoUri));

    const Run colour = s.cli({u"settings"_s, u"set"_s, u"report.accent"_s, u"teal"_s});
    CHECK(colour.code == 3);
    CHECK(colour.err == u"bulkhead-cli: report.accent 'teal' is not a colour like #1f4e79\n"_s);
    writeBytes(s.path(u"logo.txt"_s), "not a picture");
    const Run notPng = s.cli({u"settings"_s, u"set"_s, u"report.logo"_s, s.path(u"logo.txt"_s)});
    CHECK(notPng.code == 3);
    CHECK(notPng.err == u"bulkhead-cli: %1: the logo is not a PNG image\n"_s.arg(s.path(u"logo.txt"_s)));
    const Run unknown = s.cli({u"settings"_s, u"set"_s, u"report.font"_s, u"Comic"_s});
    CHECK(unknown.code == 2);
    CHECK(s.cli({u"settings"_s, u"list"_s}).out.contains(u"report.accent = #0b6e4f\n"_s));

    const Run days = s.cli({u"settings"_s, u"set"_s, u"poam.due_days.high"_s, u"14"_s});
    CHECK(days.code == 0);
    const Run noDays = s.cli({u"settings"_s, u"set"_s, u"poam.due_days.high"_s, u"0"_s});
    CHECK(noDays.code == 3);
    CHECK(noDays.err == u"bulkhead-cli: poam.due_days.high '0' is not a whole number of days from 1 to 3650\n"_s);
    CHECK(s.cli({u"settings"_s, u"list"_s}).out.startsWith(u"poam.due_days.high = 14\npoam.due_days.low = (not set: 180 days)\n"_s));
}
