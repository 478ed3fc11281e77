// The bench's results: one row per figure, printed as a table and written as JSON. Each row
// holds the median of repeated runs with their min and max and, for a comparison, the ratio
// computed run by run (both sides measured in the same run) and whether it meets its goal.
#pragma once

#include "Measure.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace bulkhead::bench {

// What a row must achieve: its value or its ratio, at most or at least `limit`.
struct Goal {
    enum class Of { Value, Ratio };
    enum class Bound { AtMost, AtLeast };
    Of of = Of::Value;
    Bound bound = Bound::AtMost;
    double limit = 0;
    QString text; // as the issue states it: "<= 2x the floor"
};

struct Row {
    QString figure; // "1", "3", ...
    QString measure; // "save + rescore, p50"
    QString unit; // "ms", "MB", "/s", "bytes"
    std::optional<Stats> value; // empty: not measured (see note)
    QString against; // what the ratio compares with
    std::optional<Stats> baseline; // the other side, in `unit`
    QString ratioUnit; // "x floor", "x faster", ...
    std::optional<Stats> ratio;
    std::optional<Goal> goal;
    QString note;

    // Judged on the median; empty when there is no goal or nothing was measured.
    std::optional<bool> met() const;
};

// Ratios run by run: ratio[i] = numerator[i] / denominator[i].
Stats ratioOf(const QList<double> &numerator, const QList<double> &denominator);

class BenchReport {
public:
    void add(Row row);
    const QList<Row> &rows() const { return m_rows; }

    QString table() const;
    QJsonObject json(const QJsonObject &context) const;
    // Goals met, missed and rows without a measurement.
    int missed() const;

private:
    QList<Row> m_rows;
};

QString formatNumber(double value);

} // namespace bulkhead::bench
