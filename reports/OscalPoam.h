// The scored engagement's plan of action and milestones as an OSCAL 1.1.2
// plan-of-action-and-milestones document (JSON): one poam-item per PoamItem, with the
// observations, findings and risks they rest on, under the same UUIDs as in the assessment
// results. Validates against the official v1.1.2 JSON schema.
#pragma once

#include "SecurityAssessmentReport.h"

#include <QByteArray>

namespace bulkhead {

// Empty when the engagement has no POA&M item: OSCAL requires at least one, and an invented
// item would misstate the result. Callers say "nothing to plan" instead of writing a file.
QByteArray renderOscalPoam(const ReportInput &input);

} // namespace bulkhead
