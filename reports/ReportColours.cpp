#include "ReportColours.h"

#include <algorithm>
#include <cmath>

namespace bulkhead {

namespace {

double linearChannel(int value)
{
    const double s = value / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
}

} // namespace

double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        return 0.2126 * linearChannel(c.red()) + 0.7152 * linearChannel(c.green()) + 0.0722 * linearChannel(c.blue());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor onWhite(const QColor &colour)
{
    const QColor rgb = colour.toRgb();
    const double a = rgb.alphaF();
    const auto mix = [a](int v) { return qRound(v * a + 255 * (1.0 - a)); };
    return QColor(mix(rgb.red()), mix(rgb.green()), mix(rgb.blue()));
}

QColor textColourOn(const QColor &background)
{
    const QColor black(Qt::black);
    const QColor white(Qt::white);
    return contrast(background, black) >= contrast(background, white) ? black : white;
}

QColor inkOnWhite(QColor colour)
{
    const QColor white(Qt::white);
    for (int i = 0; i < 30 && contrast(colour, white) < 4.5; ++i)
        colour = colour.darker(115).toRgb();
    return colour;
}

} // namespace bulkhead
