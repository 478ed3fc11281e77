// The audit history of one engagement: every recorded change, who made it and when, with the
// before and after of the selected change, under a line that says whether the workspace's hash
// chain verifies (AuditTrail::verify), so a reviewer knows whether to trust what is listed.
#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QTableView;

namespace bulkhead {

class AuditEventModel;
class Workspace;

class AuditHistoryDialog : public QDialog {
    Q_OBJECT

public:
    AuditHistoryDialog(Workspace &workspace, qint64 engagementId, QWidget *parent = nullptr);

    qint64 engagementId() const { return m_engagementId; }
    bool chainVerifies() const { return m_verifies; }
    QString verificationText() const; // the line at the top

    // For tests and accessibility tools.
    AuditEventModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLabel *eventSummary() const { return m_summary; }
    QPlainTextEdit *beforeView() const { return m_before; }
    QPlainTextEdit *afterView() const { return m_after; }

private:
    void load();
    void showDetails(int row);

    Workspace &m_workspace;
    qint64 m_engagementId = 0;
    bool m_verifies = false;

    QLabel *m_verificationIcon = nullptr;
    QLabel *m_verification = nullptr;
    AuditEventModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_before = nullptr;
    QPlainTextEdit *m_after = nullptr;
};

} // namespace bulkhead
