// The POA&M of one engagement as a table. Items are produced by core (loadAndScore); the model
// presents them and marks the open ones whose scheduled completion date is before "today",
// which is injected so that tests and screenshots do not depend on the calendar.
#pragma once

#include "ScoreCard.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QList>

namespace bulkhead {

class PoamItemModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Id, Weakness, Controls, RiskLevel, Detected, Due, Owner, Milestones, Status, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, // dates as dates, levels by severity
        OverdueRole, // bool
    };

    explicit PoamItemModel(QObject *parent = nullptr);

    void setItems(QList<PoamItem> items);
    const PoamItem *itemAt(int row) const;

    // The day overdue is judged against; QDate::currentDate() unless set.
    void setToday(const QDate &today);
    QDate today() const { return m_today; }

    static bool isOpen(const PoamItem &item);
    // Days past the due date of an open item; 0 when it is not overdue.
    int daysOverdue(const PoamItem &item) const;
    int openCount() const;
    int overdueCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PoamItem> m_items;
    QDate m_today = QDate::currentDate();
};

} // namespace bulkhead
