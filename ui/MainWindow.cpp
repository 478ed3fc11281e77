#include "MainWindow.h"

#include "AuditHistoryDialog.h"
#include "ControlView.h"
#include "DashboardView.h"
#include "EngagementDialog.h"
#include "EngagementStore.h"
#include "EngagementSummaryPanel.h"
#include "EngagementTableModel.h"
#include "InterviewView.h"
#include "PoamView.h"
#include "RecentWorkspaces.h"
#include "ReportsView.h"
#include "RiskView.h"
#include "ScanImportDialog.h"
#include "SettingsDialog.h"
#include "Workspace.h"
#include "WorkspaceBackups.h"
#include "WorkspaceLocation.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrentRun>

#include <algorithm>

namespace bulkhead {

namespace {

// For the title bar: the file's name, or the database and server of a team workspace.
QString shortName(const QString &workspace)
{
    auto where = WorkspaceLocation::parse(workspace);
    if (!where || where->engine == SqlDialect::Engine::Sqlite)
        return QFileInfo(workspace).fileName();
    return where->host.isEmpty() ? where->database : MainWindow::tr("%1 on %2").arg(where->database, where->host);
}

QString statusText(EngagementStatus status)
{
    switch (status) {
    case EngagementStatus::Draft: return MainWindow::tr("Draft");
    case EngagementStatus::InReview: return MainWindow::tr("In review");
    case EngagementStatus::Approved: return MainWindow::tr("Approved");
    }
    return {};
}

} // namespace

QString MainWindow::pageKey(Page page)
{
    switch (page) {
    case Engagements: return QStringLiteral("engagements");
    case Interview: return QStringLiteral("interview");
    case Risks: return QStringLiteral("risks");
    case Controls: return QStringLiteral("controls");
    case Poam: return QStringLiteral("poam");
    case Reports: return QStringLiteral("reports");
    case Dashboard: return QStringLiteral("dashboard");
    case PageCount: break;
    }
    return {};
}

MainWindow::MainWindow(std::unique_ptr<Workspace> workspace, ContentLibrary library, QWidget *parent)
    : QMainWindow(parent), m_workspace(std::move(workspace)), m_library(std::move(library))
{
    setWindowTitle(m_workspace->isReadOnly() ? tr("Bulkhead — %1 (read-only)").arg(shortName(m_workspace->path()))
                                             : tr("Bulkhead — %1").arg(shortName(m_workspace->path())));
    setWindowIcon(QIcon(QStringLiteral(":/icons/bulkhead.svg")));

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildEngagementsPage());
    m_interview = new InterviewView(*m_workspace, m_library, m_pages);
    m_risks = new RiskView(*m_workspace, m_library, m_pages);
    m_controls = new ControlView(*m_workspace, m_library, m_pages);
    m_poam = new PoamView(*m_workspace, m_library, m_pages);
    m_reports = new ReportsView(*m_workspace, m_library, m_pages);
    m_dashboard = new DashboardView(*m_workspace, m_library, m_pages);
    for (QWidget *page : {static_cast<QWidget *>(m_interview), static_cast<QWidget *>(m_risks), static_cast<QWidget *>(m_controls),
                          static_cast<QWidget *>(m_poam), static_cast<QWidget *>(m_reports), static_cast<QWidget *>(m_dashboard)})
        m_pages->addWidget(page);
    connect(m_interview, &InterviewView::engagementChanged, this, &MainWindow::engagementEdited);
    connect(m_risks, &RiskView::engagementChanged, this, &MainWindow::engagementEdited);

    m_navigation = new QListWidget(this);
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setIconSize(QSize(22, 22));
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const std::array<QString, PageCount> titles
        = {tr("Engagements"), tr("Interview"), tr("Risks"), tr("Controls"), tr("POA&M"), tr("Reports"), tr("Dashboard")};
    for (int p = 0; p < PageCount; ++p) {
        auto *item = new QListWidgetItem(QIcon(QStringLiteral(":/icons/%1.svg").arg(pageKey(Page(p)))), titles.at(p), m_navigation);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(titles.at(p)).arg(p + 1));
        item->setSizeHint(QSize(0, 36));
    }
    int widest = 0;
    for (const QString &title : titles)
        widest = std::max(widest, m_navigation->fontMetrics().horizontalAdvance(title));
    m_navigation->setFixedWidth(widest + m_navigation->iconSize().width() + 40);
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            showPage(Page(row));
    });

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_engagementLabel = new QLabel(this);
    m_engagementLabel->setAccessibleName(tr("Current engagement"));
    statusBar()->addPermanentWidget(m_engagementLabel);
    buildMenus();

    resize(1440, 900);
    reload();
    m_navigation->setCurrentRow(Engagements);
    startDailyBackup();
}

void MainWindow::startDailyBackup()
{
    // Nothing changes through a read-only window (and its folder may not take a copy); a team
    // workspace is backed up by its server's operators.
    if (m_workspace->isReadOnly() || !m_workspace->dialect().canBackUp())
        return;
    // On a worker: the copy reads the file through connections of its own, never the window's,
    // so a large workspace does not hold up the first screen.
    using Outcome = Result<std::optional<WorkspaceBackup>>;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        if (!outcome)
            statusBar()->showMessage(tr("The daily backup was not made: %1").arg(outcome.error().toString()));
        else if (*outcome)
            statusBar()->showMessage(tr("Daily backup made: %1").arg((*outcome)->path), 10000);
    });
    watcher->setFuture(QtConcurrent::run(
        [path = m_workspace->path(), now = m_workspace->now()] { return WorkspaceBackups::dailyIfDue(path, now); }));
}

MainWindow::~MainWindow()
{
    // The views may still save a pending edit while they go; they must go before the workspace.
    delete m_pages;
    m_pages = nullptr;
}

QWidget *MainWindow::buildEngagementsPage()
{
    m_model = new EngagementTableModel(this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Engagements"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    connect(m_view, &QTableView::activated, this, [this] { showPage(Interview); });
    m_summary = new EngagementSummaryPanel(this);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_summary);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::showSelected);
    return m_splitter;
}

void MainWindow::buildMenus()
{
    auto *file = menuBar()->addMenu(tr("&Workspace"));
    file->addAction(tr("&New workspace…"), this, &MainWindow::newWorkspace);
    file->addAction(tr("&Open workspace…"), QKeySequence::Open, this, &MainWindow::openWorkspace);
    file->addAction(tr("Open &team workspace…"), this, &MainWindow::openTeamWorkspace);
    m_recent = file->addMenu(tr("Open &recent"));
    connect(m_recent, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addSeparator();
    file->addAction(tr("&Settings…"), QKeySequence::Preferences, this, &MainWindow::showSettings);
    file->addAction(tr("Re&load"), QKeySequence::Refresh, this, &MainWindow::reload);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    auto *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_interview->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_interview->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    auto *engagement = menuBar()->addMenu(tr("E&ngagement"));
    m_create = engagement->addAction(QIcon(QStringLiteral(":/icons/engagements.svg")), tr("&New engagement…"), QKeySequence::New, this,
                                     &MainWindow::newEngagement);
    m_edit = engagement->addAction(tr("&Edit details…"), this, &MainWindow::editEngagement);
    m_importScan = engagement->addAction(tr("Import &scanner results…"), this, &MainWindow::importScanResults);
    engagement->addSeparator();
    m_submit = engagement->addAction(tr("&Submit for review"), this, &MainWindow::submitForReview);
    m_approve = engagement->addAction(tr("&Approve…"), this, &MainWindow::confirmApprove);
    m_reopen = engagement->addAction(tr("&Reopen…"), this, &MainWindow::askReopen);
    engagement->addSeparator();
    m_history = engagement->addAction(tr("Audit &history…"), this, &MainWindow::showHistory);

    auto *view = menuBar()->addMenu(tr("&View"));
    for (int p = 0; p < PageCount; ++p) {
        QAction *go = view->addAction(m_navigation->item(p)->text(), this, [this, p] { showPage(Page(p)); });
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + p)));
    }

    auto *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Bulkhead"), this, &MainWindow::showAbout);

    auto *tools = addToolBar(tr("Workflow"));
    tools->setObjectName(QStringLiteral("workflow"));
    tools->setMovable(false);
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addAction(m_create);
    tools->addSeparator();
    tools->addAction(m_submit);
    tools->addAction(m_approve);
    tools->addAction(m_reopen);
    tools->addAction(m_history);
}

void MainWindow::reload()
{
    const qint64 keep = currentEngagementId();
    auto engagements = EngagementStore(*m_workspace).list();
    if (!engagements) {
        QMessageBox::critical(this, tr("Cannot read the workspace"), engagements.error().toString());
        return;
    }
    QList<StoredEngagement> rows;
    QStringList unscored;
    for (const auto &e : *engagements) {
        auto scored = loadAndScore(*m_workspace, m_library, e.id);
        if (!scored) {
            unscored << tr("engagement %1: %2").arg(e.id).arg(scored.error().message);
            continue;
        }
        rows.append(std::move(*scored));
    }
    m_model->setEngagements(std::move(rows));
    m_view->resizeColumnsToContents();
    m_view->horizontalHeader()->setSectionResizeMode(EngagementTableModel::System, QHeaderView::Stretch);
    // Show every engagement without scrolling, up to eight; the summary takes the rest.
    const int visibleRows = std::clamp(m_model->rowCount(), 1, 8);
    const int listHeight = m_view->horizontalHeader()->height() + visibleRows * m_view->verticalHeader()->defaultSectionSize()
        + 2 * m_view->frameWidth() + m_view->horizontalScrollBar()->sizeHint().height();
    m_splitter->setSizes({listHeight, std::max(height() - listHeight, listHeight)});
    m_loaded.fill(0);
    m_dashboardCurrent = false;
    if (!selectEngagement(keep) && m_model->rowCount() > 0)
        m_view->selectRow(0);
    showSelected();
    if (unscored.isEmpty())
        statusBar()->showMessage(m_workspace->isReadOnly()
                                     ? tr("%n engagement(s) in %1, read-only: %2", nullptr, m_model->rowCount())
                                           .arg(m_workspace->path(), m_workspace->readOnlyReason())
                                     : tr("%n engagement(s) in %1", nullptr, m_model->rowCount()).arg(m_workspace->path()));
    else
        statusBar()->showMessage(tr("Could not score %1").arg(unscored.join(QStringLiteral("; "))));
}

qint64 MainWindow::currentEngagementId() const
{
    const StoredEngagement *e = m_model->engagementAt(m_view->currentIndex().row());
    return e ? e->engagement.id : 0;
}

bool MainWindow::selectEngagement(qint64 id)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->engagementAt(row)->engagement.id == id) {
            m_view->selectRow(row);
            return true;
        }
    }
    return false;
}

void MainWindow::showSelected()
{
    const StoredEngagement *e = m_model->engagementAt(m_view->currentIndex().row());
    m_summary->showEngagement(e);
    m_engagementLabel->setText(e ? tr("%1 — %2 · %3").arg(e->engagement.client, e->engagement.system, statusText(e->engagement.status))
                                 : tr("No engagement"));
    updateActions();
    refreshCurrentPage();
}

void MainWindow::showPage(Page page)
{
    if (page < 0 || page >= PageCount)
        return;
    if (m_navigation->currentRow() != page) {
        m_navigation->setCurrentRow(page); // comes back here through currentRowChanged
        return;
    }
    m_pages->setCurrentIndex(page);
    refreshCurrentPage();
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages->currentIndex());
}

void MainWindow::refreshCurrentPage()
{
    const Page page = currentPage();
    if (page == Dashboard) {
        if (!m_dashboardCurrent)
            m_dashboard->reload();
        m_dashboardCurrent = true;
        return;
    }
    const qint64 id = currentEngagementId();
    if (page == Engagements || id == 0 || m_loaded.at(page) == id)
        return;
    m_loaded.at(page) = id;
    switch (page) {
    case Interview: m_interview->showEngagement(id); break;
    case Risks: m_risks->showEngagement(id); break;
    case Controls: m_controls->showEngagement(id); break;
    case Poam: m_poam->showEngagement(id); break;
    case Reports: m_reports->showEngagement(id); break;
    default: break;
    }
}

void MainWindow::engagementEdited(qint64 id)
{
    // The view that saved shows the change already; the others reload when next shown.
    const Page editing = currentPage();
    m_loaded.fill(0);
    m_loaded.at(editing) = id;
    m_dashboardCurrent = false;
    auto scored = loadAndScore(*m_workspace, m_library, id);
    if (!scored)
        return;
    QList<StoredEngagement> rows;
    for (int row = 0; row < m_model->rowCount(); ++row)
        rows.append(m_model->engagementAt(row)->engagement.id == id ? *scored : *m_model->engagementAt(row));
    const QSignalBlocker quiet(m_view->selectionModel());
    m_model->setEngagements(std::move(rows));
    selectEngagement(id);
    m_summary->showEngagement(m_model->engagementAt(m_view->currentIndex().row()));
}

void MainWindow::updateActions()
{
    const StoredEngagement *e = m_model->engagementAt(m_view->currentIndex().row());
    // A read-only workspace is browsed, reported on and checked, never changed.
    const auto status = e && !m_workspace->isReadOnly() ? std::optional(e->engagement.status) : std::nullopt;
    m_create->setEnabled(!m_workspace->isReadOnly());
    m_edit->setEnabled(status && *status != EngagementStatus::Approved);
    m_importScan->setEnabled(status && *status != EngagementStatus::Approved);
    m_submit->setEnabled(status == EngagementStatus::Draft);
    m_approve->setEnabled(status == EngagementStatus::InReview);
    m_reopen->setEnabled(status && *status != EngagementStatus::Draft);
    m_history->setEnabled(e != nullptr);
}

bool MainWindow::submitForReview()
{
    m_interview->commitEdits();
    if (auto done = EngagementStore(*m_workspace).submit(currentEngagementId()); !done) {
        QMessageBox::warning(this, tr("Cannot submit for review"), done.error().message);
        return false;
    }
    reload();
    statusBar()->showMessage(tr("Submitted for review"));
    return true;
}

bool MainWindow::approve()
{
    m_interview->commitEdits();
    if (auto done = EngagementStore(*m_workspace).approve(currentEngagementId()); !done) {
        QMessageBox::warning(this, tr("Cannot approve"), done.error().message);
        return false;
    }
    reload();
    statusBar()->showMessage(tr("Approved: the engagement is now read-only"));
    return true;
}

bool MainWindow::reopen(const QString &reason)
{
    if (auto done = EngagementStore(*m_workspace).reopen(currentEngagementId(), reason); !done) {
        QMessageBox::warning(this, tr("Cannot reopen"), done.error().message);
        return false;
    }
    reload();
    statusBar()->showMessage(tr("Reopened: the engagement is a draft again"));
    return true;
}

void MainWindow::confirmApprove()
{
    const auto answer
        = QMessageBox::question(this, tr("Approve the engagement"),
                                tr("Approving freezes every answer, override and pinned questionnaire of this engagement and records "
                                   "its content hash. It can only be changed again by reopening it with a reason.\n\nApprove it?"));
    if (answer == QMessageBox::Yes)
        approve();
}

void MainWindow::askReopen()
{
    bool ok = false;
    const QString reason = QInputDialog::getText(
        this, tr("Reopen the engagement"), tr("Why must it change? The reason is kept in the audit trail."), QLineEdit::Normal, {}, &ok);
    if (ok)
        reopen(reason);
}

void MainWindow::newEngagement()
{
    EngagementDialog dialog(*m_workspace, m_library, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    reload();
    selectEngagement(dialog.engagementId());
    showPage(Interview);
}

void MainWindow::editEngagement()
{
    const StoredEngagement *e = m_model->engagementAt(m_view->currentIndex().row());
    if (!e)
        return;
    EngagementDialog dialog(*m_workspace, m_library, e->engagement, this);
    if (dialog.exec() == QDialog::Accepted)
        reload();
}

void MainWindow::importScanResults()
{
    if (currentEngagementId() == 0)
        return;
    ScanImportDialog dialog(*m_workspace, m_library, currentEngagementId(), this);
    bool imported = false;
    connect(&dialog, &ScanImportDialog::imported, this, [&imported] { imported = true; });
    dialog.exec();
    if (imported)
        reload();
}

void MainWindow::showHistory()
{
    if (currentEngagementId() == 0)
        return;
    auto *dialog = new AuditHistoryDialog(*m_workspace, currentEngagementId(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(*m_workspace, this);
    dialog.exec();
}

QString MainWindow::folderForFiles() const
{
    // A team workspace has no folder; start where the user's files are.
    return WorkspaceLocation::isServerUrl(m_workspace->path()) ? QDir::homePath() : QFileInfo(m_workspace->path()).absolutePath();
}

void MainWindow::openWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a workspace"), folderForFiles(),
                                                      tr("Bulkhead workspaces (*.bulkhead);;All files (*)"));
    if (!path.isEmpty())
        switchTo(path);
}

void MainWindow::openTeamWorkspace()
{
    bool ok = false;
    const QString url = QInputDialog::getText(
        this, tr("Open a team workspace"),
        tr("The workspace's PostgreSQL database, as postgresql://USER@HOST:PORT/DATABASE\n(a password is read from ~/.pgpass or "
           "PGPASSWORD):"),
        QLineEdit::Normal, QStringLiteral("postgresql://"), &ok);
    if (!ok || url.trimmed().isEmpty())
        return;
    if (!WorkspaceLocation::isServerUrl(url.trimmed())) {
        QMessageBox::warning(this, tr("Cannot open the workspace"),
                             tr("%1 is not a PostgreSQL URL; it starts with postgresql://").arg(url.trimmed()));
        return;
    }
    switchTo(url.trimmed());
}

void MainWindow::newWorkspace()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Create a workspace"), folderForFiles(), tr("Bulkhead workspaces (*.bulkhead)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".bulkhead")))
        path += QStringLiteral(".bulkhead");
    if (QFileInfo::exists(path)) {
        QMessageBox::warning(this, tr("Cannot create the workspace"), tr("%1 exists already; open it instead.").arg(path));
        return;
    }
    switchTo(path);
}

void MainWindow::switchTo(const QString &path)
{
    auto opened = Workspace::open(path);
    if (!opened) {
        QMessageBox::critical(this, tr("Cannot open the workspace"), opened.error().toString());
        return;
    }
    RecentWorkspaces::remember((*opened)->path()); // a URL's as shown: without its password
    auto *next = new MainWindow(std::move(*opened), m_library);
    next->setAttribute(Qt::WA_DeleteOnClose);
    next->show();
    close();
}

void MainWindow::fillRecentMenu()
{
    m_recent->clear();
    const QString current = RecentWorkspaces::key(m_workspace->path());
    for (const QString &path : RecentWorkspaces::list()) {
        if (RecentWorkspaces::key(path) == current)
            continue;
        m_recent->addAction(path, this, [this, path] { switchTo(path); });
    }
    if (m_recent->isEmpty())
        m_recent->addAction(tr("No other workspaces yet"))->setEnabled(false);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Bulkhead"),
                       tr("<h3>Bulkhead %1</h3><p>Security assessments of containerised and cloud-hosted systems: questionnaires, "
                          "NIST SP 800-30 risks, SP 800-53 rev5 control results and reports.</p><p>Workspace: %2</p>")
                           .arg(QApplication::applicationVersion(), m_workspace->path().toHtmlEscaped()));
}

} // namespace bulkhead
