// NIST SP 800-30 rev 1 levels and Table I-2: every one of the 25 cells is pinned here.
#include "Levels.h"

#include <catch2/catch.hpp>

using namespace bulkhead;

TEST_CASE("Table I-2 gives the level of risk for every likelihood and impact")
{
    using L = Level;
    // {likelihood, impact, level}, transcribed row by row from SP 800-30 rev 1 Table I-2.
    const struct {
        L likelihood, impact, level;
    } cells[] = {
        {L::VeryHigh, L::VeryLow, L::VeryLow},
        {L::VeryHigh, L::Low, L::Low},
        {L::VeryHigh, L::Moderate, L::Moderate},
        {L::VeryHigh, L::High, L::High},
        {L::VeryHigh, L::VeryHigh, L::VeryHigh},
        {L::High, L::VeryLow, L::VeryLow},
        {L::High, L::Low, L::Low},
        {L::High, L::Moderate, L::Moderate},
        {L::High, L::High, L::High},
        {L::High, L::VeryHigh, L::VeryHigh},
        {L::Moderate, L::VeryLow, L::VeryLow},
        {L::Moderate, L::Low, L::Low},
        {L::Moderate, L::Moderate, L::Moderate},
        {L::Moderate, L::High, L::Moderate},
        {L::Moderate, L::VeryHigh, L::High},
        {L::Low, L::VeryLow, L::VeryLow},
        {L::Low, L::Low, L::Low},
        {L::Low, L::Moderate, L::Low},
        {L::Low, L::High, L::Low},
        {L::Low, L::VeryHigh, L::Moderate},
        {L::VeryLow, L::VeryLow, L::VeryLow},
        {L::VeryLow, L::Low, L::VeryLow},
        {L::VeryLow, L::Moderate, L::VeryLow},
        {L::VeryLow, L::High, L::Low},
        {L::VeryLow, L::VeryHigh, L::Low},
    };
    REQUIRE(std::size(cells) == 25);
    for (const auto &c : cells) {
        INFO("likelihood " << levelKey(c.likelihood).toStdString() << ", impact " << levelKey(c.impact).toStdString());
        CHECK(riskLevel(c.likelihood, c.impact) == c.level);
    }
}

TEST_CASE("Levels are spelled very_low .. very_high and parse back")
{
    CHECK(levelKey(Level::VeryLow) == QStringLiteral("very_low"));
    CHECK(levelKey(Level::Moderate) == QStringLiteral("moderate"));
    CHECK(levelKey(Level::VeryHigh) == QStringLiteral("very_high"));
    CHECK(levelLabel(Level::VeryHigh) == QStringLiteral("Very High"));
    for (int i = 0; i <= 4; ++i)
        CHECK(parseLevel(levelKey(static_cast<Level>(i))) == static_cast<Level>(i));
    CHECK_FALSE(parseLevel(QStringLiteral("medium")).has_value());
    CHECK_FALSE(parseLevel(QStringLiteral("High")).has_value());
}

TEST_CASE("Shifting a level stays on the five-level scale")
{
    CHECK(shiftLevel(Level::Moderate, 1) == Level::High);
    CHECK(shiftLevel(Level::Moderate, -2) == Level::VeryLow);
    CHECK(shiftLevel(Level::High, 5) == Level::VeryHigh);
    CHECK(shiftLevel(Level::Low, -3) == Level::VeryLow);
    CHECK(shiftLevel(Level::Low, 0) == Level::Low);
}
