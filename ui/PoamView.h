// The POA&M of the open engagement: every item with its level, dates, owner and milestones,
// open items past their scheduled completion highlighted, and a count of open and overdue items.
#pragma once

#include <QDate>
#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;

namespace bulkhead {

class ContentLibrary;
class PoamItemModel;
class Workspace;
struct PoamItem;

class PoamView : public QWidget {
    Q_OBJECT

public:
    PoamView(Workspace &workspace, const ContentLibrary &library, QWidget *parent = nullptr);

    void showEngagement(qint64 engagementId);
    qint64 engagementId() const { return m_engagementId; }

    // The day overdue is judged against; today's date unless set (tests, screenshots).
    void setToday(const QDate &today);
    const PoamItem *selectedItem() const;
    bool selectItem(const QString &itemId);

    // For tests and accessibility tools.
    PoamItemModel *itemModel() const { return m_model; }
    QSortFilterProxyModel *filteredModel() const { return m_filter; }
    QTableView *itemTable() const { return m_table; }
    QLineEdit *textFilterEdit() const { return m_text; }
    QTextBrowser *detailsView() const { return m_details; }
    QString countText() const; // "N open, M overdue"

private:
    void updateCount();
    void showSelected();

    Workspace &m_workspace;
    const ContentLibrary &m_library;
    qint64 m_engagementId = 0;
    PoamItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_text = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_message = nullptr;
    QTextBrowser *m_details = nullptr;
};

} // namespace bulkhead
