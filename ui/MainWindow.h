// The main window: a navigation list of the pages (engagements, interview, risks, controls,
// POA&M, reports, dashboard) beside the page shown, the engagement workflow (new, edit, submit,
// approve, reopen, history) and the workspace's settings. Every page but the dashboard shows
// the engagement selected on the first page; a page loads it only when it is shown, so
// switching engagements stays instant however many pages there are.
#pragma once

#include "ContentLibrary.h"

#include <QMainWindow>

#include <array>
#include <memory>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace bulkhead {

class ControlView;
class DashboardView;
class EngagementSummaryPanel;
class EngagementTableModel;
class InterviewView;
class PoamView;
class ReportsView;
class RiskView;
class Workspace;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    enum Page { Engagements, Interview, Risks, Controls, Poam, Reports, Dashboard, PageCount };

    MainWindow(std::unique_ptr<Workspace> workspace, ContentLibrary library, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The page's name in file names and the CLI: "engagements", "interview", ... "dashboard".
    static QString pageKey(Page page);

    // Reloads every engagement from the workspace, keeping the selection where it can.
    void reload();
    void showPage(Page page);
    Page currentPage() const;
    // The engagement the pages show; 0 when the workspace has none.
    qint64 currentEngagementId() const;
    bool selectEngagement(qint64 id);

    // The workflow, on the current engagement. Each reports a refusal in a message box and
    // returns false; reopen takes the reason the user typed.
    bool submitForReview();
    bool approve();
    bool reopen(const QString &reason);

    Workspace &workspace() const { return *m_workspace; }
    EngagementTableModel *engagementModel() const { return m_model; }
    QTableView *engagementView() const { return m_view; }
    EngagementSummaryPanel *summaryPanel() const { return m_summary; }
    QListWidget *navigation() const { return m_navigation; }
    InterviewView *interviewView() const { return m_interview; }
    RiskView *riskView() const { return m_risks; }
    ControlView *controlView() const { return m_controls; }
    PoamView *poamView() const { return m_poam; }
    ReportsView *reportsView() const { return m_reports; }
    DashboardView *dashboardView() const { return m_dashboard; }
    QAction *submitAction() const { return m_submit; }
    QAction *approveAction() const { return m_approve; }
    QAction *reopenAction() const { return m_reopen; }
    QAction *importScanAction() const { return m_importScan; }
    QAction *newEngagementAction() const { return m_create; }

private:
    QWidget *buildEngagementsPage();
    void buildMenus();
    void showSelected();
    // Shows the current engagement on the current page if that page has not loaded it yet.
    void refreshCurrentPage();
    // After a view saved a change: every page is out of date, and the list's figures too.
    void engagementEdited(qint64 id);
    void updateActions();
    void newEngagement();
    void editEngagement();
    void importScanResults();
    // Makes the day's automatic copy of the workspace (WorkspaceBackups) in the background.
    void startDailyBackup();
    void confirmApprove();
    void askReopen();
    void showHistory();
    void showSettings();
    void openWorkspace();
    QString folderForFiles() const; // where the file dialogs start
    // Asks for the URL of a workspace on a PostgreSQL server.
    void openTeamWorkspace();
    void newWorkspace();
    // Opens `path` (a file or a server URL) in a new window and closes this one; it goes to
    // the recent list.
    void switchTo(const QString &path);
    void fillRecentMenu();
    void showAbout();

    std::unique_ptr<Workspace> m_workspace;
    ContentLibrary m_library;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    EngagementTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    EngagementSummaryPanel *m_summary = nullptr;
    QSplitter *m_splitter = nullptr;
    InterviewView *m_interview = nullptr;
    RiskView *m_risks = nullptr;
    ControlView *m_controls = nullptr;
    PoamView *m_poam = nullptr;
    ReportsView *m_reports = nullptr;
    DashboardView *m_dashboard = nullptr;
    QLabel *m_engagementLabel = nullptr;
    QAction *m_create = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_importScan = nullptr;
    QAction *m_submit = nullptr;
    QAction *m_approve = nullptr;
    QAction *m_reopen = nullptr;
    QAction *m_history = nullptr;
    QMenu *m_recent = nullptr;
    // The engagement each page last loaded (0: none), and whether the dashboard is current.
    std::array<qint64, PageCount> m_loaded {};
    bool m_dashboardCurrent = false;
};

} // namespace bulkhead
