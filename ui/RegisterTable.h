// The read-only register tables of the risk, control and POA&M pages: one look and one way of
// sizing columns, so the three pages behave alike.
#pragma once

class QAbstractItemModel;
class QString;
class QTableView;
class QWidget;

namespace bulkhead {

// A sortable, single-row-selection table over `model` that the user reads, not edits.
QTableView *makeRegisterTable(QAbstractItemModel *model, const QString &accessibleName, QWidget *parent);
// Columns as wide as their contents, but no long text column may push the others out of sight.
void fitColumns(QTableView *table, int widest);

} // namespace bulkhead
