#include "RegisterTable.h"

#include <QHeaderView>
#include <QTableView>

#include <algorithm>

namespace bulkhead {

QTableView *makeRegisterTable(QAbstractItemModel *model, const QString &accessibleName, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->setAccessibleName(accessibleName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setSortingEnabled(true);
    return table;
}

void fitColumns(QTableView *table, int widest)
{
    table->resizeColumnsToContents();
    for (int column = 0; column < table->model()->columnCount(); ++column)
        table->setColumnWidth(column, std::min(table->columnWidth(column), widest));
}

} // namespace bulkhead
