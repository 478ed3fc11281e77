// report: a Security Assessment Report (and, as they land, the other report types) as a file.
#include "CommandLine.h"
#include "Commands.h"

#include "ReportExport.h"

#include <QElapsedTimer>

namespace bulkhead::cli {

int runReport(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(
        words, {QStringLiteral("--type"), QStringLiteral("--format"), QStringLiteral("--output"), QStringLiteral("--generated-at")}, {});
    if (!args)
        return ctx.usage(args.error().message);
    if (args->positionals().size() != 1)
        return ctx.usage(QStringLiteral("report needs ENG --type T --format F --output FILE"));
    const auto id = ctx.engagementId(args->positionals().at(0));
    if (!id)
        return UsageError;
    for (const char *required : {"--type", "--format", "--output"}) {
        if (!args->has(QString::fromLatin1(required)))
            return ctx.usage(QStringLiteral("report needs %1").arg(QString::fromLatin1(required)));
    }
    const auto type = parseReportType(args->value(QStringLiteral("--type")));
    if (!type)
        return ctx.usage(
            QStringLiteral("--type '%1' is not one of sar|soc2|poam|oscal-ar|oscal-poam").arg(args->value(QStringLiteral("--type"))));
    const auto format = parseReportFormat(args->value(QStringLiteral("--format")));
    if (!format)
        return ctx.usage(
            QStringLiteral("--format '%1' is not one of pdf|html|docx|xlsx|csv|json").arg(args->value(QStringLiteral("--format"))));
    if (!formatSuits(*type, *format))
        return ctx.usage(QStringLiteral("%1 reports do not come as %2").arg(reportTypeKey(*type), reportFormatKey(*format)));
    if (!isImplemented(*type, *format))
        return ctx.usage(
            QStringLiteral("%1 reports as %2 are not available in this version").arg(reportTypeKey(*type), reportFormatKey(*format)));

    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    ExportRequest request;
    request.engagementId = *id;
    request.type = *type;
    request.format = *format;
    request.outputPath = args->value(QStringLiteral("--output"));
    if (args->has(QStringLiteral("--generated-at"))) {
        const QString text = args->value(QStringLiteral("--generated-at"));
        const QDateTime at = QDateTime::fromString(text, Qt::ISODate);
        if (!at.isValid() || at.timeSpec() == Qt::LocalTime)
            return ctx.usage(
                QStringLiteral("--generated-at '%1' is not a date-time with a time zone, such as 2026-03-02T09:30:00Z").arg(text));
        request.generatedAt = at.toUTC();
    }
    QElapsedTimer timer;
    timer.start();
    auto exported = exportReport(*ws, ctx.library(), request);
    if (!exported)
        return ctx.fail(exported.error(), InvalidInput);
    ctx.out << "wrote " << request.outputPath << " (" << exported->bytes << " bytes";
    if (exported->pages > 0)
        ctx.out << ", " << exported->pages << " pages";
    ctx.out << ", " << timer.elapsed() << " ms)" << Qt::endl;
    return Success;
}

} // namespace bulkhead::cli
