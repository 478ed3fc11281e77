#include "PoamView.h"

#include "PoamItemModel.h"
#include "RegisterTable.h"
#include "StoredEngagement.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace bulkhead {

PoamView::PoamView(Workspace &workspace, const ContentLibrary &library, QWidget *parent)
    : QWidget(parent), m_workspace(workspace), m_library(library)
{
    m_model = new PoamItemModel(this);
    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(PoamItemModel::SortRole);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_count = new QLabel(this);
    m_count->setAccessibleName(tr("Open and overdue items"));
    QFont countFont = m_count->font();
    countFont.setBold(true);
    m_count->setFont(countFont);
    m_text = new QLineEdit(this);
    m_text->setAccessibleName(tr("Filter POA&M items"));
    m_text->setPlaceholderText(tr("Filter by ID, weakness, control, owner or milestone"));
    m_text->setClearButtonEnabled(true);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();

    m_table = makeRegisterTable(m_filter, tr("Plan of action and milestones"), this);
    m_table->sortByColumn(PoamItemModel::Id, Qt::AscendingOrder);

    m_details = new QTextBrowser(this);
    m_details->setAccessibleName(tr("POA&M item details"));
    m_details->setOpenLinks(false);

    auto *findLabel = new QLabel(tr("&Find:"), this);
    findLabel->setBuddy(m_text);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_count);
    bar->addStretch(1);
    bar->addWidget(findLabel);
    bar->addWidget(m_text, 2);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_text, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text.trimmed());
        showSelected();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PoamView::showSelected);
    updateCount();
    showSelected();
}

void PoamView::showEngagement(qint64 engagementId)
{
    m_engagementId = engagementId;
    auto scored = loadAndScore(m_workspace, m_library, engagementId);
    if (!scored) {
        m_model->setItems({});
        m_message->setText(tr("Engagement %1 could not be scored: %2").arg(engagementId).arg(scored.error().toString()));
        m_message->show();
    } else {
        m_model->setItems(scored->card.poam);
        m_message->clear();
        m_message->hide();
        fitColumns(m_table, 360);
        m_table->setColumnWidth(PoamItemModel::Controls, std::min(m_table->columnWidth(PoamItemModel::Controls), 180));
    }
    updateCount();
    showSelected();
}

void PoamView::setToday(const QDate &today)
{
    m_model->setToday(today);
    updateCount();
    showSelected();
}

const PoamItem *PoamView::selectedItem() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? m_model->itemAt(m_filter->mapToSource(current).row()) : nullptr;
}

bool PoamView::selectItem(const QString &itemId)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->itemAt(row)->id != itemId)
            continue;
        const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
        if (!index.isValid())
            return false;
        m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(index);
        showSelected();
        return true;
    }
    return false;
}

QString PoamView::countText() const
{
    return m_count->text();
}

void PoamView::updateCount()
{
    m_count->setText(tr("%1 open, %2 overdue").arg(m_model->openCount()).arg(m_model->overdueCount()));
    m_count->setToolTip(
        tr("Overdue: open items whose scheduled completion is before %1").arg(QLocale().toString(m_model->today(), QLocale::LongFormat)));
}

void PoamView::showSelected()
{
    const PoamItem *item = selectedItem();
    if (!item) {
        m_details->setHtml(tr("<p>Select an item to see its weakness and milestones.</p>"));
        return;
    }
    const QLocale locale;
    QString html = QStringLiteral("<p><b>%1</b> %2</p>").arg(item->id.toHtmlEscaped(), item->title.toHtmlEscaped());
    if (!item->weakness.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(item->weakness.toHtmlEscaped());
    html += tr("<p>Level %1 · detected %2 · due %3 · owner %4 · status %5</p>")
                .arg(levelLabel(item->level), locale.toString(item->detected, QLocale::ShortFormat),
                     locale.toString(item->due, QLocale::ShortFormat), item->owner.toHtmlEscaped(), item->status.toHtmlEscaped());
    if (const int overdue = m_model->daysOverdue(*item); overdue > 0)
        html += QStringLiteral("<p><b>%1</b></p>").arg(overdue == 1 ? tr("Overdue by 1 day") : tr("Overdue by %1 days").arg(overdue));
    if (!item->milestones.isEmpty()) {
        html += tr("<p>Milestones:</p>") + QStringLiteral("<ol>");
        for (const QString &m : item->milestones)
            html += QStringLiteral("<li>%1</li>").arg(m.toHtmlEscaped());
        html += QStringLiteral("</ol>");
    }
    m_details->setHtml(html);
}

} // namespace bulkhead
