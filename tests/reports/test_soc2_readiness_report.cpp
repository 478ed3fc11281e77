// The SOC 2 readiness report of the demo: it says plainly what it is not, describes the system,
// and gives every criterion in scope a result that follows from the answers.
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "ReportExport.h"
#include "TestSupport.h"
#include "Workspace.h"

#include <QProcess>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

QString pdfText(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput()).simplified();
}

void exportSoc2(Workspace &ws, qint64 id, ReportFormat format, const QString &path)
{
    ExportRequest request;
    request.engagementId = id;
    request.type = ReportType::Soc2Readiness;
    request.format = format;
    request.outputPath = path;
    auto exported = exportReport(ws, library(), request);
    INFO((exported ? QString() : exported.error().toString()).toStdString());
    REQUIRE(exported.ok());
}

} // namespace

TEST_CASE("The demo's SOC 2 readiness report states its limits and a result for every criterion in scope", "[reports][soc2]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    const QString pdf = dir.filePath(QStringLiteral("soc2.pdf"));
    exportSoc2(*ws, 2, ReportFormat::Pdf, pdf);
    const QString text = pdfText(pdf);
    CHECK(text.contains(QStringLiteral("SOC 2 Readiness Assessment")));
    CHECK(text.contains(QStringLiteral("It is not a SOC 2 report")));
    CHECK(text.contains(QStringLiteral("no opinion of a certified public accountant")));
    for (const char *part : {"1 System description", "Components of the system", "Subservice organisations",
                             "2 Results by Trust Services Criterion", "3 Summary"})
        CHECK(text.contains(QString::fromLatin1(part)));
    // Every question that names a criterion counts toward it; Harbourline 2026's partial answer on
    // incident coordination is an exception under CC7.4.
    CHECK(text.contains(QStringLiteral("CC7.4")));
    CHECK(text.contains(QStringLiteral("Exceptions noted:")));
    CHECK(text.contains(QStringLiteral("No exceptions noted.")));

    // The summary accounts for every criterion of the categories in scope, once.
    const QRegularExpression summary(QStringLiteral("(\\d+) showed no exceptions, (\\d+) showed exceptions to address before an "
                                                    "examination, and (\\d+) were not tested"));
    const auto m = summary.match(text);
    REQUIRE(m.hasMatch());
    const int total = m.captured(1).toInt() + m.captured(2).toInt() + m.captured(3).toInt();
    QSet<QString> categories = {QStringLiteral("CC")};
    for (const auto &questionnaire : library().questionnaires())
        for (const auto &section : questionnaire.sections)
            for (const auto &q : section.questions)
                for (const auto &id : q.soc2)
                    categories.insert(library().criteria().criterion(id)->category);
    int expected = 0;
    for (const auto &c : library().criteria().criteria)
        expected += categories.contains(c.category) ? 1 : 0;
    CHECK(total == expected);
    CHECK(m.captured(2).toInt() > 0);

    const QString html = dir.filePath(QStringLiteral("soc2.html"));
    exportSoc2(*ws, 3, ReportFormat::Html, html);
    QXmlStreamReader reader(test::readBytes(html));
    QString htmlText;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isCharacters())
            htmlText += reader.text();
    }
    CHECK_FALSE(reader.hasError());
    CHECK(htmlText.contains(QStringLiteral("Northwind Clinics Group")));
    CHECK(htmlText.contains(QStringLiteral("Not tested in this assessment.")));
}
