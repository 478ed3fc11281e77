// Figure 2: scoring throughput. "score" is the pure computation (controls, families, risks and
// POA&M) on engagements already in memory; "load + score" also reads each one from the workspace
// (loadAndScore), as every view and report does.
#include "ContentLibrary.h"
#include "Figures.h"
#include "Scoring.h"
#include "StoredEngagement.h"
#include "SyntheticWorkspace.h"
#include "WorkspaceBackend.h"

namespace bulkhead::bench {

void scoringFigure(const BenchContext &context, BenchReport &report)
{
    const QString figure = QStringLiteral("2");
    SyntheticWorkspaces workspaces(context.files, context.library);
    auto source = workspaces.portfolio(100);
    if (!source) {
        report.add(unavailableRow(figure, QStringLiteral("scoring throughput"), source.error().toString()));
        return;
    }
    auto ws = context.files.open(source->name);
    if (!ws) {
        report.add(unavailableRow(figure, QStringLiteral("scoring throughput"), ws.error().toString()));
        return;
    }
    QList<StoredEngagement> loaded;
    for (qint64 id = 1; id <= source->engagements; ++id) {
        auto stored = loadAndScore(**ws, context.library, id);
        if (!stored) {
            report.add(unavailableRow(figure, QStringLiteral("scoring throughput"), stored.error().toString()));
            return;
        }
        loaded.append(std::move(*stored));
    }
    QList<ScoringInput> inputs;
    for (const auto &s : loaded) {
        ScoringInput in {&s.content, s.engagement, s.answers, s.overrides, PoamPolicy(), {}};
        inputs.append(in);
    }
    const double budgetMs = context.options.quick ? 300 : 1000;
    QList<double> scorePerSecond, loadPerSecond;
    int checksum = 0;
    for (int rep = 0; rep < context.options.repetitions; ++rep) {
        int scored = 0;
        const Stopwatch watch;
        while (watch.elapsedMs() < budgetMs) {
            for (const auto &in : inputs) {
                checksum += scoreEngagement(in).poam.size();
                ++scored;
            }
        }
        scorePerSecond.append(scored / (watch.elapsedMs() / 1000));
        int read = 0;
        const Stopwatch loadWatch;
        while (loadWatch.elapsedMs() < budgetMs) {
            for (qint64 id = 1; id <= source->engagements; ++id) {
                auto stored = loadAndScore(**ws, context.library, id);
                checksum += stored ? static_cast<int>(stored->card.poam.size()) : 0;
                ++read;
            }
        }
        loadPerSecond.append(read / (loadWatch.elapsedMs() / 1000));
    }
    qint64 answers = 0;
    for (const auto &s : loaded)
        answers += s.answers.size();
    const QString note = QStringLiteral("%1 engagements, %2 answers on average (checksum %3)")
                             .arg(loaded.size())
                             .arg(loaded.isEmpty() ? 0 : answers / loaded.size())
                             .arg(checksum % 1000);
    report.add(Row {figure,
                    QStringLiteral("engagements scored per second"),
                    QStringLiteral("/s"),
                    summarise(scorePerSecond),
                    {},
                    {},
                    {},
                    {},
                    {},
                    note});
    report.add(Row {figure,
                    QStringLiteral("engagements read and scored per second"),
                    QStringLiteral("/s"),
                    summarise(loadPerSecond),
                    {},
                    {},
                    {},
                    {},
                    {},
                    {}});
}

} // namespace bulkhead::bench
