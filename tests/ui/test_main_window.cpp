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

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

std::unique_ptr<MainWindow> demoWindow(const QTemporaryDir &dir)
{
    auto ws = test::openWorkspace(dir);
    const ContentLibrary library = ContentLibrary::builtIn();
    auto ids = buildDemo(*ws, library);
    REQUIRE(ids.ok());
    REQUIRE(ids->size() == 2);
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
    QTemporaryDir dir;
    auto window = demoWindow(dir);
    const EngagementTableModel *model = window->engagementModel();
    REQUIRE(model->rowCount() == 2);
    CHECK(model->columnCount() == EngagementTableModel::ColumnCount);
    CHECK(model->data(model->index(0, EngagementTableModel::Client)).toString() == QStringLiteral("Harbourline Freight Ltd"));
    CHECK(model->data(model->index(0, EngagementTableModel::Architecture)).toString() == QStringLiteral("Hybrid"));
    CHECK(model->data(model->index(0, EngagementTableModel::Status)).toString() == QStringLiteral("In review"));
    CHECK(model->data(model->index(1, EngagementTableModel::Client)).toString() == QStringLiteral("Northwind Clinics Group"));
    CHECK(model->data(model->index(1, EngagementTableModel::Status)).toString() == QStringLiteral("Draft"));
    // Harbourline is hybrid on a type 1 hypervisor and converged: of the 14 scored questions the
    // type 2 host and hyper-converged storage questions are hidden, and the other 12 are answered.
    CHECK(model->data(model->index(0, EngagementTableModel::Progress)).toString() == QStringLiteral("12 of 12 answered"));
    // Northwind is typical and hyper-converged: the type 2 host and converged storage questions
    // are hidden, so 12 scored questions are visible; 5 of its answers carry a status.
    CHECK(model->data(model->index(1, EngagementTableModel::Progress)).toString() == QStringLiteral("5 of 12 answered"));
    CHECK(model->headerData(EngagementTableModel::HighRisks, Qt::Horizontal).toString() == QStringLiteral("High risks"));
    CHECK(model->data(model->index(0, EngagementTableModel::HighRisks)).toInt() == 1);
}

TEST_CASE("Selecting an engagement shows its family scores and risk register")
{
    QTemporaryDir dir;
    auto window = demoWindow(dir);
    window->show();
    EngagementSummaryPanel *panel = window->summaryPanel();
    CHECK(panel->headline() == QStringLiteral("Harbourline Freight Ltd — Cargo booking platform"));
    CHECK(panel->riskTable()->rowCount() == 9);
    CHECK(panel->riskTable()->accessibleName() == QStringLiteral("Risk register"));
    window->engagementView()->selectRow(1);
    CHECK(panel->headline() == QStringLiteral("Northwind Clinics Group — Patient portal"));
    QTableWidget *families = panel->familyTable();
    REQUIRE(families->rowCount() > 0);
    CHECK(families->item(0, 0)->text() == QStringLiteral("AC Access Control"));

    const QImage shot = window->grab().toImage();
    CHECK(shot.width() >= 1000);
    CHECK(shot.height() >= 700);
}
