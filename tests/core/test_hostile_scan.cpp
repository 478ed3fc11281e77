// Hostile scanner output (tests/data/hostile/scan/<tool>): every file is refused through
// parseScan with an error that names it and says what is wrong (a line and column for invalid
// JSON, the JSON path of the offending value otherwise), in bounded time and memory. 100 MB
// strings and 10^5-deep arrays are made here for each of the four formats; the real files in
// ../shared/testdata are cut short here rather than copied. tests/core/test_scan_parsers.cpp
// covers the ordinary mistakes; these are the ones made on purpose.
#include "BoundedRun.h"
#include "HostileCorpus.h"
#include "scan/ScanParser.h"

#include <QRegularExpression>

#include <catch2/catch.hpp>

using namespace bulkhead;
using namespace bulkhead::test;
using namespace Qt::StringLiterals;

namespace {

// parseScan in a bounded child: "ok <observations> <title length of the first>" or the error.
QString parseBounded(ScanTool tool, const std::function<QByteArray()> &bytes, const QString &file)
{
    const BoundedRun run = runBounded([&]() -> QByteArray {
        const auto report = parseScan(tool, bytes(), file);
        if (!report)
            return report.error().toString().toUtf8();
        return QByteArray("ok ") + QByteArray::number(report->observations.size()) + ' '
            + QByteArray::number(report->observations.isEmpty() ? -1 : report->observations.first().title.size());
    });
    INFO(run.describe());
    REQUIRE(run.finished());
    return QString::fromUtf8(run.output);
}

struct Expected {
    const char *file; // in tests/data/hostile/scan
    const char *error; // after "<path>"; "ok ..." when the file is read
};

ScanTool toolOf(const QString &file)
{
    return *parseScanTool(file.section(u'/', 0, 0));
}

// The same document shape for each format, with `value` where a long text goes.
QByteArray documentWith(ScanTool tool, const QByteArray &value)
{
    switch (tool) {
    case ScanTool::KubeBench:
        return R"({"Controls": [{"node_type": "master", "tests": [{"results": [{"test_number": "1.1.1", "status": "FAIL", "test_desc": ")"
            + value + R"("}]}]}]})";
    case ScanTool::DockerBench:
        return R"({"dockerbenchsecurity": "1.3.6", "tests": [{"id": "1", "results": [{"id": "1.1", "result": "WARN", "desc": ")" + value
            + R"("}]}]})";
    case ScanTool::Trivy:
        return R"({"SchemaVersion": 2, "Results": [{"Target": "img", "Vulnerabilities": [{"VulnerabilityID": "CVE-1", "Title": ")" + value
            + R"("}]}]})";
    case ScanTool::Sarif:
        return R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": ")" + value
            + R"("}}]}]})";
    }
    return {};
}

// Where each format keeps its list of findings: a deep array goes there.
QByteArray deepDocument(ScanTool tool, int depth)
{
    const QByteArray arrays = QByteArray(depth, '[') + QByteArray(depth, ']');
    switch (tool) {
    case ScanTool::KubeBench: return "{\"Controls\": " + arrays + "}";
    case ScanTool::DockerBench: return "{\"tests\": " + arrays + "}";
    case ScanTool::Trivy: return "{\"SchemaVersion\": 2, \"Results\": " + arrays + "}";
    case ScanTool::Sarif: return "{\"version\": \"2.1.0\", \"runs\": " + arrays + "}";
    }
    return {};
}

const QString kDockerBenchHint = u" (docker-bench-security writes its log without escaping quotes or backslashes inside values, which "
                                 "breaks it; correct the value near this position by hand)"_s;

} // namespace

TEST_CASE("every hostile scanner file is refused with an error naming it and what is wrong", "[hostile][scan]")
{
    // clang-format off
    const Expected expected = GENERATE(values<Expected>({
        {"kube-bench/control_characters.json", ": Controls[0].tests[0].results[0].status: unknown status \"\x1b[2J\x1b[31mPASS\r\nFAIL\" (kube-bench writes PASS, FAIL, WARN or INFO)"},
        {"kube-bench/deep_arrays_1000.json", ": Controls[0]: must be an object"},
        {"kube-bench/deep_arrays_5000.json", ":1:1037: not valid JSON: too deeply nested document"},
        {"kube-bench/null_controls.json", ": Controls[0]: must be an object"},
        {"kube-bench/totals_out_of_range.json", ":1:47: not valid JSON: illegal number"},
        {"kube-bench/truncated.json", ":1:210: not valid JSON: the file ends inside a string"},
        {"kube-bench/utf16le_with_bom.json", ":1:1: not valid JSON: illegal value"},
        {"kube-bench/wrong_types.json", ": Controls[0].tests[0].results[1].test_desc: must be a string"},
        {"docker-bench/deep_arrays_1000.json", ": tests[0]: must be an object"},
        {"docker-bench/deep_arrays_5000.json", ":1:1034: not valid JSON: too deeply nested document*"},
        {"docker-bench/results_is_object.json", ": tests[0].results: must be an array"},
        {"docker-bench/truncated.json", ":1:178: not valid JSON: the file ends inside a string*"},
        {"docker-bench/utf16le_with_bom.json", ":1:1: not valid JSON: illegal value*"},
        {"docker-bench/version_is_object.json", ": dockerbenchsecurity: must be a string"},
        {"docker-bench/wrong_types.json", ": tests[0].results[1].id: must be a string"},
        {"trivy/deep_arrays_1000.json", ": Results[0]: must be an object"},
        {"trivy/deep_arrays_5000.json", ":1:1056: not valid JSON: too deeply nested document"},
        {"trivy/schema_version_as_text.json", ": SchemaVersion: must be a whole number"},
        {"trivy/schema_version_out_of_range.json", ":1:23: not valid JSON: illegal number"},
        {"trivy/secret_line_fraction.json", ": Results[0].Secrets[0].StartLine: must be a whole number"},
        {"trivy/truncated.json", ":1:247: not valid JSON: the file ends inside a string"},
        {"trivy/utf16le_with_bom.json", ":1:1: not valid JSON: illegal value"},
        {"trivy/wrong_types.json", ": Results[0].Vulnerabilities[1].VulnerabilityID: must be a string"},
        {"sarif/deep_arrays_1000.json", ": runs[0]: must be an object"},
        {"sarif/deep_arrays_5000.json", ":1:1053: not valid JSON: too deeply nested document"},
        {"sarif/rule_index_huge.json", ": runs[0].results[0].ruleIndex: must be a whole number"},
        // SARIF 3.27.6: -1 means "no rule given", so this one is read, with the message as title.
        {"sarif/rule_index_negative.json", "ok 1 1"},
        {"sarif/runs_is_object.json", ": runs: must be an array"},
        {"sarif/truncated.json", ":1:219: not valid JSON: the file ends inside a string"},
        {"sarif/utf16le_with_bom.json", ":1:1: not valid JSON: illegal value"},
        {"sarif/wrong_types.json", ": runs[0].results[1].message: must be an object"},
    }));
    // clang-format on
    const QString relative = QString::fromUtf8(expected.file);
    const QString path = hostileData(u"scan/"_s + relative);
    CAPTURE(path);
    QString want = QString::fromUtf8(expected.error);
    // '*': docker-bench's hint about its unescaped log follows every JSON syntax error.
    if (want.endsWith(u'*'))
        want = want.chopped(1) + kDockerBenchHint;
    const QString got = parseBounded(
        toolOf(relative), [&path] { return readBytes(path); }, path);
    CHECK(got == (want.startsWith(u"ok"_s) ? want : path + want));
}

TEST_CASE("the corpus of hostile scanner files is tested whole", "[hostile][scan]")
{
    CHECK(hostileFiles(u"scan/kube-bench"_s).size() == 8);
    CHECK(hostileFiles(u"scan/docker-bench"_s).size() == 7);
    CHECK(hostileFiles(u"scan/trivy"_s).size() == 8);
    CHECK(hostileFiles(u"scan/sarif"_s).size() == 8);
}

TEST_CASE("the real scanner files cut short at any of 64 points are refused with a position", "[hostile][scan]")
{
    const QList<std::pair<ScanTool, QString>> files = {
        {ScanTool::KubeBench, u"kube-bench/result.json"_s},
        {ScanTool::DockerBench, u"docker-bench/docker-bench-report-many-vulns.json"_s},
        {ScanTool::Trivy, u"trivy/alpine-310.json.golden"_s},
        {ScanTool::Sarif, u"sarif/alpine-310.sarif.golden"_s},
    };
    for (const auto &[tool, relative] : files) {
        const QString path = sharedTestData(relative);
        const QByteArray whole = readBytes(path);
        const BoundedRun run = runBounded([&, tool = tool]() -> QByteArray {
            QStringList errors;
            for (int i = 1; i <= 64; ++i) {
                const QByteArray cut = whole.left(whole.trimmed().size() * i / 65);
                const auto report = parseScan(tool, cut, path);
                errors << (report ? u"read"_s : report.error().toString());
            }
            return encodeLines(errors);
        });
        INFO(path.toStdString() << ": " << run.describe());
        REQUIRE(run.finished());
        const QStringList errors = decodeLines(run.output);
        REQUIRE(errors.size() == 64);
        // Every cut is inside the document, so none is read, and each error gives a position.
        const QRegularExpression positioned(u"^"_s + QRegularExpression::escape(path) + u":[0-9]+:[0-9]+: not valid JSON: "_s);
        for (const auto &e : errors)
            CHECK(positioned.match(e).hasMatch());
    }
}

TEST_CASE("a 100 MB string is read, and left open is refused at the end, in each format", "[hostile][scan][big]")
{
    for (const ScanTool tool : {ScanTool::KubeBench, ScanTool::DockerBench, ScanTool::Trivy, ScanTool::Sarif}) {
        CAPTURE(int(tool));
        constexpr int kSize = 100 * 1024 * 1024;
        CHECK(parseBounded(
                  tool, [tool] { return documentWith(tool, QByteArray(kSize, 'a')); }, u"huge.json"_s)
              == u"ok 1 %1"_s.arg(kSize));
        const QString open = parseBounded(
            tool,
            [tool] {
                QByteArray document = documentWith(tool, QByteArray(kSize, 'a'));
                return document.left(document.indexOf(QByteArray(64, 'a')) + kSize);
            },
            u"open.json"_s);
        const qsizetype valueStart = documentWith(tool, "@").indexOf('@');
        CHECK(open
              == u"open.json:1:%1: not valid JSON: the file ends inside a string"_s.arg(valueStart + kSize + 1)
                  + (tool == ScanTool::DockerBench ? kDockerBenchHint : QString()));
    }
}

TEST_CASE("arrays nested 10^5 deep are refused at Qt's JSON depth limit, in each format", "[hostile][scan][big]")
{
    for (const ScanTool tool : {ScanTool::KubeBench, ScanTool::DockerBench, ScanTool::Trivy, ScanTool::Sarif}) {
        CAPTURE(int(tool));
        const QString error = parseBounded(
            tool, [tool] { return deepDocument(tool, 100000); }, u"deep.json"_s);
        const qsizetype prefix = deepDocument(tool, 1).indexOf('[');
        // Qt stops at 1024 levels of nesting, and says so at the last bracket it took.
        CHECK(error.startsWith(u"deep.json:1:%1: not valid JSON: too deeply nested document"_s.arg(prefix + 1024)));
    }
}
