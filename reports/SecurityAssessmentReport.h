// The Security Assessment Report (NIST style) as a ReportDocument: cover, executive summary,
// scope and methodology, system description, results by control family, risk exposure, POA&M
// and the full responses. It only arranges what scoring computed; it decides nothing.
#pragma once

#include "ReportDocument.h"

namespace bulkhead {

struct StoredEngagement;

struct ReportInput {
    const StoredEngagement *engagement = nullptr; // scored, with its pinned content
    QString contentHash; // EngagementStore::contentHash: what the report was built from
    ReportBranding branding;
    QDateTime generatedAt; // printed; the only part of a report that differs between runs
};

ReportDocument buildSecurityAssessmentReport(const ReportInput &input);

} // namespace bulkhead
