// The risk register of one engagement as a table: each risk's inherent and residual rating,
// how much of it the answers mitigate, and whether an assessor overrode it. Ratings are
// computed by core (loadAndScore); the model only presents them.
#pragma once

#include "ScoreCard.h"

#include <QAbstractTableModel>
#include <QList>

namespace bulkhead {

class RiskRegisterModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Id,
        Title,
        InherentLikelihood,
        InherentImpact,
        InherentLevel,
        ResidualLikelihood,
        ResidualImpact,
        ResidualLevel,
        Mitigation,
        Overridden,
        ColumnCount
    };
    enum Role {
        // Sorts levels by severity and mitigation by value rather than by their text.
        SortRole = Qt::UserRole + 1,
        // "likelihood:impact" of the residual rating as level numbers ("3:2"), on every column:
        // what the heat map filters the register by.
        CellRole,
    };

    explicit RiskRegisterModel(QObject *parent = nullptr);

    void setRisks(QList<RiskRating> risks);
    const RiskRating *riskAt(int row) const;
    // The row of the risk with this id, or -1.
    int rowOf(const QString &riskId) const;
    static QString cellKey(Level likelihood, Level impact);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<RiskRating> m_risks;
};

} // namespace bulkhead
