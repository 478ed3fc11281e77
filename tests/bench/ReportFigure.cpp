// Figure 4: the Security Assessment Report as PDF, HTML and DOCX, for the demo's first engagement
// and for a synthetic engagement of 300 answered questions (the built-in library plus a user
// questionnaire of yes/no questions); against LibreOffice converting the same DOCX to PDF, when
// it is installed. The whole export is timed: read and score, build, render, write.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "Figures.h"
#include "ReportExport.h"
#include "StoredEngagement.h"
#include "SyntheticAnswers.h"
#include "WorkspaceBackend.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QUrl>

namespace bulkhead::bench {

namespace {

constexpr int kReportQuestions = 300;

// The demo workspace, built once in the work folder.
Result<QString> demoWorkspace(const BenchContext &context)
{
    const QString name = QStringLiteral("demo");
    if (context.files.exists(name))
        return name;
    const QString partial = QStringLiteral("demo.partial");
    {
        auto ws = context.files.open(partial);
        if (!ws)
            return ws.error();
        if (auto built = buildDemo(**ws, context.library); !built)
            return built.error();
    }
    if (auto published = context.files.publish(partial, name); !published)
        return published.error();
    return name;
}

// One engagement answering `kReportQuestions` questions: the built-in ones its facts show,
// and as many extra yes/no questions as it takes.
Result<QString> largeEngagementWorkspace(const BenchContext &context, ContentLibrary &library)
{
    Random random(300);
    Engagement e = syntheticEngagement(3, random);
    e.architecture = QStringLiteral("hybrid");
    e.impact = QStringLiteral("high");
    const int builtInVisible = static_cast<int>(syntheticAnswers(context.library, e, 1.0, random).size());
    const int extra = std::max(1, kReportQuestions - builtInVisible);
    const QString yaml = extraQuestionnaireYaml(context.library, extra);
    if (const auto problems = library.addText(QStringLiteral("bench-extra.yaml"), yaml, ContentLibrary::Replace::NewerVersionOnly);
        !problems.isEmpty())
        return problems.first();
    const QString name
        = QStringLiteral("report-%1-%2")
              .arg(kReportQuestions)
              .arg(QString::fromLatin1(QCryptographicHash::hash(yaml.toUtf8(), QCryptographicHash::Sha256).toHex().left(10)));
    if (context.files.exists(name))
        return name;
    const QString partial = name + QStringLiteral(".partial");
    {
        context.files.remove(partial);
        auto ws = context.files.open(partial);
        if (!ws)
            return ws.error();
        auto id = EngagementStore(**ws).create(e, library);
        if (!id)
            return id.error();
        e.id = *id;
        const auto inputs = syntheticAnswers(library, e, 1.0, random);
        auto saved = (*ws)->write([&]() -> Status {
            for (const auto &input : inputs) {
                if (auto a = AnswerStore(**ws).save(*id, input, library); !a)
                    return a.error();
            }
            return {};
        });
        if (!saved)
            return saved.error();
    }
    if (auto published = context.files.publish(partial, name); !published)
        return published.error();
    return name;
}

struct Timings {
    QMap<ReportFormat, QList<double>> ms;
    QList<double> libreOffice;
    qsizetype answers = 0;
    QString libreOfficeProblem;
};

QString libreOfficeProgram()
{
    for (const char *name : {"libreoffice", "soffice"}) {
        const QString found = QStandardPaths::findExecutable(QLatin1String(name));
        if (!found.isEmpty())
            return found;
    }
    return {};
}

// Converts `docx` to PDF in `outDir`; the profile folder is kept between runs, as a user's is.
std::optional<double> convertWithLibreOffice(const QString &program, const QString &profile, const QString &docx, const QString &outDir,
                                             QString &problem)
{
    QProcess lo;
    lo.setProcessChannelMode(QProcess::MergedChannels);
    const Stopwatch watch;
    lo.start(program,
             {QStringLiteral("-env:UserInstallation=") + QUrl::fromLocalFile(profile).toString(), QStringLiteral("--headless"),
              QStringLiteral("--convert-to"), QStringLiteral("pdf"), QStringLiteral("--outdir"), outDir, docx});
    if (!lo.waitForFinished(180000) || lo.exitCode() != 0) {
        problem = QStringLiteral("LibreOffice failed: %1").arg(QString::fromLocal8Bit(lo.readAll()).trimmed());
        return std::nullopt;
    }
    const double ms = watch.elapsedMs();
    if (!QFileInfo::exists(outDir + QLatin1Char('/') + QFileInfo(docx).completeBaseName() + QStringLiteral(".pdf"))) {
        problem = QStringLiteral("LibreOffice wrote no PDF: %1").arg(QString::fromLocal8Bit(lo.readAll()).trimmed());
        return std::nullopt;
    }
    return ms;
}

Status timeReports(const BenchContext &context, const QString &workspace, const ContentLibrary &library, qint64 engagementId,
                   bool withLibreOffice, Timings &timings)
{
    auto ws = context.files.open(workspace);
    if (!ws)
        return ws.error();
    if (auto stored = loadAndScore(**ws, library, engagementId); stored)
        timings.answers = stored->answers.size();
    const QString outDir = context.workDir + QStringLiteral("/reports");
    QDir().mkpath(outDir);
    const QString program = withLibreOffice ? libreOfficeProgram() : QString();
    if (withLibreOffice && program.isEmpty())
        timings.libreOfficeProblem = QStringLiteral("LibreOffice is not installed");
    const QString profile = context.workDir + QStringLiteral("/libreoffice-profile");
    const QString loOut = outDir + QStringLiteral("/libreoffice");
    QDir().mkpath(loOut);
    for (int rep = -1; rep < context.options.repetitions; ++rep) { // run -1 warms caches and LibreOffice's profile
        QString docx;
        for (ReportFormat format : {ReportFormat::Pdf, ReportFormat::Html, ReportFormat::Docx}) {
            ExportRequest request;
            request.engagementId = engagementId;
            request.type = ReportType::SecurityAssessment;
            request.format = format;
            request.outputPath = QStringLiteral("%1/%2-%3.%4").arg(outDir, workspace).arg(engagementId).arg(reportFormatKey(format));
            request.generatedAt = QDateTime(QDate(2026, 11, 20), QTime(16, 5), Qt::UTC);
            const Stopwatch watch;
            auto done = exportReport(**ws, library, request);
            const double ms = watch.elapsedMs();
            if (!done)
                return done.error();
            if (rep >= 0)
                timings.ms[format].append(ms);
            if (format == ReportFormat::Docx)
                docx = request.outputPath;
        }
        if (!program.isEmpty() && timings.libreOfficeProblem.isEmpty()) {
            const auto ms = convertWithLibreOffice(program, profile, docx, loOut, timings.libreOfficeProblem);
            if (ms && rep >= 0)
                timings.libreOffice.append(*ms);
        }
    }
    return {};
}

void addRows(const QString &what, const Timings &t, bool compare, BenchReport &report)
{
    const QString figure = QStringLiteral("4");
    const Goal pdfGoal {Goal::Of::Value, Goal::Bound::AtMost, 1000, QStringLiteral("≤ 1 s")};
    const QString note = QStringLiteral("%1 answers; the whole export: read, score, build, render, write").arg(t.answers);
    for (ReportFormat format : {ReportFormat::Pdf, ReportFormat::Html, ReportFormat::Docx}) {
        Row row {figure,
                 QStringLiteral("%1 → %2").arg(what, reportFormatKey(format).toUpper()),
                 QStringLiteral("ms"),
                 summarise(t.ms.value(format)),
                 {},
                 {},
                 {},
                 {},
                 {},
                 format == ReportFormat::Pdf ? note : QString()};
        if (format == ReportFormat::Pdf)
            row.goal = pdfGoal;
        report.add(row);
    }
    if (!compare)
        return;
    if (t.libreOffice.isEmpty()) {
        report.add(unavailableRow(figure, QStringLiteral("%1: LibreOffice DOCX → PDF").arg(what), t.libreOfficeProblem));
        return;
    }
    report.add(Row {figure, QStringLiteral("%1: LibreOffice DOCX → PDF").arg(what), QStringLiteral("ms"), summarise(t.libreOffice),
                    QStringLiteral("our PDF"), summarise(t.ms.value(ReportFormat::Pdf)), QStringLiteral("× faster"),
                    ratioOf(t.libreOffice, t.ms.value(ReportFormat::Pdf)),
                    Goal {Goal::Of::Ratio, Goal::Bound::AtLeast, 10, QStringLiteral("ours ≥ 10× faster")},
                    QStringLiteral("libreoffice --headless --convert-to pdf, a new process per file, profile kept")});
}

} // namespace

void reportFigure(const BenchContext &context, BenchReport &report)
{
    const QString figure = QStringLiteral("4");
    auto demo = demoWorkspace(context);
    if (!demo) {
        report.add(unavailableRow(figure, QStringLiteral("demo SAR"), demo.error().toString()));
    } else {
        Timings t;
        if (auto timed = timeReports(context, *demo, context.library, 1, context.options.libreOffice, t); !timed)
            report.add(unavailableRow(figure, QStringLiteral("demo SAR"), timed.error().toString()));
        else
            addRows(QStringLiteral("demo SAR"), t, true, report);
    }
    ContentLibrary library = context.library;
    auto large = largeEngagementWorkspace(context, library);
    if (!large) {
        report.add(unavailableRow(figure, QStringLiteral("SAR of %1 questions").arg(kReportQuestions), large.error().toString()));
        return;
    }
    Timings t;
    if (auto timed = timeReports(context, *large, library, 1, context.options.libreOffice, t); !timed)
        report.add(unavailableRow(figure, QStringLiteral("SAR of %1 questions").arg(kReportQuestions), timed.error().toString()));
    else
        addRows(QStringLiteral("%1-question SAR").arg(kReportQuestions), t, true, report);
}

} // namespace bulkhead::bench
