#include "ProposalBar.h"

#include "AnswerLabels.h"
#include "AnswerStore.h"
#include "ObservationRecords.h"
#include "Questionnaire.h"
#include "ScanImport.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace bulkhead {

ProposalBar::ProposalBar(Workspace &workspace, const ContentLibrary &library, QWidget *parent)
    : QFrame(parent), m_workspace(workspace), m_library(library)
{
    setObjectName(QStringLiteral("proposalBar"));
    setFrameShape(QFrame::StyledPanel);
    // The tint of a suggestion, not of a warning: nothing is wrong until the assessor decides.
    setStyleSheet(QStringLiteral("#proposalBar { background: #eef4fb; border: 1px solid #9bb8d8; border-radius: 4px; }"));
    auto *layout = new QHBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_accept = new QPushButton(tr("&Accept"), this);
    m_accept->setToolTip(tr("Save the proposed answer, with the observations behind it in its note"));
    m_reject = new QPushButton(tr("Re&ject"), this);
    m_reject->setToolTip(tr("Keep the current answer; this proposal is not made again from the same observations"));
    layout->addWidget(m_text, 1);
    layout->addWidget(m_accept);
    layout->addWidget(m_reject);
    connect(m_accept, &QPushButton::clicked, this, &ProposalBar::accept);
    connect(m_reject, &QPushButton::clicked, this, &ProposalBar::reject);
    hide();
}

void ProposalBar::showQuestion(qint64 engagementId, const Question *question)
{
    m_engagementId = engagementId;
    m_question = question;
    refresh();
}

void ProposalBar::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_accept->setEnabled(!readOnly);
    m_reject->setEnabled(!readOnly);
}

QString ProposalBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void ProposalBar::refresh()
{
    if (!m_question || m_engagementId == 0) {
        hide();
        return;
    }
    auto pending = proposalsWhere(m_workspace, m_engagementId, QStringLiteral(" AND question_id = ? AND state = 'pending'"),
                                  {m_question->id});
    if (!pending || pending->isEmpty()) {
        hide();
        return;
    }
    const AnswerProposal &p = pending->first();
    // Accepting replaces the answer the assessor sees now, and no answer saved by a colleague
    // after it (acceptProposal's expected revision).
    auto answer = AnswerStore(m_workspace).answer(m_engagementId, m_question->id);
    m_answerRevision = answer && answer->has_value() ? (*answer)->revision : 0;
    m_text->setText(tr("Scanner results propose “%1”. %2.").arg(answer_labels::answerLabel(*m_question, p.value), p.reason));
    setReadOnly(m_readOnly);
    show();
}

void ProposalBar::accept()
{
    if (!m_question || m_readOnly)
        return;
    const QString questionId = m_question->id;
    auto saved = acceptProposal(m_workspace, m_library, m_engagementId, questionId, m_answerRevision);
    refresh();
    if (!saved) {
        emit failed(tr("The proposal for %1 was not accepted: %2").arg(questionId, saved.error().message));
        return;
    }
    emit accepted(*saved);
}

void ProposalBar::reject()
{
    if (!m_question || m_readOnly)
        return;
    const QString questionId = m_question->id;
    auto done = rejectProposal(m_workspace, m_engagementId, questionId);
    refresh();
    if (!done) {
        emit failed(tr("The proposal for %1 was not rejected: %2").arg(questionId, done.error().message));
        return;
    }
    emit rejected(questionId);
}

} // namespace bulkhead
