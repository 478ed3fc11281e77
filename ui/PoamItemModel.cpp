#include "PoamItemModel.h"

#include "RiskLevelStyle.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

#include <algorithm>

namespace bulkhead {

namespace {

// A translucent red: over a light or a dark base it tints the row without taking the text's
// contrast away, so the palette's own text colour still reads.
const QColor OverdueTint(0xd3, 0x2f, 0x2f, 56);

} // namespace

PoamItemModel::PoamItemModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void PoamItemModel::setItems(QList<PoamItem> items)
{
    beginResetModel();
    m_items = std::move(items);
    endResetModel();
}

const PoamItem *PoamItemModel::itemAt(int row) const
{
    return row >= 0 && row < m_items.size() ? &m_items.at(row) : nullptr;
}

void PoamItemModel::setToday(const QDate &today)
{
    if (today == m_today)
        return;
    m_today = today;
    if (!m_items.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                         {Qt::BackgroundRole, Qt::FontRole, Qt::ToolTipRole, OverdueRole});
}

bool PoamItemModel::isOpen(const PoamItem &item)
{
    return item.status.compare(QLatin1String("open"), Qt::CaseInsensitive) == 0;
}

int PoamItemModel::daysOverdue(const PoamItem &item) const
{
    if (!isOpen(item) || !item.due.isValid() || !m_today.isValid() || item.due >= m_today)
        return 0;
    return static_cast<int>(item.due.daysTo(m_today));
}

int PoamItemModel::openCount() const
{
    return static_cast<int>(std::count_if(m_items.cbegin(), m_items.cend(), &PoamItemModel::isOpen));
}

int PoamItemModel::overdueCount() const
{
    return static_cast<int>(std::count_if(m_items.cbegin(), m_items.cend(), [this](const PoamItem &i) { return daysOverdue(i) > 0; }));
}

int PoamItemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

int PoamItemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PoamItemModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PoamItem &item = m_items.at(index.row());
    const int overdue = daysOverdue(item);
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id: return item.id;
        case Weakness: return item.title.isEmpty() ? item.weakness : item.title;
        case Controls: return item.controls.join(QStringLiteral(", "));
        case RiskLevel: return levelLabel(item.level);
        case Detected: return locale.toString(item.detected, QLocale::ShortFormat);
        case Due: return locale.toString(item.due, QLocale::ShortFormat);
        case Owner: return item.owner;
        case Milestones: return item.milestones.join(QStringLiteral("; "));
        case Status:
            if (isOpen(item))
                return tr("Open");
            if (item.status.compare(QLatin1String("closed"), Qt::CaseInsensitive) == 0)
                return tr("Closed");
            return item.status;
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case RiskLevel: return static_cast<int>(item.level);
        case Detected: return item.detected;
        case Due: return item.due;
        }
        return data(index, Qt::DisplayRole);
    case OverdueRole: return overdue > 0;
    case Qt::ToolTipRole: {
        QStringList tip;
        if (index.column() == Weakness && !item.weakness.isEmpty())
            tip << item.weakness;
        if (index.column() == Controls && item.controls.size() > 1)
            tip << item.controls.join(QStringLiteral(", "));
        if (index.column() == Milestones && !item.milestones.isEmpty())
            tip << item.milestones.join(QLatin1Char('\n'));
        if (overdue > 0)
            tip << (overdue == 1 ? tr("Overdue by 1 day") : tr("Overdue by %1 days").arg(overdue));
        return tip.isEmpty() ? QVariant() : QVariant(tip.join(QLatin1Char('\n')));
    }
    // The level keeps the report colours as a fill with its own text colour; overdue rows get
    // a tint and bold type, which reads on any palette.
    case Qt::BackgroundRole:
        if (index.column() == RiskLevel)
            return QBrush(riskLevelColor(item.level));
        if (overdue > 0)
            return QBrush(OverdueTint);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == RiskLevel)
            return QBrush(riskLevelTextColor(item.level));
        return {};
    case Qt::FontRole:
        if (overdue > 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == RiskLevel)
            return QVariant::fromValue(Qt::AlignCenter);
        return {};
    }
    return {};
}

QVariant PoamItemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("ID");
    case Weakness: return tr("Weakness");
    case Controls: return tr("Controls");
    case RiskLevel: return tr("Risk level");
    case Detected: return tr("Detected");
    case Due: return tr("Scheduled completion");
    case Owner: return tr("Owner");
    case Milestones: return tr("Milestones");
    case Status: return tr("Status");
    }
    return {};
}

} // namespace bulkhead
