// Colour arithmetic shared by the renderers: WCAG contrast, readable text on a fill, and a brand
// accent darkened until it reads on white. HTML and Word make the same choices this way.
#pragma once

#include <QColor>

namespace bulkhead {

// WCAG 2 contrast ratio of two opaque colours.
double contrast(const QColor &a, const QColor &b);
// What a translucent colour looks like on the white page: the renderers never rely on alpha.
QColor onWhite(const QColor &colour);
// Black or white text, whichever reads better on `background`.
QColor textColourOn(const QColor &background);
// The accent as a text colour on white, darkened until it reaches 4.5:1 (WCAG AA), so that a
// pale brand colour still gives readable headings.
QColor inkOnWhite(QColor colour);

} // namespace bulkhead
