#include "EngagementSummaryPanel.h"

#include "AssessmentPeriod.h"
#include "RiskLevelStyle.h"
#include "StoredEngagement.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

QTableWidget *makeTable(const QStringList &headers, const QString &accessibleName, QWidget *parent)
{
    auto *table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setAccessibleName(accessibleName);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->horizontalHeader()->setStretchLastSection(false);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    return table;
}

QTableWidgetItem *levelItem(Level level)
{
    auto *item = new QTableWidgetItem(levelLabel(level));
    item->setBackground(riskLevelColor(level));
    item->setForeground(riskLevelTextColor(level));
    item->setTextAlignment(Qt::AlignCenter);
    return item;
}

} // namespace

EngagementSummaryPanel::EngagementSummaryPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_details = new QLabel(this);
    m_details->setWordWrap(true);
    m_controls = new QLabel(this);
    m_families = makeTable({tr("Control family"), tr("Score"), tr("Satisfied"), tr("Other than satisfied")}, tr("Family scores"), this);
    m_risks = makeTable({tr("Risk"), tr("Likelihood"), tr("Impact"), tr("Level")}, tr("Risk register"), this);
    layout->addWidget(m_title);
    layout->addWidget(m_details);
    layout->addWidget(m_controls);
    layout->addWidget(new QLabel(tr("<b>Control families</b>"), this));
    layout->addWidget(m_families, 1);
    layout->addWidget(new QLabel(tr("<b>Residual risks</b>"), this));
    layout->addWidget(m_risks, 1);
    showEngagement(nullptr);
}

QString EngagementSummaryPanel::headline() const
{
    return m_title->text();
}

void EngagementSummaryPanel::showEngagement(const StoredEngagement *stored)
{
    m_families->setRowCount(0);
    m_risks->setRowCount(0);
    if (!stored) {
        m_title->setText(tr("No engagement selected"));
        m_details->setText(tr("Choose an engagement in the list to see its scores and risks."));
        m_controls->clear();
        return;
    }
    const Engagement &e = stored->engagement;
    const ScoreCard &card = stored->card;
    const QString period = assessmentPeriodText(e);
    m_title->setText(period.isEmpty() ? tr("%1 — %2").arg(e.client, e.system) : tr("%1 — %2 (%3)").arg(e.client, e.system, period));
    m_details->setText(tr("%1 · %2 architecture · %3 infrastructure · FIPS 199 %4 (baseline %5) · assessor %6")
                           .arg(e.csp, e.architecture, e.infrastructure, e.impact, card.baseline, e.assessor));
    m_controls->setText(tr("Controls in baseline: %1 — satisfied %2, other than satisfied %3, not assessed %4")
                            .arg(card.controls.size())
                            .arg(card.count(ControlDetermination::Satisfied))
                            .arg(card.count(ControlDetermination::OtherThanSatisfied))
                            .arg(card.count(ControlDetermination::NotAssessed)));
    for (const auto &f : card.families) {
        if (f.controlsInScope == 0)
            continue;
        const int row = m_families->rowCount();
        m_families->insertRow(row);
        m_families->setItem(row, 0, new QTableWidgetItem(QStringLiteral("%1 %2").arg(f.id, f.title)));
        auto *score = new QTableWidgetItem(f.score ? QStringLiteral("%1%").arg(*f.score, 0, 'f', 1) : tr("not assessed"));
        score->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_families->setItem(row, 1, score);
        m_families->setItem(row, 2, new QTableWidgetItem(QString::number(f.controlsSatisfied)));
        m_families->setItem(row, 3, new QTableWidgetItem(QString::number(f.controlsOtherThanSatisfied)));
    }
    for (const auto &r : card.risks) {
        const int row = m_risks->rowCount();
        m_risks->insertRow(row);
        auto *title = new QTableWidgetItem(r.title);
        title->setToolTip(r.reasons.join(QLatin1Char('\n')));
        m_risks->setItem(row, 0, title);
        m_risks->setItem(row, 1, new QTableWidgetItem(levelLabel(r.likelihood)));
        m_risks->setItem(row, 2, new QTableWidgetItem(levelLabel(r.impact)));
        m_risks->setItem(row, 3, levelItem(r.level));
    }
    m_families->resizeColumnsToContents();
    m_risks->resizeColumnsToContents();
    m_families->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_risks->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
}

} // namespace bulkhead
