// The evidence of the question being asked: the files attached to it, and a place to drop more
// (or choose them with Attach…). Each file is stored in the workspace by its SHA-256 at once.
#pragma once

#include <QFrame>

class QLabel;
class QListWidget;
class QPushButton;

namespace bulkhead {

class ContentLibrary;
class Workspace;

class EvidenceDropZone : public QFrame {
    Q_OBJECT

public:
    EvidenceDropZone(Workspace &workspace, const ContentLibrary &library, QWidget *parent = nullptr);

    // Lists the evidence attached to `questionId` of the engagement (none: no question shown).
    void showQuestion(qint64 engagementId, const QString &questionId);
    void setReadOnly(bool readOnly);
    // What a drop or Attach… does: attaches each file to the question shown; returns how many
    // were attached. A refused file is named in the message line, and the others still go in.
    int attachFiles(const QStringList &paths);

    // For tests and accessibility tools.
    QListWidget *list() const { return m_list; }
    QPushButton *attachButton() const { return m_attach; }
    QString message() const;

signals:
    void evidenceAdded(qint64 engagementId);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void refresh();
    void chooseFiles();
    void setHighlighted(bool on);

    Workspace &m_workspace;
    const ContentLibrary &m_library;
    qint64 m_engagementId = 0;
    QString m_questionId;
    bool m_readOnly = false;
    QLabel *m_title = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_attach = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace bulkhead
