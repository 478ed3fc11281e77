// The POA&M policy (days from detection to scheduled completion, by risk level) as the
// workspace's settings poam.due_days.<level> give it, and as an approval records it in the
// audit trail so that an approved engagement keeps the due dates it was approved with.
#pragma once

#include "Levels.h"
#include "Result.h"
#include "Scoring.h"

#include <QJsonObject>
#include <QString>

namespace bulkhead {

class Workspace;

// "poam.due_days.very_high" .. "poam.due_days.very_low".
QString poamDueDaysSetting(Level level);
// A due-days setting's value: a whole number of days from 1 to 3650, else an error naming the
// setting and the value.
Result<int> parsePoamDueDays(const QString &setting, const QString &value);

// The PoamPolicy defaults with the workspace's due-days settings, where set, applied.
Result<PoamPolicy> poamPolicyFromSettings(Workspace &workspace);

// {"very_high":30,"high":30,...}: how an approval records the policy.
QJsonObject poamDueDaysJson(const PoamPolicy &policy);
// The reverse; a level the object does not name keeps its default.
PoamPolicy poamPolicyFromJson(const QJsonObject &dueDays);
bool isDefaultPoamPolicy(const PoamPolicy &policy);

} // namespace bulkhead
