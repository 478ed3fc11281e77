// The selected engagement at a glance: its description, family scores and risk register.
#pragma once

#include <QWidget>

class QLabel;
class QTableWidget;

namespace bulkhead {

struct StoredEngagement;

class EngagementSummaryPanel : public QWidget {
    Q_OBJECT

public:
    explicit EngagementSummaryPanel(QWidget *parent = nullptr);

    void showEngagement(const StoredEngagement *engagement);

    // For tests and accessibility tools.
    QTableWidget *familyTable() const { return m_families; }
    QTableWidget *riskTable() const { return m_risks; }
    QString headline() const;

private:
    QLabel *m_title = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_controls = nullptr;
    QTableWidget *m_families = nullptr;
    QTableWidget *m_risks = nullptr;
};

} // namespace bulkhead
