// The risk, control and POA&M views on the demo workspace, on the offscreen platform: what they
// show is what core scored (loadAndScore), their models pass QAbstractItemModelTester, and an
// override made through the dialog lands in the workspace.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "ControlResultsModel.h"
#include "ControlView.h"
#include "DemoWorkspace.h"
#include "FamilyScoreChart.h"
#include "PoamItemModel.h"
#include "PoamView.h"
#include "ReportColours.h"
#include "RiskHeatMap.h"
#include "RiskLevelStyle.h"
#include "RiskOverrideDialog.h"
#include "RiskRegisterModel.h"
#include "RiskView.h"
#include "StoredEngagement.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

const QList<Level> AllLevels {Level::VeryLow, Level::Low, Level::Moderate, Level::High, Level::VeryHigh};

struct Demo {
    QTemporaryDir dir;
    std::unique_ptr<Workspace> ws;
    ContentLibrary library = ContentLibrary::builtIn();
    qint64 approved = 0; // Harbourline 2025
    qint64 draft = 0; // Northwind

    Demo()
    {
        ws = test::openWorkspace(dir);
        auto ids = buildDemo(*ws, library);
        REQUIRE(ids.ok());
        REQUIRE(ids->size() == 3);
        approved = ids->at(0);
        draft = ids->at(2);
    }

    StoredEngagement scored(qint64 id)
    {
        auto stored = loadAndScore(*ws, library, id);
        REQUIRE(stored.ok());
        return std::move(*stored);
    }
};

// Warnings QAbstractItemModelTester raises in Warning mode, collected instead of printed.
QStringList g_modelTestWarnings;

void collectModelTestWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg && context.category && QByteArrayView(context.category) == QByteArrayView("qt.modeltest"))
        g_modelTestWarnings << message;
}

// Runs `populate` with a tester attached (so resets are checked as they happen), then checks
// the populated model once more from scratch.
template<typename Populate> QStringList modelTestProblems(QAbstractItemModel *model, Populate populate)
{
    g_modelTestWarnings.clear();
    const QtMessageHandler previous = qInstallMessageHandler(collectModelTestWarnings);
    {
        QAbstractItemModelTester live(model, QAbstractItemModelTester::FailureReportingMode::Warning);
        populate();
        QAbstractItemModelTester settled(model, QAbstractItemModelTester::FailureReportingMode::Warning);
    }
    qInstallMessageHandler(previous);
    return g_modelTestWarnings;
}

QString cell(const QAbstractItemModel *model, int row, int column, int role = Qt::DisplayRole)
{
    return model->data(model->index(row, column), role).toString();
}

} // namespace

TEST_CASE("The heat map counts the residual ratings core computed")
{
    Demo demo;
    const StoredEngagement stored = demo.scored(demo.approved);
    RiskView view(*demo.ws, demo.library);
    view.showEngagement(demo.approved);

    int expected[5][5] = {};
    for (const RiskRating &r : stored.card.risks)
        ++expected[static_cast<int>(r.likelihood)][static_cast<int>(r.impact)];
    const RiskHeatMap *map = view.heatMap();
    int high = 0;
    for (Level l : AllLevels) {
        for (Level i : AllLevels) {
            INFO("likelihood " << levelKey(l).toStdString() << ", impact " << levelKey(i).toStdString());
            CHECK(map->count(l, i) == expected[static_cast<int>(l)][static_cast<int>(i)]);
            if (riskLevel(l, i) == Level::High)
                high += map->count(l, i);
        }
    }
    // The demo's published totals: 30 risks, 1 high, 11 moderate, 18 low.
    CHECK(map->total() == 30);
    CHECK(high == 1);
    CHECK(stored.card.risks.size() == 30);

    const RiskRegisterModel *model = view.registerModel();
    REQUIRE(model->rowCount() == 30);
    CHECK(view.registerFilter()->rowCount() == 30);
    QMap<QString, int> byLevel;
    for (int row = 0; row < model->rowCount(); ++row)
        ++byLevel[cell(model, row, RiskRegisterModel::ResidualLevel)];
    CHECK(byLevel.value(QStringLiteral("High")) == 1);
    CHECK(byLevel.value(QStringLiteral("Moderate")) == 11);
    CHECK(byLevel.value(QStringLiteral("Low")) == 18);
    CHECK(model->headerData(RiskRegisterModel::Mitigation, Qt::Horizontal).toString() == QStringLiteral("Mitigation"));

    // The register sorts worst first, so its top row is the one high risk.
    CHECK(cell(view.registerFilter(), 0, RiskRegisterModel::ResidualLevel) == QStringLiteral("High"));
    CHECK(map->accessibleName() == QStringLiteral("Risk heat map"));
    CHECK(map->accessibleDescription().contains(QStringLiteral("1 risk (level High)")));
}

TEST_CASE("The heat map paints the report colours, and clicking a cell filters the register to it")
{
    Demo demo;
    const StoredEngagement stored = demo.scored(demo.approved);
    RiskView view(*demo.ws, demo.library);
    view.resize(1200, 800);
    view.show();
    view.showEngagement(demo.approved);
    QCoreApplication::processEvents();
    RiskHeatMap *map = view.heatMap();

    // Every cell is filled with the colour the reports give its Table I-2 level.
    const QImage image = map->grab().toImage();
    for (Level l : AllLevels)
        for (Level i : AllLevels) {
            const QPoint inside = map->cellRect(l, i).topLeft() + QPoint(2, 2);
            CHECK(QColor(image.pixel(inside)) == riskLevelColor(riskLevel(l, i)));
        }

    // The busiest cell.
    Level busiestL = Level::VeryLow, busiestI = Level::VeryLow;
    for (Level l : AllLevels)
        for (Level i : AllLevels)
            if (map->count(l, i) > map->count(busiestL, busiestI)) {
                busiestL = l;
                busiestI = i;
            }
    const int busiest = map->count(busiestL, busiestI);
    REQUIRE(busiest > 1);
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect(busiestL, busiestI).center());
    REQUIRE(map->selectedCell().has_value());
    CHECK(map->selectedCell()->first == busiestL);
    CHECK(map->selectedCell()->second == busiestI);
    const QSortFilterProxyModel *shown = view.registerFilter();
    REQUIRE(shown->rowCount() == busiest);
    for (int row = 0; row < shown->rowCount(); ++row) {
        CHECK(cell(shown, row, RiskRegisterModel::ResidualLikelihood) == levelLabel(busiestL));
        CHECK(cell(shown, row, RiskRegisterModel::ResidualImpact) == levelLabel(busiestI));
    }

    // The high risk's cell holds exactly one.
    const auto high
        = std::find_if(stored.card.risks.cbegin(), stored.card.risks.cend(), [](const RiskRating &r) { return r.level == Level::High; });
    REQUIRE(high != stored.card.risks.cend());
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect(high->likelihood, high->impact).center());
    REQUIRE(shown->rowCount() == 1);
    CHECK(cell(shown, 0, RiskRegisterModel::Id) == high->id);

    // Clicking the selected cell again shows every risk.
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect(high->likelihood, high->impact).center());
    CHECK_FALSE(map->selectedCell().has_value());
    CHECK(shown->rowCount() == 30);

    // An empty cell filters to nothing; Escape clears it from the keyboard.
    REQUIRE(map->count(Level::VeryHigh, Level::VeryHigh) == 0);
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect(Level::VeryHigh, Level::VeryHigh).center());
    CHECK(shown->rowCount() == 0);
    QTest::keyClick(map, Qt::Key_Escape);
    CHECK(shown->rowCount() == 30);
}

TEST_CASE("Selecting a risk shows the reasons behind its rating")
{
    Demo demo;
    const StoredEngagement stored = demo.scored(demo.approved);
    RiskView view(*demo.ws, demo.library);
    view.showEngagement(demo.approved);
    const RiskRating &first = stored.card.risks.first();
    REQUIRE(view.selectRisk(first.id));
    REQUIRE(view.selectedRisk());
    CHECK(view.selectedRisk()->id == first.id);
    const QString shown = view.reasonsView()->toPlainText();
    CHECK(shown.contains(first.title));
    REQUIRE_FALSE(first.reasons.isEmpty());
    for (const QString &reason : first.reasons)
        CHECK(shown.contains(reason));
    CHECK_FALSE(view.selectRisk(QStringLiteral("risk.no_such_risk")));
}

TEST_CASE("Overrides: refused on an approved engagement, saved through the dialog on a draft")
{
    Demo demo;
    RiskView view(*demo.ws, demo.library);
    view.show();

    view.showEngagement(demo.approved);
    REQUIRE(view.selectRisk(demo.scored(demo.approved).card.risks.first().id));
    CHECK_FALSE(view.overrideButton()->isEnabled());
    CHECK(view.overrideButton()->toolTip().startsWith(QStringLiteral("This engagement cannot be changed")));

    const StoredEngagement before = demo.scored(demo.draft);
    const RiskRating &risk = before.card.risks.first();
    REQUIRE_FALSE(risk.overridden);
    view.showEngagement(demo.draft);
    REQUIRE(view.selectRisk(risk.id));
    REQUIRE(view.overrideButton()->isEnabled());
    CHECK(view.overrideButton()->accessibleName() == QStringLiteral("Override the selected risk's rating"));

    QSignalSpy changed(&view, &RiskView::engagementChanged);
    view.overrideButton()->click();
    auto *dialog = view.findChild<RiskOverrideDialog *>();
    REQUIRE(dialog);
    CHECK(dialog->isVisible());
    // It starts from the computed rating, and OK waits for a rationale.
    CHECK(dialog->likelihood() == risk.likelihood);
    CHECK(dialog->impact() == risk.impact);
    CHECK_FALSE(dialog->okButton()->isEnabled());
    dialog->setRationale(QStringLiteral("   \n "));
    CHECK_FALSE(dialog->okButton()->isEnabled());
    dialog->setLikelihood(Level::VeryHigh);
    dialog->setImpact(Level::High);
    CHECK(dialog->resultingLevelText() == QStringLiteral("High"));
    QTest::keyClicks(dialog->rationaleEdit(), QStringLiteral("Provider confirmed the control is not yet deployed."));
    REQUIRE(dialog->okButton()->isEnabled());
    dialog->okButton()->click();

    REQUIRE(changed.size() == 1);
    CHECK(changed.at(0).at(0).toLongLong() == demo.draft);
    auto stored = AnswerStore(*demo.ws).riskOverrides(demo.draft);
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 1);
    const RiskOverride &o = stored->first();
    CHECK(o.riskId == risk.id);
    CHECK(o.likelihood == Level::VeryHigh);
    CHECK(o.impact == Level::High);
    CHECK(o.rationale == QStringLiteral("Provider confirmed the control is not yet deployed.")); // trimmed

    // The register shows the rescored, overridden rating, and the reasons say who and why.
    const RiskRegisterModel *model = view.registerModel();
    const int row = model->rowOf(risk.id);
    REQUIRE(row >= 0);
    CHECK(cell(model, row, RiskRegisterModel::Overridden) == QStringLiteral("Overridden"));
    CHECK(cell(model, row, RiskRegisterModel::ResidualLikelihood) == QStringLiteral("Very High"));
    CHECK(cell(model, row, RiskRegisterModel::ResidualLevel) == QStringLiteral("High"));
    REQUIRE(view.selectedRisk());
    CHECK(view.selectedRisk()->id == risk.id);
    CHECK(view.reasonsView()->toPlainText().contains(QStringLiteral("Provider confirmed the control is not yet deployed.")));
    int inCell = 1; // the overridden risk moved into very high x high
    for (const RiskRating &r : before.card.risks)
        inCell += r.id != risk.id && r.likelihood == Level::VeryHigh && r.impact == Level::High;
    CHECK(view.heatMap()->count(Level::VeryHigh, Level::High) == inCell);
    CHECK(view.heatMap()->total() == before.card.risks.size());
}

TEST_CASE("The control view filters by result and text and shows the questions behind a control")
{
    Demo demo;
    const StoredEngagement stored = demo.scored(demo.approved);
    ControlView view(*demo.ws, demo.library);
    view.showEngagement(demo.approved);

    const int all = static_cast<int>(stored.card.controls.size());
    CHECK(view.visibleCount() == all);
    CHECK(view.resultsModel()->rowCount() == all);

    QComboBox *combo = view.resultCombo();
    CHECK(combo->accessibleName() == QStringLiteral("Filter by result"));
    REQUIRE(combo->count() == 5);
    combo->setCurrentIndex(combo->findText(QStringLiteral("Other than satisfied")));
    CHECK(view.visibleCount() == 88);
    CHECK(view.visibleCount() == stored.card.count(ControlDetermination::OtherThanSatisfied));
    CHECK(view.countText() == QStringLiteral("88 of %1 controls").arg(all));
    for (int row = 0; row < view.filteredModel()->rowCount(); ++row)
        CHECK(cell(view.filteredModel(), row, ControlResultsModel::Result) == QStringLiteral("Other than satisfied"));

    view.setResultFilter(ControlView::ResultFilter::Satisfied);
    CHECK(view.visibleCount() == stored.card.count(ControlDetermination::Satisfied));
    view.setResultFilter(ControlView::ResultFilter::NotAssessed);
    CHECK(view.visibleCount() == stored.card.count(ControlDetermination::NotAssessed));
    view.setResultFilter(ControlView::ResultFilter::NotApplicable);
    CHECK(view.visibleCount() == stored.card.count(ControlDetermination::NotApplicable));

    // The text filter narrows what the result filter leaves.
    view.setResultFilter(ControlView::ResultFilter::OtherThanSatisfied);
    view.textFilterEdit()->setText(QStringLiteral("ac-"));
    int expected = 0;
    for (const ControlResult &c : stored.card.controls)
        if (c.result == ControlDetermination::OtherThanSatisfied && c.id.startsWith(QStringLiteral("AC-")))
            ++expected;
    REQUIRE(expected > 0);
    CHECK(view.visibleCount() == expected);
    view.setTextFilter({});
    view.setResultFilter(ControlView::ResultFilter::All);
    CHECK(view.visibleCount() == all);

    // The first finding: its reasons, and each question with its text and the answer given.
    const auto finding = std::find_if(stored.card.controls.cbegin(), stored.card.controls.cend(),
                                      [](const ControlResult &c) { return c.result == ControlDetermination::OtherThanSatisfied; });
    REQUIRE(finding != stored.card.controls.cend());
    REQUIRE(view.selectControl(finding->id));
    const QTableWidget *questions = view.questionTable();
    REQUIRE(questions->rowCount() == finding->questions.size());
    for (int row = 0; row < questions->rowCount(); ++row) {
        const QString id = finding->questions.at(row);
        CHECK(questions->item(row, 0)->text() == id);
        const Question *question = stored.content.question(id);
        REQUIRE(question);
        CHECK(questions->item(row, 1)->text() == question->text);
        CHECK_FALSE(questions->item(row, 2)->text().isEmpty());
        CHECK(questions->item(row, 2)->text() != QStringLiteral("Not answered")); // Harbourline answered everything
    }
    const QString reasons = view.reasonsView()->toPlainText();
    CHECK(reasons.contains(QStringLiteral("Other than satisfied")));
    for (const QString &reason : finding->reasons)
        CHECK(reasons.contains(reason));

    // One bar per family, in the card's order and with its score.
    const FamilyScoreChart *chart = view.familyChart();
    REQUIRE(chart->familyCount() == stored.card.families.size());
    CHECK(chart->summaryLines().first().startsWith(QStringLiteral("AC Access Control: ")));
    CHECK(chart->accessibleName() == QStringLiteral("Family scores"));
    CHECK(chart->accessibleDescription().contains(QStringLiteral("AC Access Control: ")));
}

TEST_CASE("The control view filters by SP 800-53B baseline, alone and with the result filter")
{
    Demo demo;
    const StoredEngagement stored = demo.scored(demo.approved);
    ControlView view(*demo.ws, demo.library);
    view.showEngagement(demo.approved);
    const ControlCatalogue &catalogue = stored.content.controls();
    int inLow = 0;
    int lowOther = 0;
    int inHigh = 0;
    for (const auto &c : stored.card.controls) {
        const ControlDefinition *d = catalogue.control(c.id);
        REQUIRE(d != nullptr);
        inLow += d->inLow ? 1 : 0;
        lowOther += d->inLow && c.result == ControlDetermination::OtherThanSatisfied ? 1 : 0;
        inHigh += d->inHigh ? 1 : 0;
    }
    // The engagement is assessed at MODERATE (256 controls); LOW selects a subset of them.
    REQUIRE(stored.card.controls.size() == 256);
    CHECK(view.baselineCombo()->count() == 4);
    view.setBaselineFilter(Baseline::Low);
    CHECK(view.visibleCount() == inLow);
    CHECK(inLow < 256);
    CHECK(inLow > 100);
    CHECK(view.countText() == QStringLiteral("%1 of 256 controls").arg(inLow));
    view.setResultFilter(ControlView::ResultFilter::OtherThanSatisfied);
    CHECK(view.visibleCount() == lowOther);
    CHECK(lowOther < 88);
    view.setResultFilter(ControlView::ResultFilter::All);
    view.setBaselineFilter(Baseline::High);
    CHECK(view.visibleCount() == inHigh);
    CHECK(inHigh == 256); // HIGH contains every MODERATE control
    view.setBaselineFilter(std::nullopt);
    CHECK(view.visibleCount() == 256);
}

TEST_CASE("The POA&M view lists the items and counts the overdue ones against an injected today")
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    Demo demo;
    const StoredEngagement stored = demo.scored(demo.approved);
    PoamView view(*demo.ws, demo.library);
    view.showEngagement(demo.approved);
    const PoamItemModel *model = view.itemModel();
    REQUIRE(model->rowCount() == 100);
    CHECK(model->columnCount() == PoamItemModel::ColumnCount);

    // Harbourline's items fall due from 4 Dec 2025 to 12 May 2026; on 8 Feb 2026 those due up to
    // the 7th are late (the 7th's by one day), those due that day are not.
    const QDate today(2026, 2, 8);
    view.setToday(today);
    int open = 0;
    int overdue = 0;
    for (const PoamItem &item : stored.card.poam) {
        open += item.status == QStringLiteral("open");
        overdue += item.status == QStringLiteral("open") && item.due < today;
    }
    CHECK(model->openCount() == open);
    CHECK(model->overdueCount() == overdue);
    CHECK(open == 100);
    CHECK(overdue == 46);
    CHECK(view.countText() == QStringLiteral("100 open, 46 overdue"));

    // Each overdue row is bold, tinted, and says by how much; the others say nothing of it.
    int marked = 0;
    int oneDay = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const PoamItem *item = model->itemAt(row);
        const QModelIndex due = model->index(row, PoamItemModel::Due);
        const bool late = item->status == QStringLiteral("open") && item->due < today;
        CHECK(model->data(due, PoamItemModel::OverdueRole).toBool() == late);
        CHECK(model->data(due, Qt::FontRole).value<QFont>().bold() == late);
        if (late) {
            ++marked;
            const qint64 days = item->due.daysTo(today);
            oneDay += days == 1;
            CHECK(model->data(due, Qt::ToolTipRole).toString()
                  == (days == 1 ? QStringLiteral("Overdue by 1 day") : QStringLiteral("Overdue by %1 days").arg(days)));
            CHECK(model->data(due, Qt::BackgroundRole).value<QBrush>().style() != Qt::NoBrush);
        } else {
            CHECK_FALSE(model->data(due, Qt::ToolTipRole).toString().contains(QStringLiteral("Overdue")));
        }
    }
    CHECK(marked == overdue);
    CHECK(oneDay == 5);

    // Moving today moves the count, without reloading.
    view.setToday(QDate(2024, 1, 1));
    CHECK(model->overdueCount() == 0);
    CHECK(view.countText() == QStringLiteral("%1 open, 0 overdue").arg(open));
}

TEST_CASE("Every register model passes QAbstractItemModelTester")
{
    Demo demo;
    const StoredEngagement stored = demo.scored(demo.approved);

    RiskRegisterModel risks;
    CHECK(modelTestProblems(&risks, [&] { risks.setRisks(stored.card.risks); }) == QStringList());
    CHECK(risks.rowCount() == 30);
    CHECK(modelTestProblems(&risks, [&] { risks.setRisks({}); }) == QStringList());

    ControlResultsModel controls;
    CHECK(modelTestProblems(&controls, [&] { controls.setResults(stored.card.controls, stored.card.families); }) == QStringList());
    CHECK(controls.rowCount() == stored.card.controls.size());

    PoamItemModel poam;
    CHECK(modelTestProblems(&poam,
                            [&] {
                                poam.setItems(stored.card.poam);
                                poam.setToday(QDate(2026, 6, 1));
                            })
          == QStringList());
    CHECK(poam.rowCount() == 100);

    // And the filtering proxies the views put in front of them, while they filter.
    RiskView riskView(*demo.ws, demo.library);
    CHECK(modelTestProblems(riskView.registerFilter(),
                            [&] {
                                riskView.showEngagement(demo.approved);
                                riskView.heatMap()->selectCell(Level::Low, Level::Moderate);
                                riskView.heatMap()->clearSelection();
                            })
          == QStringList());
    ControlView controlView(*demo.ws, demo.library);
    CHECK(modelTestProblems(controlView.filteredModel(),
                            [&] {
                                controlView.showEngagement(demo.approved);
                                controlView.setResultFilter(ControlView::ResultFilter::OtherThanSatisfied);
                                controlView.setTextFilter(QStringLiteral("sc-"));
                            })
          == QStringList());
    PoamView poamView(*demo.ws, demo.library);
    CHECK(modelTestProblems(poamView.filteredModel(),
                            [&] {
                                poamView.showEngagement(demo.approved);
                                poamView.textFilterEdit()->setText(QStringLiteral("AC-"));
                            })
          == QStringList());
}

TEST_CASE("Level cells keep readable text, and the rest follows the palette")
{
    Demo demo;
    RiskRegisterModel model;
    model.setRisks(demo.scored(demo.approved).card.risks);
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex level = model.index(row, RiskRegisterModel::ResidualLevel);
        const QColor fill = model.data(level, Qt::BackgroundRole).value<QBrush>().color();
        const QColor text = model.data(level, Qt::ForegroundRole).value<QBrush>().color();
        CHECK(contrast(fill, text) >= 4.5);
        // Plain cells set no colours, so a dark palette's text colour applies.
        CHECK_FALSE(model.data(model.index(row, RiskRegisterModel::Title), Qt::ForegroundRole).isValid());
        CHECK_FALSE(model.data(model.index(row, RiskRegisterModel::Title), Qt::BackgroundRole).isValid());
    }

    // Under a dark palette the heat map's labels are painted in the palette's (light) text colour.
    RiskView view(*demo.ws, demo.library);
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    view.setPalette(dark);
    view.resize(1200, 800);
    view.showEngagement(demo.approved);
    view.show();
    QCoreApplication::processEvents();
    const QImage image = view.heatMap()->grab().toImage();
    const QRect veryHighRow = view.heatMap()->cellRect(Level::VeryHigh, Level::VeryLow);
    bool lightInk = false;
    for (int x = 0; x < veryHighRow.left(); ++x)
        for (int y = veryHighRow.top(); y <= veryHighRow.bottom(); ++y)
            lightInk = lightInk || QColor(image.pixel(x, y)).lightness() > 180;
    CHECK(lightInk);
}
