// bulkhead-cli on hostile input (tests/data/hostile): each refusal is one line naming the input,
// with the documented exit code, in bounded time, and a hostile file cannot split that line or
// send escape sequences to the terminal. The core readers' own refusals are tested in
// tests/core/test_hostile_*.cpp; these are the command line's few cases of each kind.
#include "CliTestSupport.h"
#include "HostileCorpus.h"

#include <QElapsedTimer>
#include <QFile>

#include <algorithm>

using namespace cli_test;

namespace {

QString copyOf(const Sandbox &s, const QString &relative)
{
    const QString path = s.path(relative.section(u'/', -1));
    writeBytes(path, readBytes(hostileData(relative)));
    return path;
}

// No control character but the newlines ending lines: nothing a terminal would act on.
bool printable(const QString &text)
{
    return std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c != u'\n' && c.category() == QChar::Other_Control; });
}

} // namespace

TEST_CASE("a workspace that is not one is refused in one line with exit code 3 and left untouched", "[cli][hostile]")
{
    Sandbox s;
    for (const char *name : {"schema_version_not_a_number.bulkhead", "other_application.sqlite", "truncated.bulkhead"}) {
        const QString path = copyOf(s, u"workspaces/"_s + QLatin1String(name));
        const QByteArray before = readBytes(path);
        const Run r = s.run({u"--workspace"_s, path, u"engagement"_s, u"list"_s});
        INFO(r.err.toStdString());
        CHECK(r.code == 3);
        CHECK(isOneLine(r.err));
        CHECK(r.err.startsWith(u"bulkhead-cli: "_s + path + u": not a Bulkhead workspace"_s));
        CHECK(r.out.isEmpty());
        CHECK(readBytes(path) == before);
    }
}

TEST_CASE("validate reports a billion laughs by line and column and exits 1", "[cli][hostile]")
{
    Sandbox s;
    const QString path = hostileData(u"yaml/billion_laughs.yaml"_s);
    QElapsedTimer timer;
    timer.start();
    const Run r = s.run({u"validate"_s, path});
    CHECK(timer.elapsed() < 20000);
    CHECK(r.code == 1);
    CHECK(r.out.count(path + u":14:7: a section must be a mapping of keys to values\n"_s) == 10);
    CHECK(r.out.endsWith(u"20 problem(s) in 1 file(s)\n"_s));
}

TEST_CASE("validate prints a problem quoting line breaks and escape sequences as one printable line", "[cli][hostile]")
{
    Sandbox s;
    const QString path = hostileData(u"yaml/control_characters_in_values.yaml"_s);
    const Run r = s.run({u"validate"_s, path});
    CHECK(r.code == 1);
    CHECK(printable(r.out));
    CHECK(
        r.out.contains(path + u":8:9: id 'hx.controls INJECTED: fake problem' must be dotted lower-case words (letters, digits, '_')\n"_s));
    CHECK(r.out.contains(path + u":14:9: unknown key '?[2J?[31mcolour ' in question 'hx.controls.q1'"_s));
    // The injected text stays inside the problem that quotes it.
    CHECK_FALSE(r.out.contains(u"\nINJECTED"_s));
}

TEST_CASE("validate refuses a 100 MB file at once", "[cli][hostile]")
{
    Sandbox s;
    const QString path = s.path(u"huge.yaml"_s);
    {
        QFile out(path);
        REQUIRE(out.open(QIODevice::WriteOnly));
        const QByteArray chunk(1024 * 1024, '#');
        for (int i = 0; i < 100; ++i)
            REQUIRE(out.write(chunk) == chunk.size());
    }
    QElapsedTimer timer;
    timer.start();
    const Run r = s.run({u"validate"_s, path});
    CHECK(timer.elapsed() < 20000);
    CHECK(r.code == 1);
    CHECK(r.out.startsWith(path + u": the file is 100.0 MiB, over the limit of 8 MiB for YAML files\n"_s));
}

TEST_CASE("import-scan refuses hostile scanner output in one printable line and imports nothing", "[cli][hostile]")
{
    Sandbox s;
    const Run created = s.cli(
        {u"engagement"_s, u"new"_s, u"--client"_s, u"C"_s, u"--system"_s, u"S"_s, u"--csp"_s, u"P"_s, u"--architecture"_s, u"typical"_s});
    REQUIRE(created.code == 0);
    const QString deep = hostileData(u"scan/sarif/deep_arrays_5000.json"_s);
    const Run tooDeep = s.cli({u"import-scan"_s, u"1"_s, u"--tool"_s, u"sarif"_s, deep});
    CHECK(tooDeep.code == 3);
    CHECK(tooDeep.err == u"bulkhead-cli: "_s + deep + u":1:1053: not valid JSON: too deeply nested document\n"_s);

    const QString controls = hostileData(u"scan/kube-bench/control_characters.json"_s);
    const Run escapes = s.cli({u"import-scan"_s, u"1"_s, u"--tool"_s, u"kube-bench"_s, controls});
    CHECK(escapes.code == 3);
    CHECK(isOneLine(escapes.err));
    CHECK(printable(escapes.err));
    CHECK(
        escapes.err
        == u"bulkhead-cli: "_s + controls
            + u": Controls[0].tests[0].results[0].status: unknown status \"?[2J?[31mPASS  FAIL\" (kube-bench writes PASS, FAIL, WARN or INFO)\n"_s);
    CHECK(sqliteQuery(s.workspace(), u"SELECT count(*) FROM observation"_s) == u"0"_s);
    CHECK(sqliteQuery(s.workspace(), u"SELECT count(*) FROM evidence"_s) == u"0"_s);
}

TEST_CASE("package verify and import refuse a zip bomb and a zip slip in one line with exit code 1", "[cli][hostile]")
{
    Sandbox s;
    s.demo();
    const int events = auditEventCount(s.workspace());
    QFile::remove(u"/tmp/bulkhead-zip-slip"_s);
    const QString bomb = hostileData(u"packages/zip_bomb_lying_size.bulkhead-package"_s);
    const Run verify = s.cli({u"package"_s, u"verify"_s, bomb});
    CHECK(verify.code == 1);
    CHECK(verify.err
          == u"bulkhead-cli: "_s + bomb
              + u": entry 'evidence/bomb' inflates beyond the 1.0 KiB it declares: refused as a possible zip bomb\n"_s);

    const QString slip = hostileData(u"packages/zip_slip.bulkhead-package"_s);
    const Run import = s.cli({u"package"_s, u"import"_s, slip});
    CHECK(import.code == 1);
    CHECK(import.err
          == u"bulkhead-cli: "_s + slip
              + u": entry '../../../../tmp/bulkhead-zip-slip' is refused: its path climbs out of the package ('..')\n"_s);
    CHECK_FALSE(QFile::exists(u"/tmp/bulkhead-zip-slip"_s));
    CHECK(auditEventCount(s.workspace()) == events);
    CHECK(sqliteQuery(s.workspace(), u"SELECT count(*) FROM engagement"_s) == u"3"_s);
}
