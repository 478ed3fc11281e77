// How the GUI shows an engagement's assessment period ("3 Nov 2025 – 14 Nov 2025"), so the
// rounds of a repeat assessment can be told apart at a glance.
#pragma once

#include <QString>

namespace bulkhead {

struct Engagement;

// Empty when neither date is known; an unknown end shows as an open range.
QString assessmentPeriodText(const Engagement &engagement);

} // namespace bulkhead
