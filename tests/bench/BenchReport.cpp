#include "BenchReport.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace bulkhead::bench {

namespace {

QJsonObject statsJson(const Stats &s)
{
    return {{QStringLiteral("median"), s.median},
            {QStringLiteral("min"), s.min},
            {QStringLiteral("max"), s.max},
            {QStringLiteral("runs"), s.runs}};
}

QString spread(const Stats &s)
{
    return QStringLiteral("%1–%2").arg(formatNumber(s.min), formatNumber(s.max));
}

} // namespace

QString formatNumber(double value)
{
    const double a = std::fabs(value);
    if (a >= 1000)
        return QString::number(std::round(value), 'f', 0);
    if (a >= 100)
        return QString::number(value, 'f', 0);
    if (a >= 10)
        return QString::number(value, 'f', 1);
    if (a >= 1)
        return QString::number(value, 'f', 2);
    return QString::number(value, 'f', 3);
}

std::optional<bool> Row::met() const
{
    if (!goal || !value)
        return std::nullopt;
    const std::optional<Stats> &judged = goal->of == Goal::Of::Value ? value : ratio;
    if (!judged)
        return std::nullopt;
    return goal->bound == Goal::Bound::AtMost ? judged->median <= goal->limit : judged->median >= goal->limit;
}

Stats ratioOf(const QList<double> &numerator, const QList<double> &denominator)
{
    QList<double> ratios;
    for (qsizetype i = 0; i < std::min(numerator.size(), denominator.size()); ++i) {
        if (denominator.at(i) > 0)
            ratios.append(numerator.at(i) / denominator.at(i));
    }
    return summarise(ratios);
}

void BenchReport::add(Row row)
{
    m_rows.append(std::move(row));
}

int BenchReport::missed() const
{
    return static_cast<int>(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return r.met() == false; }));
}

QString BenchReport::table() const
{
    const QStringList headers {QStringLiteral("#"),       QStringLiteral("measure"), QStringLiteral("median"),
                               QStringLiteral("min–max"), QStringLiteral("unit"),    QStringLiteral("against"),
                               QStringLiteral("ratio"),   QStringLiteral("goal"),    QStringLiteral("met")};
    QList<QStringList> cells;
    for (const auto &r : m_rows) {
        QString ratio;
        if (r.ratio)
            ratio = QStringLiteral("%1 %2 (%3)").arg(formatNumber(r.ratio->median), r.ratioUnit, spread(*r.ratio));
        QString against = r.value ? r.against : r.note;
        if (r.baseline)
            against += QStringLiteral(": %1 %2").arg(formatNumber(r.baseline->median), r.unit);
        const auto met = r.met();
        const QString &measure = r.measure;
        cells.append({r.figure, measure, r.value ? formatNumber(r.value->median) : QStringLiteral("—"),
                      r.value ? spread(*r.value) : QString(), r.value ? r.unit : QString(), against, ratio,
                      r.goal ? r.goal->text : QString(), met ? (*met ? QStringLiteral("yes") : QStringLiteral("NO")) : QString()});
    }
    QList<qsizetype> widths;
    for (const auto &h : headers)
        widths.append(h.size());
    for (const auto &row : cells) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths.at(i), row.at(i).size());
    }
    const auto line = [&widths](const QStringList &row) {
        QStringList padded;
        for (qsizetype i = 0; i < row.size(); ++i) {
            const bool numeric = i == 2 || i == 3;
            padded << (numeric ? row.at(i).rightJustified(widths.at(i)) : row.at(i).leftJustified(widths.at(i)));
        }
        return QStringLiteral("| %1 |").arg(padded.join(QStringLiteral(" | ")));
    };
    QStringList out {line(headers)};
    QStringList rule;
    for (qsizetype w : widths)
        rule << QString(w, QLatin1Char('-'));
    out << QStringLiteral("|-%1-|").arg(rule.join(QStringLiteral("-|-")));
    for (const auto &row : cells)
        out << line(row);
    QStringList notes;
    for (const auto &r : m_rows) {
        if (r.value && !r.note.isEmpty())
            notes << QStringLiteral("  %1 %2: %3").arg(r.figure, r.measure, r.note);
    }
    if (!notes.isEmpty())
        out << QString() << QStringLiteral("Notes:") << notes;
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QJsonObject BenchReport::json(const QJsonObject &context) const
{
    QJsonArray rows;
    for (const auto &r : m_rows) {
        QJsonObject o {{QStringLiteral("figure"), r.figure}, {QStringLiteral("measure"), r.measure}, {QStringLiteral("unit"), r.unit}};
        if (r.value)
            o.insert(QStringLiteral("value"), statsJson(*r.value));
        if (!r.against.isEmpty())
            o.insert(QStringLiteral("against"), r.against);
        if (r.baseline)
            o.insert(QStringLiteral("baseline"), statsJson(*r.baseline));
        if (r.ratio) {
            QJsonObject ratio = statsJson(*r.ratio);
            ratio.insert(QStringLiteral("unit"), r.ratioUnit);
            o.insert(QStringLiteral("ratio"), ratio);
        }
        if (r.goal) {
            o.insert(QStringLiteral("goal"),
                     QJsonObject {{QStringLiteral("text"), r.goal->text},
                                  {QStringLiteral("of"), r.goal->of == Goal::Of::Value ? QStringLiteral("value") : QStringLiteral("ratio")},
                                  {QStringLiteral("bound"),
                                   r.goal->bound == Goal::Bound::AtMost ? QStringLiteral("at_most") : QStringLiteral("at_least")},
                                  {QStringLiteral("limit"), r.goal->limit}});
        }
        if (const auto met = r.met())
            o.insert(QStringLiteral("met"), *met);
        if (!r.note.isEmpty())
            o.insert(QStringLiteral("note"), r.note);
        rows.append(o);
    }
    QJsonObject all = context;
    all.insert(QStringLiteral("rows"), rows);
    return all;
}

} // namespace bulkhead::bench
