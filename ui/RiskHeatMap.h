// The NIST SP 800-30 heat map of one engagement as a live widget: likelihood rows (very high at
// the top) by impact columns, each cell in the report colour of its Table I-2 level and labelled
// with how many risks sit there. Clicking a cell, or Enter on the focused cell, selects it so a
// register can filter to it; clicking it again, or Escape, clears the selection.
#pragma once

#include "Levels.h"

#include <QList>
#include <QWidget>

#include <optional>
#include <utility>

namespace bulkhead {

struct RiskRating;

class RiskHeatMap : public QWidget {
    Q_OBJECT

public:
    using Cell = std::pair<Level, Level>; // likelihood, impact

    explicit RiskHeatMap(QWidget *parent = nullptr);

    // Counts the residual ratings.
    void setRisks(const QList<RiskRating> &risks);
    int count(Level likelihood, Level impact) const;
    int total() const;

    std::optional<Cell> selectedCell() const { return m_selected; }
    void selectCell(Level likelihood, Level impact);
    void clearSelection();

    // Where a cell is painted, in widget coordinates (for hit tests and tests).
    QRect cellRect(Level likelihood, Level impact) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void cellSelected(bulkhead::Level likelihood, bulkhead::Level impact);
    void selectionCleared();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRect gridRect() const;
    std::optional<Cell> cellAt(const QPoint &pos) const;
    QString cellDescription(Level likelihood, Level impact) const;
    void updateAccessibleDescription();

    int m_counts[5][5] = {};
    std::optional<Cell> m_selected;
    Cell m_focus {Level::Moderate, Level::Moderate};
};

} // namespace bulkhead
