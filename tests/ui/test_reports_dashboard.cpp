// The portfolio dashboard and the reports view on the demo workspace, offscreen: the dashboard
// shows what core/Portfolio computed (checked against counts made here from the score cards),
// and reports are rendered on a worker thread while the event loop keeps running.
#include "ContentLibrary.h"
#include "DashboardView.h"
#include "DemoWorkspace.h"
#include "Portfolio.h"
#include "ReportExport.h"
#include "ReportsView.h"
#include "RiskHeatMap.h"
#include "StoredEngagement.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPdfDocument>
#include <QPdfView>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

struct Demo {
    QTemporaryDir dir;
    std::unique_ptr<Workspace> ws;
    QList<StoredEngagement> scored; // engagements 1, 2, 3
};

// One demo for the whole file: building it replays three engagements' worth of answers.
Demo &demo()
{
    static Demo d = [] {
        Demo made;
        made.ws = test::openWorkspace(made.dir);
        auto ids = buildDemo(*made.ws, library());
        REQUIRE(ids.ok());
        REQUIRE(*ids == QList<qint64> {1, 2, 3});
        for (qint64 id : *ids) {
            auto stored = loadAndScore(*made.ws, library(), id);
            REQUIRE(stored.ok());
            made.scored.append(std::move(*stored));
        }
        return made;
    }();
    return d;
}

QStringList comboKeys(const QComboBox *combo)
{
    QStringList keys;
    for (int i = 0; i < combo->count(); ++i)
        keys << combo->itemData(i).toString();
    return keys;
}

int columnSum(const QTableWidget *table, int column)
{
    int sum = 0;
    for (int row = 0; row < table->rowCount(); ++row)
        sum += table->item(row, column)->text().toInt();
    return sum;
}

int controlsChanged(const ScoreCard &from, const ScoreCard &to, ControlDetermination before, ControlDetermination after)
{
    int n = 0;
    for (const auto &c : to.controls) {
        for (const auto &b : from.controls) {
            if (b.id == c.id && b.result == before && c.result == after)
                ++n;
        }
    }
    return n;
}

} // namespace

TEST_CASE("The dashboard shows the portfolio of the demo's three engagements")
{
    DashboardView view(*demo().ws, library());
    // Every table's model is checked while the view refills it.
    QAbstractItemModelTester statusTester(view.statusTable()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester poamTester(view.poamTable()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester familyTester(view.familyTable()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester changeTester(view.changeTable()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester deltaTester(view.familyDeltaTable()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    view.reload();
    view.resize(1200, 1600);
    view.show();
    CHECK(view.message().isEmpty());

    SECTION("heat map: 90 risks, each cell the sum over the three score cards")
    {
        CHECK(view.heatMap()->total() == 90);
        CHECK(view.portfolio().riskCount() == 90);
        for (int l = 0; l < 5; ++l) {
            for (int i = 0; i < 5; ++i) {
                int expected = 0;
                for (const auto &stored : demo().scored) {
                    for (const auto &r : stored.card.risks)
                        expected += int(r.likelihood) == l && int(r.impact) == i ? 1 : 0;
                }
                INFO("likelihood " << l << ", impact " << i);
                CHECK(view.heatMap()->count(Level(l), Level(i)) == expected);
                CHECK(view.portfolio().residualRisks[size_t(l)][size_t(i)] == expected);
            }
        }
    }

    SECTION("engagements by status: one draft, one in review, one approved")
    {
        QTableWidget *t = view.statusTable();
        REQUIRE(t->rowCount() == 3);
        CHECK(t->item(0, 0)->text() == QStringLiteral("Draft"));
        CHECK(t->item(0, 1)->text() == QStringLiteral("1"));
        CHECK(t->item(1, 0)->text() == QStringLiteral("In review"));
        CHECK(t->item(1, 1)->text() == QStringLiteral("1"));
        CHECK(t->item(2, 0)->text() == QStringLiteral("Approved"));
        CHECK(t->item(2, 1)->text() == QStringLiteral("1"));
    }

    SECTION("open POA&M items by due month add up to every open item")
    {
        int open = 0;
        for (const auto &stored : demo().scored) {
            for (const auto &item : stored.card.poam)
                open += item.status == QLatin1String("open") ? 1 : 0;
        }
        CHECK(open >= 173); // 100 in 2025 and 73 in 2026, plus Northwind's draft
        CHECK(columnSum(view.poamTable(), 1) == open);
        CHECK(view.portfolio().openPoamCount() == open);
        CHECK(view.poamTable()->rowCount() == view.portfolio().openPoamByDueMonth.size());
        // Rows in due order, each naming its month.
        QStringList months;
        for (int row = 0; row < view.poamTable()->rowCount(); ++row)
            months << view.poamTable()->item(row, 0)->data(Qt::UserRole).toString();
        QStringList sorted = months;
        sorted.sort();
        CHECK(months == sorted);
    }

    SECTION("family scores: the mean and one column per engagement")
    {
        QTableWidget *t = view.familyTable();
        CHECK(t->columnCount() == 5);
        CHECK(t->model()->headerData(2, Qt::Horizontal).toString() == QStringLiteral("#1 Harbourline Freight Ltd 2025"));
        CHECK(t->model()->headerData(3, Qt::Horizontal).toString() == QStringLiteral("#2 Harbourline Freight Ltd 2026"));
        CHECK(t->rowCount() == view.portfolio().families.size());
        REQUIRE(t->rowCount() > 0);
        CHECK(t->item(0, 0)->text().startsWith(view.portfolio().families.at(0).id + QLatin1Char(' ')));
    }

    SECTION("compare rounds: Harbourline 2025 and 2026 by default")
    {
        CHECK(view.earlierCombo()->currentData().toLongLong() == 1);
        CHECK(view.laterCombo()->currentData().toLongLong() == 2);
        REQUIRE(view.comparison() != nullptr);
        const ScoreCard &before = demo().scored.at(0).card;
        const ScoreCard &after = demo().scored.at(1).card;
        const int improved = controlsChanged(before, after, ControlDetermination::OtherThanSatisfied, ControlDetermination::Satisfied);
        const int regressed = controlsChanged(before, after, ControlDetermination::Satisfied, ControlDetermination::OtherThanSatisfied);
        const RoundComparison &c = *view.comparison();
        CHECK(c.improved.size() == improved);
        CHECK(c.regressed.size() == regressed);
        CHECK(view.changeTable()->rowCount() == c.improved.size() + c.regressed.size() + c.risksDown.size() + c.risksUp.size());
        CHECK(view.comparisonSummary()->text().contains(QStringLiteral("%1 controls improved, %2 regressed").arg(improved).arg(regressed)));

        // The other way round, what improved has regressed.
        view.compare(2, 1);
        CHECK(view.earlierCombo()->currentData().toLongLong() == 2);
        REQUIRE(view.comparison() != nullptr);
        CHECK(view.comparison()->improved.size() == regressed);
        CHECK(view.comparison()->regressed.size() == improved);

        // Choosing in the combos compares too.
        view.laterCombo()->setCurrentIndex(view.laterCombo()->findData(3));
        REQUIRE(view.comparison() != nullptr);
        CHECK(view.comparison()->laterId == 3);
    }
}

TEST_CASE("The reports view offers only the formats that suit the report")
{
    ReportsView view(*demo().ws, library());
    view.showEngagement(1);
    view.setReportType(ReportType::Poam);
    CHECK(comboKeys(view.formatCombo()) == QStringList {QStringLiteral("xlsx"), QStringLiteral("csv")});
    CHECK_FALSE(view.previewButton()->isEnabled()); // xlsx: Excel shows it
    CHECK(view.setReportFormat(ReportFormat::Csv));
    CHECK(view.previewButton()->isEnabled());
    CHECK_FALSE(view.setReportFormat(ReportFormat::Pdf));
    view.setReportType(ReportType::SecurityAssessment);
    CHECK(comboKeys(view.formatCombo()) == QStringList {QStringLiteral("pdf"), QStringLiteral("html"), QStringLiteral("docx")});
    view.setReportType(ReportType::OscalPoam);
    CHECK(comboKeys(view.formatCombo()) == QStringList {QStringLiteral("json")});
    CHECK(comboKeys(view.typeCombo())
          == QStringList {QStringLiteral("sar"), QStringLiteral("soc2"), QStringLiteral("poam"), QStringLiteral("oscal-ar"),
                          QStringLiteral("oscal-poam")});
    CHECK_FALSE(view.cancelButton()->isEnabled());
}

TEST_CASE("The SAR PDF is exported on a worker thread while the event loop runs")
{
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("harbourline-2025-sar.pdf"));
    ReportsView view(*demo().ws, library());
    view.show();
    view.showEngagement(1);
    view.setReportType(ReportType::SecurityAssessment);
    REQUIRE(view.setReportFormat(ReportFormat::Pdf));
    QList<int> progress;
    QObject::connect(view.progressBar(), &QProgressBar::valueChanged, [&progress](int value) { progress << value; });
    int ticks = 0;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
    ticker.start(5);
    QSignalSpy finished(&view, &ReportsView::finished);

    view.exportTo(path);
    // exportTo returned with the work still to do: the file comes later, from the worker.
    CHECK(view.isBusy());
    CHECK(view.cancelButton()->isEnabled());
    CHECK_FALSE(view.exportButton()->isEnabled());
    CHECK_FALSE(QFile::exists(path));
    REQUIRE(finished.wait(120000));
    REQUIRE(finished.size() == 1);
    INFO(view.statusLabel()->text().toStdString());
    CHECK(finished.at(0).at(0).toBool());
    CHECK(ticks > 0); // the GUI thread kept serving timers during the export

    CHECK_FALSE(view.isBusy());
    const QByteArray bytes = test::readBytes(path);
    CHECK(bytes.startsWith("%PDF-"));
    CHECK(view.progressBar()->value() == view.progressBar()->maximum());
    REQUIRE_FALSE(progress.isEmpty());
    CHECK(progress.last() == view.progressBar()->maximum());
    // Load (here), then the worker's build, render, write and done, in order. Qt may merge steps
    // that follow each other within 40 ms, so only the first and last are certain.
    CHECK(progress.first() == 1);
    CHECK(std::adjacent_find(progress.cbegin(), progress.cend(), std::greater_equal<int>()) == progress.cend());
    CHECK(view.statusLabel()->text().contains(QStringLiteral("harbourline-2025-sar.pdf")));
    CHECK(view.statusLabel()->text().contains(QLocale().formattedDataSize(bytes.size())));
    CHECK(view.exportButton()->isEnabled());
}

TEST_CASE("Cancelling an export stops it and leaves no file")
{
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("cancelled.pdf"));
    ReportsView view(*demo().ws, library());
    view.showEngagement(1);
    QSignalSpy finished(&view, &ReportsView::finished);
    view.exportTo(path);
    REQUIRE(view.isBusy());
    view.cancelButton()->click();
    REQUIRE(finished.wait(120000));
    CHECK_FALSE(finished.at(0).at(0).toBool());
    CHECK_FALSE(view.isBusy());
    CHECK_FALSE(QFile::exists(path));
    CHECK(QDir(out.path()).entryList(QDir::Files | QDir::Hidden).isEmpty()); // no temporary file either
    CHECK(view.statusLabel()->text() == QStringLiteral("Export cancelled: %1 was not written.").arg(QDir::toNativeSeparators(path)));
    CHECK(view.progressBar()->value() == 0);
}

TEST_CASE("A cancelled export leaves an earlier file as it was")
{
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("poam.csv"));
    test::writeBytes(path, "earlier\n");
    ExportRequest request;
    request.engagementId = 2;
    request.type = ReportType::Poam;
    request.format = ReportFormat::Csv;
    request.outputPath = path;
    QStringList steps;
    request.progress = [&steps](const QString &step) { steps << step; };
    request.cancelled = [&steps] { return steps.contains(QStringLiteral("render")); };
    auto exported = exportReport(*demo().ws, library(), request);
    REQUIRE_FALSE(exported.ok());
    CHECK(exported.error().message == exportCancelledMessage());
    CHECK(steps == QStringList {QStringLiteral("load"), QStringLiteral("build"), QStringLiteral("render")});
    CHECK(test::readBytes(path) == "earlier\n");
    CHECK(QDir(out.path()).entryList(QDir::Files | QDir::Hidden) == QStringList {QStringLiteral("poam.csv")});
}

TEST_CASE("Preview shows the PDF in the PDF viewer and HTML in the browser")
{
    ReportsView view(*demo().ws, library());
    view.resize(900, 700);
    view.show();
    view.showEngagement(2);
    QSignalSpy finished(&view, &ReportsView::finished);

    view.setReportType(ReportType::SecurityAssessment);
    REQUIRE(view.setReportFormat(ReportFormat::Html));
    view.preview();
    REQUIRE(finished.wait(120000));
    CHECK(finished.takeFirst().at(0).toBool());
    CHECK(view.previewStack()->currentWidget() == view.textPreview());
    CHECK(view.textPreview()->toPlainText().contains(QStringLiteral("Security Assessment Report")));
    CHECK(view.textPreview()->toPlainText().contains(QStringLiteral("Harbourline Freight Ltd")));

    REQUIRE(view.setReportFormat(ReportFormat::Pdf));
    view.preview();
    REQUIRE(finished.wait(120000));
    CHECK(finished.takeFirst().at(0).toBool());
    CHECK(view.previewStack()->currentWidget() == view.pdfView());
    CHECK(view.pdfDocument()->status() == QPdfDocument::Status::Ready);
    CHECK(view.pdfDocument()->pageCount() > 5);
    CHECK(view.statusLabel()->text().contains(QStringLiteral("%1 pages").arg(view.pdfDocument()->pageCount())));
}
