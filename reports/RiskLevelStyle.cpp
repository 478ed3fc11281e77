#include "RiskLevelStyle.h"

namespace bulkhead {

QColor riskLevelColor(Level level)
{
    switch (level) {
    case Level::VeryLow: return QColor(0x4c, 0xaf, 0x50);
    case Level::Low: return QColor(0xa5, 0xd6, 0x62);
    case Level::Moderate: return QColor(0xff, 0xd5, 0x4f);
    case Level::High: return QColor(0xfb, 0x8c, 0x00);
    case Level::VeryHigh: return QColor(0xd3, 0x2f, 0x2f);
    }
    return {};
}

QColor riskLevelTextColor(Level level)
{
    return level == Level::VeryHigh ? QColor(Qt::white) : QColor(Qt::black);
}

} // namespace bulkhead
