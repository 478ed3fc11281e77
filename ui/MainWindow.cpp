#include "MainWindow.h"

#include "EngagementStore.h"
#include "EngagementSummaryPanel.h"
#include "EngagementTableModel.h"
#include "Workspace.h"

#include <QApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>

#include <algorithm>

namespace bulkhead {

MainWindow::MainWindow(std::unique_ptr<Workspace> workspace, ContentLibrary library, QWidget *parent)
    : QMainWindow(parent), m_workspace(std::move(workspace)), m_library(std::move(library))
{
    setWindowTitle(tr("Bulkhead — %1").arg(m_workspace->path()));
    m_model = new EngagementTableModel(this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Engagements"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_summary = new EngagementSummaryPanel(this);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_summary);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    setCentralWidget(m_splitter);

    auto *file = menuBar()->addMenu(tr("&Workspace"));
    file->addAction(tr("&Reload"), QKeySequence::Refresh, this, &MainWindow::reload);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::showSelected);
    resize(1180, 820);
    reload();
}

MainWindow::~MainWindow() = default;

void MainWindow::reload()
{
    auto engagements = EngagementStore(*m_workspace).list();
    if (!engagements) {
        QMessageBox::critical(this, tr("Cannot read the workspace"), engagements.error().toString());
        return;
    }
    QList<StoredEngagement> rows;
    for (const auto &e : *engagements) {
        auto scored = loadAndScore(*m_workspace, m_library, e.id);
        if (!scored) {
            statusBar()->showMessage(tr("Engagement %1 could not be scored: %2").arg(e.id).arg(scored.error().message));
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
    if (m_model->rowCount() > 0)
        m_view->selectRow(0);
    showSelected();
    statusBar()->showMessage(tr("%n engagement(s) in %1", nullptr, m_model->rowCount()).arg(m_workspace->path()));
}

void MainWindow::showSelected()
{
    m_summary->showEngagement(m_model->engagementAt(m_view->currentIndex().row()));
}

} // namespace bulkhead
