#include "QuestionFilterModel.h"

#include "QuestionTreeModel.h"

namespace bulkhead {

QuestionFilterModel::QuestionFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    // A heading is kept when any question below it is accepted.
    setRecursiveFilteringEnabled(true);
}

void QuestionFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_searchText)
        return;
    m_searchText = trimmed;
    invalidateFilter();
}

bool QuestionFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(QuestionTreeModel::QuestionIdRole).toString().isEmpty())
        return false; // a heading: recursive filtering shows it for its accepted questions
    return m_searchText.isEmpty() || index.data(QuestionTreeModel::SearchTextRole).toString().contains(m_searchText, Qt::CaseInsensitive);
}

} // namespace bulkhead
