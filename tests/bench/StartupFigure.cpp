// Figure 6: start-up. The command line scoring a demo engagement, from exec to exit; and the GUI
// on the demo workspace, from exec to its first painted window (offscreen platform), against a
// bare Qt program that shows an empty QMainWindow. Both windows report their first paint the
// same way (BULKHEAD_EXIT_AFTER_FIRST_PAINT: print a line once the first frame is painted, then
// quit); the time is taken here, when that line arrives, so it includes loading the program.
#include "DemoWorkspace.h"
#include "Figures.h"
#include "WorkspaceBackend.h"

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>

namespace bulkhead::bench {

namespace {

struct Launch {
    QString program;
    QStringList arguments;
    bool waitForPaint = false;
};

// Milliseconds from start to the first-paint line (or to exit); nullopt when it failed.
std::optional<double> run(const Launch &launch, const QProcessEnvironment &env, QString &problem)
{
    QProcess p;
    p.setProcessEnvironment(env);
    const Stopwatch watch;
    p.start(launch.program, launch.arguments);
    if (!p.waitForStarted(30000)) {
        problem = QStringLiteral("%1 did not start").arg(launch.program);
        return std::nullopt;
    }
    std::optional<double> painted;
    QByteArray out;
    while (launch.waitForPaint && !painted && p.state() != QProcess::NotRunning) {
        if (p.waitForReadyRead(30000)) {
            out += p.readAllStandardOutput();
            if (out.contains("bulkhead-first-paint"))
                painted = watch.elapsedMs();
        }
    }
    p.waitForFinished(60000);
    const double exited = watch.elapsedMs();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        problem = QStringLiteral("%1 failed: %2").arg(launch.program, QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
        return std::nullopt;
    }
    if (launch.waitForPaint && !painted) {
        out += p.readAllStandardOutput();
        if (!out.contains("bulkhead-first-paint")) {
            problem = QStringLiteral("%1 never reported its first paint").arg(launch.program);
            return std::nullopt;
        }
        painted = exited; // the line came with the exit
    }
    return launch.waitForPaint ? *painted : exited;
}

// Runs the launches alternately, a warm-up round first; one list of times per launch.
std::optional<QList<QList<double>>> alternate(const QList<Launch> &launches, const QProcessEnvironment &env, int repetitions,
                                              QString &problem)
{
    QList<QList<double>> times(launches.size());
    for (int rep = -1; rep < repetitions; ++rep) {
        for (qsizetype i = 0; i < launches.size(); ++i) {
            const auto ms = run(launches.at(i), env, problem);
            if (!ms)
                return std::nullopt;
            if (rep >= 0)
                times[i].append(*ms);
        }
    }
    return times;
}

} // namespace

void startupFigure(const BenchContext &context, BenchReport &report)
{
    const QString figure = QStringLiteral("6");
    const QString name = QStringLiteral("startup-demo");
    if (!context.files.exists(name)) {
        auto ws = context.files.open(name);
        if (!ws) {
            report.add(unavailableRow(figure, QStringLiteral("start-up"), ws.error().toString()));
            return;
        }
        if (auto demo = buildDemo(**ws, context.library); !demo) {
            report.add(unavailableRow(figure, QStringLiteral("start-up"), demo.error().toString()));
            return;
        }
    }
    const QString workspace = context.files.location(name);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Keep the programs away from the user's own settings and data.
    for (const char *dir : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
        const QString path = context.workDir + QStringLiteral("/home/") + QLatin1String(dir);
        QDir().mkpath(path);
        env.insert(QLatin1String(dir), path);
    }
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("BULKHEAD_EXIT_AFTER_FIRST_PAINT"), QStringLiteral("1"));
    QString problem;
    const QList<Launch> cli {{QStringLiteral(BULKHEAD_CLI_PATH),
                              {QStringLiteral("--workspace"), workspace, QStringLiteral("score"), QStringLiteral("1")},
                              false},
                             {QStringLiteral(BULKHEAD_BAREQT_PATH), {QStringLiteral("--core")}, false}};
    if (const auto times = alternate(cli, env, context.options.repetitions, problem)) {
        report.add(Row {figure,
                        QStringLiteral("CLI score 1 (demo): exec → exit"),
                        QStringLiteral("ms"),
                        summarise(times->at(0)),
                        QStringLiteral("bare QCoreApplication"),
                        summarise(times->at(1)),
                        QStringLiteral("×"),
                        ratioOf(times->at(0), times->at(1)),
                        {},
                        {}});
    } else {
        report.add(unavailableRow(figure, QStringLiteral("CLI start-up"), problem));
    }
    const QList<Launch> gui {{QStringLiteral(BULKHEAD_GUI_PATH), {QStringLiteral("--workspace"), workspace}, true},
                             {QStringLiteral(BULKHEAD_BAREQT_PATH), {}, true}};
    if (const auto times = alternate(gui, env, context.options.repetitions, problem)) {
        report.add(Row {
            figure, QStringLiteral("GUI (demo): exec → first paint"), QStringLiteral("ms"), summarise(times->at(0)),
            QStringLiteral("bare Qt, empty QMainWindow"), summarise(times->at(1)), QStringLiteral("×"), ratioOf(times->at(0), times->at(1)),
            Goal {Goal::Of::Ratio, Goal::Bound::AtMost, 2.0, QStringLiteral("≤ 2× bare Qt")}, QStringLiteral("QT_QPA_PLATFORM=offscreen")});
    } else {
        report.add(unavailableRow(figure, QStringLiteral("GUI start-up"), problem));
    }
}

} // namespace bulkhead::bench
