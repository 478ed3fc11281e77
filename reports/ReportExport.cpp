#include "ReportExport.h"

#include "DocxReport.h"
#include "EngagementStore.h"
#include "HtmlReport.h"
#include "OscalAssessmentResults.h"
#include "OscalPoam.h"
#include "PdfReport.h"
#include "PoamCsv.h"
#include "PoamTable.h"
#include "PoamXlsx.h"
#include "SecurityAssessmentReport.h"
#include "Soc2ReadinessReport.h"
#include "Workspace.h"
#include "WorkspaceSettings.h"

#include <QSaveFile>

namespace bulkhead {

namespace {

const QList<std::pair<ReportType, QString>> kTypes = {{ReportType::SecurityAssessment, QStringLiteral("sar")},
                                                      {ReportType::Soc2Readiness, QStringLiteral("soc2")},
                                                      {ReportType::Poam, QStringLiteral("poam")},
                                                      {ReportType::OscalAssessmentResults, QStringLiteral("oscal-ar")},
                                                      {ReportType::OscalPoam, QStringLiteral("oscal-poam")}};
const QList<std::pair<ReportFormat, QString>> kFormats
    = {{ReportFormat::Pdf, QStringLiteral("pdf")},   {ReportFormat::Html, QStringLiteral("html")},
       {ReportFormat::Docx, QStringLiteral("docx")}, {ReportFormat::Xlsx, QStringLiteral("xlsx")},
       {ReportFormat::Csv, QStringLiteral("csv")},   {ReportFormat::Json, QStringLiteral("json")}};

template<typename E> std::optional<E> parse(const QList<std::pair<E, QString>> &table, const QString &key)
{
    for (const auto &[value, name] : table) {
        if (name == key)
            return value;
    }
    return std::nullopt;
}

template<typename E> QString keyOf(const QList<std::pair<E, QString>> &table, E value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return name;
    }
    return {};
}

Status writeAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error {QStringLiteral("cannot write the report: %1").arg(file.errorString()), path};
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error {QStringLiteral("cannot write the report: %1").arg(file.errorString()), path};
    return {};
}

// Reports the step, unless the export has been cancelled: then false.
bool advance(const ExportRequest &request, const char *name)
{
    if (request.cancelled && request.cancelled())
        return false;
    if (request.progress)
        request.progress(QString::fromLatin1(name));
    return true;
}

Status checkProducible(const ExportRequest &request)
{
    if (!formatSuits(request.type, request.format) || !isImplemented(request.type, request.format))
        return Error {
            QStringLiteral("%1 reports cannot be produced as %2").arg(reportTypeKey(request.type), reportFormatKey(request.format))};
    return {};
}

Error cancelledError(const ExportRequest &request)
{
    return Error {exportCancelledMessage(), request.outputPath};
}

} // namespace

Result<ReportBranding> reportBranding(Workspace &workspace)
{
    auto settings = WorkspaceSettings(workspace).all();
    if (!settings)
        return settings.error();
    ReportBranding branding;
    const auto setting = [&settings](const char *key) { return settings->value(QString::fromLatin1(key)); };
    if (!setting("report.organisation").isEmpty())
        branding.organisation = setting("report.organisation");
    if (!setting("report.accent").isEmpty())
        branding.accent = QColor(setting("report.accent"));
    if (!setting("report.classification").isEmpty())
        branding.classification = setting("report.classification");
    if (!setting("report.logo").isEmpty())
        branding.logoPng = QByteArray::fromBase64(setting("report.logo").toLatin1());
    return branding;
}

std::optional<ReportType> parseReportType(const QString &key)
{
    return parse(kTypes, key);
}

std::optional<ReportFormat> parseReportFormat(const QString &key)
{
    return parse(kFormats, key);
}

QString reportTypeKey(ReportType type)
{
    return keyOf(kTypes, type);
}

QString reportFormatKey(ReportFormat format)
{
    return keyOf(kFormats, format);
}

bool formatSuits(ReportType type, ReportFormat format)
{
    switch (type) {
    case ReportType::SecurityAssessment:
    case ReportType::Soc2Readiness: return format == ReportFormat::Pdf || format == ReportFormat::Html || format == ReportFormat::Docx;
    case ReportType::Poam: return format == ReportFormat::Xlsx || format == ReportFormat::Csv;
    case ReportType::OscalAssessmentResults:
    case ReportType::OscalPoam: return format == ReportFormat::Json;
    }
    return false;
}

bool isImplemented(ReportType type, ReportFormat format)
{
    switch (type) {
    case ReportType::SecurityAssessment:
    case ReportType::Soc2Readiness:
    case ReportType::Poam:
    case ReportType::OscalAssessmentResults:
    case ReportType::OscalPoam: return formatSuits(type, format);
    }
    return false;
}

QString exportCancelledMessage()
{
    return QStringLiteral("the export was cancelled; nothing was written");
}

Result<ReportSource> loadReportSource(Workspace &workspace, const ContentLibrary &library, const ExportRequest &request)
{
    if (auto possible = checkProducible(request); !possible)
        return possible.error();
    if (!advance(request, "load"))
        return cancelledError(request);
    auto stored = loadAndScore(workspace, library, request.engagementId);
    if (!stored)
        return stored.error();
    auto hash = EngagementStore(workspace).contentHash(request.engagementId);
    if (!hash)
        return hash.error();
    ReportSource source {std::move(*stored), *hash, {}, request.generatedAt.value_or(workspace.now())};
    if (request.branding) {
        source.branding = *request.branding;
    } else {
        auto fromSettings = reportBranding(workspace);
        if (!fromSettings)
            return fromSettings.error();
        source.branding = *fromSettings;
    }
    return source;
}

Result<ExportResult> renderReport(const ReportSource &source, const ExportRequest &request)
{
    if (auto possible = checkProducible(request); !possible)
        return possible.error();
    if (!advance(request, "build"))
        return cancelledError(request);
    const ReportBranding &branding = source.branding;
    const ReportInput input {&source.engagement, source.contentHash, branding, source.generatedAt};
    ExportResult result;
    QByteArray bytes;
    if (request.type == ReportType::OscalAssessmentResults) {
        if (!advance(request, "render"))
            return cancelledError(request);
        bytes = renderOscalAssessmentResults(input);
    } else if (request.type == ReportType::OscalPoam) {
        if (!advance(request, "render"))
            return cancelledError(request);
        bytes = renderOscalPoam(input);
        // OSCAL requires at least one item; inventing one would misstate the result.
        if (bytes.isEmpty())
            return Error {QStringLiteral("engagement %1 has no POA&M items, so there is no plan of action to write")
                              .arg(source.engagement.engagement.id)};
    } else if (request.type == ReportType::Poam) {
        const PoamTable table = buildPoamTable(input);
        if (!advance(request, "render"))
            return cancelledError(request);
        if (request.format == ReportFormat::Csv) {
            bytes = renderPoamCsv(table);
        } else {
            auto xlsx = renderPoamXlsx(table, branding);
            if (!xlsx)
                return xlsx.error();
            bytes = std::move(*xlsx);
        }
    } else {
        const ReportDocument document
            = request.type == ReportType::Soc2Readiness ? buildSoc2ReadinessReport(input) : buildSecurityAssessmentReport(input);
        if (!advance(request, "render"))
            return cancelledError(request);
        if (request.format == ReportFormat::Pdf) {
            PdfResult pdf = renderPdf(document);
            bytes = std::move(pdf.pdf);
            result.pages = pdf.pages;
        } else if (request.format == ReportFormat::Docx) {
            auto docx = renderDocx(document);
            if (!docx)
                return docx.error();
            bytes = std::move(*docx);
        } else {
            bytes = renderHtml(document);
        }
    }
    // The last chance to stop: after this the file is in place.
    if (!advance(request, "write"))
        return cancelledError(request);
    if (auto written = writeAtomically(request.outputPath, bytes); !written)
        return written.error();
    result.bytes = bytes.size();
    return result;
}

Result<ExportResult> exportReport(Workspace &workspace, const ContentLibrary &library, const ExportRequest &request)
{
    auto source = loadReportSource(workspace, library, request);
    if (!source)
        return source.error();
    return renderReport(*source, request);
}

} // namespace bulkhead
