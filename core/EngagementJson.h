// JSON forms of stored records, used by the audit trail (before/after), the content hash
// and the CLI's --json output, so the three always agree.
#pragma once

#include "Answer.h"
#include "Engagement.h"
#include "Evidence.h"

#include <QJsonObject>

namespace bulkhead {

QJsonObject toJson(const Engagement &engagement);
QJsonObject toJson(const Answer &answer);
QJsonObject toJson(const RiskOverride &riskOverride);
QJsonObject toJson(const EvidenceItem &evidence);

} // namespace bulkhead
