#include "RiskRegisterModel.h"

#include "RiskLevelStyle.h"

#include <QBrush>

#include <cmath>
#include <optional>

namespace bulkhead {

RiskRegisterModel::RiskRegisterModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void RiskRegisterModel::setRisks(QList<RiskRating> risks)
{
    beginResetModel();
    m_risks = std::move(risks);
    endResetModel();
}

const RiskRating *RiskRegisterModel::riskAt(int row) const
{
    return row >= 0 && row < m_risks.size() ? &m_risks.at(row) : nullptr;
}

int RiskRegisterModel::rowOf(const QString &riskId) const
{
    for (int row = 0; row < m_risks.size(); ++row)
        if (m_risks.at(row).id == riskId)
            return row;
    return -1;
}

QString RiskRegisterModel::cellKey(Level likelihood, Level impact)
{
    return QStringLiteral("%1:%2").arg(static_cast<int>(likelihood)).arg(static_cast<int>(impact));
}

int RiskRegisterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_risks.size());
}

int RiskRegisterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RiskRegisterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RiskRating &r = m_risks.at(index.row());
    const auto levelIn = [&r](int column) -> std::optional<Level> {
        switch (column) {
        case InherentLikelihood: return r.inherentLikelihood;
        case InherentImpact: return r.inherentImpact;
        case InherentLevel: return r.inherentLevel;
        case ResidualLikelihood: return r.likelihood;
        case ResidualImpact: return r.impact;
        case ResidualLevel: return r.level;
        }
        return std::nullopt;
    };
    const std::optional<Level> level = levelIn(index.column());
    const int mitigation = static_cast<int>(std::lround(r.mitigationShare * 100.0));

    switch (role) {
    case Qt::DisplayRole:
        if (level)
            return levelLabel(*level);
        switch (index.column()) {
        case Id: return r.id;
        case Title: return r.title;
        case Mitigation: return tr("%1 %").arg(mitigation);
        case Overridden: return r.overridden ? tr("Overridden") : QString();
        }
        return {};
    case SortRole:
        if (level)
            return static_cast<int>(*level);
        switch (index.column()) {
        case Mitigation: return r.mitigationShare;
        case Overridden: return r.overridden;
        }
        return data(index, Qt::DisplayRole);
    case CellRole: return cellKey(r.likelihood, r.impact);
    // Only the level cells carry the report colours, as fills with their own text colour,
    // so the rest of the table follows the user's palette.
    case Qt::BackgroundRole:
        if (index.column() == InherentLevel || index.column() == ResidualLevel)
            return QBrush(riskLevelColor(*level));
        return {};
    case Qt::ForegroundRole:
        if (index.column() == InherentLevel || index.column() == ResidualLevel)
            return QBrush(riskLevelTextColor(*level));
        return {};
    case Qt::TextAlignmentRole:
        if (level || index.column() == Mitigation)
            return QVariant::fromValue(index.column() == Mitigation ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Title || index.column() == ResidualLevel)
            return r.reasons.join(QLatin1Char('\n'));
        return {};
    }
    return {};
}

QVariant RiskRegisterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case InherentLikelihood:
        case InherentImpact:
        case InherentLevel: return tr("Before mitigation, after the engagement's fact-driven modifiers");
        case ResidualLikelihood:
        case ResidualImpact:
        case ResidualLevel: return tr("Residual: after mitigation and any override");
        case Mitigation: return tr("Weighted share of the mitigating questions implemented");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("ID");
    case Title: return tr("Risk");
    case InherentLikelihood: return tr("Inherent\nlikelihood");
    case InherentImpact: return tr("Inherent\nimpact");
    case InherentLevel: return tr("Inherent\nlevel");
    case ResidualLikelihood: return tr("Residual\nlikelihood");
    case ResidualImpact: return tr("Residual\nimpact");
    case ResidualLevel: return tr("Residual\nlevel");
    case Mitigation: return tr("Mitigation");
    case Overridden: return tr("Override");
    }
    return {};
}

} // namespace bulkhead
