// The workspace's settings: the report branding everyone who opens the workspace shares
// (organisation, accent colour, classification marking, logo) and the POA&M due days by risk
// level, kept by WorkspaceSettings, and where the workspace file is. Saving is all or nothing: when WorkspaceSettings refuses one
// input, the dialog names it and nothing already saved changes.
#pragma once

#include "Levels.h"

#include <QColor>
#include <QDialog>
#include <QMap>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QWidget;

namespace bulkhead {

class MessageRow;

class Workspace;

class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    explicit SettingsDialog(Workspace &workspace, QWidget *parent = nullptr);

    // Saves what was changed, in one transaction. False, with the refused input named in the
    // dialog, when the workspace refuses any of it.
    bool apply();
    // Applies and closes; stays open when apply() fails.
    void accept() override;

    QString organisation() const; // trimmed
    QString classification() const; // trimmed
    // The accent colour that reports will use: the chosen one, else the stored one, else the default.
    QColor accent() const;
    void setAccent(const QColor &colour);
    // What "Choose…" does with the file picked: takes it as the new logo (saved on apply), or
    // refuses it, naming the file, when it is not an image. The logo shown before stays.
    bool chooseLogoFile(const QString &path);
    // What "Remove" does: the logo goes on apply.
    void removeLogo();
    bool showsLogo() const; // the preview holds an image
    QString pendingLogoFile() const { return m_logoFile; } // empty: the logo stays as stored
    // Days from detection to due date for the POA&M items of a risk level, as the dialog
    // shows them (the setting, else the default).
    int poamDueDays(Level level) const;
    void setPoamDueDays(Level level, int days);
    // The last refusal shown; empty when there is none.
    QString errorText() const;

    // For tests and accessibility tools.
    QLineEdit *workspacePathEdit() const { return m_path; }
    QLineEdit *organisationEdit() const { return m_organisation; }
    QLineEdit *classificationEdit() const { return m_classification; }
    QPushButton *accentButton() const { return m_accentButton; }
    QPushButton *chooseLogoButton() const { return m_chooseLogo; }
    QPushButton *removeLogoButton() const { return m_removeLogo; }
    QLabel *logoPreview() const { return m_logoPreview; }
    QPushButton *okButton() const { return m_ok; }
    QSpinBox *poamDueDaysSpinBox(Level level) const { return m_dueDays.value(level); }

private:
    void load();
    void pickAccent();
    void pickLogo();
    void showLogo(const QPixmap &logo);
    void showAccent();
    void showError(const QString &text, QWidget *field);

    Workspace &m_workspace;
    QMap<QString, QString> m_stored; // the settings as last read from the workspace
    QColor m_chosenAccent; // invalid: none chosen since the last save
    QString m_logoFile;
    bool m_logoRemoved = false;

    QLineEdit *m_path = nullptr;
    QLineEdit *m_organisation = nullptr;
    QLineEdit *m_classification = nullptr;
    QPushButton *m_accentButton = nullptr;
    QLabel *m_logoPreview = nullptr;
    QPushButton *m_chooseLogo = nullptr;
    QPushButton *m_removeLogo = nullptr;
    QMap<Level, QSpinBox *> m_dueDays;
    MessageRow *m_errorRow = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace bulkhead
