// The SAR's chart images: heat-map counts, cell colours, bar lengths and byte-for-byte repeatability.
#include "Levels.h"
#include "ReportCharts.h"
#include "RiskLevelStyle.h"
#include "ScoreCard.h"
#include "TestSupport.h"

#include <QImage>
#include <QtEndian>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

RiskRating risk(Level likelihood, Level impact, Level inherentLikelihood, Level inherentImpact)
{
    RiskRating r;
    r.likelihood = likelihood;
    r.impact = impact;
    r.level = riskLevel(likelihood, impact);
    r.inherentLikelihood = inherentLikelihood;
    r.inherentImpact = inherentImpact;
    r.inherentLevel = riskLevel(inherentLikelihood, inherentImpact);
    return r;
}

QList<RiskRating> sampleRisks()
{
    return {risk(Level::High, Level::VeryHigh, Level::VeryHigh, Level::VeryHigh),
            risk(Level::High, Level::VeryHigh, Level::High, Level::VeryHigh), risk(Level::VeryLow, Level::Low, Level::Moderate, Level::Low),
            risk(Level::Moderate, Level::Moderate, Level::Moderate, Level::Moderate)};
}

FamilyScore family(const char *id, const char *title, std::optional<double> score)
{
    FamilyScore f;
    f.id = QLatin1String(id);
    f.title = QLatin1String(title);
    f.score = score;
    return f;
}

// The chunk types of a PNG file, in order.
QStringList pngChunkTypes(const QByteArray &png)
{
    QStringList types;
    qsizetype at = 8; // after the signature
    while (at + 8 <= png.size()) {
        const quint32 length = qFromBigEndian<quint32>(png.constData() + at);
        types.append(QString::fromLatin1(png.mid(at + 4, 4)));
        at += 12 + static_cast<qsizetype>(length);
    }
    types.removeDuplicates(); // several IDAT chunks count once
    return types;
}

// The heat map's layout: a 5 x 5 grid from (250, 76), cells 186 x 128 px, very high likelihood
// in the top row. Returns the cell's rectangle without its 2 px share of the white gutters.
QRect heatMapCell(Level likelihood, Level impact)
{
    return QRect(250 + static_cast<int>(impact) * 186 + 2, 76 + (4 - static_cast<int>(likelihood)) * 128 + 2, 182, 124);
}

int pixelsUnlike(const QImage &image, const QRect &area, const QColor &colour)
{
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            if (image.pixelColor(x, y) != colour)
                ++n;
        }
    }
    return n;
}

// For each run of rows that contain accent pixels (one run per bar): how many accent pixels a row
// of that run holds, and how many rows tall the run is.
QList<std::pair<int, int>> accentBars(const QImage &image, const QColor &accent)
{
    QList<std::pair<int, int>> bars;
    bool inBar = false;
    for (int y = 0; y < image.height(); ++y) {
        int n = 0;
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixelColor(x, y) == accent)
                ++n;
        }
        if (n > 0 && !inBar)
            bars.append({n, 0});
        if (n > 0)
            ++bars.last().second;
        inBar = n > 0;
    }
    return bars;
}

} // namespace

TEST_CASE("heatMapCounts counts risks at their residual or inherent likelihood and impact")
{
    const QList<RiskRating> risks = sampleRisks();

    const QList<QList<int>> residual = heatMapCounts(risks, true);
    REQUIRE(residual.size() == 5);
    for (const QList<int> &row : residual)
        REQUIRE(row.size() == 5);
    CHECK(residual[3][4] == 2); // high likelihood, very high impact
    CHECK(residual[0][1] == 1); // very low likelihood, low impact
    CHECK(residual[2][2] == 1);
    CHECK(residual[4][4] == 0);
    CHECK(residual[1][0] == 0); // not transposed
    int total = 0;
    for (const QList<int> &row : residual) {
        for (int n : row)
            total += n;
    }
    CHECK(total == 4);

    const QList<QList<int>> inherent = heatMapCounts(risks, false);
    CHECK(inherent[4][4] == 1);
    CHECK(inherent[3][4] == 1);
    CHECK(inherent[2][1] == 1);
    CHECK(inherent[2][2] == 1);
    CHECK(inherent[0][1] == 0);

    CHECK(heatMapCounts({}, true) == QList<QList<int>>(5, QList<int>(5, 0)));
}

TEST_CASE("The risk heat map is a 1200 x 900 PNG with each cell in its Table I-2 colour")
{
    const QByteArray png = riskHeatMapPng(sampleRisks());
    const QImage image = QImage::fromData(png, "PNG");
    REQUIRE(!image.isNull());
    CHECK(image.width() == 1200);
    CHECK(image.height() == 900);
    CHECK(image.dotsPerMeterX() == 10000); // prints 120 mm wide
    CHECK(pngChunkTypes(png)
          == QStringList {QStringLiteral("IHDR"), QStringLiteral("pHYs"), QStringLiteral("IDAT"), QStringLiteral("IEND")});

    // Corners of the grid, sampled 20 px in from the cell's corner, away from any count. The
    // table is asymmetric, so these also pin the orientation: likelihood up, impact right.
    auto sample = [&image](Level likelihood, Level impact) {
        const QRect cell = heatMapCell(likelihood, impact);
        return image.pixelColor(cell.left() + 20, cell.top() + 20);
    };
    CHECK(sample(Level::VeryHigh, Level::VeryLow) == riskLevelColor(Level::VeryLow)); // top left
    CHECK(sample(Level::VeryHigh, Level::VeryHigh) == riskLevelColor(Level::VeryHigh)); // top right
    CHECK(sample(Level::VeryLow, Level::VeryHigh) == riskLevelColor(Level::Low)); // bottom right
    CHECK(sample(Level::VeryLow, Level::VeryLow) == riskLevelColor(Level::VeryLow)); // bottom left
    CHECK(sample(Level::Moderate, Level::Moderate) == riskLevelColor(Level::Moderate));
    CHECK(sample(Level::Low, Level::VeryHigh) == riskLevelColor(Level::Moderate));
    CHECK(sample(Level::High, Level::High) == riskLevelColor(Level::High));

    // A cell holding risks shows its count in the level's text colour; an empty cell is plain.
    const QRect counted = heatMapCell(Level::High, Level::VeryHigh);
    const QRect around = QRect(0, 0, 60, 60).translated(counted.center() - QPoint(30, 30));
    int textPixels = 0;
    for (int y = around.top(); y <= around.bottom(); ++y) {
        for (int x = around.left(); x <= around.right(); ++x) {
            if (image.pixelColor(x, y) == riskLevelTextColor(Level::VeryHigh))
                ++textPixels;
        }
    }
    CHECK(textPixels > 50);
    CHECK(pixelsUnlike(image, heatMapCell(Level::VeryHigh, Level::VeryHigh), riskLevelColor(Level::VeryHigh)) == 0);
    CHECK(pixelsUnlike(image, heatMapCell(Level::VeryHigh, Level::VeryLow), riskLevelColor(Level::VeryLow)) == 0);
    CHECK(pixelsUnlike(image, heatMapCell(Level::VeryLow, Level::Low), riskLevelColor(Level::Low)) > 50);
}

TEST_CASE("Charts are byte-for-byte the same for the same input")
{
    const QList<RiskRating> risks = sampleRisks();
    CHECK(riskHeatMapPng(risks) == riskHeatMapPng(risks));
    CHECK(riskHeatMapPng(risks, false) == riskHeatMapPng(risks, false));
    CHECK(riskHeatMapPng(risks, true) != riskHeatMapPng(risks, false));

    const QList<FamilyScore> families = {family("AC", "Access Control", 84.8), family("SC", "System and Communications Protection", 40.0)};
    const QColor accent(0x1f, 0x4e, 0x79);
    const QByteArray png = familyScoresPng(families, accent);
    CHECK(png == familyScoresPng(families, accent));
    CHECK(pngChunkTypes(png)
          == QStringList {QStringLiteral("IHDR"), QStringLiteral("pHYs"), QStringLiteral("IDAT"), QStringLiteral("IEND")});
}

TEST_CASE("The family score chart draws one bar per scored family, proportional to its score")
{
    const QColor accent(0x1f, 0x4e, 0x79);

    SECTION("families without a score are left out, and each bar adds 56 px")
    {
        const QImage one = QImage::fromData(familyScoresPng({family("AC", "Access Control", 84.8)}, accent), "PNG");
        const QImage three = QImage::fromData(
            familyScoresPng({family("AC", "Access Control", 84.8), family("MP", "Media Protection", std::nullopt),
                             family("CM", "Configuration Management", 50.0), family("SR", "Supply Chain Risk Management", std::nullopt),
                             family("IR", "Incident Response", 0.0)},
                            accent),
            "PNG");
        CHECK(one.width() == 1200);
        CHECK(one.height() == 140);
        CHECK(three.width() == 1200);
        CHECK(three.height() == 252);
        CHECK(accentBars(one, accent).size() == 1);
        CHECK(accentBars(three, accent).size() == 2); // a 0 % bar has no length
    }

    SECTION("a 100 % bar is twice as long as a 50 % bar")
    {
        const QImage image = QImage::fromData(
            familyScoresPng({family("AC", "Access Control", 100.0), family("CM", "Configuration Management", 50.0)}, accent), "PNG");
        const QList<std::pair<int, int>> bars = accentBars(image, accent);
        REQUIRE(bars.size() == 2);
        CHECK(bars[0].second == 32); // bar thickness
        CHECK(bars[1].second == 32);
        CHECK(bars[0].first > bars[1].first);
        CHECK(bars[0].first > 500);
        CHECK(std::abs(bars[0].first - 2 * bars[1].first) <= 1);
    }

    SECTION("with nothing scored the chart still renders, as one empty row")
    {
        const QImage image = QImage::fromData(familyScoresPng({family("MP", "Media Protection", std::nullopt)}, accent), "PNG");
        CHECK(image.height() == 140);
        CHECK(accentBars(image, accent).isEmpty());
    }
}
