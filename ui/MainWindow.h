// The main window: the workspace's engagements and a summary of the selected one.
#pragma once

#include "ContentLibrary.h"

#include <QMainWindow>

#include <memory>

class QSplitter;
class QTableView;

namespace bulkhead {

class EngagementSummaryPanel;
class EngagementTableModel;
class Workspace;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    MainWindow(std::unique_ptr<Workspace> workspace, ContentLibrary library, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Reloads every engagement from the workspace.
    void reload();

    EngagementTableModel *engagementModel() const { return m_model; }
    QTableView *engagementView() const { return m_view; }
    EngagementSummaryPanel *summaryPanel() const { return m_summary; }

private:
    void showSelected();

    std::unique_ptr<Workspace> m_workspace;
    ContentLibrary m_library;
    EngagementTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    EngagementSummaryPanel *m_summary = nullptr;
    QSplitter *m_splitter = nullptr;
};

} // namespace bulkhead
