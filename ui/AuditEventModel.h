// The events of an audit trail as a table: when (local time), who, what in words, and on what.
// The before/after of an event are not columns; a details pane shows them (eventAt).
#pragma once

#include "AuditTrail.h"

#include <QAbstractTableModel>
#include <QList>

namespace bulkhead {

class AuditEventModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Time, Actor, Action, Entity, ColumnCount };
    enum Role { ActionKeyRole = Qt::UserRole + 1 }; // the stored action, e.g. "answer.save"

    explicit AuditEventModel(QObject *parent = nullptr);

    void setEvents(QList<AuditEvent> events);
    const AuditEvent *eventAt(int row) const;

    // The action in words ("answer.save" -> "Answer saved"); an action this version does not
    // know is shown as stored.
    static QString actionLabel(const QString &action);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<AuditEvent> m_events;
};

} // namespace bulkhead
