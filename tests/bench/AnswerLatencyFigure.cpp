// Figure 1: saving one answer and rescoring its engagement, as the interview does on every key
// press, against the floor: one row changed and committed durably in a bare SQLite file with the
// workspace's own journal and durability settings. Saves and floor commits alternate, so both
// see the same disk at the same time.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "Figures.h"
#include "StoredEngagement.h"
#include "SyntheticWorkspace.h"
#include "WorkspaceBackend.h"

#include <cstdio>

namespace bulkhead::bench {

namespace {

// A yes/no question of the engagement that is answered and sets no fact, so changing it moves
// scores but never what is visible.
QString questionToChange(const StoredEngagement &stored)
{
    for (const auto &a : stored.answers) {
        const Question *q = stored.content.question(a.questionId);
        if (q && q->type == QuestionType::YesNo && q->sets.isEmpty() && !q->controls.isEmpty())
            return q->id;
    }
    return {};
}

void measureOn(const BenchContext &context, const WorkspaceBackend &backend, BenchReport &report)
{
    const QString figure = QStringLiteral("1");
    const QString tag = backend.name();
    if (const auto why = backend.unavailable()) {
        report.add(unavailableRow(figure, QStringLiteral("save + rescore 1 answer [%1]").arg(tag), *why));
        return;
    }
    SyntheticWorkspaces workspaces(backend, context.library);
    auto source = workspaces.portfolio(10);
    if (!source) {
        report.add(unavailableRow(figure, QStringLiteral("save + rescore 1 answer [%1]").arg(tag), source.error().toString()));
        return;
    }
    const QString scratch = QStringLiteral("latency-scratch");
    // Per run: p50 and p99 of each way, and of the floor measured between them.
    QList<double> p50, p99, memoryP50, memoryP99, floorP50, floorP99, saveP50, rescoreP50, memoryRescoreP50;
    qsizetype answerCount = 0;
    for (int rep = 0; rep < context.options.repetitions; ++rep) {
        if (auto copied = backend.copy(source->name, scratch); !copied) {
            report.add(unavailableRow(figure, QStringLiteral("save + rescore 1 answer [%1]").arg(tag), copied.error().toString()));
            return;
        }
        auto ws = backend.open(scratch);
        auto floor = backend.floor(QStringLiteral("latency"));
        if (!ws || !floor) {
            report.add(unavailableRow(figure, QStringLiteral("save + rescore 1 answer [%1]").arg(tag),
                                      (!ws ? ws.error() : floor.error()).toString()));
            return;
        }
        const qint64 id = source->latencyEngagement;
        auto stored = loadAndScore(**ws, context.library, id);
        if (!stored) {
            report.add(unavailableRow(figure, QStringLiteral("save + rescore 1 answer [%1]").arg(tag), stored.error().toString()));
            return;
        }
        answerCount = stored->answers.size();
        const QString question = questionToChange(*stored);
        AnswerStore answers(**ws);
        const QStringList values {QStringLiteral("yes"), QStringLiteral("partial"), QStringLiteral("no")};
        QList<double> total, inMemory, floorTimes, saveTimes, rescoreTimes, memoryRescoreTimes;
        const int warmUp = 5;
        std::optional<Error> failed;
        const auto input = [&](int i) {
            return AnswerInput {question, values.at(i % values.size()), QStringLiteral("Changed during the benchmark, sample %1.").arg(i),
                                QStringLiteral("interview"), QStringLiteral("J. Okafor, platform engineering lead")};
        };
        for (int i = 0; i < warmUp + context.options.latencySamples && !failed; ++i) {
            // As the GUI does today: save, then read and score the engagement again.
            Stopwatch watch;
            auto saved = answers.save(id, input(2 * i), context.library);
            const double saveMs = watch.elapsedMs();
            auto rescored = loadAndScore(**ws, context.library, id);
            const double totalMs = watch.elapsedMs();
            // Save, then score again in memory (rescoreWithAnswer).
            watch.restart();
            auto savedAgain = answers.save(id, input(2 * i + 1), context.library);
            const double saveAgainMs = watch.elapsedMs();
            auto again = savedAgain && rescored ? rescoreWithAnswer(**ws, context.library, std::move(*rescored), *savedAgain)
                                                : Result<StoredEngagement>(Error {QStringLiteral("not saved")});
            const double inMemoryMs = watch.elapsedMs();
            const double memoryRescoreMs = inMemoryMs - saveAgainMs;
            const Stopwatch floorWatch;
            auto committed = (*floor)->commitOneRow();
            const double floorMs = floorWatch.elapsedMs();
            if (!saved || !savedAgain || !again || !committed) {
                failed = !saved ? saved.error() : !savedAgain ? savedAgain.error() : !again ? again.error() : committed.error();
                break;
            }
            if (i < warmUp)
                continue;
            total.append(totalMs);
            inMemory.append(inMemoryMs);
            saveTimes.append(saveMs);
            saveTimes.append(saveAgainMs);
            rescoreTimes.append(totalMs - saveMs);
            memoryRescoreTimes.append(memoryRescoreMs);
            floorTimes.append(floorMs);
        }
        if (failed) {
            report.add(unavailableRow(figure, QStringLiteral("save + rescore 1 answer [%1]").arg(tag), failed->toString()));
            return;
        }
        p50.append(percentile(total, 50));
        p99.append(percentile(total, 99));
        memoryP50.append(percentile(inMemory, 50));
        memoryP99.append(percentile(inMemory, 99));
        floorP50.append(percentile(floorTimes, 50));
        floorP99.append(percentile(floorTimes, 99));
        saveP50.append(percentile(saveTimes, 50));
        rescoreP50.append(percentile(rescoreTimes, 50));
        memoryRescoreP50.append(percentile(memoryRescoreTimes, 50));
    }
    backend.remove(scratch);
    const Goal goal {Goal::Of::Ratio, Goal::Bound::AtMost, 2.0, QStringLiteral("≤ 2× floor")};
    const QString sampleNote = QStringLiteral("%1 saves per run in an engagement of %2 answers; floor: %3")
                                   .arg(context.options.latencySamples)
                                   .arg(answerCount)
                                   .arg(backend.floorDescription());
    const auto row = [&](const QString &measure, const QList<double> &values, const QString &against, const QList<double> &floorValues,
                         const QString &note) {
        report.add(Row {figure, measure, QStringLiteral("ms"), summarise(values), against, summarise(floorValues), QStringLiteral("×"),
                        ratioOf(values, floorValues), goal, note});
    };
    row(QStringLiteral("save + rescore 1 answer, p50 [%1]").arg(tag), p50, QStringLiteral("floor: 1-row commit, p50"), floorP50,
        sampleNote);
    row(QStringLiteral("save + rescore 1 answer, p99 [%1]").arg(tag), p99, QStringLiteral("floor: 1-row commit, p99"), floorP99, {});
    row(QStringLiteral("save + rescore in memory, p50 [%1]").arg(tag), memoryP50, QStringLiteral("floor: 1-row commit, p50"), floorP50,
        QStringLiteral("rescoreWithAnswer instead of loadAndScore after the save (not yet used by the GUI)"));
    row(QStringLiteral("save + rescore in memory, p99 [%1]").arg(tag), memoryP99, QStringLiteral("floor: 1-row commit, p99"), floorP99, {});
    const auto part = [&](const QString &measure, const QList<double> &values) {
        report.add(Row {figure, measure, QStringLiteral("ms"), summarise(values), {}, {}, {}, {}, {}, {}});
    };
    part(QStringLiteral("  the save alone, p50"), saveP50);
    part(QStringLiteral("  loadAndScore alone, p50"), rescoreP50);
    part(QStringLiteral("  rescoreWithAnswer alone, p50"), memoryRescoreP50);
}

} // namespace

void answerLatencyFigure(const BenchContext &context, BenchReport &report)
{
    for (const auto *backend : context.backends)
        measureOn(context, *backend, report);
}

} // namespace bulkhead::bench
