// The main window on the demo workspace, on the offscreen platform: the engagement list and
// the summary of the selected engagement show what core computed; the navigation, the review
// workflow and the screenshot tour work on the real widgets and the real binary.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "EngagementSummaryPanel.h"
#include "EngagementTableModel.h"
#include "EvidenceDropZone.h"
#include "EvidenceStore.h"
#include "InterviewView.h"
#include "MainWindow.h"
#include "RecentWorkspaces.h"
#include "ReportsView.h"
#include "RiskHeatMap.h"
#include "RiskView.h"
#include "ScreenshotTour.h"
#include "TestSupport.h"
#include "WorkspaceBackups.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFontInfo>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

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

namespace {

QString progressOf(const MainWindow &window, qint64 id)
{
    const auto *model = window.engagementModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->engagementAt(row)->engagement.id == id)
            return model->data(model->index(row, EngagementTableModel::Progress)).toString();
    }
    return {};
}

// A grab is "not blank" when it has many distinct colours: text, tables and charts, not a
// cleared window.
int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

} // namespace

TEST_CASE("The navigation shows every page with the selected engagement, loading each page when it is shown")
{
    QTemporaryDir dir;
    auto window = demoWindow(dir);
    window->show();
    QListWidget *pages = window->navigation();
    REQUIRE(pages->count() == MainWindow::PageCount);
    CHECK(pages->item(0)->text() == QStringLiteral("Engagements"));
    CHECK(pages->item(6)->text() == QStringLiteral("Dashboard"));
    CHECK(window->currentPage() == MainWindow::Engagements);
    CHECK(window->currentEngagementId() == 1);
    // The interview has not loaded anything until it is shown.
    CHECK(window->interviewView()->engagementId() == 0);
    window->engagementView()->selectRow(2);
    pages->setCurrentRow(MainWindow::Interview);
    CHECK(window->currentPage() == MainWindow::Interview);
    CHECK(window->interviewView()->engagementId() == 3);
    CHECK_FALSE(window->interviewView()->isReadOnly());
    window->showPage(MainWindow::Risks);
    CHECK(window->riskView()->engagementId() == 3);
    CHECK(pages->currentRow() == MainWindow::Risks);
    auto scored = loadAndScore(window->workspace(), ContentLibrary::builtIn(), 3);
    REQUIRE(scored.ok());
    CHECK(window->riskView()->heatMap()->total() == 30);
    for (const auto &r : scored->card.risks)
        CHECK(window->riskView()->heatMap()->count(r.likelihood, r.impact) >= 1);
    CHECK(MainWindow::pageKey(MainWindow::Poam) == QStringLiteral("poam"));
}

TEST_CASE("An answer given in the interview shows at once in the engagement list")
{
    QTemporaryDir dir;
    auto window = demoWindow(dir);
    window->show();
    window->activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(window.get())); // the digit keys need the focus in the window
    REQUIRE(window->selectEngagement(3));
    CHECK(progressOf(*window, 3) == QStringLiteral("51 of 156 answered"));
    window->showPage(MainWindow::Interview);
    InterviewView *interview = window->interviewView();
    REQUIRE(interview->showQuestion(QStringLiteral("image.registry.metadata")));
    interview->questionTree()->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(interview->questionTree(), Qt::Key_1);
    CHECK(progressOf(*window, 3) == QStringLiteral("52 of 156 answered"));
    // The answer is in the workspace file, and the Edit menu's Undo takes it back out of the count.
    auto stored = AnswerStore(window->workspace()).answers(3);
    REQUIRE(stored.ok());
    CHECK(stored->size() == 63);
    CHECK(interview->undoStack()->count() == 0); // a first answer cannot be undone to "unanswered"
}

TEST_CASE("Submitting, approving and reopening from the window, where approval makes the interview read-only")
{
    QTemporaryDir dir;
    auto window = demoWindow(dir);
    window->show();
    window->activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(window.get())); // the digit keys need the focus in the window
    REQUIRE(window->selectEngagement(3));
    CHECK(window->submitAction()->isEnabled());
    CHECK_FALSE(window->approveAction()->isEnabled());
    CHECK_FALSE(window->reopenAction()->isEnabled());
    REQUIRE(window->submitForReview());
    CHECK(window->currentEngagementId() == 3);
    CHECK(EngagementStore(window->workspace()).get(3)->status == EngagementStatus::InReview);
    CHECK(window->approveAction()->isEnabled());
    REQUIRE(window->approve());
    CHECK(EngagementStore(window->workspace()).get(3)->status == EngagementStatus::Approved);
    CHECK_FALSE(window->submitAction()->isEnabled());
    CHECK(window->reopenAction()->isEnabled());

    window->showPage(MainWindow::Interview);
    InterviewView *interview = window->interviewView();
    CHECK(interview->engagementId() == 3);
    CHECK(interview->isReadOnly());
    REQUIRE(interview->showQuestion(QStringLiteral("image.registry.metadata")));
    interview->questionTree()->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(interview->questionTree(), Qt::Key_1);
    CHECK(AnswerStore(window->workspace()).answers(3)->size() == 62);

    REQUIRE(window->reopen(QStringLiteral("The client sent the registry policy after approval.")));
    CHECK(EngagementStore(window->workspace()).get(3)->status == EngagementStatus::Draft);
    CHECK_FALSE(interview->isReadOnly());
    QTest::keyClick(interview->questionTree(), Qt::Key_1);
    CHECK(AnswerStore(window->workspace()).answers(3)->size() == 63);
}

TEST_CASE("The screenshot tour saves every main view as a picture of the window")
{
    QTemporaryDir dir;
    auto window = demoWindow(dir);
    window->show();
    auto written = saveScreenshots(*window, dir.filePath(QStringLiteral("shots")));
    REQUIRE(written.ok());
    QStringList names;
    for (const QString &file : *written)
        names << QFileInfo(file).fileName();
    CHECK(names
          == QStringList {QStringLiteral("engagements.png"), QStringLiteral("interview.png"), QStringLiteral("risks.png"),
                          QStringLiteral("controls.png"), QStringLiteral("poam.png"), QStringLiteral("reports.png"),
                          QStringLiteral("dashboard.png")});
    for (const QString &file : *written) {
        const QImage image(file);
        INFO(file.toStdString());
        CHECK(image.width() >= 1440);
        CHECK(image.height() >= 900);
        CHECK(distinctColours(image) > 40);
    }
    // The reports page waited for its preview: the PDF of the first engagement is on screen.
    CHECK(window->reportsView()->engagementId() == 1);
}

TEST_CASE("bulkhead --screenshot DIR fills an empty workspace with the demo and writes one PNG per view")
{
    QTemporaryDir dir;
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    gui.setProcessEnvironment(env);
    gui.start(test::guiPath(),
              {QStringLiteral("--workspace"), dir.filePath(QStringLiteral("ws.bulkhead")), QStringLiteral("--screenshot"),
               dir.filePath(QStringLiteral("png"))});
    REQUIRE(gui.waitForFinished(120000));
    INFO(gui.readAllStandardError().toStdString());
    CHECK(gui.exitCode() == 0);
    const QStringList printed = QString::fromLocal8Bit(gui.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    CHECK(printed.size() == 7);
    const QStringList files = QDir(dir.filePath(QStringLiteral("png"))).entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
    CHECK(files
          == QStringList {QStringLiteral("controls.png"), QStringLiteral("dashboard.png"), QStringLiteral("engagements.png"),
                          QStringLiteral("interview.png"), QStringLiteral("poam.png"), QStringLiteral("reports.png"),
                          QStringLiteral("risks.png")});
    for (const QString &name : files) {
        const QImage image(dir.filePath(QStringLiteral("png/") + name));
        INFO(name.toStdString());
        CHECK(image.size() == QSize(1440, 900));
        CHECK(distinctColours(image) > 40);
    }
    auto ws = Workspace::open(dir.filePath(QStringLiteral("ws.bulkhead")));
    REQUIRE(ws.ok());
    CHECK(EngagementStore(**ws).list()->size() == 3);
}

TEST_CASE("The engagement list model passes QAbstractItemModelTester through reloads and edits")
{
    QTemporaryDir dir;
    auto window = demoWindow(dir);
    QStringList warnings;
    // The tester reports through Qt's message handler; a warning fails the test.
    static QStringList *sink = nullptr;
    sink = &warnings;
    const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        if (type != QtDebugMsg && sink && message.contains(QStringLiteral("FAIL")))
            sink->append(message);
    });
    {
        QAbstractItemModelTester tester(window->engagementModel(), QAbstractItemModelTester::FailureReportingMode::Warning);
        window->reload();
        REQUIRE(window->selectEngagement(3));
        REQUIRE(window->submitForReview());
        window->reload();
        CHECK(window->engagementModel()->rowCount() == 3);
    }
    qInstallMessageHandler(previous);
    sink = nullptr;
    CHECK(warnings.isEmpty());
}

TEST_CASE("Files dropped on the interview's evidence zone are attached to the question shown")
{
    QTemporaryDir dir;
    auto window = demoWindow(dir);
    window->show();
    REQUIRE(window->selectEngagement(3));
    window->showPage(MainWindow::Interview);
    InterviewView *interview = window->interviewView();
    REQUIRE(interview->showQuestion(QStringLiteral("image.registry.metadata")));
    EvidenceDropZone *zone = interview->evidenceZone();
    CHECK(zone->list()->count() == 0);
    CHECK(zone->attachButton()->isEnabled());

    const QString file = dir.filePath(QStringLiteral("registry-policy.pdf"));
    test::writeBytes(file, "%PDF-1.4 registry signing policy");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file)});
    const QPoint centre = zone->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(zone, &enter);
    CHECK(enter.isAccepted());
    QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(zone, &drop);

    auto stored = EvidenceStore(window->workspace()).list(3);
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 1);
    CHECK(stored->first().questionId == QStringLiteral("image.registry.metadata"));
    CHECK(stored->first().fileName == QStringLiteral("registry-policy.pdf"));
    CHECK(stored->first().mediaType == QStringLiteral("application/pdf"));
    CHECK(zone->list()->count() == 1);
    CHECK(zone->list()->item(0)->text().startsWith(QStringLiteral("registry-policy.pdf — ")));
    CHECK(zone->message() == QStringLiteral("1 file(s) attached."));
    // Another question shows its own (empty) list.
    REQUIRE(interview->showQuestion(QStringLiteral("arch.host.hardening")));
    CHECK(zone->list()->count() == 0);

    // On the approved round nothing can be dropped.
    REQUIRE(window->selectEngagement(1));
    CHECK(interview->isReadOnly());
    REQUIRE(interview->showQuestion(QStringLiteral("arch.host.hardening")));
    CHECK_FALSE(zone->attachButton()->isEnabled());
    CHECK(zone->attachFiles({file}) == 0);
    CHECK(EvidenceStore(window->workspace()).list(1)->isEmpty());
}

TEST_CASE("Opening a workspace in the window makes the day's backup in the background, once")
{
    QTemporaryDir dir;
    QString path;
    {
        auto window = demoWindow(dir);
        path = dir.filePath(QStringLiteral("ws.bulkhead"));
        REQUIRE(QTest::qWaitFor([&] { return WorkspaceBackups::list(path)->size() == 1; }, 20000));
        const WorkspaceBackup made = WorkspaceBackups::list(path)->first();
        CHECK(made.reason == QStringLiteral("daily"));
        CHECK(WorkspaceBackups::unrestorableReason(made.path).isEmpty());
        REQUIRE(QTest::qWaitFor([&] { return window->statusBar()->currentMessage().startsWith(QStringLiteral("Daily backup made: ")); }, 5000));
        CHECK(window->statusBar()->currentMessage() == QStringLiteral("Daily backup made: %1").arg(made.path));
    }
    // The same day again: no second copy.
    auto ws = Workspace::open(path);
    REQUIRE(ws.ok());
    MainWindow again(std::move(*ws), ContentLibrary::builtIn());
    QTest::qWait(1000);
    CHECK(WorkspaceBackups::list(path)->size() == 1);
}

TEST_CASE("A workspace opened read-only is browsed in the window with every change switched off")
{
    QTemporaryDir dir;
    QString path;
    {
        auto ws = test::openWorkspace(dir);
        REQUIRE(buildDemo(*ws, ContentLibrary::builtIn()).ok());
        path = ws->path();
    }
    const QByteArray before = test::readBytes(path);
    WorkspaceOptions options;
    options.readOnly = true;
    auto ws = Workspace::open(path, options);
    REQUIRE(ws.ok());
    MainWindow window(std::move(*ws), ContentLibrary::builtIn());
    window.show();
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    CHECK(window.windowTitle() == QStringLiteral("Bulkhead — ws.bulkhead (read-only)"));
    CHECK(window.statusBar()->currentMessage()
          == QStringLiteral("3 engagement(s) in %1, read-only: it was opened read-only").arg(path));
    REQUIRE(window.selectEngagement(3));
    CHECK(window.engagementModel()->rowCount() == 3);
    CHECK_FALSE(window.newEngagementAction()->isEnabled());
    CHECK_FALSE(window.importScanAction()->isEnabled());
    CHECK_FALSE(window.submitAction()->isEnabled());
    CHECK_FALSE(window.reopenAction()->isEnabled());

    window.showPage(MainWindow::Interview);
    InterviewView *interview = window.interviewView();
    CHECK(interview->isReadOnly());
    CHECK(interview->bannerLabel()->text()
          == QStringLiteral("This engagement cannot be changed: the workspace is read-only (it was opened read-only)"));
    REQUIRE(interview->showQuestion(QStringLiteral("image.registry.metadata")));
    interview->questionTree()->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(interview->questionTree(), Qt::Key_1);
    CHECK(AnswerStore(window.workspace()).answers(3)->size() == 62);
    // No daily copy either: nothing changes through this window.
    QTest::qWait(300);
    CHECK_FALSE(QFileInfo::exists(WorkspaceBackups::folderFor(path)));
    CHECK(test::readBytes(path) == before);
}

TEST_CASE("The recent list keeps team workspaces by URL without their password, and files by absolute path")
{
    QTemporaryDir settings; // never the user's own settings
    REQUIRE(settings.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    QSettings().remove(QStringLiteral("workspace/recent"));
    RecentWorkspaces::remember(QStringLiteral("/srv/audits/acme.bulkhead"));
    RecentWorkspaces::remember(QStringLiteral("postgresql://r.okafor:hunter2@db.example.net:5433/team"));
    RecentWorkspaces::remember(QStringLiteral("/srv/audits/../audits/acme.bulkhead")); // the same file again
    CHECK(RecentWorkspaces::list()
          == QStringList {QStringLiteral("/srv/audits/acme.bulkhead"), QStringLiteral("postgresql://r.okafor@db.example.net:5433/team")});
    CHECK(RecentWorkspaces::key(QStringLiteral("postgresql://r.okafor@db.example.net:5433/team"))
          == RecentWorkspaces::key(QStringLiteral("postgresql://r.okafor:other@db.example.net:5433/team")));
    for (int i = 0; i < 10; ++i)
        RecentWorkspaces::remember(QStringLiteral("/srv/audits/round-%1.bulkhead").arg(i));
    CHECK(RecentWorkspaces::list().size() == RecentWorkspaces::kMax);
    CHECK(RecentWorkspaces::list().first() == QStringLiteral("/srv/audits/round-9.bulkhead"));
}
