// Creates an engagement, or changes the descriptive fields of an existing one. The dialog saves
// through EngagementStore itself, so what the store refuses (a period that ends before it starts,
// an unknown baseline) is shown in the dialog, naming the field, and nothing typed is lost.
#pragma once

#include "Engagement.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace bulkhead {

class MessageRow;

class ContentLibrary;
class Workspace;

class EngagementDialog : public QDialog {
    Q_OBJECT

public:
    // "New engagement": starts from the defaults of Engagement.
    EngagementDialog(Workspace &workspace, const ContentLibrary &library, QWidget *parent = nullptr);
    // "Edit engagement": starts from `existing`; an approved engagement is shown but cannot be saved.
    EngagementDialog(Workspace &workspace, const ContentLibrary &library, const Engagement &existing, QWidget *parent = nullptr);

    bool isEditing() const { return m_existing.id != 0; }
    // The id of the engagement created or changed; 0 until the dialog has been accepted.
    qint64 engagementId() const { return m_savedId; }
    // The engagement the fields describe now (keys, not labels; null dates when unknown).
    Engagement engagement() const;
    // The store's refusal of the last attempt to save; empty when there was none.
    QString errorText() const;

    // Saves through the store and closes; on a refusal stays open and shows why.
    void accept() override;

    // For tests and accessibility tools.
    QLineEdit *clientEdit() const { return m_client; }
    QLineEdit *systemEdit() const { return m_system; }
    QLineEdit *cspEdit() const { return m_csp; }
    QComboBox *serviceModelBox() const { return m_serviceModel; }
    QComboBox *architectureBox() const { return m_architecture; }
    QComboBox *infrastructureBox() const { return m_infrastructure; }
    QComboBox *impactBox() const { return m_impact; }
    QLineEdit *assessorEdit() const { return m_assessor; }
    QLineEdit *reviewerEdit() const { return m_reviewer; }
    QCheckBox *periodStartKnownBox() const { return m_startKnown; }
    QDateEdit *periodStartEdit() const { return m_start; }
    QCheckBox *periodEndKnownBox() const { return m_endKnown; }
    QDateEdit *periodEndEdit() const { return m_end; }
    QComboBox *baselineBox() const { return m_baseline; }
    QPushButton *okButton() const { return m_ok; }

private:
    void build(const Engagement &start);
    void fillBaselines(const QString &current);
    void showError(const QString &text, QWidget *field);
    QWidget *fieldNamedIn(const QString &message) const;
    void updateState();

    Workspace &m_workspace;
    const ContentLibrary &m_library;
    Engagement m_existing; // id 0 when creating
    qint64 m_savedId = 0;
    bool m_frozen = false; // an approved engagement: shown, not saved

    QLineEdit *m_client = nullptr;
    QLineEdit *m_system = nullptr;
    QLineEdit *m_csp = nullptr;
    QComboBox *m_serviceModel = nullptr;
    QComboBox *m_architecture = nullptr;
    QComboBox *m_infrastructure = nullptr;
    QComboBox *m_impact = nullptr;
    QLineEdit *m_assessor = nullptr;
    QLineEdit *m_reviewer = nullptr;
    QCheckBox *m_startKnown = nullptr;
    QDateEdit *m_start = nullptr;
    QCheckBox *m_endKnown = nullptr;
    QDateEdit *m_end = nullptr;
    QComboBox *m_baseline = nullptr;
    MessageRow *m_errorRow = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace bulkhead
