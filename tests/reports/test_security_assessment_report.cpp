// The Security Assessment Report of the demo, as PDF and HTML, read back with poppler's tools
// (pdfinfo, pdftotext, pdffonts) as a reader's software would; and an engagement full of hostile
// text, which every format must carry without breaking.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "EvidenceStore.h"
#include "PdfReport.h"
#include "ReportCharts.h"
#include "ReportDocument.h"
#include "ReportExport.h"
#include "TestSupport.h"
#include "Workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace bulkhead;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

// Runs a poppler tool and returns its standard output; the test fails if the tool is missing.
QString poppler(const QString &tool, const QStringList &arguments)
{
    QProcess p;
    p.start(tool, arguments);
    REQUIRE(p.waitForFinished(60000));
    INFO(tool.toStdString() << ": " << p.readAllStandardError().toStdString());
    REQUIRE(p.exitStatus() == QProcess::NormalExit);
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput());
}

int pdfPages(const QString &path)
{
    const QRegularExpression pages(QStringLiteral("^Pages:\\s+(\\d+)$"), QRegularExpression::MultilineOption);
    const auto match = pages.match(poppler(QStringLiteral("pdfinfo"), {path}));
    REQUIRE(match.hasMatch());
    return match.captured(1).toInt();
}

ExportResult exportTo(Workspace &ws, qint64 id, ReportFormat format, const QString &path)
{
    ExportRequest request;
    request.engagementId = id;
    request.type = ReportType::SecurityAssessment;
    request.format = format;
    request.outputPath = path;
    QStringList steps;
    request.progress = [&steps](const QString &step) { steps << step; };
    auto exported = exportReport(ws, library(), request);
    INFO((exported ? QString() : exported.error().toString()).toStdString());
    REQUIRE(exported.ok());
    CHECK(steps == QStringList {QStringLiteral("load"), QStringLiteral("build"), QStringLiteral("render"), QStringLiteral("write")});
    CHECK(exported->bytes == QFileInfo(path).size());
    return *exported;
}

// Text of an XHTML document, and whether it parsed to the end without error.
std::pair<QString, bool> htmlText(const QByteArray &html)
{
    QXmlStreamReader reader(html);
    QString text;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isCharacters())
            text += reader.text() + QLatin1Char(' ');
    }
    return {text, !reader.hasError()};
}

} // namespace

TEST_CASE("The demo's Security Assessment Report as PDF has every section, real text and embedded fonts", "[reports][sar][pdf]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    const QString path = dir.filePath(QStringLiteral("sar.pdf"));
    const ExportResult result = exportTo(*ws, 1, ReportFormat::Pdf, path);
    CHECK(test::readBytes(path).startsWith("%PDF-"));
    CHECK(pdfPages(path) == result.pages);
    // A cover, the summary and method, eight pages or more of family results, risks, POA&M and
    // 173 responses: a real assessment's length, not a stub's.
    CHECK(result.pages >= 25);
    CHECK(result.pages <= 80);

    const QString text = poppler(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    for (const char *title : {"Security Assessment Report", "1 Executive summary", "2 Scope and methodology", "3 System description",
                              "4 Results by control family", "5 Risk exposure", "6 Plan of action and milestones", "Appendix A Responses",
                              "Appendix B Evidence index"})
        CHECK(text.contains(QString::fromLatin1(title)));
    CHECK(text.contains(QStringLiteral("Harbourline Freight Ltd")));
    CHECK(text.contains(QStringLiteral("2025-11-03 to 2025-11-14")));
    CHECK(text.contains(QStringLiteral("CONFIDENTIAL")));
    CHECK(text.contains(QStringLiteral("Page 1 of %1").arg(result.pages)));
    CHECK(text.contains(QStringLiteral("Page %1 of %1").arg(result.pages)));

    const QStringList lines = text.split(QLatin1Char('\n'));
    const auto lineWith = [&lines](const QStringList &parts) {
        for (const auto &line : lines) {
            if (std::all_of(parts.cbegin(), parts.cend(), [&line](const QString &p) { return line.contains(p); }))
                return true;
        }
        return false;
    };
    // A known control with its result, and the one high residual risk with its level.
    CHECK(lineWith({QStringLiteral("IR-4"), QStringLiteral("Incident Handling"), QStringLiteral("Other than")})); // wraps in its cell
    CHECK(lineWith({QStringLiteral("PE-3"), QStringLiteral("Physical Access Control"), QStringLiteral("Satisfied")}));
    CHECK(lineWith({QStringLiteral("Incidents in provider-run layers are handled late or without forensic data"), QStringLiteral("High")}));
    // Provenance: the scoring rules and the content hash the report was built from.
    CHECK(text.contains(QStringLiteral("bulkhead-scoring-1")));
    auto hash = EngagementStore(*ws).contentHash(1);
    REQUIRE(hash.ok());
    CHECK(text.simplified().remove(QLatin1Char(' ')).contains(*hash));

    // Every font is embedded (pdffonts' "emb" column), so the report reads the same anywhere.
    const QStringList fonts = poppler(QStringLiteral("pdffonts"), {path}).split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(2);
    REQUIRE(fonts.size() >= 2); // regular and bold at least
    const QRegularExpression flags(QStringLiteral("\\s(yes|no)\\s+(yes|no)\\s+(yes|no)\\s+\\d+\\s+\\d+\\s*$"));
    for (const auto &font : fonts) {
        INFO(font.toStdString());
        const auto m = flags.match(font);
        REQUIRE(m.hasMatch());
        CHECK(m.captured(1) == QStringLiteral("yes"));
    }
    // No ligatures: the text extracts as it was written.
    CHECK_FALSE(text.contains(QChar(0xFB01)));
}

TEST_CASE("The demo's Security Assessment Report as HTML is one self-contained, well-formed file with the same facts",
          "[reports][sar][html]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    const QString path = dir.filePath(QStringLiteral("sar.html"));
    exportTo(*ws, 2, ReportFormat::Html, path);
    const QByteArray html = test::readBytes(path);
    const auto [text, parsed] = htmlText(html);
    CHECK(parsed);
    CHECK_FALSE(html.toLower().contains("<script"));
    // The one URI is the XHTML namespace name, an identifier that is never fetched.
    CHECK(html.count("://") == 1);
    CHECK(html.contains("xmlns=\"http://www.w3.org/1999/xhtml\""));
    CHECK(html.count("data:image/png;base64,") >= 2); // the heat map and the family chart
    CHECK(text.contains(QStringLiteral("2 Scope and methodology")));
    CHECK(text.contains(QStringLiteral("Incident Handling")));
    CHECK(text.contains(QStringLiteral("2026-11-02 to 2026-11-13")));
    CHECK(text.contains(QStringLiteral("Incidents in provider-run layers are handled late or without forensic data")));
}

TEST_CASE("Hostile text in an engagement is carried intact by PDF and HTML without breaking either", "[reports][sar][hostile]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    const QString longWord = QString(5000, QLatin1Char('W'));
    const QString hostile = QStringLiteral("<script>alert(1)</script> & \"quoted\" 'single' ]]> \u0001\u0007 ") + QChar(0x05E9)
        + QChar(0x05DC) + QChar(0x05D5) + QChar(0x05DD) + QStringLiteral(" ") + QString::fromUtf8("\xF0\x9F\x9A\x80");
    Engagement e;
    e.client = hostile;
    e.system = longWord;
    e.csp = QStringLiteral("Amazon ECS & <Fargate>");
    e.architecture = QStringLiteral("typical");
    auto id = EngagementStore(*ws).create(e, library());
    REQUIRE(id.ok());
    REQUIRE(AnswerStore(*ws)
                .save(*id,
                      {QStringLiteral("arch.host.hardening"), QStringLiteral("partial"), hostile + longWord, QStringLiteral("examine"),
                       hostile},
                      library())
                .ok());

    const QString pdfPath = dir.filePath(QStringLiteral("hostile.pdf"));
    const ExportResult pdf = exportTo(*ws, *id, ReportFormat::Pdf, pdfPath);
    CHECK(pdfPages(pdfPath) == pdf.pages);
    const QString text = poppler(QStringLiteral("pdftotext"), {pdfPath, QStringLiteral("-")});
    CHECK(text.contains(QStringLiteral("<script>alert(1)</script> & \"quoted\" 'single' ]]>")));
    CHECK_FALSE(text.contains(QChar(0x0001)));
    // The 5,000-character word wraps: every word's box lies inside the A4 page (595 x 842 pt).
    const QString boxes = poppler(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), pdfPath, QStringLiteral("-")});
    const QRegularExpression word(QStringLiteral("<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">"));
    int words = 0;
    for (auto it = word.globalMatch(boxes); it.hasNext();) {
        const auto m = it.next();
        ++words;
        CHECK(m.captured(1).toDouble() >= 0.0);
        CHECK(m.captured(3).toDouble() <= 595.3);
        CHECK(m.captured(4).toDouble() <= 842.0);
    }
    CHECK(words > 100);
    CHECK(text.count(QLatin1Char('W')) >= 5000);

    const QString htmlPath = dir.filePath(QStringLiteral("hostile.html"));
    exportTo(*ws, *id, ReportFormat::Html, htmlPath);
    const QByteArray html = test::readBytes(htmlPath);
    const auto [htmlBody, parsed] = htmlText(html);
    CHECK(parsed);
    CHECK_FALSE(html.toLower().contains("<script"));
    CHECK(htmlBody.contains(QStringLiteral("<script>alert(1)</script> & \"quoted\" 'single' ]]>")));
    CHECK(htmlBody.contains(longWord));
    CHECK_FALSE(htmlBody.contains(QChar(0x0001)));
}

TEST_CASE("Evidence attached to the engagement is indexed with its SHA-256 and cited by the findings it supports", "[reports][sar]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    auto before = loadAndScore(*ws, library(), 3);
    REQUIRE(before.ok());
    // A control of the draft round with a question behind it that was answered.
    const ControlResult *control = nullptr;
    for (const auto &c : before->card.controls) {
        if (c.result != ControlDetermination::NotAssessed && !c.questions.isEmpty()) {
            control = &c;
            break;
        }
    }
    REQUIRE(control != nullptr);
    const QString question = control->questions.first();
    const QString diagram = dir.filePath(QStringLiteral("network-diagram.png"));
    test::writeBytes(diagram, QByteArray("\x89PNG\r\n\x1a\n") + QByteArray(200, 'd'));
    const QString policy = dir.filePath(QStringLiteral("access-policy.txt"));
    test::writeBytes(policy, "Privileged access is reviewed every quarter.");
    const QString hashBefore = *EngagementStore(*ws).contentHash(3);
    EvidenceStore store(*ws);
    auto first = store.add({3, diagram, question, {}, QDate(2026, 11, 18), QDate(2026, 11, 20)}, library());
    REQUIRE(first.ok());
    auto second = store.add({3, policy, {}, QStringLiteral("AC-2"), QDate(2026, 11, 19), {}}, library());
    REQUIRE(second.ok());
    // Evidence is content: attaching it changes the hash the report cites.
    CHECK(*EngagementStore(*ws).contentHash(3) != hashBefore);

    const QString path = dir.filePath(QStringLiteral("sar.html"));
    exportTo(*ws, 3, ReportFormat::Html, path);
    const auto [text, wellFormed] = htmlText(test::readBytes(path));
    CHECK(wellFormed);
    const QString flat = text.simplified();
    CHECK_FALSE(flat.contains(QStringLiteral("No evidence files are attached")));
    CHECK(flat.contains(first->item.sha256));
    CHECK(flat.contains(second->item.sha256));
    CHECK(flat.contains(QStringLiteral("network-diagram.png (image/png, 208 bytes)")));
    CHECK(flat.contains(QStringLiteral("question %1").arg(question)));
    CHECK(flat.contains(QStringLiteral("control AC-2")));
    // Northwind's fieldwork ends on 27 Nov 2026: the diagram had expired by then.
    CHECK(flat.contains(QStringLiteral("2026-11-20 (expired before the end of the assessment)")));
    CHECK(flat.contains(QStringLiteral("does not expire")));
    CHECK(flat.contains(QStringLiteral("Evidence: E1")));
}

TEST_CASE("A chart that would straddle a page break goes whole onto the next page, drawn once", "[reports][pdf]")
{
    // The chart moves down a little with every paragraph put before it, so some of these
    // documents place it across the foot of page 2. pdfimages lists an image on every page that
    // draws it: a chart cut in two would be listed on two pages.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("figure.pdf"));
    const QByteArray chart = riskHeatMapPng({});
    REQUIRE_FALSE(chart.isEmpty());
    const QString filler = QStringLiteral("An assessor's paragraph that runs to a few lines, so that the chart after it moves down the "
                                          "page by a line or two each time one more is added before it. ")
                               .repeated(3);
    std::set<int> chartPages;
    for (int paragraphs = 0; paragraphs <= 30; ++paragraphs) {
        ReportDocument doc;
        doc.title = QStringLiteral("Layout check");
        doc.generatedAt = QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC);
        doc.heading(QStringLiteral("Findings"));
        for (int i = 0; i < paragraphs; ++i)
            doc.paragraph(filler);
        doc.figure(ReportFigure {QStringLiteral("Residual risks"), chart, 150});
        doc.paragraph(QStringLiteral("After the chart."));
        const PdfResult pdf = renderPdf(doc);
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        REQUIRE(file.write(pdf.pdf) == pdf.pdf.size());
        file.close();
        // "page num type width height ...", after two header lines.
        QStringList rows = poppler(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path}).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        REQUIRE(rows.size() >= 2);
        rows.remove(0, 2);
        INFO(paragraphs << " paragraph(s) before the chart");
        REQUIRE(rows.size() == 1);
        chartPages.insert(rows.first().split(QLatin1Char(' '), Qt::SkipEmptyParts).first().toInt());
    }
    // The cover is page 1; on the way the chart was pushed from page 2 to 3, and further.
    CHECK(*chartPages.begin() == 2);
    CHECK(chartPages.count(3) == 1);
}
