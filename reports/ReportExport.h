// Produces a report file from a stored engagement: which report types come in which formats,
// building, rendering and writing the file atomically (a reader never sees half a report, and
// a failed export leaves any earlier file in place).
#pragma once

#include "ReportDocument.h"
#include "Result.h"

#include <functional>

namespace bulkhead {

class ContentLibrary;
class Workspace;

enum class ReportType { SecurityAssessment, Soc2Readiness, Poam, OscalAssessmentResults, OscalPoam };
enum class ReportFormat { Pdf, Html, Docx, Xlsx, Csv, Json };

std::optional<ReportType> parseReportType(const QString &key); // sar, soc2, poam, oscal-ar, oscal-poam
std::optional<ReportFormat> parseReportFormat(const QString &key); // pdf, html, docx, xlsx, csv, json
QString reportTypeKey(ReportType type);
QString reportFormatKey(ReportFormat format);
// Whether the combination makes sense (a POA&M as a spreadsheet, a SAR as a document, ...).
bool formatSuits(ReportType type, ReportFormat format);
// Whether this build can produce it yet.
bool isImplemented(ReportType type, ReportFormat format);

struct ExportRequest {
    qint64 engagementId = 0;
    ReportType type = ReportType::SecurityAssessment;
    ReportFormat format = ReportFormat::Pdf;
    QString outputPath;
    std::optional<ReportBranding> branding; // empty: from the workspace's settings (reportBranding)
    // Called with a step name as the work advances (load, build, render, write).
    std::function<void(const QString &step)> progress;
};

struct ExportResult {
    qint64 bytes = 0;
    int pages = 0; // PDF only
};

// The branding the workspace's settings give (report.organisation, .accent, .classification,
// .logo), with Bulkhead's defaults for what is not set.
Result<ReportBranding> reportBranding(Workspace &workspace);

Result<ExportResult> exportReport(Workspace &workspace, const ContentLibrary &library, const ExportRequest &request);

} // namespace bulkhead
