// bulkhead-bench: measures the figures of README.md "Performance" and prints them as a table
// (and as JSON with --json). See Figures.h for what each figure measures.
#include "BenchOptions.h"
#include "BenchReport.h"
#include "ContentLibrary.h"
#include "Figures.h"
#include "WorkspaceBackend.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStorageInfo>
#include <QSysInfo>
#include <QThread>

#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <memory>

using namespace bulkhead;
using namespace bulkhead::bench;

namespace {

QString cpuModel()
{
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("model name"))
            return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
    }
    return {};
}

qint64 memoryBytes()
{
    QFile f(QStringLiteral("/proc/meminfo"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray first = f.readLine(); // "MemTotal:  24594716 kB"
    return first.mid(first.indexOf(':') + 1).trimmed().split(' ').value(0).toLongLong() * 1024;
}

// The 1-minute load average: figures measured on a busy machine are slower, and say so.
double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').value(0).toDouble() : -1;
}

QJsonObject context(const BenchOptions &options, double loadAtStart, double loadAtEnd)
{
    const QStorageInfo storage(options.workDir);
    return {{QStringLiteral("bulkhead_version"), QStringLiteral(BULKHEAD_VERSION)},
            {QStringLiteral("build_type"), QStringLiteral(BULKHEAD_BUILD_TYPE)},
            {QStringLiteral("generated_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
            {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
            {QStringLiteral("sqlite"), QString::fromLatin1(sqlite3_libversion())},
            {QStringLiteral("machine"),
             QJsonObject {{QStringLiteral("cpus"), QThread::idealThreadCount()},
                          {QStringLiteral("cpu_model"), cpuModel()},
                          {QStringLiteral("memory_bytes"), double(memoryBytes())},
                          {QStringLiteral("os"), QSysInfo::prettyProductName()},
                          {QStringLiteral("kernel"), QSysInfo::kernelVersion()},
                          {QStringLiteral("load_average_at_start"), loadAtStart},
                          {QStringLiteral("load_average_at_end"), loadAtEnd},
                          {QStringLiteral("work_dir_filesystem"), QString::fromLatin1(storage.fileSystemType())}}},
            {QStringLiteral("options"),
             QJsonObject {{QStringLiteral("repetitions"), options.repetitions},
                          {QStringLiteral("quick"), options.quick},
                          {QStringLiteral("latency_samples"), options.latencySamples},
                          {QStringLiteral("work_dir"), options.workDir}}}};
}

bool isChild(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--child-portfolio") == 0)
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    // Reports lay out text and draw charts: they need a QGuiApplication, with no display. The
    // portfolio's child process needs only QtCore, so its memory is core's alone.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app;
    if (isChild(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QGuiApplication>(argc, argv);

    BenchOptions options;
    if (const auto exit = parseOptions(QCoreApplication::arguments(), options))
        return *exit;
    if (!options.childPortfolio.isEmpty())
        return portfolioChild(options, options.childPortfolio);

    const ContentLibrary library = ContentLibrary::builtIn();
    const auto files = sqliteBackend(options.workDir);
    const auto postgres = postgresBackend(options.postgres);
    const BenchContext bench {
        options, library, *files, {files.get(), postgres.get()}, options.workDir, QCoreApplication::applicationFilePath()};
    std::fprintf(stderr, "bulkhead-bench: %s build, %d run(s) per figure%s, work folder %s\n", BULKHEAD_BUILD_TYPE, options.repetitions,
                 options.quick ? " (quick)" : "", qPrintable(options.workDir));

    const double loadAtStart = loadAverage();
    BenchReport report;
    using Figure = void (*)(const BenchContext &, BenchReport &);
    const QList<std::pair<int, Figure>> figures {{1, answerLatencyFigure}, {2, scoringFigure},    {3, portfolioFigure},
                                                 {4, reportFigure},        {5, importFigure},     {6, startupFigure},
                                                 {7, sizeFigure},          {8, teamBackendFigure}};
    for (const auto &[number, run] : figures) {
        if (!options.wants(number))
            continue;
        std::fprintf(stderr, "bulkhead-bench: figure %d\n", number);
        run(bench, report);
    }

    const double loadAtEnd = loadAverage();
    std::printf("bulkhead-bench %s, %s build, Qt %s, SQLite %s; %d CPU(s) (%s), %.1f GiB; load average %.2f at start, %.2f at end; "
                "median of %d run(s)%s\n\n",
                BULKHEAD_VERSION, BULKHEAD_BUILD_TYPE, qVersion(), sqlite3_libversion(), QThread::idealThreadCount(),
                qPrintable(cpuModel()), double(memoryBytes()) / (1024.0 * 1024 * 1024), loadAtStart, loadAtEnd, options.repetitions,
                options.quick ? ", quick" : "");
    std::printf("%s", qPrintable(report.table()));
    if (!options.jsonPath.isEmpty()) {
        QSaveFile out(options.jsonPath);
        if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(report.json(context(options, loadAtStart, loadAtEnd))).toJson()) < 0
            || !out.commit()) {
            std::fprintf(stderr, "bulkhead-bench: %s: cannot write the JSON: %s\n", qPrintable(options.jsonPath),
                         qPrintable(out.errorString()));
            return 1;
        }
    }
    return 0;
}
