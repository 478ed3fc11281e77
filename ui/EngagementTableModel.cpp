#include "EngagementTableModel.h"

#include "AssessmentPeriod.h"
#include "RiskLevelStyle.h"

#include <QBrush>

namespace bulkhead {

EngagementTableModel::EngagementTableModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void EngagementTableModel::setEngagements(QList<StoredEngagement> engagements)
{
    beginResetModel();
    m_rows = std::move(engagements);
    endResetModel();
}

const StoredEngagement *EngagementTableModel::engagementAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int EngagementTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EngagementTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EngagementTableModel::data(const QModelIndex &index, int role) const
{
    const StoredEngagement *row = engagementAt(index.row());
    if (!row)
        return {};
    const Engagement &e = row->engagement;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id: return e.id;
        case Client: return e.client;
        case System: return e.system;
        case Csp: return e.csp;
        case Period: return assessmentPeriodText(e);
        case Architecture: return e.architecture == QLatin1String("hybrid") ? tr("Hybrid") : tr("Typical");
        case Status:
            switch (e.status) {
            case EngagementStatus::Draft: return tr("Draft");
            case EngagementStatus::InReview: return tr("In review");
            case EngagementStatus::Approved: return tr("Approved");
            }
            return {};
        case Progress: return tr("%1 of %2 answered").arg(row->card.answeredQuestions).arg(row->card.scoredQuestions);
        case HighRisks: return row->card.risksAtOrAbove(Level::High);
        }
    }
    if (role == Qt::BackgroundRole && index.column() == HighRisks) {
        if (const auto worst = row->card.highestRiskLevel())
            return QBrush(riskLevelColor(*worst));
    }
    if (role == Qt::ToolTipRole && index.column() == HighRisks)
        return tr("Residual risks rated High or Very High");
    if (role == Qt::TextAlignmentRole && (index.column() == Id || index.column() == HighRisks))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant EngagementTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("ID");
    case Client: return tr("Client");
    case System: return tr("System");
    case Csp: return tr("Cloud provider");
    case Period: return tr("Assessment period");
    case Architecture: return tr("Architecture");
    case Status: return tr("Status");
    case Progress: return tr("Progress");
    case HighRisks: return tr("High risks");
    }
    return {};
}

} // namespace bulkhead
