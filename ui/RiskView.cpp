#include "RiskView.h"

#include "AnswerStore.h"
#include "EngagementStore.h"
#include "RegisterTable.h"
#include "RiskHeatMap.h"
#include "RiskOverrideDialog.h"
#include "RiskRegisterModel.h"
#include "StoredEngagement.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace bulkhead {

RiskView::RiskView(Workspace &workspace, const ContentLibrary &library, QWidget *parent)
    : QWidget(parent), m_workspace(workspace), m_library(library)
{
    m_model = new RiskRegisterModel(this);
    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(RiskRegisterModel::SortRole);
    m_filter->setFilterRole(RiskRegisterModel::CellRole);
    m_filter->setFilterKeyColumn(RiskRegisterModel::Id);

    m_table = makeRegisterTable(m_filter, tr("Risk register"), this);
    m_table->sortByColumn(RiskRegisterModel::ResidualLevel, Qt::DescendingOrder);
    // The residual rating is what the register is read for: show it next to the title, then how
    // mitigation got there, then the inherent rating it started from.
    QHeaderView *header = m_table->horizontalHeader();
    for (int column : {RiskRegisterModel::ResidualLikelihood, RiskRegisterModel::ResidualImpact, RiskRegisterModel::ResidualLevel,
                       RiskRegisterModel::Mitigation, RiskRegisterModel::Overridden})
        header->moveSection(header->visualIndex(column),
                            header->visualIndex(RiskRegisterModel::Title) + 1 + (column - RiskRegisterModel::ResidualLikelihood));

    m_heatMap = new RiskHeatMap(this);
    m_heatMap->setToolTip(tr("Click a cell to list only the risks in it"));

    m_filterLabel = new QLabel(this);
    m_filterLabel->setAccessibleName(tr("Register filter"));
    m_clearFilter = new QPushButton(tr("Show &all risks"), this);
    m_clearFilter->setAccessibleName(tr("Show all risks"));
    m_override = new QPushButton(tr("&Override…"), this);
    m_override->setAccessibleName(tr("Override the selected risk's rating"));
    m_reasons = new QTextBrowser(this);
    m_reasons->setAccessibleName(tr("Why this rating"));
    m_reasons->setOpenLinks(false);
    m_message = new QLabel(this);
    m_message->setAccessibleName(tr("Risk view message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterLabel, 1);
    filterRow->addWidget(m_clearFilter);
    auto *registerPane = new QWidget(this);
    auto *registerLayout = new QVBoxLayout(registerPane);
    registerLayout->setContentsMargins(0, 0, 0, 0);
    registerLayout->addLayout(filterRow);
    registerLayout->addWidget(m_table, 1);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_heatMap);
    top->addWidget(registerPane);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 5);
    top->setSizes({380, 820});

    auto *why = new QWidget(this);
    auto *whyLayout = new QVBoxLayout(why);
    whyLayout->setContentsMargins(0, 0, 0, 0);
    auto *whyHeader = new QHBoxLayout;
    auto *whyTitle = new QLabel(tr("<b>Why this rating</b>"), why);
    whyTitle->setBuddy(m_reasons);
    whyHeader->addWidget(whyTitle, 1);
    whyHeader->addWidget(m_override);
    whyLayout->addLayout(whyHeader);
    whyLayout->addWidget(m_reasons, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(why);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(m_heatMap, &RiskHeatMap::cellSelected, this, &RiskView::filterToCell);
    connect(m_heatMap, &RiskHeatMap::selectionCleared, this, &RiskView::clearCellFilter);
    connect(m_clearFilter, &QPushButton::clicked, m_heatMap, &RiskHeatMap::clearSelection);
    connect(m_override, &QPushButton::clicked, this, &RiskView::overrideSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RiskView::showSelected);
    clearCellFilter();
}

void RiskView::showEngagement(qint64 engagementId)
{
    const bool sameEngagement = engagementId == m_engagementId;
    const auto cell = sameEngagement ? m_heatMap->selectedCell() : std::nullopt;
    const QString selected = sameEngagement && selectedRisk() ? selectedRisk()->id : QString();
    m_engagementId = engagementId;
    showMessage({});

    auto scored = loadAndScore(m_workspace, m_library, engagementId);
    if (!scored) {
        m_notEditable = scored.error().message;
        m_model->setRisks({});
        m_heatMap->setRisks({});
        clearCellFilter();
        showMessage(tr("Engagement %1 could not be scored: %2").arg(engagementId).arg(scored.error().toString()));
        showSelected();
        return;
    }
    const Status editable = EngagementStore(m_workspace).checkEditable(engagementId);
    m_notEditable = editable ? QString() : editable.error().message;
    m_model->setRisks(scored->card.risks);
    m_heatMap->setRisks(scored->card.risks);
    if (cell)
        m_heatMap->selectCell(cell->first, cell->second);
    else
        clearCellFilter();
    fitColumns(m_table, 260);
    if (selected.isEmpty() || !selectRisk(selected))
        showSelected();
}

bool RiskView::selectRisk(const QString &riskId)
{
    const int row = m_model->rowOf(riskId);
    if (row < 0)
        return false;
    QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        m_heatMap->clearSelection();
        index = m_filter->mapFromSource(m_model->index(row, 0));
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    showSelected();
    return true;
}

const RiskRating *RiskView::selectedRisk() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? m_model->riskAt(m_filter->mapToSource(current).row()) : nullptr;
}

QString RiskView::message() const
{
    return m_message->text();
}

void RiskView::filterToCell(Level likelihood, Level impact)
{
    m_filter->setFilterRegularExpression(
        QRegularExpression(QStringLiteral("^%1$").arg(QRegularExpression::escape(RiskRegisterModel::cellKey(likelihood, impact)))));
    const int n = m_filter->rowCount();
    m_filterLabel->setText(
        tr("Likelihood %1, impact %2: %3").arg(levelLabel(likelihood), levelLabel(impact), n == 1 ? tr("1 risk") : tr("%1 risks").arg(n)));
    m_clearFilter->setEnabled(true);
    showSelected();
}

void RiskView::clearCellFilter()
{
    m_filter->setFilterRegularExpression(QString());
    const int n = m_model->rowCount();
    m_filterLabel->setText(n == 1 ? tr("All risks: 1") : tr("All risks: %1").arg(n));
    m_clearFilter->setEnabled(false);
    showSelected();
}

void RiskView::showSelected()
{
    const RiskRating *risk = selectedRisk();
    m_override->setEnabled(risk && m_notEditable.isEmpty());
    m_override->setToolTip(m_notEditable.isEmpty() ? tr("Override the selected risk's likelihood and impact, with a rationale")
                                                   : tr("This engagement cannot be changed: %1").arg(m_notEditable));
    if (!risk) {
        m_reasons->setHtml(tr("<p>Select a risk to see why it is rated as it is.</p>"));
        return;
    }
    QString html = QStringLiteral("<p><b>%1</b> %2</p>").arg(risk->id.toHtmlEscaped(), risk->title.toHtmlEscaped());
    html += tr("<p>Inherent: likelihood %1, impact %2, level %3. Residual: likelihood %4, impact %5, level <b>%6</b>.</p>")
                .arg(levelLabel(risk->inherentLikelihood), levelLabel(risk->inherentImpact), levelLabel(risk->inherentLevel),
                     levelLabel(risk->likelihood), levelLabel(risk->impact), levelLabel(risk->level));
    html += QStringLiteral("<ul>");
    for (const QString &reason : risk->reasons)
        html += QStringLiteral("<li>%1</li>").arg(reason.toHtmlEscaped());
    html += QStringLiteral("</ul>");
    m_reasons->setHtml(html);
}

void RiskView::overrideSelected()
{
    const RiskRating *risk = selectedRisk();
    if (!risk || !m_notEditable.isEmpty())
        return;
    auto *dialog = new RiskOverrideDialog(*risk, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString riskId = risk->id;
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, riskId] { saveOverride(riskId, dialog->likelihood(), dialog->impact(), dialog->rationale()); });
    dialog->open();
}

void RiskView::saveOverride(const QString &riskId, Level likelihood, Level impact, const QString &rationale)
{
    RiskOverride riskOverride;
    riskOverride.engagementId = m_engagementId;
    riskOverride.riskId = riskId;
    riskOverride.likelihood = likelihood;
    riskOverride.impact = impact;
    riskOverride.rationale = rationale;
    if (const Status saved = AnswerStore(m_workspace).setRiskOverride(riskOverride, m_library); !saved) {
        showMessage(tr("The override of %1 was not saved: %2").arg(riskId, saved.error().message));
        return;
    }
    showEngagement(m_engagementId);
    selectRisk(riskId);
    showMessage(tr("The rating of %1 is now overridden.").arg(riskId));
    emit engagementChanged(m_engagementId);
}

void RiskView::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

} // namespace bulkhead
