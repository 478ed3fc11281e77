// Chart images for the Security Assessment Report: the SP 800-30 risk heat map and the family
// score bars, painted into a QImage and handed over as PNG bytes for a ReportFigure. Output is
// deterministic (fixed sizes, no text or time chunks in the PNG) so a report rebuilt from the same
// score card is byte-for-byte the same. Painting text needs a QGuiApplication to exist.
#pragma once

#include "ScoreCard.h"

#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QList>

namespace bulkhead {

// counts[likelihood][impact], each index 0 (very low) .. 4 (very high): how many risks sit at that
// residual (or, with residual = false, inherent) likelihood and impact.
QList<QList<int>> heatMapCounts(const QList<RiskRating> &risks, bool residual);

// The 5x5 NIST SP 800-30 heat map, 1200 x 900 px (120 mm at 254 dpi): likelihood upwards, impact
// to the right, each cell in the colour of its Table I-2 risk level and labelled with its count
// (blank when no risk sits there), with axis labels and a legend of the five levels.
QImage riskHeatMap(const QList<RiskRating> &risks, bool residual = true);
QByteArray riskHeatMapPng(const QList<RiskRating> &risks, bool residual = true);

// Horizontal bars, one per family that has a score, in the order given: "AC Access Control" on
// the left, a bar in `accent` proportional to 0..100 % and its value ("84.8 %") after it, over a
// light grid at 0/25/50/75/100 %. 1200 px wide; the height grows with the number of bars.
QImage familyScores(const QList<FamilyScore> &families, const QColor &accent);
QByteArray familyScoresPng(const QList<FamilyScore> &families, const QColor &accent);

// A chart as PNG bytes that depend on its pixels alone.
QByteArray chartPng(const QImage &chart);

} // namespace bulkhead
