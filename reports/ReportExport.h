// Produces a report file from a stored engagement: which report types come in which formats,
// building, rendering and writing the file atomically (a reader never sees half a report, and
// a failed or cancelled export leaves any earlier file in place).
//
// An export is two halves: loadReportSource reads the workspace (on the thread that owns its
// database connection; fast), renderReport builds, renders and writes from plain values only,
// so the GUI runs it on a worker thread. exportReport does both, for the CLI.
#pragma once

#include "ReportDocument.h"
#include "Result.h"
#include "StoredEngagement.h"

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
    // The time the report says it was generated; empty: now. Giving the time an earlier copy
    // states reproduces that copy byte for byte, so a delivered report can be checked.
    std::optional<QDateTime> generatedAt;
    // Called with a step name as the work advances (load, build, render, write).
    std::function<void(const QString &step)> progress;
    // Asked before each step: when it returns true the export stops with an error and writes
    // nothing. Called on the thread doing the work.
    std::function<bool()> cancelled;
};

// Everything a report is built from, read from the workspace: plain values, safe to hand to
// another thread.
struct ReportSource {
    StoredEngagement engagement; // scored, with its pinned content
    QString contentHash;
    ReportBranding branding;
    QDateTime generatedAt;
};

struct ExportResult {
    qint64 bytes = 0;
    int pages = 0; // PDF only
};

// The branding the workspace's settings give (report.organisation, .accent, .classification,
// .logo), with Bulkhead's defaults for what is not set.
Result<ReportBranding> reportBranding(Workspace &workspace);

// The message of the error a cancelled export returns.
QString exportCancelledMessage();

// The "load" step: checks the request and reads and scores the engagement.
Result<ReportSource> loadReportSource(Workspace &workspace, const ContentLibrary &library, const ExportRequest &request);
// The "build", "render" and "write" steps; touches no workspace.
Result<ExportResult> renderReport(const ReportSource &source, const ExportRequest &request);
// Both halves, one after the other.
Result<ExportResult> exportReport(Workspace &workspace, const ContentLibrary &library, const ExportRequest &request);

} // namespace bulkhead
