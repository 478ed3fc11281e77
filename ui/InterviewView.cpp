#include "InterviewView.h"

#include "AnswerConflictBar.h"
#include "AnswerStore.h"
#include "AnswerUndoCommand.h"
#include "EngagementFacts.h"
#include "EngagementStore.h"
#include "EvidenceDropZone.h"
#include "MessageRow.h"
#include "ProposalBar.h"
#include "QuestionFilterModel.h"
#include "QuestionPanel.h"
#include "QuestionTreeModel.h"
#include "StoredEngagement.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

AnswerInput inputOf(const Answer &a)
{
    return {a.questionId, a.value, a.note, a.method, a.interviewee};
}

bool sameInput(const AnswerInput &a, const AnswerInput &b)
{
    return a.questionId == b.questionId && a.value == b.value && a.note == b.note && a.method == b.method && a.interviewee == b.interviewee;
}

void collectQuestionIds(const QAbstractItemModel &model, const QModelIndex &parent, QStringList &ids)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        const QString id = index.data(QuestionTreeModel::QuestionIdRole).toString();
        if (!id.isEmpty())
            ids << id;
        collectQuestionIds(model, index, ids);
    }
}

} // namespace

InterviewView::InterviewView(Workspace &workspace, const ContentLibrary &library, QWidget *parent)
    : QWidget(parent), m_workspace(workspace), m_library(library)
{
    m_undo = new QUndoStack(this);

    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setMargin(8);
    m_banner->setAutoFillBackground(true);
    m_banner->setBackgroundRole(QPalette::ToolTipBase);
    m_banner->setForegroundRole(QPalette::ToolTipText);
    m_banner->hide();

    m_errorRow = new MessageRow(tr("Save problem"), this);

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Find a question"));
    m_search->setAccessibleName(tr("Find a question"));
    m_search->setToolTip(tr("Shows the questions whose id or text contains what you type (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);

    m_model = new QuestionTreeModel(this);
    m_filter = new QuestionFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_tree = new QTreeView(this);
    m_tree->setModel(m_filter);
    m_tree->setAccessibleName(tr("Questions"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(QuestionTreeModel::TitleColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(QuestionTreeModel::ProgressColumn, QHeaderView::Interactive);
    m_tree->header()->resizeSection(QuestionTreeModel::ProgressColumn,
                                    m_tree->fontMetrics().horizontalAdvance(QStringLiteral("000 of 000")) + 16);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_tree, 1);

    m_panel = new QuestionPanel(this);
    m_conflictBar = new AnswerConflictBar(this);
    m_proposal = new ProposalBar(m_workspace, m_library, this);
    m_evidenceZone = new EvidenceDropZone(m_workspace, m_library, this);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_conflictBar);
    rightLayout->addWidget(m_proposal);
    rightLayout->addWidget(m_panel);
    rightLayout->addWidget(m_evidenceZone);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(right);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_errorRow);
    layout->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, this, &InterviewView::searchChanged);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &InterviewView::treeCurrentChanged);
    connect(m_panel, &QuestionPanel::edited, this, &InterviewView::commitEdits);
    // New evidence changes the engagement's content hash and its report.
    connect(m_evidenceZone, &EvidenceDropZone::evidenceAdded, this, &InterviewView::engagementChanged);
    // An accepted proposal is an answer saved like any other (but outside the undo stack: the
    // decision itself is recorded and stays).
    connect(m_proposal, &ProposalBar::accepted, this, [this](const Answer &answer) {
        // The view's own save: the question's undo steps go on from it, if they were in step
        // with the answer it replaced.
        const auto expected = m_expectedRevisions.value(answer.questionId);
        if (expected && m_answers.contains(answer.questionId) && *expected == m_answers.value(answer.questionId).revision)
            *expected = answer.revision;
        applySaved(answer.questionId, answer);
    });
    connect(m_proposal, &ProposalBar::rejected, this, [this] { emit engagementChanged(m_engagementId); });
    connect(m_proposal, &ProposalBar::failed, this, &InterviewView::showError);
    connect(m_conflictBar, &AnswerConflictBar::keepTheirsChosen, this, &InterviewView::keepTheirs);
    connect(m_conflictBar, &AnswerConflictBar::overwriteChosen, this, &InterviewView::overwriteWithMine);
    buildShortcuts();
}

InterviewView::~InterviewView() = default;

void InterviewView::buildShortcuts()
{
    // Local to the view, so other views of the main window keep these keys. Text fields keep
    // digits and Enter for typing: Qt gives them the key before any shortcut.
    const auto local = [this](const QKeySequence &keys, auto action) {
        auto *shortcut = new QShortcut(keys, this, action, Qt::WidgetWithChildrenShortcut);
        shortcut->setAutoRepeat(false);
    };
    for (int n = 1; n <= 9; ++n)
        local(QKeySequence(static_cast<Qt::Key>(Qt::Key_0 + n)), [this, n] { chooseOption(n); });
    for (const auto key : {Qt::Key_Return, Qt::Key_Enter}) {
        local(QKeySequence(key), [this] { nextQuestion(); });
        local(QKeySequence(Qt::CTRL | key), [this] { nextQuestion(); });
        local(QKeySequence(Qt::CTRL | Qt::SHIFT | key), [this] { previousQuestion(); });
    }
    local(QKeySequence(Qt::Key_PageDown), [this] { nextQuestion(); });
    local(QKeySequence(Qt::Key_PageUp), [this] { previousQuestion(); });
    local(QKeySequence::Find, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
}

void InterviewView::keyPressEvent(QKeyEvent *event)
{
    // Undo and redo arrive here rather than as shortcuts, so that a main window's Edit menu
    // actions on the same keys take them first instead of clashing with them.
    const QKeyCombination keys = event->keyCombination();
    if (event->matches(QKeySequence::Undo)) {
        commitEdits();
        m_undo->undo();
    } else if (event->matches(QKeySequence::Redo) || keys == (Qt::CTRL | Qt::SHIFT | Qt::Key_Z)) {
        commitEdits();
        m_undo->redo();
    } else if (keys == QKeyCombination(Qt::Key_Escape) && m_search->hasFocus()) {
        m_search->clear();
        m_tree->setFocus(Qt::OtherFocusReason);
    } else {
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void InterviewView::hideEvent(QHideEvent *event)
{
    commitEdits(); // the window is closing or another view takes the place: keep what was typed
    QWidget::hideEvent(event);
}

void InterviewView::showEngagement(qint64 engagementId)
{
    commitEdits();
    m_undo->clear();
    m_answers.clear();
    m_unsaved.clear();
    m_conflicts.clear();
    m_expectedRevisions.clear();
    m_visible.clear();
    m_current.clear();
    m_errorRow->hide();
    m_conflictBar->hide();
    m_banner->hide();
    m_panel->showQuestion(nullptr, {}, {}); // before the content it points into goes
    m_syncingTree = true;
    m_model->setContent(nullptr, {}, {});
    m_syncingTree = false;
    m_stored.reset();
    m_engagementId = engagementId;

    auto loaded = loadAndScore(m_workspace, m_library, engagementId);
    if (!loaded) {
        m_readOnly = true;
        m_panel->setReadOnly(true);
        showError(tr("Engagement %1 could not be opened: %2").arg(engagementId).arg(loaded.error().message));
        return;
    }
    m_stored = std::make_unique<StoredEngagement>(std::move(*loaded));
    for (const auto &a : m_stored->answers)
        m_answers.insert(a.questionId, a);

    updateEditability(m_stored->engagement);
    m_visible = visibleQuestions();
    const QHash<QString, QString> values = answerValues();
    m_syncingTree = true;
    m_model->setContent(&m_stored->content, m_visible, values);
    m_tree->expandAll();
    m_syncingTree = false;

    // Resume where the interview stopped: the first visible question without an answer.
    const QStringList order = m_model->visibleQuestionIds();
    QString first = order.value(0);
    for (const auto &id : order) {
        if (!m_answers.contains(id)) {
            first = id;
            break;
        }
    }
    displayQuestion(first);
}

bool InterviewView::showQuestion(const QString &questionId)
{
    commitEdits();
    if (!m_visible.contains(questionId))
        return false;
    displayQuestion(questionId);
    return true;
}

void InterviewView::nextQuestion()
{
    commitEdits(); // first, so a follow-up question the answer reveals comes next
    const QStringList ids = navigableIds();
    if (ids.isEmpty())
        return;
    const qsizetype at = ids.indexOf(m_current);
    if (at < 0)
        displayQuestion(ids.constFirst());
    else if (at + 1 < ids.size())
        displayQuestion(ids.at(at + 1));
}

void InterviewView::previousQuestion()
{
    commitEdits();
    const QStringList ids = navigableIds();
    if (ids.isEmpty())
        return;
    const qsizetype at = ids.indexOf(m_current);
    if (at < 0)
        displayQuestion(ids.constLast());
    else if (at > 0)
        displayQuestion(ids.at(at - 1));
}

void InterviewView::commitEdits()
{
    if (m_readOnly || m_current.isEmpty() || !m_stored)
        return;
    const AnswerInput input = m_panel->input();
    if (input.questionId != m_current)
        return;
    if (m_conflicts.contains(m_current)) {
        // Saving again would only be refused again: it waits for a choice on the conflict bar.
        m_unsaved.insert(m_current, input);
        return;
    }
    std::optional<AnswerInput> before;
    if (const auto stored = m_answers.constFind(m_current); stored != m_answers.constEnd())
        before = inputOf(*stored);
    if (before && sameInput(*before, input)) {
        m_unsaved.remove(m_current);
        return;
    }
    if (!before && input.value.isEmpty()) {
        // The store keeps notes with answers only: hold them until an answer is chosen.
        if (input.note.isEmpty() && input.method.isEmpty() && input.interviewee.isEmpty())
            m_unsaved.remove(m_current);
        else
            m_unsaved.insert(m_current, input);
        m_panel->setUnsavedHint(m_unsaved.contains(m_current));
        return;
    }
    m_unsaved.insert(m_current, input); // until the store has taken it
    // The save expects the answer as the view last read or saved it (revision 0: none), so that
    // one made by someone else since is not overwritten unseen. The question's undo steps share
    // that expectation while it holds; once the view takes up someone else's answer it no longer
    // does, and a new line starts, so that the older steps, which expect the revision before
    // theirs, are refused rather than undo their answer.
    const int known = before ? m_answers.value(m_current).revision : 0;
    std::shared_ptr<int> &expected = m_expectedRevisions[m_current];
    if (!expected || *expected != known)
        expected = std::make_shared<int>(known);
    const qint64 engagementId = m_engagementId;
    m_undo->push(new AnswerUndoCommand(m_workspace, m_library, engagementId, before, input, expected,
                                       [this, engagementId](const AnswerInput &saving, const Result<Answer> &saved) {
                                           if (engagementId != m_engagementId)
                                               return;
                                           if (!saved && saved.error().kind == ErrorKind::Conflict)
                                               showConflict(saving, saved.error());
                                           else
                                               applySaved(saving.questionId, saved);
                                       }));
}

void InterviewView::applySaved(const QString &questionId, const Result<Answer> &saved)
{
    if (!saved) {
        // What was typed stays on screen and in m_unsaved; the message names the question.
        showError(tr("The answer to %1 was not saved: %2").arg(questionId, saved.error().message));
        // Someone may have approved the engagement meanwhile: then say so and stop taking edits.
        if (auto engagement = EngagementStore(m_workspace).get(m_engagementId))
            updateEditability(*engagement);
        return;
    }
    m_errorRow->hide();
    m_answers.insert(questionId, *saved);
    m_unsaved.remove(questionId);
    m_conflicts.remove(questionId); // settled: whatever was pending is now replaced
    refreshVisibility();
    if (questionId == m_current) {
        m_conflictBar->hide();
        m_panel->setInput(inputOf(*saved));
        m_panel->setWhere(whereText(m_current));
        m_panel->setUnsavedHint(false);
    } else {
        // An undo or redo of another question: show it once the undo stack has finished.
        QTimer::singleShot(0, this, [this, questionId] {
            if (!showQuestion(questionId) && !m_visible.contains(m_current))
                nextQuestion();
        });
    }
    emit engagementChanged(m_engagementId);
}

void InterviewView::showConflict(const AnswerInput &mine, const Error &error)
{
    const QString questionId = mine.questionId;
    auto stored = AnswerStore(m_workspace).answer(m_engagementId, questionId);
    if (!stored || !stored->has_value()) {
        // No answer to offer instead (or it cannot be read): a refusal like any other, whose
        // message says what happened.
        applySaved(questionId, error);
        return;
    }
    Conflict conflict {**stored, knownAnswer(questionId)};
    if (conflict.replaced && conflict.replaced->revision != mine.expectedRevision)
        conflict.replaced.reset(); // an undo step from before the view took up someone else's answer
    m_conflicts.insert(questionId, conflict);
    AnswerInput waiting = mine; // on screen until the assessor chooses, as after any refused save
    waiting.expectedRevision.reset();
    m_unsaved.insert(questionId, waiting);
    m_errorRow->hide();
    refreshVisibility(); // the tree shows their answer, as stored
    if (questionId == m_current && m_panel->question()) {
        m_panel->setInput(waiting);
        m_panel->setUnsavedHint(false);
        m_conflictBar->showConflict(*m_panel->question(), conflict.theirs, conflict.replaced);
    } else {
        // An undo or redo of another question: show it there once the undo stack has finished.
        QTimer::singleShot(0, this, [this, questionId] { showQuestion(questionId); });
    }
}

void InterviewView::keepTheirs()
{
    const QString questionId = m_current;
    const auto conflict = m_conflicts.constFind(questionId);
    if (conflict == m_conflicts.constEnd())
        return;
    Answer theirs = conflict->theirs;
    // As stored now, which may be newer still than what the bar told.
    if (auto stored = AnswerStore(m_workspace).answer(m_engagementId, questionId); stored && stored->has_value())
        theirs = **stored;
    m_conflicts.erase(conflict);
    m_unsaved.remove(questionId);
    m_answers.insert(questionId, theirs);
    m_conflictBar->hide();
    refreshVisibility();
    m_panel->setInput(inputOf(theirs));
    m_panel->setWhere(whereText(questionId));
    m_panel->setUnsavedHint(false);
    emit engagementChanged(m_engagementId); // the engagement shown has changed, though not by this view
}

void InterviewView::overwriteWithMine()
{
    const auto conflict = m_conflicts.constFind(m_current);
    if (conflict == m_conflicts.constEnd() || m_readOnly)
        return;
    // Their answer is what the save now replaces, expecting its revision; undo puts it back. If
    // someone has saved yet again meanwhile, the store refuses this too and the bar comes back.
    m_answers.insert(m_current, conflict->theirs);
    m_conflicts.erase(conflict);
    m_conflictBar->hide();
    commitEdits();
}

std::optional<Answer> InterviewView::knownAnswer(const QString &questionId) const
{
    const auto known = m_answers.constFind(questionId);
    return known == m_answers.constEnd() ? std::nullopt : std::optional<Answer>(*known);
}

void InterviewView::updateEditability(const Engagement &e)
{
    // The store decides which engagements accept changes; the view only follows it.
    const Status editable = EngagementStore(m_workspace).checkEditable(e.id);
    m_readOnly = !editable.ok();
    QString banner;
    if (e.status == EngagementStatus::Approved)
        banner = tr("Approved on %1 — reopen it to make changes.")
                     .arg(QLocale().toString(e.updatedAt.toLocalTime().date(), QStringLiteral("d MMM yyyy")));
    else if (!editable)
        banner = tr("This engagement cannot be changed: %1").arg(editable.error().message);
    else if (e.status == EngagementStatus::InReview)
        banner = tr("In review — answers can still be changed, and every change is recorded in the audit trail.");
    m_banner->setText(banner);
    m_banner->setVisible(!banner.isEmpty());
    m_panel->setReadOnly(m_readOnly);
    m_evidenceZone->setReadOnly(m_readOnly);
    m_proposal->setReadOnly(m_readOnly);
    m_conflictBar->setReadOnly(m_readOnly);
    if (m_readOnly) {
        // Later, not now: this may run inside one of the stack's own commands.
        QTimer::singleShot(0, m_undo, &QUndoStack::clear);
    }
}

QSet<QString> InterviewView::visibleQuestions() const
{
    const EngagementFacts facts = EngagementFacts::resolve(m_stored->content, m_stored->engagement, storedAnswers());
    QSet<QString> visible;
    for (const auto *q : m_stored->content.allQuestions()) {
        if (facts.isVisible(q->id))
            visible.insert(q->id);
    }
    return visible;
}

QHash<QString, QString> InterviewView::answerValues() const
{
    QHash<QString, QString> values;
    for (const auto &a : storedAnswers())
        values.insert(a.questionId, a.value);
    return values;
}

QHash<QString, Answer> InterviewView::storedAnswers() const
{
    QHash<QString, Answer> stored = m_answers;
    for (auto conflict = m_conflicts.cbegin(); conflict != m_conflicts.cend(); ++conflict)
        stored.insert(conflict.key(), conflict->theirs);
    return stored;
}

void InterviewView::refreshVisibility()
{
    const QSet<QString> visible = visibleQuestions();
    const QSet<QString> appeared = visible - m_visible;
    m_visible = visible;
    m_syncingTree = true;
    m_model->update(visible, answerValues());
    for (const auto &id : appeared) {
        // A question that appears under a collapsed or newly shown heading is expanded into view.
        const QModelIndex index = m_filter->mapFromSource(m_model->indexOfQuestion(id));
        for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
            m_tree->expand(parent);
    }
    m_syncingTree = false;
    selectInTree(m_current);
}

void InterviewView::displayQuestion(const QString &questionId)
{
    const Question *question = m_stored && !questionId.isEmpty() ? m_stored->content.question(questionId) : nullptr;
    m_current = question ? questionId : QString();
    m_panel->showQuestion(question, whereText(m_current), shownInput(m_current));
    m_panel->setUnsavedHint(m_unsaved.contains(m_current) && !m_answers.contains(m_current) && !m_conflicts.contains(m_current));
    if (const auto conflict = m_conflicts.constFind(m_current); question && conflict != m_conflicts.constEnd())
        m_conflictBar->showConflict(*question, conflict->theirs, conflict->replaced);
    else
        m_conflictBar->hide();
    m_evidenceZone->showQuestion(m_stored ? m_stored->engagement.id : 0, m_current);
    m_proposal->showQuestion(m_stored ? m_stored->engagement.id : 0, question);
    selectInTree(m_current);
}

void InterviewView::selectInTree(const QString &questionId)
{
    const bool wasSyncing = m_syncingTree;
    m_syncingTree = true;
    const QModelIndex index = m_filter->mapFromSource(m_model->indexOfQuestion(questionId));
    if (index.isValid()) {
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    } else {
        m_tree->clearSelection();
    }
    m_syncingTree = wasSyncing;
}

void InterviewView::treeCurrentChanged(const QModelIndex &current)
{
    if (m_syncingTree)
        return;
    const QString id = current.data(QuestionTreeModel::QuestionIdRole).toString();
    if (!id.isEmpty() && id != m_current)
        showQuestion(id);
}

void InterviewView::searchChanged(const QString &text)
{
    m_syncingTree = true;
    m_filter->setSearchText(text);
    m_tree->expandAll();
    m_syncingTree = false;
    selectInTree(m_current);
}

void InterviewView::chooseOption(int n)
{
    if (!m_readOnly)
        m_panel->chooseOption(n); // its click is an edit, saved through commitEdits
}

QLabel *InterviewView::errorLabel() const
{
    return m_errorRow->label();
}

void InterviewView::showError(const QString &text)
{
    m_errorRow->showMessage(text);
}

QStringList InterviewView::navigableIds() const
{
    QStringList ids;
    collectQuestionIds(*m_filter, {}, ids);
    return ids;
}

QString InterviewView::whereText(const QString &questionId) const
{
    const Question *question = m_stored ? m_stored->content.question(questionId) : nullptr;
    const Questionnaire *questionnaire = question ? m_stored->content.questionnaire(question->questionnaireKey) : nullptr;
    if (!questionnaire)
        return {};
    for (const auto &section : questionnaire->sections) {
        for (const auto &q : section.questions) {
            if (q.id == questionId)
                return tr("%1 › %2 (%3)").arg(questionnaire->title, section.title, m_model->sectionProgress(section.id));
        }
    }
    return questionnaire->title;
}

AnswerInput InterviewView::shownInput(const QString &questionId) const
{
    if (const auto unsaved = m_unsaved.constFind(questionId); unsaved != m_unsaved.constEnd())
        return *unsaved;
    if (const auto stored = m_answers.constFind(questionId); stored != m_answers.constEnd())
        return inputOf(*stored);
    AnswerInput empty;
    empty.questionId = questionId;
    return empty;
}

} // namespace bulkhead
