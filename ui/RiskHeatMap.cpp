#include "RiskHeatMap.h"

#include "ReportCharts.h"
#include "RiskLevelStyle.h"
#include "ScoreCard.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace bulkhead {

namespace {

constexpr int LevelCount = 5;
constexpr int Margin = 6;

Level levelAt(int index)
{
    return static_cast<Level>(index);
}

int indexOf(Level level)
{
    return static_cast<int>(level);
}

} // namespace

RiskHeatMap::RiskHeatMap(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Risk heat map"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    updateAccessibleDescription();
}

void RiskHeatMap::setRisks(const QList<RiskRating> &risks)
{
    // The same counting the Security Assessment Report's heat map uses.
    const QList<QList<int>> counts = heatMapCounts(risks, true);
    for (int l = 0; l < LevelCount; ++l)
        for (int i = 0; i < LevelCount; ++i)
            m_counts[l][i] = l < counts.size() && i < counts.at(l).size() ? counts.at(l).at(i) : 0;
    m_selected.reset();
    updateAccessibleDescription();
    update();
}

int RiskHeatMap::count(Level likelihood, Level impact) const
{
    return m_counts[indexOf(likelihood)][indexOf(impact)];
}

int RiskHeatMap::total() const
{
    int sum = 0;
    for (const auto &row : m_counts)
        for (int n : row)
            sum += n;
    return sum;
}

void RiskHeatMap::selectCell(Level likelihood, Level impact)
{
    m_selected = Cell {likelihood, impact};
    m_focus = *m_selected;
    update();
    emit cellSelected(likelihood, impact);
}

void RiskHeatMap::clearSelection()
{
    if (!m_selected)
        return;
    m_selected.reset();
    update();
    emit selectionCleared();
}

QSize RiskHeatMap::sizeHint() const
{
    return {420, 320};
}

QSize RiskHeatMap::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return {fm.height() * 3 + fm.horizontalAdvance(levelLabel(Level::VeryHigh)) + LevelCount * fm.height() * 2,
            fm.height() * 3 + LevelCount * fm.height() * 2};
}

QRect RiskHeatMap::gridRect() const
{
    const QFontMetrics fm = fontMetrics();
    int labelWidth = 0;
    for (int l = 0; l < LevelCount; ++l)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(levelLabel(levelAt(l))));
    const int left = Margin + fm.height() + Margin + labelWidth + Margin;
    const int bottom = Margin + 2 * fm.height() + Margin;
    return QRect(left, Margin, std::max(width() - left - Margin, LevelCount), std::max(height() - Margin - bottom, LevelCount));
}

QRect RiskHeatMap::cellRect(Level likelihood, Level impact) const
{
    const QRect grid = gridRect();
    const int row = LevelCount - 1 - indexOf(likelihood); // very high at the top
    const int column = indexOf(impact);
    const int x0 = grid.left() + grid.width() * column / LevelCount;
    const int x1 = grid.left() + grid.width() * (column + 1) / LevelCount;
    const int y0 = grid.top() + grid.height() * row / LevelCount;
    const int y1 = grid.top() + grid.height() * (row + 1) / LevelCount;
    return QRect(QPoint(x0, y0), QPoint(x1 - 1, y1 - 1));
}

std::optional<RiskHeatMap::Cell> RiskHeatMap::cellAt(const QPoint &pos) const
{
    for (int l = 0; l < LevelCount; ++l)
        for (int i = 0; i < LevelCount; ++i)
            if (cellRect(levelAt(l), levelAt(i)).contains(pos))
                return Cell {levelAt(l), levelAt(i)};
    return std::nullopt;
}

QString RiskHeatMap::cellDescription(Level likelihood, Level impact) const
{
    const int n = count(likelihood, impact);
    const QString risks = n == 1 ? tr("1 risk") : tr("%1 risks").arg(n);
    return tr("Likelihood %1, impact %2: %3 (level %4)")
        .arg(levelLabel(likelihood), levelLabel(impact), risks, levelLabel(riskLevel(likelihood, impact)));
}

void RiskHeatMap::updateAccessibleDescription()
{
    QStringList cells;
    for (int l = LevelCount - 1; l >= 0; --l)
        for (int i = LevelCount - 1; i >= 0; --i)
            if (m_counts[l][i] > 0)
                cells << cellDescription(levelAt(l), levelAt(i));
    setAccessibleDescription(cells.isEmpty() ? tr("No risks rated") : cells.join(QStringLiteral("; ")));
}

void RiskHeatMap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QFontMetrics fm = fontMetrics();
    const QColor ink = palette().color(QPalette::WindowText);
    const QRect grid = gridRect();

    QFont countFont = font();
    countFont.setBold(true);
    countFont.setPointSizeF(countFont.pointSizeF() * 1.3);

    for (int l = 0; l < LevelCount; ++l) {
        for (int i = 0; i < LevelCount; ++i) {
            const Level likelihood = levelAt(l);
            const Level impact = levelAt(i);
            const Level level = riskLevel(likelihood, impact);
            const QRect cell = cellRect(likelihood, impact).adjusted(1, 1, -1, -1);
            p.fillRect(cell, riskLevelColor(level));
            if (const int n = m_counts[l][i]; n > 0) {
                p.setFont(countFont);
                p.setPen(riskLevelTextColor(level));
                p.drawText(cell, Qt::AlignCenter, QString::number(n));
            }
            // While the register is filtered to one cell, the others fade towards the background.
            if (m_selected && *m_selected != Cell {likelihood, impact}) {
                QColor veil = palette().color(QPalette::Window);
                veil.setAlphaF(0.55f);
                p.fillRect(cell, veil);
            }
            if (hasFocus() && m_focus == Cell {likelihood, impact}) {
                p.setPen(QPen(riskLevelTextColor(level), 1, Qt::DashLine));
                p.drawRect(cell.adjusted(3, 3, -4, -4));
            }
        }
    }
    // The selection in the palette's text and base colours, so it shows on every fill and theme.
    if (m_selected) {
        const QRect cell = cellRect(m_selected->first, m_selected->second);
        p.setPen(QPen(palette().color(QPalette::Text), 3));
        p.setBrush(Qt::NoBrush);
        p.drawRect(cell.adjusted(1, 1, -2, -2));
        p.setPen(QPen(palette().color(QPalette::Base), 1));
        p.drawRect(cell.adjusted(3, 3, -4, -4));
    }

    p.setFont(font());
    p.setPen(ink);
    for (int l = 0; l < LevelCount; ++l) {
        const QRect row = cellRect(levelAt(l), Level::VeryLow);
        const QRect label(Margin + fm.height() + Margin, row.top(), grid.left() - 2 * Margin - fm.height() - Margin, row.height());
        p.drawText(label, Qt::AlignRight | Qt::AlignVCenter, levelLabel(levelAt(l)));
    }
    for (int i = 0; i < LevelCount; ++i) {
        const QRect column = cellRect(Level::VeryLow, levelAt(i));
        p.drawText(QRect(column.left(), grid.bottom() + Margin, column.width(), fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                   fm.elidedText(levelLabel(levelAt(i)), Qt::ElideRight, column.width()));
    }
    QFont axisFont = font();
    axisFont.setBold(true);
    p.setFont(axisFont);
    p.drawText(QRect(grid.left(), grid.bottom() + Margin + fm.height(), grid.width(), fm.height() + Margin), Qt::AlignCenter, tr("Impact"));
    p.save();
    p.translate(Margin, grid.center().y());
    p.rotate(-90);
    p.drawText(QRect(-grid.height() / 2, 0, grid.height(), fm.height()), Qt::AlignCenter, tr("Likelihood"));
    p.restore();
}

void RiskHeatMap::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    const auto cell = cellAt(event->position().toPoint());
    if (!cell)
        return;
    if (m_selected == cell)
        clearSelection();
    else
        selectCell(cell->first, cell->second);
}

void RiskHeatMap::keyPressEvent(QKeyEvent *event)
{
    int l = indexOf(m_focus.first);
    int i = indexOf(m_focus.second);
    switch (event->key()) {
    case Qt::Key_Up: l = std::min(l + 1, LevelCount - 1); break;
    case Qt::Key_Down: l = std::max(l - 1, 0); break;
    case Qt::Key_Left: i = std::max(i - 1, 0); break;
    case Qt::Key_Right: i = std::min(i + 1, LevelCount - 1); break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_selected == m_focus)
            clearSelection();
        else
            selectCell(m_focus.first, m_focus.second);
        return;
    case Qt::Key_Escape:
        if (!m_selected)
            return QWidget::keyPressEvent(event);
        clearSelection();
        return;
    default: return QWidget::keyPressEvent(event);
    }
    m_focus = Cell {levelAt(l), levelAt(i)};
    update();
}

bool RiskHeatMap::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (const auto cell = cellAt(help->pos()))
            QToolTip::showText(help->globalPos(), cellDescription(cell->first, cell->second), this, cellRect(cell->first, cell->second));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace bulkhead
