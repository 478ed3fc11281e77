// The NIST SP 800-53 control results of one engagement as a table: control, family, result and
// the questions behind it. Results are determined by core (loadAndScore); the model only presents.
#pragma once

#include "ControlCatalogue.h"
#include "ScoreCard.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace bulkhead {

class ControlResultsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Id, Family, Title, Result, Questions, ColumnCount };
    enum Role {
        // controlDeterminationKey() of the result ("other_than_satisfied"), on every column:
        // what the view filters by.
        ResultKeyRole = Qt::UserRole + 1,
        SortRole, // the result in severity order, question counts as numbers
        BaselinesRole, // the SP 800-53B baselines that select the control: "low moderate high", on every column
    };

    explicit ControlResultsModel(QObject *parent = nullptr);

    // `families` gives the family titles shown as tooltips; `catalogue`, the baselines of each control.
    void setResults(QList<ControlResult> controls, const QList<FamilyScore> &families = {}, const ControlCatalogue *catalogue = nullptr);
    const ControlResult *controlAt(int row) const;
    int rowOf(const QString &controlId) const;

    static QString resultText(ControlDetermination result);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ControlResult> m_controls;
    QHash<QString, QString> m_familyTitles;
    QHash<QString, QString> m_baselines; // control id -> "low moderate high"
};

} // namespace bulkhead
