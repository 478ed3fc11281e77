// The SOC 2 readiness report as a ReportDocument: a system description in the manner of a
// service auditor's Section III, then, for each Trust Services Criterion in scope, the controls
// mapped to it, the tests performed (questions and methods) and the result ("no exceptions
// noted" or the exceptions). It is a readiness assessment, not a CPA's opinion, and says so.
#pragma once

#include "SecurityAssessmentReport.h"

namespace bulkhead {

ReportDocument buildSoc2ReadinessReport(const ReportInput &input);

} // namespace bulkhead
