// Family scores as a live bar chart: one horizontal bar per control family, 0..100 %, in the
// palette's highlight colour, repainted at any size. Families with nothing assessed say so
// instead of showing an empty bar. Clicking a bar reports its family.
#pragma once

#include <QList>
#include <QString>
#include <QWidget>

#include <optional>

namespace bulkhead {

struct FamilyScore;

class FamilyScoreChart : public QWidget {
    Q_OBJECT

public:
    explicit FamilyScoreChart(QWidget *parent = nullptr);

    void setFamilies(const QList<FamilyScore> &families);
    int familyCount() const;
    // "AC Access Control: 84.8 %", one line per family, as the accessible description says it.
    QStringList summaryLines() const;
    // Where a family's row is painted (for hit tests and tests); empty when out of range.
    QRect rowRect(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void familyClicked(const QString &familyId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Bar {
        QString id;
        QString label; // "AC Access Control"
        std::optional<double> score;
        QString value; // "84.8 %" or "not assessed"
        QString tip;
    };

    int rowHeight() const;
    int labelWidth() const;
    int valueWidth() const;

    QList<Bar> m_bars;
};

} // namespace bulkhead
