// Figure 3: the portfolio dashboard's figures (core/Portfolio) for workspaces of 10 to 10,000
// engagements. Each size runs in a child process of its own, so its peak memory is its own:
//   cold      a first load: every engagement read and scored (opening the dashboard)
//   changed   a reload after one answer was saved (what the dashboard does after each edit);
//             the save is rolled back afterwards, so the cached workspace stays as generated
//   unchanged a reload with nothing changed
// (each through core/PortfolioCache, as the dashboard loads it) and the peak resident memory of
// the process that did all of that. The child opens the workspace by the backend's location: a
// team backend passes what Workspace will open it by.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "Figures.h"
#include "PortfolioCache.h"
#include "SyntheticWorkspace.h"
#include "WorkspaceBackend.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <cstdio>

namespace bulkhead::bench {

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

QList<double> doubles(const QJsonValue &value)
{
    QList<double> out;
    for (const auto &v : value.toArray())
        out.append(v.toDouble());
    return out;
}

QJsonArray array(const QList<double> &values)
{
    QJsonArray out;
    for (double v : values)
        out.append(v);
    return out;
}

void measureOn(const BenchContext &context, const WorkspaceBackend &backend, BenchReport &report)
{
    const QString figure = QStringLiteral("3");
    const QString tag = backend.name();
    if (const auto why = backend.unavailable()) {
        report.add(unavailableRow(figure, QStringLiteral("portfolio [%1]").arg(tag), *why));
        return;
    }
    SyntheticWorkspaces workspaces(backend, context.library);
    QMap<int, QJsonObject> results;
    for (int size : context.options.portfolioSizes) {
        const QString measure = QStringLiteral("portfolio of %L1").arg(size);
        auto ws = workspaces.portfolio(size);
        if (!ws) {
            report.add(unavailableRow(figure, measure, ws.error().toString()));
            continue;
        }
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(context.programPath,
                    {QStringLiteral("--child-portfolio"), backend.location(ws->name), QStringLiteral("--repetitions"),
                     QString::number(context.options.repetitions)});
        if (!child.waitForFinished(-1) || child.exitCode() != 0) {
            report.add(
                unavailableRow(figure, measure, QStringLiteral("the measuring process failed (exit code %1)").arg(child.exitCode())));
            continue;
        }
        const QJsonObject r = QJsonDocument::fromJson(child.readAllStandardOutput()).object();
        results.insert(size, r);
        const Stats cold = summarise(doubles(r.value(QStringLiteral("cold_ms"))));
        const QString note = QStringLiteral("%L1 answers; %2 ms per engagement; the reload after a change scored %3 engagement(s)")
                                 .arg(ws->answers)
                                 .arg(cold.median / size, 0, 'f', 2)
                                 .arg(r.value(QStringLiteral("rescored_after_change")).toInt());
        const Goal timeGoal {Goal::Of::Value, Goal::Bound::AtMost, 100, QStringLiteral("≤ 100 ms at 10,000")};
        const Goal memoryGoal {Goal::Of::Value, Goal::Bound::AtMost, 200, QStringLiteral("≤ 200 MB at 10,000")};
        const bool judged = size == 10000;
        report.add(Row {figure,
                        QStringLiteral("%1: first load [%2]").arg(measure, tag),
                        QStringLiteral("ms"),
                        cold,
                        {},
                        {},
                        {},
                        {},
                        judged ? std::optional(timeGoal) : std::nullopt,
                        note});
        report.add(Row {figure,
                        QStringLiteral("%1: reload after 1 answer").arg(measure),
                        QStringLiteral("ms"),
                        summarise(doubles(r.value(QStringLiteral("changed_ms")))),
                        {},
                        {},
                        {},
                        {},
                        judged ? std::optional(timeGoal) : std::nullopt,
                        {}});
        report.add(Row {figure,
                        QStringLiteral("%1: reload, nothing changed").arg(measure),
                        QStringLiteral("ms"),
                        summarise(doubles(r.value(QStringLiteral("unchanged_ms")))),
                        {},
                        {},
                        {},
                        {},
                        {},
                        {}});
        const double open = r.value(QStringLiteral("open_ms")).toDouble();
        report.add(Row {figure,
                        QStringLiteral("%1: opening the workspace").arg(measure),
                        QStringLiteral("ms"),
                        Stats {open, open, open, 1},
                        {},
                        {},
                        {},
                        {},
                        {},
                        size == context.options.portfolioSizes.last()
                            ? QStringLiteral("Workspace::open, one run (the OS may have the file cached)")
                            : QString()});
        const double peak = r.value(QStringLiteral("peak_rss")).toDouble() / kMiB;
        const double before = r.value(QStringLiteral("rss_before")).toDouble() / kMiB;
        report.add(Row {figure,
                        QStringLiteral("%1: peak memory (RSS)").arg(measure),
                        QStringLiteral("MB"),
                        Stats {peak, peak, peak, 1},
                        QStringLiteral("before loading"),
                        Stats {before, before, before, 1},
                        {},
                        {},
                        judged ? std::optional(memoryGoal) : std::nullopt,
                        {}});
    }
    // Growth: each tenfold step in engagements should cost at most ten times as much.
    const QList<int> sizes = results.keys();
    for (qsizetype i = 1; i < sizes.size(); ++i) {
        const QJsonObject small = results.value(sizes.at(i - 1));
        const QJsonObject big = results.value(sizes.at(i));
        const double factor = double(sizes.at(i)) / sizes.at(i - 1);
        const QString step = QStringLiteral("%L1 → %L2").arg(sizes.at(i - 1)).arg(sizes.at(i));
        const Goal linear {Goal::Of::Ratio, Goal::Bound::AtMost, factor, QStringLiteral("≤ %1× (linear)").arg(factor)};
        for (const auto &[key, what] : {std::pair {"cold_ms", "first load"}, std::pair {"changed_ms", "reload after 1 answer"}}) {
            const QList<double> bigTimes = doubles(big.value(QLatin1String(key)));
            const QList<double> smallTimes = doubles(small.value(QLatin1String(key)));
            report.add(Row {figure,
                            QStringLiteral("growth %1: %2").arg(step, QLatin1String(what)),
                            QStringLiteral("ms"),
                            summarise(bigTimes),
                            QStringLiteral("%L1").arg(sizes.at(i - 1)),
                            summarise(smallTimes),
                            QStringLiteral("×"),
                            ratioOf(bigTimes, smallTimes),
                            linear,
                            {}});
        }
        const double memBig
            = (big.value(QStringLiteral("peak_rss")).toDouble() - big.value(QStringLiteral("rss_before")).toDouble()) / kMiB;
        const double memSmall
            = (small.value(QStringLiteral("peak_rss")).toDouble() - small.value(QStringLiteral("rss_before")).toDouble()) / kMiB;
        report.add(
            Row {figure, QStringLiteral("growth %1: memory added").arg(step), QStringLiteral("MB"), Stats {memBig, memBig, memBig, 1},
                 QStringLiteral("%L1").arg(sizes.at(i - 1)), Stats {memSmall, memSmall, memSmall, 1}, QStringLiteral("×"),
                 Stats {memBig / std::max(memSmall, 1.0), memBig / std::max(memSmall, 1.0), memBig / std::max(memSmall, 1.0), 1}, linear,
                 memSmall < 1.0 ? QStringLiteral("under 1 MB at %L1 engagements, counted as 1 MB").arg(sizes.at(i - 1)) : QString()});
    }
}

} // namespace

int portfolioChild(const BenchOptions &options, const QString &workspacePath)
{
    const ContentLibrary library = ContentLibrary::builtIn();
    const Stopwatch opening; // the integrity check on opening reads the whole file
    auto opened = Workspace::open(workspacePath);
    const double openMs = opening.elapsedMs();
    if (!opened) {
        std::fprintf(stderr, "bulkhead-bench: %s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    Workspace &ws = **opened;
    const qint64 rssBefore = residentBytes();
    resetPeakResident();
    QList<double> cold, changed, unchanged;
    int rescored = 0;
    const auto fail = [](const Error &e) {
        std::fprintf(stderr, "bulkhead-bench: %s\n", qPrintable(e.toString()));
        return 1;
    };
    for (int rep = 0; rep < options.repetitions; ++rep) {
        PortfolioCache cache;
        std::optional<Error> failed;
        cold.append(timeMs([&] {
            if (auto p = cache.load(ws, library); !p)
                failed = p.error();
        }));
        if (failed)
            return fail(*failed);
        unchanged.append(timeMs([&] {
            if (auto p = cache.load(ws, library); !p)
                failed = p.error();
        }));
        if (failed)
            return fail(*failed);
        const Error rollback(QStringLiteral("rolled back on purpose"));
        auto done = ws.write([&]() -> Status {
            const AnswerInput input {QString(), QStringLiteral("no"), QStringLiteral("Changed by the benchmark."), {}, {}};
            auto answers = AnswerStore(ws).answers(1);
            if (!answers)
                return answers.error();
            AnswerInput change = input;
            for (const auto &a : *answers) {
                if (a.value == QLatin1String("yes")) {
                    change.questionId = a.questionId;
                    break;
                }
            }
            if (auto saved = AnswerStore(ws).save(1, change, library); !saved)
                return saved.error();
            changed.append(timeMs([&] {
                if (auto p = cache.load(ws, library); !p)
                    failed = p.error();
            }));
            rescored = cache.lastRescored();
            return rollback;
        });
        if (failed)
            return fail(*failed);
        if (done.ok() || done.error().message != rollback.message)
            return fail(done.ok() ? Error(QStringLiteral("the change was not rolled back")) : done.error());
    }
    const QJsonObject out {{QStringLiteral("cold_ms"), array(cold)},
                           {QStringLiteral("changed_ms"), array(changed)},
                           {QStringLiteral("unchanged_ms"), array(unchanged)},
                           {QStringLiteral("rescored_after_change"), rescored},
                           {QStringLiteral("open_ms"), openMs},
                           {QStringLiteral("rss_before"), double(rssBefore)},
                           {QStringLiteral("peak_rss"), double(peakResidentBytes())}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

void portfolioFigure(const BenchContext &context, BenchReport &report)
{
    for (const auto *backend : context.backends)
        measureOn(context, *backend, report);
}

} // namespace bulkhead::bench
