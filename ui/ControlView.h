// Control results of the open engagement: family score bars, the controls filtered by result
// and by text, and for the selected control its reasons and the questions behind it with the
// answers given.
#pragma once

#include "ControlCatalogue.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;
class QTextBrowser;

namespace bulkhead {

class ContentLibrary;
class ControlResultsModel;
class FamilyScoreChart;
class Workspace;
struct ControlResult;
struct StoredEngagement;

class ControlView : public QWidget {
    Q_OBJECT

public:
    // What the result filter offers; the combo's item data is the controlDeterminationKey, empty for all.
    enum class ResultFilter { All, Satisfied, OtherThanSatisfied, NotAssessed, NotApplicable };

    ControlView(Workspace &workspace, const ContentLibrary &library, QWidget *parent = nullptr);
    ~ControlView() override;

    void showEngagement(qint64 engagementId);
    qint64 engagementId() const { return m_engagementId; }

    void setResultFilter(ResultFilter filter);
    void setTextFilter(const QString &text);
    // Only controls the SP 800-53B baseline also selects; none: every control in scope.
    void setBaselineFilter(std::optional<Baseline> baseline);
    // Controls left after both filters.
    int visibleCount() const;
    bool selectControl(const QString &controlId);
    const ControlResult *selectedControl() const;

    // For tests and accessibility tools.
    ControlResultsModel *resultsModel() const { return m_model; }
    QSortFilterProxyModel *filteredModel() const { return m_textFilter; }
    QTableView *controlTable() const { return m_table; }
    QComboBox *resultCombo() const { return m_result; }
    QComboBox *baselineCombo() const { return m_baseline; }
    QLineEdit *textFilterEdit() const { return m_text; }
    FamilyScoreChart *familyChart() const { return m_chart; }
    QTableWidget *questionTable() const { return m_questions; }
    QTextBrowser *reasonsView() const { return m_reasons; }
    QString countText() const;

private:
    void applyResultFilter();
    void applyTextFilter();
    void applyBaselineFilter();
    void updateCount();
    void showSelected();
    void selectFirstOfFamily(const QString &familyId);

    Workspace &m_workspace;
    const ContentLibrary &m_library;
    qint64 m_engagementId = 0;
    std::unique_ptr<StoredEngagement> m_stored;
    ControlResultsModel *m_model = nullptr;
    QSortFilterProxyModel *m_resultFilter = nullptr;
    QSortFilterProxyModel *m_baselineFilter = nullptr;
    QSortFilterProxyModel *m_textFilter = nullptr;
    QComboBox *m_result = nullptr;
    QComboBox *m_baseline = nullptr;
    QLineEdit *m_text = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_message = nullptr;
    FamilyScoreChart *m_chart = nullptr;
    QTableView *m_table = nullptr;
    QTextBrowser *m_reasons = nullptr;
    QTableWidget *m_questions = nullptr;
};

} // namespace bulkhead
