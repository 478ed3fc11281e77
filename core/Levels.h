// The five qualitative levels of NIST SP 800-30 rev 1 (very low .. very high) used for
// likelihood, impact and risk, and the Table I-2 lookup that combines them.
#pragma once

#include <QString>

#include <optional>

namespace bulkhead {

enum class Level { VeryLow = 0, Low = 1, Moderate = 2, High = 3, VeryHigh = 4 };

// "very_low" .. "very_high": the spelling used in YAML, JSON and the CLI.
QString levelKey(Level level);
// "Very Low" .. "Very High": the spelling used in reports and the GUI.
QString levelLabel(Level level);
std::optional<Level> parseLevel(const QString &key);

// Moves a level by whole steps, staying within very low .. very high.
Level shiftLevel(Level level, int steps);

// NIST SP 800-30 rev 1, Table I-2: level of risk from likelihood and impact. A lookup, not a
// product, because the table is deliberately asymmetric.
Level riskLevel(Level likelihood, Level impact);

} // namespace bulkhead
