#include "FamilyScoreChart.h"

#include "ScoreCard.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace bulkhead {

namespace {

constexpr int Margin = 6;

} // namespace

FamilyScoreChart::FamilyScoreChart(QWidget *parent) : QWidget(parent)
{
    setAccessibleName(tr("Family scores"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setAccessibleDescription(tr("No families scored"));
}

void FamilyScoreChart::setFamilies(const QList<FamilyScore> &families)
{
    m_bars.clear();
    const QLocale locale;
    for (const FamilyScore &f : families) {
        Bar bar;
        bar.id = f.id;
        bar.label = f.title.isEmpty() ? f.id : f.id + QLatin1Char(' ') + f.title;
        bar.score = f.score;
        bar.value = f.score ? tr("%1 %").arg(locale.toString(*f.score, 'f', 1)) : tr("not assessed");
        bar.tip = tr("%1: %2\n%3 implemented, %4 partial, %5 not implemented\n%6 of %7 controls in scope satisfied")
                      .arg(bar.label, bar.value)
                      .arg(f.implemented)
                      .arg(f.partial)
                      .arg(f.notImplemented)
                      .arg(f.controlsSatisfied)
                      .arg(f.controlsInScope);
        m_bars.append(bar);
    }
    const QStringList lines = summaryLines();
    setAccessibleDescription(lines.isEmpty() ? tr("No families scored") : lines.join(QStringLiteral("; ")));
    updateGeometry();
    update();
}

int FamilyScoreChart::familyCount() const
{
    return static_cast<int>(m_bars.size());
}

QStringList FamilyScoreChart::summaryLines() const
{
    QStringList lines;
    for (const Bar &bar : m_bars)
        lines << tr("%1: %2").arg(bar.label, bar.value);
    return lines;
}

int FamilyScoreChart::rowHeight() const
{
    // Share the height out, but never squeeze a row below one line of text.
    const int minimum = fontMetrics().height() + 6;
    if (m_bars.isEmpty())
        return minimum;
    const int available = (height() - 2 * Margin) / static_cast<int>(m_bars.size());
    return std::clamp(available, minimum, minimum * 2);
}

int FamilyScoreChart::labelWidth() const
{
    int widest = 0;
    for (const Bar &bar : m_bars)
        widest = std::max(widest, fontMetrics().horizontalAdvance(bar.label));
    // Long titles are elided rather than starving the bars.
    return std::min(widest, std::max(width() * 11 / 20, fontMetrics().horizontalAdvance(QStringLiteral("MM Mmmmmm"))));
}

int FamilyScoreChart::valueWidth() const
{
    return fontMetrics().horizontalAdvance(tr("not assessed")) + Margin;
}

QRect FamilyScoreChart::rowRect(int index) const
{
    if (index < 0 || index >= m_bars.size())
        return {};
    const int h = rowHeight();
    return QRect(Margin, Margin + index * h, width() - 2 * Margin, h);
}

QSize FamilyScoreChart::sizeHint() const
{
    const int rows = std::max(1, static_cast<int>(m_bars.size()));
    return {360, 2 * Margin + rows * (fontMetrics().height() + 10)};
}

QSize FamilyScoreChart::minimumSizeHint() const
{
    const int rows = std::max(1, static_cast<int>(m_bars.size()));
    return {fontMetrics().horizontalAdvance(QStringLiteral("MM Mmmmmm")) * 3, 2 * Margin + rows * (fontMetrics().height() + 6)};
}

void FamilyScoreChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    const QColor ink = pal.color(QPalette::WindowText);
    const QColor bar = pal.color(QPalette::Highlight);
    QColor grid = pal.color(QPalette::Mid);
    const int labels = labelWidth();
    const int values = valueWidth();
    const int barLeft = Margin + labels + Margin;
    const int barWidth = std::max(width() - barLeft - values - Margin, 10);

    if (m_bars.isEmpty()) {
        p.setPen(ink);
        p.drawText(rect(), Qt::AlignCenter, tr("No families scored"));
        return;
    }
    // A light grid at 0, 25, 50, 75 and 100 %, as in the report's chart.
    const int gridBottom = rowRect(static_cast<int>(m_bars.size()) - 1).bottom();
    p.setPen(QPen(grid, 1, Qt::DotLine));
    for (int percent = 0; percent <= 100; percent += 25) {
        const int x = barLeft + barWidth * percent / 100;
        p.drawLine(x, Margin, x, gridBottom);
    }
    const QFontMetrics fm = fontMetrics();
    for (int i = 0; i < m_bars.size(); ++i) {
        const Bar &b = m_bars.at(i);
        const QRect row = rowRect(i);
        p.setPen(ink);
        p.drawText(QRect(row.left(), row.top(), labels, row.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(b.label, Qt::ElideRight, labels));
        const int barHeight = std::max(row.height() * 3 / 5, 4);
        const int top = row.top() + (row.height() - barHeight) / 2;
        int end = barLeft;
        if (b.score) {
            const int length = static_cast<int>(barWidth * std::clamp(*b.score, 0.0, 100.0) / 100.0);
            p.fillRect(QRect(barLeft, top, std::max(length, 1), barHeight), bar);
            end = barLeft + length;
        }
        p.setPen(b.score ? ink : pal.color(QPalette::Disabled, QPalette::WindowText));
        p.drawText(QRect(end + Margin, row.top(), width() - end - Margin, row.height()), Qt::AlignLeft | Qt::AlignVCenter, b.value);
    }
}

void FamilyScoreChart::mousePressEvent(QMouseEvent *event)
{
    for (int i = 0; i < m_bars.size(); ++i)
        if (rowRect(i).contains(event->position().toPoint())) {
            emit familyClicked(m_bars.at(i).id);
            return;
        }
    QWidget::mousePressEvent(event);
}

bool FamilyScoreChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        for (int i = 0; i < m_bars.size(); ++i)
            if (rowRect(i).contains(help->pos())) {
                QToolTip::showText(help->globalPos(), m_bars.at(i).tip, this, rowRect(i));
                return true;
            }
        QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace bulkhead
