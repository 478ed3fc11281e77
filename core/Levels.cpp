#include "Levels.h"

#include <algorithm>
#include <array>

namespace bulkhead {

namespace {
using L = Level;
// Rows: likelihood very low .. very high; columns: impact very low .. very high.
constexpr std::array<std::array<Level, 5>, 5> kTableI2 = {{
    {L::VeryLow, L::VeryLow, L::VeryLow, L::Low, L::Low},
    {L::VeryLow, L::Low, L::Low, L::Low, L::Moderate},
    {L::VeryLow, L::Low, L::Moderate, L::Moderate, L::High},
    {L::VeryLow, L::Low, L::Moderate, L::High, L::VeryHigh},
    {L::VeryLow, L::Low, L::Moderate, L::High, L::VeryHigh},
}};
} // namespace

QString levelKey(Level level)
{
    switch (level) {
    case Level::VeryLow: return QStringLiteral("very_low");
    case Level::Low: return QStringLiteral("low");
    case Level::Moderate: return QStringLiteral("moderate");
    case Level::High: return QStringLiteral("high");
    case Level::VeryHigh: return QStringLiteral("very_high");
    }
    return {};
}

QString levelLabel(Level level)
{
    switch (level) {
    case Level::VeryLow: return QStringLiteral("Very Low");
    case Level::Low: return QStringLiteral("Low");
    case Level::Moderate: return QStringLiteral("Moderate");
    case Level::High: return QStringLiteral("High");
    case Level::VeryHigh: return QStringLiteral("Very High");
    }
    return {};
}

std::optional<Level> parseLevel(const QString &key)
{
    for (int i = 0; i <= 4; ++i) {
        const auto level = static_cast<Level>(i);
        if (levelKey(level) == key)
            return level;
    }
    return std::nullopt;
}

Level shiftLevel(Level level, int steps)
{
    return static_cast<Level>(std::clamp(static_cast<int>(level) + steps, 0, 4));
}

Level riskLevel(Level likelihood, Level impact)
{
    return kTableI2[static_cast<size_t>(likelihood)][static_cast<size_t>(impact)];
}

} // namespace bulkhead
