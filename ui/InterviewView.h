// The interview of one engagement: its questionnaires as a tree with progress and a search
// box on the left, one question at a time on the right. Every answer is saved the moment it is
// given, through AnswerStore, as an undoable command; questions hidden by their `when` leave
// the tree as soon as an answer changes the facts they read. In a shared workspace an edit (or
// an undo) never overwrites an answer someone else saved since the view read it: the store
// refuses it, and a bar above the question lets the assessor keep theirs or save over it.
// Keyboard: digits pick an option, Enter (or Ctrl+Enter, PgDown) moves on, Ctrl+Shift+Enter (or
// PgUp) moves back, Ctrl+F finds, Ctrl+Z / Ctrl+Shift+Z undo and redo.
#pragma once

#include "Answer.h"
#include "Result.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QTreeView;
class QUndoStack;
class QModelIndex;

namespace bulkhead {

class AnswerConflictBar;
class ContentLibrary;
class QuestionFilterModel;
class EvidenceDropZone;
class MessageRow;
class ProposalBar;
class QuestionPanel;
class QuestionTreeModel;
class Workspace;
struct AnswerInput;
struct Engagement;
struct StoredEngagement;

class InterviewView : public QWidget {
    Q_OBJECT

public:
    // The workspace and library must outlive the view.
    InterviewView(Workspace &workspace, const ContentLibrary &library, QWidget *parent = nullptr);
    ~InterviewView() override;

    // Saves what is pending for the engagement shown, then loads `engagementId` afresh.
    void showEngagement(qint64 engagementId);
    qint64 engagementId() const { return m_engagementId; }

    // Saves the current question's edits, then shows `questionId`; false if it is not visible.
    bool showQuestion(const QString &questionId);
    // The next / previous question that is visible and matches the search.
    void nextQuestion();
    void previousQuestion();
    // Saves what the current question's controls hold if it differs from what is stored.
    // Text fields are saved when they are left; call this before closing the workspace.
    void commitEdits();

    QUndoStack *undoStack() const { return m_undo; }
    bool isReadOnly() const { return m_readOnly; }
    QString currentQuestionId() const { return m_current; }

    // For tests and accessibility tools.
    QLineEdit *searchBox() const { return m_search; }
    QTreeView *questionTree() const { return m_tree; }
    QuestionTreeModel *questionModel() const { return m_model; }
    QuestionFilterModel *filterModel() const { return m_filter; }
    QuestionPanel *questionPanel() const { return m_panel; }
    EvidenceDropZone *evidenceZone() const { return m_evidenceZone; }
    ProposalBar *proposalBar() const { return m_proposal; }
    AnswerConflictBar *conflictBar() const { return m_conflictBar; }
    QLabel *bannerLabel() const { return m_banner; }
    QLabel *errorLabel() const;

signals:
    // After every change saved to the workspace, including undo and redo, and after taking up
    // an answer someone else saved ("Keep theirs").
    void engagementChanged(qint64 engagementId);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void buildShortcuts();
    void applySaved(const QString &questionId, const Result<Answer> &saved);
    // The store refused `mine` because someone else saved the question's answer since.
    void showConflict(const AnswerInput &mine, const Error &error);
    void keepTheirs();
    void overwriteWithMine();
    std::optional<Answer> knownAnswer(const QString &questionId) const;
    // Read-only unless the store accepts changes to `engagement`, with a banner saying why.
    void updateEditability(const Engagement &engagement);
    QSet<QString> visibleQuestions() const; // under the facts the current answers give
    QHash<QString, QString> answerValues() const;
    // m_answers, with their answer where a conflict is pending: what the workspace holds.
    QHash<QString, Answer> storedAnswers() const;
    void refreshVisibility();
    void displayQuestion(const QString &questionId);
    void selectInTree(const QString &questionId);
    void treeCurrentChanged(const QModelIndex &current);
    void searchChanged(const QString &text);
    void chooseOption(int n);
    void showError(const QString &text);
    // Visible and matching the search, in interview order.
    QStringList navigableIds() const;
    QString whereText(const QString &questionId) const;
    AnswerInput shownInput(const QString &questionId) const;

    Workspace &m_workspace;
    const ContentLibrary &m_library;
    std::unique_ptr<StoredEngagement> m_stored;
    qint64 m_engagementId = 0;
    QHash<QString, Answer> m_answers; // as stored
    QHash<QString, AnswerInput> m_unsaved; // edits the store has not taken (yet), by question
    // An answer someone else saved over the one in m_answers, while the assessor's own version
    // waits in m_unsaved for a decision on the conflict bar.
    struct Conflict {
        Answer theirs;
        std::optional<Answer> replaced; // what the refused save was to replace, if the view holds it
    };
    QHash<QString, Conflict> m_conflicts; // by question
    // The revision each question's undo steps expect (AnswerUndoCommand::ExpectedRevision).
    QHash<QString, std::shared_ptr<int>> m_expectedRevisions;
    QSet<QString> m_visible;
    QString m_current;
    bool m_readOnly = false;
    bool m_syncingTree = false;

    QUndoStack *m_undo = nullptr;
    QLabel *m_banner = nullptr;
    MessageRow *m_errorRow = nullptr;
    QLineEdit *m_search = nullptr;
    QTreeView *m_tree = nullptr;
    QuestionTreeModel *m_model = nullptr;
    QuestionFilterModel *m_filter = nullptr;
    QuestionPanel *m_panel = nullptr;
    EvidenceDropZone *m_evidenceZone = nullptr;
    ProposalBar *m_proposal = nullptr;
    AnswerConflictBar *m_conflictBar = nullptr;
};

} // namespace bulkhead
