// The main window on the demo workspace, on the offscreen platform: the engagement list and
// the summary of the selected engagement show what core computed.
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementSummaryPanel.h"
#include "EngagementTableModel.h"
#include "MainWindow.h"
#include "TestSupport.h"

#include <QApplication>
#include <QFontInfo>
#include <QImage>
#include <QTableView>
#include <QTableWidget>

#include <QLocale>
#include <QScrollBar>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

std::unique_ptr<MainWindow> demoWindow(const QTemporaryDir &dir)
{
    auto ws = test::openWorkspace(dir);
    const ContentLibrary library = ContentLibrary::builtIn();
    auto ids = buildDemo(*ws, library);
    REQUIRE(ids.ok());
    REQUIRE(ids->size() == 3);
    return std::make_unique<MainWindow>(std::move(ws), library);
}

} // namespace

TEST_CASE("Fonts are installed, so windows and PDFs carry real text")
{
    const QFontInfo info(QApplication::font());
    CHECK_FALSE(info.family().isEmpty());
}

TEST_CASE("The main window lists the demo engagements")
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    QTemporaryDir dir;
    auto window = demoWindow(dir);
    const EngagementTableModel *model = window->engagementModel();
    REQUIRE(model->rowCount() == 3);
    CHECK(model->columnCount() == EngagementTableModel::ColumnCount);
    const auto cell = [model](int row, int column) { return model->data(model->index(row, column)).toString(); };
    CHECK(cell(0, EngagementTableModel::Client) == QStringLiteral("Harbourline Freight Ltd"));
    CHECK(cell(0, EngagementTableModel::Architecture) == QStringLiteral("Hybrid"));
    CHECK(cell(0, EngagementTableModel::Status) == QStringLiteral("Approved"));
    // The two Harbourline rounds differ by their assessment period.
    CHECK(cell(0, EngagementTableModel::Period) == QStringLiteral("3 Nov 2025 – 14 Nov 2025"));
    CHECK(cell(1, EngagementTableModel::Client) == QStringLiteral("Harbourline Freight Ltd"));
    CHECK(cell(1, EngagementTableModel::Period) == QStringLiteral("2 Nov 2026 – 13 Nov 2026"));
    CHECK(cell(1, EngagementTableModel::Status) == QStringLiteral("In review"));
    CHECK(cell(2, EngagementTableModel::Client) == QStringLiteral("Northwind Clinics Group"));
    CHECK(cell(2, EngagementTableModel::Status) == QStringLiteral("Draft"));
    // Harbourline answered every visible scored question in both rounds (160 of its 173 answers carry
    // a status; 13 record facts). Northwind's draft: 51 of its 62 answers carry a status, among the
    // 156 scored questions visible on a typical, hyper-converged, single-actor platform.
    CHECK(cell(0, EngagementTableModel::Progress) == QStringLiteral("160 of 160 answered"));
    CHECK(cell(1, EngagementTableModel::Progress) == QStringLiteral("160 of 160 answered"));
    CHECK(cell(2, EngagementTableModel::Progress) == QStringLiteral("51 of 156 answered"));
    CHECK(model->headerData(EngagementTableModel::HighRisks, Qt::Horizontal).toString() == QStringLiteral("High risks"));
    CHECK(model->headerData(EngagementTableModel::Period, Qt::Horizontal).toString() == QStringLiteral("Assessment period"));
    CHECK(model->data(model->index(0, EngagementTableModel::HighRisks)).toInt() == 1);
    CHECK(model->data(model->index(1, EngagementTableModel::HighRisks)).toInt() == 0);
}

TEST_CASE("Selecting an engagement shows its family scores and risk register")
{
    QTemporaryDir dir;
    auto window = demoWindow(dir);
    window->show();
    EngagementSummaryPanel *panel = window->summaryPanel();
    CHECK(panel->headline() == QStringLiteral("Harbourline Freight Ltd — Cargo booking platform (3 Nov 2025 – 14 Nov 2025)"));
    CHECK(panel->riskTable()->rowCount() == 30);
    CHECK(panel->riskTable()->accessibleName() == QStringLiteral("Risk register"));
    window->engagementView()->selectRow(2);
    CHECK(panel->headline() == QStringLiteral("Northwind Clinics Group — Patient portal (16 Nov 2026 – 27 Nov 2026)"));
    QTableWidget *families = panel->familyTable();
    REQUIRE(families->rowCount() > 0);
    CHECK(families->item(0, 0)->text() == QStringLiteral("AC Access Control"));

    // The list shows every engagement without scrolling.
    QCoreApplication::processEvents();
    CHECK(window->engagementView()->verticalScrollBar()->maximum() == 0);
    CHECK(window->engagementView()->rowAt(window->engagementView()->viewport()->height() - 1) == -1); // room to spare

    const QImage shot = window->grab().toImage();
    CHECK(shot.width() >= 1000);
    CHECK(shot.height() >= 700);
}
