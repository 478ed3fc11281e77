// The answer scanner results propose for the question on screen, with Accept and Reject: what
// `import-scan` and `proposal accept|reject` do on the command line, where the assessor is
// already looking at the question. Hidden while the question has no pending proposal.
#pragma once

#include "Answer.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace bulkhead {

class ContentLibrary;
class Workspace;
struct Question;

class ProposalBar : public QFrame {
    Q_OBJECT

public:
    ProposalBar(Workspace &workspace, const ContentLibrary &library, QWidget *parent = nullptr);

    // Looks up the pending proposal for `question` of the engagement (nullptr: none shown).
    void showQuestion(qint64 engagementId, const Question *question);
    void setReadOnly(bool readOnly);
    void accept();
    void reject();

    // For tests and accessibility tools.
    QString text() const;
    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *rejectButton() const { return m_reject; }

signals:
    // The proposal was accepted and `answer` saved for its question.
    void accepted(const Answer &answer);
    void rejected(const QString &questionId);
    // A decision the workspace refused; the message names the question.
    void failed(const QString &message);

private:
    void refresh();

    Workspace &m_workspace;
    const ContentLibrary &m_library;
    qint64 m_engagementId = 0;
    const Question *m_question = nullptr;
    int m_answerRevision = 0; // of the answer beside the proposal when it was shown (0: none)
    bool m_readOnly = false;
    QLabel *m_text = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_reject = nullptr;
};

} // namespace bulkhead
