// Figure 3: the portfolio dashboard's figures (core/Portfolio) for workspaces of 10 to 10,000
// engagements. Each size runs in two child processes of its own, so each peak memory is its own:
//   cold      a first load with nothing stored in the workspace: every engagement read, scored
//             and its entry stored (PortfolioStore); the stored entries are deleted before each run
//   warm      a first load in a new process that reads the stored entries (the dashboard's first
//             load once any process has loaded the portfolio); the goal applies to this one
//   changed   a reload after one answer was saved (what the dashboard does after each edit);
//             the save is rolled back afterwards, so the cached workspace stays as generated,
//             and with it the reload's store, timed on its own ("storing 1 changed entry")
//   unchanged a reload with nothing changed
// (each through core/PortfolioCache, as the dashboard loads it) and the peak resident memory of
// each process. The child opens the workspace by the backend's location: a team backend passes
// what Workspace will open it by.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "Figures.h"
#include "PortfolioCache.h"
#include "PortfolioStore.h"
#include "SyntheticWorkspace.h"
#include "WorkspaceBackend.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>

#include <cstdio>
#include <tuple>

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

// A row of one value measured once.
Row single(const QString &figure, const QString &measure, const QString &unit, double value, std::optional<Goal> goal = {},
           const QString &note = {})
{
    return Row {figure, measure, unit, Stats {value, value, value, 1}, {}, {}, {}, {}, goal, note};
}

Row timed(const QString &figure, const QString &measure, const QJsonObject &r, const char *key, std::optional<Goal> goal = {},
          const QString &note = {})
{
    return Row {figure, measure, QStringLiteral("ms"), summarise(doubles(r.value(QLatin1String(key)))), {}, {}, {}, {}, goal, note};
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
    QMap<int, QJsonObject> results; // "cold" and "warm" objects per size
    for (int size : context.options.portfolioSizes) {
        const QString measure = QStringLiteral("portfolio of %L1").arg(size);
        auto ws = workspaces.portfolio(size);
        if (!ws) {
            report.add(unavailableRow(figure, measure, ws.error().toString()));
            continue;
        }
        // Cold first (it stores the entries the warm process then reads), each in a process of
        // its own so that the warm one's peak memory is what a new dashboard process needs.
        QJsonObject both;
        for (const QString &mode : {QStringLiteral("cold"), QStringLiteral("warm")}) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(context.programPath,
                        {QStringLiteral("--child-portfolio"), backend.location(ws->name), QStringLiteral("--child-mode"), mode,
                         QStringLiteral("--repetitions"), QString::number(context.options.repetitions)});
            if (!child.waitForFinished(-1) || child.exitCode() != 0) {
                report.add(unavailableRow(
                    figure, measure, QStringLiteral("the %1 measuring process failed (exit code %2)").arg(mode).arg(child.exitCode())));
                break;
            }
            both.insert(mode, QJsonDocument::fromJson(child.readAllStandardOutput()).object());
        }
        if (both.size() != 2)
            continue;
        results.insert(size, both);
        const QJsonObject cold = both.value(QStringLiteral("cold")).toObject();
        const QJsonObject warm = both.value(QStringLiteral("warm")).toObject();
        const Stats coldStats = summarise(doubles(cold.value(QStringLiteral("cold_ms"))));
        const Goal timeGoal {Goal::Of::Value, Goal::Bound::AtMost, 100, QStringLiteral("≤ 100 ms at 10,000")};
        const Goal memoryGoal {Goal::Of::Value, Goal::Bound::AtMost, 200, QStringLiteral("≤ 200 MB at 10,000")};
        const bool judged = size == 10000;
        const auto goal = [judged](const Goal &g) { return judged ? std::optional(g) : std::nullopt; };
        report.add(Row {figure,
                        QStringLiteral("%1: first load, nothing stored (cold) [%2]").arg(measure, tag),
                        QStringLiteral("ms"),
                        coldStats,
                        {},
                        {},
                        {},
                        {},
                        {},
                        QStringLiteral("%L1 answers; %2 ms per engagement, scoring and storing every entry")
                            .arg(ws->answers)
                            .arg(coldStats.median / size, 0, 'f', 2)});
        report.add(timed(figure, QStringLiteral("%1: first load, entries stored (warm) [%2]").arg(measure, tag), warm, "warm_ms",
                         goal(timeGoal),
                         QStringLiteral("a new process's first load: what the dashboard shows first; scored %1 engagement(s)")
                             .arg(warm.value(QStringLiteral("rescored_warm")).toInt())));
        report.add(timed(figure, QStringLiteral("%1: reload after 1 answer").arg(measure), warm, "changed_ms", goal(timeGoal),
                         QStringLiteral("scored %1 engagement(s); its store is in the rolled-back change, so add the next row")
                             .arg(warm.value(QStringLiteral("rescored_after_change")).toInt())));
        report.add(timed(figure, QStringLiteral("%1: storing 1 changed entry").arg(measure), warm, "store_ms", {},
                         QStringLiteral("PortfolioStore::save of one entry in a transaction of its own")));
        report.add(timed(figure, QStringLiteral("%1: reload, nothing changed").arg(measure), warm, "unchanged_ms"));
        report.add(single(figure, QStringLiteral("%1: opening the workspace").arg(measure), QStringLiteral("ms"),
                          warm.value(QStringLiteral("open_ms")).toDouble(), {},
                          size == context.options.portfolioSizes.last()
                              ? QStringLiteral("Workspace::open, one run (the OS may have the file cached)")
                              : QString()));
        const auto memoryRow = [&](const QJsonObject &r, const QString &what, std::optional<Goal> g) {
            const double peak = r.value(QStringLiteral("peak_rss")).toDouble() / kMiB;
            const double before = r.value(QStringLiteral("rss_before")).toDouble() / kMiB;
            return Row {figure,
                        QStringLiteral("%1: peak memory (RSS), %2").arg(measure, what),
                        QStringLiteral("MB"),
                        Stats {peak, peak, peak, 1},
                        QStringLiteral("before loading"),
                        Stats {before, before, before, 1},
                        {},
                        {},
                        g,
                        {}};
        };
        report.add(memoryRow(warm, QStringLiteral("warm load and reloads"), goal(memoryGoal)));
        report.add(memoryRow(cold, QStringLiteral("cold load"), std::nullopt));
    }
    // Growth: each tenfold step in engagements should cost at most ten times as much.
    const QList<int> sizes = results.keys();
    for (qsizetype i = 1; i < sizes.size(); ++i) {
        const QJsonObject small = results.value(sizes.at(i - 1));
        const QJsonObject big = results.value(sizes.at(i));
        const double factor = double(sizes.at(i)) / sizes.at(i - 1);
        const QString step = QStringLiteral("%L1 → %L2").arg(sizes.at(i - 1)).arg(sizes.at(i));
        const Goal linear {Goal::Of::Ratio, Goal::Bound::AtMost, factor, QStringLiteral("≤ %1× (linear)").arg(factor)};
        for (const auto &[mode, key, what] : {std::tuple {"cold", "cold_ms", "first load, cold"}, std::tuple {"warm", "warm_ms", "first load, warm"},
                                              std::tuple {"warm", "changed_ms", "reload after 1 answer"}}) {
            const QList<double> bigTimes = doubles(big.value(QLatin1String(mode)).toObject().value(QLatin1String(key)));
            const QList<double> smallTimes = doubles(small.value(QLatin1String(mode)).toObject().value(QLatin1String(key)));
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
        const auto added = [](const QJsonObject &r) {
            const QJsonObject warm = r.value(QStringLiteral("warm")).toObject();
            return (warm.value(QStringLiteral("peak_rss")).toDouble() - warm.value(QStringLiteral("rss_before")).toDouble()) / kMiB;
        };
        const double memBig = added(big);
        const double memSmall = added(small);
        report.add(
            Row {figure, QStringLiteral("growth %1: memory added (warm)").arg(step), QStringLiteral("MB"), Stats {memBig, memBig, memBig, 1},
                 QStringLiteral("%L1").arg(sizes.at(i - 1)), Stats {memSmall, memSmall, memSmall, 1}, QStringLiteral("×"),
                 Stats {memBig / std::max(memSmall, 1.0), memBig / std::max(memSmall, 1.0), memBig / std::max(memSmall, 1.0), 1}, linear,
                 memSmall < 1.0 ? QStringLiteral("under 1 MB at %L1 engagements, counted as 1 MB").arg(sizes.at(i - 1)) : QString()});
    }
}

} // namespace

int portfolioChild(const BenchOptions &options, const QString &workspacePath)
{
    const ContentLibrary library = ContentLibrary::builtIn();
    const bool coldMode = options.childPortfolioMode == QLatin1String("cold");
    if (!coldMode && options.childPortfolioMode != QLatin1String("warm")) {
        std::fprintf(stderr, "bulkhead-bench: --child-mode must be cold or warm\n");
        return 2;
    }
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
    const auto fail = [](const Error &e) {
        std::fprintf(stderr, "bulkhead-bench: %s\n", qPrintable(e.toString()));
        return 1;
    };
    std::optional<Error> failed;
    // A load that must succeed and must have stored what it scored.
    const auto load = [&](PortfolioCache &cache) {
        if (auto p = cache.load(ws, library); !p)
            failed = p.error();
        else if (cache.lastStoreError())
            failed = *cache.lastStoreError();
    };
    if (coldMode) {
        QList<double> cold;
        int rescored = 0;
        for (int rep = 0; rep < options.repetitions; ++rep) {
            if (auto cleared = PortfolioStore(ws, library).clear(); !cleared)
                return fail(cleared.error());
            PortfolioCache cache;
            cold.append(timeMs([&] { load(cache); }));
            if (failed)
                return fail(*failed);
            rescored = cache.lastRescored();
        }
        const QJsonObject out {{QStringLiteral("cold_ms"), array(cold)},
                               {QStringLiteral("rescored_cold"), rescored},
                               {QStringLiteral("open_ms"), openMs},
                               {QStringLiteral("rss_before"), double(rssBefore)},
                               {QStringLiteral("peak_rss"), double(peakResidentBytes())}};
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    QList<double> warm, changed, unchanged, stored;
    int rescoredWarm = 0;
    int rescoredChanged = 0;
    for (int rep = 0; rep < options.repetitions; ++rep) {
        PortfolioCache cache; // as a new process has it
        warm.append(timeMs([&] { load(cache); }));
        if (failed)
            return fail(*failed);
        if (!cache.lastReadStored())
            return fail(Error(QStringLiteral("the warm load did not read the stored entries")));
        rescoredWarm = cache.lastRescored();
        unchanged.append(timeMs([&] { load(cache); }));
        if (failed)
            return fail(*failed);
        // What the reload's store costs in a transaction of its own (the one below is rolled
        // back, so it never commits): engagement 1's entry again, through the stored state.
        QSqlQuery q = ws.query();
        if (!q.exec(QStringLiteral("SELECT through_event_id, through_hash FROM portfolio_state")) || !q.next())
            return fail(ws.sqlError(q, QStringLiteral("reading the stored state")));
        const AuditTrailPoint through {q.value(0).toLongLong(), q.value(1).toString()};
        const PortfolioEntry *one = cache.entry(1);
        if (!one)
            return fail(Error(QStringLiteral("engagement 1 has no entry")));
        PortfolioStore store(ws, library);
        std::optional<Error> notStored;
        stored.append(timeMs([&] {
            if (auto s = store.save(through, through, {one}, {}); !s)
                notStored = s.error();
        }));
        if (notStored)
            return fail(*notStored);
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
            changed.append(timeMs([&] { load(cache); }));
            rescoredChanged = cache.lastRescored();
            return rollback;
        });
        if (failed)
            return fail(*failed);
        if (done.ok() || done.error().message != rollback.message)
            return fail(done.ok() ? Error(QStringLiteral("the change was not rolled back")) : done.error());
    }
    const QJsonObject out {{QStringLiteral("warm_ms"), array(warm)},
                           {QStringLiteral("changed_ms"), array(changed)},
                           {QStringLiteral("unchanged_ms"), array(unchanged)},
                           {QStringLiteral("store_ms"), array(stored)},
                           {QStringLiteral("rescored_warm"), rescoredWarm},
                           {QStringLiteral("rescored_after_change"), rescoredChanged},
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
