// The colours of the five SP 800-30 levels, shared by every view and report that shows a risk level.
#pragma once

#include "Levels.h"

#include <QColor>

namespace bulkhead {

QColor riskLevelColor(Level level);
// Black or white, whichever reads better on riskLevelColor(level).
QColor riskLevelTextColor(Level level);

} // namespace bulkhead
