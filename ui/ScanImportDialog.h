// Imports a scanner's output into an engagement, as `bulkhead-cli import-scan` does: the file is
// kept as evidence, each result becomes an observation, and answers are proposed for the
// assessor to accept or reject in the interview. The tool is guessed from the file and can be
// changed. A refused file is named in the dialog and nothing is stored; after an import the
// dialog stays open on what was imported, so the assessor reads the counts before closing.
#pragma once

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace bulkhead {

class ContentLibrary;
class MessageRow;
class Workspace;

class ScanImportDialog : public QDialog {
    Q_OBJECT

public:
    ScanImportDialog(Workspace &workspace, const ContentLibrary &library, qint64 engagementId, QWidget *parent = nullptr);

    // Reads `path` to guess its tool; what Browse… does after the file dialog.
    void setFile(const QString &path);
    // Imports the file; true if it was. On a refusal the message row says why.
    bool import();

    // What the last import stored, as shown ("3 observations from result.json ..."); empty before.
    QString summary() const;
    QString errorText() const;
    int proposalsMade() const { return m_proposals; }

    // For tests and accessibility tools.
    QLineEdit *fileEdit() const { return m_file; }
    QComboBox *toolBox() const { return m_tool; }
    QDateEdit *collectedEdit() const { return m_collected; }
    QSpinBox *expiryDaysBox() const { return m_expiryDays; }
    QPushButton *importButton() const { return m_import; }

signals:
    void imported(qint64 engagementId);

private:
    void browse();
    void updateState();

    Workspace &m_workspace;
    const ContentLibrary &m_library;
    qint64 m_engagementId;
    int m_proposals = 0;
    QLineEdit *m_file = nullptr;
    QComboBox *m_tool = nullptr;
    QDateEdit *m_collected = nullptr;
    QSpinBox *m_expiryDays = nullptr;
    QLabel *m_summary = nullptr;
    MessageRow *m_errorRow = nullptr;
    QPushButton *m_import = nullptr;
};

} // namespace bulkhead
