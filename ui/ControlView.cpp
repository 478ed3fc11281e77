#include "ControlView.h"

#include "ControlResultsModel.h"
#include "FamilyScoreChart.h"
#include "RegisterTable.h"
#include "ReportText.h"
#include "StoredEngagement.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace bulkhead {

namespace {

QString filterKey(ControlView::ResultFilter filter)
{
    switch (filter) {
    case ControlView::ResultFilter::All: return {};
    case ControlView::ResultFilter::Satisfied: return controlDeterminationKey(ControlDetermination::Satisfied);
    case ControlView::ResultFilter::OtherThanSatisfied: return controlDeterminationKey(ControlDetermination::OtherThanSatisfied);
    case ControlView::ResultFilter::NotAssessed: return controlDeterminationKey(ControlDetermination::NotAssessed);
    case ControlView::ResultFilter::NotApplicable: return controlDeterminationKey(ControlDetermination::NotApplicable);
    }
    return {};
}

QTableWidgetItem *readOnlyItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

} // namespace

ControlView::ControlView(Workspace &workspace, const ContentLibrary &library, QWidget *parent)
    : QWidget(parent), m_workspace(workspace), m_library(library)
{
    m_model = new ControlResultsModel(this);
    m_resultFilter = new QSortFilterProxyModel(this);
    m_resultFilter->setSourceModel(m_model);
    m_resultFilter->setFilterRole(ControlResultsModel::ResultKeyRole);
    m_resultFilter->setFilterKeyColumn(ControlResultsModel::Id);
    m_baselineFilter = new QSortFilterProxyModel(this);
    m_baselineFilter->setSourceModel(m_resultFilter);
    m_baselineFilter->setFilterRole(ControlResultsModel::BaselinesRole);
    m_baselineFilter->setFilterKeyColumn(ControlResultsModel::Id);
    m_textFilter = new QSortFilterProxyModel(this);
    m_textFilter->setSourceModel(m_baselineFilter);
    m_textFilter->setFilterKeyColumn(-1);
    m_textFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_textFilter->setSortRole(ControlResultsModel::SortRole);

    m_result = new QComboBox(this);
    m_result->setAccessibleName(tr("Filter by result"));
    m_result->addItem(tr("All results"), filterKey(ResultFilter::All));
    m_result->addItem(tr("Satisfied"), filterKey(ResultFilter::Satisfied));
    m_result->addItem(tr("Other than satisfied"), filterKey(ResultFilter::OtherThanSatisfied));
    m_result->addItem(tr("Not assessed"), filterKey(ResultFilter::NotAssessed));
    m_result->addItem(tr("Not applicable"), filterKey(ResultFilter::NotApplicable));
    m_baseline = new QComboBox(this);
    m_baseline->setAccessibleName(tr("Filter by SP 800-53B baseline"));
    m_baseline->addItem(tr("Any baseline"), QString());
    m_baseline->addItem(tr("In the LOW baseline"), baselineKey(Baseline::Low));
    m_baseline->addItem(tr("In the MODERATE baseline"), baselineKey(Baseline::Moderate));
    m_baseline->addItem(tr("In the HIGH baseline"), baselineKey(Baseline::High));
    m_baseline->setToolTip(tr("Show only the controls that an SP 800-53B baseline also selects, e.g. to see which findings would "
                              "still matter for a LOW system"));
    m_text = new QLineEdit(this);
    m_text->setAccessibleName(tr("Filter by text"));
    m_text->setPlaceholderText(tr("Filter by control, family or title"));
    m_text->setClearButtonEnabled(true);
    m_count = new QLabel(this);
    m_count->setAccessibleName(tr("Controls shown"));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();

    auto *resultLabel = new QLabel(tr("&Result:"), this);
    resultLabel->setBuddy(m_result);
    auto *textLabel = new QLabel(tr("&Find:"), this);
    textLabel->setBuddy(m_text);
    auto *filters = new QHBoxLayout;
    filters->addWidget(resultLabel);
    filters->addWidget(m_result);
    filters->addSpacing(12);
    filters->addWidget(m_baseline);
    filters->addSpacing(12);
    filters->addWidget(textLabel);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_count);

    m_chart = new FamilyScoreChart(this);
    m_chart->setToolTip(tr("Click a family to go to its first control"));
    auto *chartScroll = new QScrollArea(this);
    chartScroll->setWidget(m_chart);
    chartScroll->setWidgetResizable(true);
    chartScroll->setFrameShape(QFrame::NoFrame);

    m_table = makeRegisterTable(m_textFilter, tr("Control results"), this);
    m_table->sortByColumn(ControlResultsModel::Id, Qt::AscendingOrder);

    m_reasons = new QTextBrowser(this);
    m_reasons->setAccessibleName(tr("Why this result"));
    m_reasons->setOpenLinks(false);
    m_questions = new QTableWidget(0, 3, this);
    m_questions->setHorizontalHeaderLabels({tr("Question"), tr("Text"), tr("Answer")});
    m_questions->setAccessibleName(tr("Questions behind the control"));
    m_questions->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_questions->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_questions->setWordWrap(true);
    m_questions->verticalHeader()->hide();
    m_questions->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(chartScroll);
    top->addWidget(m_table);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 3);
    top->setSizes({460, 740});
    auto *details = new QSplitter(Qt::Horizontal, this);
    details->addWidget(m_reasons);
    details->addWidget(m_questions);
    details->setStretchFactor(0, 2);
    details->setStretchFactor(1, 3);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(filters);
    layout->addWidget(split, 1);

    connect(m_result, &QComboBox::currentIndexChanged, this, &ControlView::applyResultFilter);
    connect(m_baseline, &QComboBox::currentIndexChanged, this, &ControlView::applyBaselineFilter);
    connect(m_text, &QLineEdit::textChanged, this, &ControlView::applyTextFilter);
    connect(m_chart, &FamilyScoreChart::familyClicked, this, &ControlView::selectFirstOfFamily);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ControlView::showSelected);
    updateCount();
    showSelected();
}

ControlView::~ControlView() = default;

void ControlView::showEngagement(qint64 engagementId)
{
    const QString selected = engagementId == m_engagementId && selectedControl() ? selectedControl()->id : QString();
    m_engagementId = engagementId;
    auto scored = loadAndScore(m_workspace, m_library, engagementId);
    if (!scored) {
        m_stored.reset();
        m_model->setResults({});
        m_chart->setFamilies({});
        m_message->setText(tr("Engagement %1 could not be scored: %2").arg(engagementId).arg(scored.error().toString()));
        m_message->show();
    } else {
        m_stored = std::make_unique<StoredEngagement>(std::move(*scored));
        m_model->setResults(m_stored->card.controls, m_stored->card.families, &m_stored->content.controls());
        m_chart->setFamilies(m_stored->card.families);
        m_message->clear();
        m_message->hide();
        fitColumns(m_table, 300);
    }
    updateCount();
    if (selected.isEmpty() || !selectControl(selected))
        showSelected();
}

void ControlView::setResultFilter(ResultFilter filter)
{
    m_result->setCurrentIndex(m_result->findData(filterKey(filter)));
}

void ControlView::setTextFilter(const QString &text)
{
    m_text->setText(text);
}

int ControlView::visibleCount() const
{
    return m_textFilter->rowCount();
}

QString ControlView::countText() const
{
    return m_count->text();
}

bool ControlView::selectControl(const QString &controlId)
{
    const int row = m_model->rowOf(controlId);
    if (row < 0)
        return false;
    const QModelIndex index
        = m_textFilter->mapFromSource(m_baselineFilter->mapFromSource(m_resultFilter->mapFromSource(m_model->index(row, 0))));
    if (!index.isValid())
        return false; // filtered out: the user's filters win
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    showSelected();
    return true;
}

const ControlResult *ControlView::selectedControl() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return nullptr;
    return m_model->controlAt(m_resultFilter->mapToSource(m_baselineFilter->mapToSource(m_textFilter->mapToSource(current))).row());
}

void ControlView::applyResultFilter()
{
    const QString key = m_result->currentData().toString();
    m_resultFilter->setFilterRegularExpression(
        key.isEmpty() ? QRegularExpression() : QRegularExpression(QStringLiteral("^%1$").arg(QRegularExpression::escape(key))));
    updateCount();
    showSelected();
}

void ControlView::setBaselineFilter(std::optional<Baseline> baseline)
{
    m_baseline->setCurrentIndex(m_baseline->findData(baseline ? baselineKey(*baseline) : QString()));
}

void ControlView::applyBaselineFilter()
{
    const QString key = m_baseline->currentData().toString();
    m_baselineFilter->setFilterRegularExpression(
        key.isEmpty() ? QRegularExpression() : QRegularExpression(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(key))));
    updateCount();
    showSelected();
}

void ControlView::applyTextFilter()
{
    m_textFilter->setFilterFixedString(m_text->text().trimmed());
    updateCount();
    showSelected();
}

void ControlView::updateCount()
{
    m_count->setText(tr("%1 of %2 controls").arg(visibleCount()).arg(m_model->rowCount()));
}

void ControlView::selectFirstOfFamily(const QString &familyId)
{
    for (int row = 0; row < m_textFilter->rowCount(); ++row) {
        const QModelIndex source
            = m_resultFilter->mapToSource(m_baselineFilter->mapToSource(m_textFilter->mapToSource(m_textFilter->index(row, 0))));
        const ControlResult *control = m_model->controlAt(source.row());
        if (control && control->family == familyId) {
            selectControl(control->id);
            return;
        }
    }
}

void ControlView::showSelected()
{
    const ControlResult *control = selectedControl();
    m_questions->setRowCount(0);
    if (!control || !m_stored) {
        m_reasons->setHtml(tr("<p>Select a control to see its result and the questions behind it.</p>"));
        return;
    }
    QString html = QStringLiteral("<p><b>%1</b> %2</p>").arg(control->id.toHtmlEscaped(), control->title.toHtmlEscaped());
    html += tr("<p>Result: <b>%1</b></p>").arg(ControlResultsModel::resultText(control->result));
    html += QStringLiteral("<ul>");
    for (const QString &reason : control->reasons)
        html += QStringLiteral("<li>%1</li>").arg(reason.toHtmlEscaped());
    html += QStringLiteral("</ul>");
    m_reasons->setHtml(html);

    // The engagement's own (pinned) questions, so the text is what the assessor was asked.
    const ContentLibrary &content = m_stored->content;
    m_questions->setRowCount(static_cast<int>(control->questions.size()));
    for (int row = 0; row < control->questions.size(); ++row) {
        const QString &id = control->questions.at(row);
        const Question *question = content.question(id);
        const auto answer
            = std::find_if(m_stored->answers.cbegin(), m_stored->answers.cend(), [&id](const Answer &a) { return a.questionId == id; });
        QString answerShown = tr("Not answered");
        QString answerTip;
        if (answer != m_stored->answers.cend()) {
            answerShown = question ? answerText(*question, *answer) : answer->value;
            answerTip = answer->note;
        }
        m_questions->setItem(row, 0, readOnlyItem(id));
        m_questions->setItem(row, 1, readOnlyItem(question ? question->text : tr("(not in the engagement's questionnaires)")));
        auto *answerItem = readOnlyItem(answerShown);
        answerItem->setToolTip(answerTip);
        m_questions->setItem(row, 2, answerItem);
    }
    m_questions->resizeColumnToContents(0);
    m_questions->resizeColumnToContents(2);
    m_questions->resizeRowsToContents();
}

} // namespace bulkhead
