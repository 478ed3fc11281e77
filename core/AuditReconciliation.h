// Compares what a workspace's tables hold with the state its audit trail says they should
// hold. The hash chain proves the trail was not changed; this proves the data was not changed
// around it (an answer edited, an override moved, a row inserted or removed with another tool).
#pragma once

#include "Result.h"

#include <QList>

namespace bulkhead {

struct AuditEvent;
struct AuditVerification;
class Workspace;

// On a mismatch, sets verification.problem to a sentence naming the record; the first found
// is reported (engagements, then pins, answers, overrides and stored questionnaire texts).
Status reconcileWithTrail(Workspace &workspace, const QList<AuditEvent> &events, AuditVerification &verification);

} // namespace bulkhead
