// The manager's dashboard across every engagement of the workspace: the heat map of current
// risks, family scores, open POA&M items by due month, engagements by status, and what changed
// between two rounds of one client. core/Portfolio computes every figure; this only shows them.
#pragma once

#include <QList>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QTableWidget;

namespace bulkhead {

class ContentLibrary;
class PortfolioCache;
class RiskHeatMap;
class Workspace;
struct Portfolio;
struct RoundComparison;

class DashboardView : public QWidget {
    Q_OBJECT

public:
    // Shows nothing until the first reload().
    DashboardView(Workspace &workspace, const ContentLibrary &library, QWidget *parent = nullptr);
    ~DashboardView() override;

    // Scores the engagements changed since the last reload (all of them the first time) and
    // redraws; keeps the compared rounds if they remain.
    void reload();
    // Chooses the two rounds to compare (as the combos do).
    void compare(qint64 earlierId, qint64 laterId);

    // What is shown, for tests and the main window.
    const Portfolio &portfolio() const { return *m_portfolio; }
    const RoundComparison *comparison() const { return m_comparison.get(); }
    QString message() const;

    // For tests and accessibility tools.
    RiskHeatMap *heatMap() const { return m_heatMap; }
    QTableWidget *statusTable() const { return m_statuses; }
    QTableWidget *poamTable() const { return m_poam; }
    QTableWidget *familyTable() const { return m_families; }
    QTableWidget *changeTable() const { return m_changes; }
    QTableWidget *familyDeltaTable() const { return m_familyDeltas; }
    QComboBox *earlierCombo() const { return m_earlier; }
    QComboBox *laterCombo() const { return m_later; }
    QLabel *comparisonSummary() const { return m_comparisonSummary; }

private:
    void showPortfolio();
    void fillRoundCombos(qint64 earlierId, qint64 laterId);
    void showComparison();
    bool inPortfolio(qint64 id) const;

    Workspace &m_workspace;
    const ContentLibrary &m_library;
    // Only what the dashboard shows of each engagement; the two compared rounds are read in full
    // when chosen.
    std::unique_ptr<PortfolioCache> m_cache;
    std::unique_ptr<Portfolio> m_portfolio;
    std::unique_ptr<RoundComparison> m_comparison;

    QLabel *m_title = nullptr;
    QLabel *m_message = nullptr;
    RiskHeatMap *m_heatMap = nullptr;
    QLabel *m_riskTotal = nullptr;
    QTableWidget *m_statuses = nullptr;
    QTableWidget *m_poam = nullptr;
    QTableWidget *m_families = nullptr;
    QComboBox *m_earlier = nullptr;
    QComboBox *m_later = nullptr;
    QLabel *m_comparisonSummary = nullptr;
    QTableWidget *m_changes = nullptr;
    QTableWidget *m_familyDeltas = nullptr;
};

} // namespace bulkhead
