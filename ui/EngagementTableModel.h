// The engagements of a workspace as a table: who, what, where, status, progress and the
// worst residual risk. Rows are computed by core (loadAndScore); the model only presents.
#pragma once

#include "StoredEngagement.h"

#include <QAbstractTableModel>
#include <QList>

namespace bulkhead {

class EngagementTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Id, Client, System, Csp, Period, Architecture, Status, Progress, HighRisks, ColumnCount };

    explicit EngagementTableModel(QObject *parent = nullptr);

    void setEngagements(QList<StoredEngagement> engagements);
    const StoredEngagement *engagementAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<StoredEngagement> m_rows;
};

} // namespace bulkhead
