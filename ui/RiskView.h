// The risk register of the open engagement: the SP 800-30 heat map, the register table (filtered
// to a heat map cell when one is selected), the "why" of the selected rating, and the assessor's
// override of it while the engagement accepts changes.
#pragma once

#include "Levels.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;

namespace bulkhead {

class ContentLibrary;
class RiskHeatMap;
class RiskRegisterModel;
class Workspace;
struct RiskRating;

class RiskView : public QWidget {
    Q_OBJECT

public:
    RiskView(Workspace &workspace, const ContentLibrary &library, QWidget *parent = nullptr);

    // Loads and scores the engagement and shows its risks; keeps the selected risk if it is still there.
    void showEngagement(qint64 engagementId);
    qint64 engagementId() const { return m_engagementId; }

    // Selects a risk in the register (clearing a heat map filter that hides it); false if it is not there.
    bool selectRisk(const QString &riskId);
    const RiskRating *selectedRisk() const;
    // Opens the override dialog for the selected risk; saving it rescores and emits engagementChanged.
    void overrideSelected();

    // For tests and accessibility tools.
    RiskRegisterModel *registerModel() const { return m_model; }
    QSortFilterProxyModel *registerFilter() const { return m_filter; }
    QTableView *registerView() const { return m_table; }
    RiskHeatMap *heatMap() const { return m_heatMap; }
    QPushButton *overrideButton() const { return m_override; }
    QTextBrowser *reasonsView() const { return m_reasons; }
    QString message() const;

signals:
    void engagementChanged(qint64 engagementId);

private:
    void filterToCell(Level likelihood, Level impact);
    void clearCellFilter();
    void showSelected();
    void saveOverride(const QString &riskId, Level likelihood, Level impact, const QString &rationale);
    void showMessage(const QString &text);

    Workspace &m_workspace;
    const ContentLibrary &m_library;
    qint64 m_engagementId = 0;
    QString m_notEditable; // why overrides are refused; empty while the engagement accepts them
    RiskRegisterModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
    QTableView *m_table = nullptr;
    RiskHeatMap *m_heatMap = nullptr;
    QLabel *m_filterLabel = nullptr;
    QPushButton *m_clearFilter = nullptr;
    QPushButton *m_override = nullptr;
    QTextBrowser *m_reasons = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace bulkhead
