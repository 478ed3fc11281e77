#include "AssessmentPeriod.h"

#include "Engagement.h"

#include <QLocale>

namespace bulkhead {

QString assessmentPeriodText(const Engagement &e)
{
    const QLocale locale;
    const auto text
        = [&locale](const QDate &date) { return date.isValid() ? locale.toString(date, QStringLiteral("d MMM yyyy")) : QString(); };
    if (!e.periodStart.isValid() && !e.periodEnd.isValid())
        return {};
    return QStringLiteral("%1 – %2").arg(text(e.periodStart), text(e.periodEnd)).trimmed();
}

} // namespace bulkhead
