#include "AnswerUndoCommand.h"

#include <QCoreApplication>

namespace bulkhead {

AnswerUndoCommand::AnswerUndoCommand(Workspace &workspace, const ContentLibrary &library, qint64 engagementId,
                                     std::optional<AnswerInput> before, AnswerInput after, ExpectedRevision expected, SaveObserver observer)
    : m_workspace(workspace), m_library(library), m_engagementId(engagementId), m_before(std::move(before)), m_after(std::move(after)),
      m_expected(std::move(expected)), m_observer(std::move(observer))
{
    Q_ASSERT(m_expected);
    setText(QCoreApplication::translate("AnswerUndoCommand", "answer to %1").arg(m_after.questionId));
}

void AnswerUndoCommand::undo()
{
    if (m_before)
        save(*m_before);
}

void AnswerUndoCommand::redo()
{
    save(m_after);
    if (!m_before)
        setObsolete(true); // nothing to go back to: see the header
}

void AnswerUndoCommand::save(const AnswerInput &input)
{
    AnswerInput expecting = input;
    expecting.expectedRevision = *m_expected;
    const Result<Answer> saved = AnswerStore(m_workspace).save(m_engagementId, expecting, m_library);
    if (saved)
        *m_expected = saved->revision;
    else
        setObsolete(true);
    if (m_observer)
        m_observer(expecting, saved);
}

} // namespace bulkhead
