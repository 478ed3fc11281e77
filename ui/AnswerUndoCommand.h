// One change to an answer as an undoable step. Undo saves the answer as it was before, redo
// saves the new one, both through AnswerStore, so the workspace always holds what the screen
// shows and the audit trail records the undo as the change it is.
//
// Every save expects the revision of the answer the step replaces, so that in a shared
// workspace neither an edit nor an undo overwrites an answer someone else saved meanwhile: the
// store refuses it with an ErrorKind::Conflict error, which the observer is told of.
//
// The store cannot clear an answer (an empty value is refused for every question type), so a
// first answer to a question cannot be undone: the command makes itself obsolete after its
// first redo and QUndoStack::push drops it. A save that fails also makes the command obsolete.
#pragma once

#include "AnswerStore.h"

#include <QUndoCommand>

#include <functional>
#include <memory>
#include <optional>

namespace bulkhead {

class ContentLibrary;
class Workspace;

class AnswerUndoCommand : public QUndoCommand {
public:
    // Told the outcome of every save, with the input saved (or refused), so the view can show it.
    using SaveObserver = std::function<void(const AnswerInput &input, const Result<Answer> &saved)>;
    // The revision of the question's answer as the steps of one line of its history last saved
    // or found it (0: no answer). The steps share it, so that undoing several in a row expects
    // the revision the step undone before left; each successful save moves it on.
    using ExpectedRevision = std::shared_ptr<int>;

    // `before` is empty when the question had no answer. The workspace and library must
    // outlive the command.
    AnswerUndoCommand(Workspace &workspace, const ContentLibrary &library, qint64 engagementId, std::optional<AnswerInput> before,
                      AnswerInput after, ExpectedRevision expected, SaveObserver observer);

    void undo() override;
    void redo() override;

    qint64 engagementId() const { return m_engagementId; }
    const std::optional<AnswerInput> &before() const { return m_before; }
    const AnswerInput &after() const { return m_after; }

private:
    void save(const AnswerInput &input);

    Workspace &m_workspace;
    const ContentLibrary &m_library;
    qint64 m_engagementId = 0;
    std::optional<AnswerInput> m_before;
    AnswerInput m_after;
    ExpectedRevision m_expected;
    SaveObserver m_observer;
};

} // namespace bulkhead
