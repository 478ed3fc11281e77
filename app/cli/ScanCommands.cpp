// import-scan, observations, proposals and proposal accept|reject: scanner output kept as
// evidence and observations, and the answers proposed from it.
#include "CommandLine.h"
#include "Commands.h"

#include "EngagementStore.h"
#include "ScanImport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bulkhead::cli {

namespace {

void printJson(Context &ctx, const QJsonArray &array)
{
    ctx.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    ctx.out.flush();
}

// The engagement must exist before anything is listed, so a mistyped id is an error, not "0 rows".
bool engagementExists(Context &ctx, Workspace &ws, qint64 id)
{
    if (auto e = EngagementStore(ws).get(id); !e) {
        ctx.fail(e.error(), InvalidInput);
        return false;
    }
    return true;
}

QString summary(const ScanImportResult &r)
{
    QStringList statuses;
    for (const char *key : {"pass", "fail", "review", "info"})
        statuses << QStringLiteral("%1 %2").arg(r.byStatus.value(QLatin1String(key))).arg(QLatin1String(key));
    if (const int na = r.byStatus.value(QStringLiteral("not_applicable")))
        statuses << QStringLiteral("%1 not applicable").arg(na);
    const QString tool = r.toolVersion.isEmpty() ? r.tool : r.tool + QLatin1Char(' ') + r.toolVersion;
    return QStringLiteral("imported %1 observation(s) from %2 (%3): %4; %5 linked to questions; %6 answer(s) proposed; kept as evidence %7")
        .arg(r.observations)
        .arg(r.fileName, tool, statuses.join(QStringLiteral(", ")))
        .arg(r.linkedToQuestions)
        .arg(r.proposals.size())
        .arg(r.evidence.id);
}

} // namespace

int runImportScan(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {QStringLiteral("--tool"), QStringLiteral("--collected"), QStringLiteral("--expires-in")}, {});
    if (!args)
        return ctx.usage(args.error().message);
    const auto &pos = args->positionals();
    if (pos.size() != 2 || !args->has(QStringLiteral("--tool")))
        return ctx.usage(QStringLiteral("import-scan needs ENG --tool %1 FILE").arg(scanToolNames().join(QLatin1Char('|'))));
    const auto id = ctx.engagementId(pos.at(0));
    if (!id)
        return UsageError;
    const auto tool = parseScanTool(args->value(QStringLiteral("--tool")));
    if (!tool)
        return ctx.usage(QStringLiteral("--tool '%1' is not one of %2")
                             .arg(args->value(QStringLiteral("--tool")), scanToolNames().join(QStringLiteral(", "))));
    QDate collected;
    if (args->has(QStringLiteral("--collected"))) {
        collected = QDate::fromString(args->value(QStringLiteral("--collected")), Qt::ISODate);
        if (!collected.isValid())
            return ctx.usage(
                QStringLiteral("--collected '%1' is not a date like 2026-03-31").arg(args->value(QStringLiteral("--collected"))));
    }
    int expiryDays = 90;
    if (args->has(QStringLiteral("--expires-in"))) {
        bool ok = false;
        expiryDays = args->value(QStringLiteral("--expires-in")).toInt(&ok);
        if (!ok || expiryDays < 1 || expiryDays > 3650)
            return ctx.usage(QStringLiteral("--expires-in '%1' is not a number of days from 1 to 3650")
                                 .arg(args->value(QStringLiteral("--expires-in"))));
    }
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    auto imported = importScan(*ws, ctx.library(), *id, *tool, pos.at(1), collected, expiryDays);
    if (!imported)
        return ctx.fail(imported.error(), InvalidInput);
    ctx.out << summary(*imported) << Qt::endl;
    return Success;
}

int runObservations(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {}, {QStringLiteral("--json")});
    if (!args)
        return ctx.usage(args.error().message);
    if (args->positionals().size() != 1)
        return ctx.usage(QStringLiteral("observations needs ENG"));
    const auto id = ctx.engagementId(args->positionals().first());
    if (!id)
        return UsageError;
    Workspace *ws = ctx.workspace();
    if (!ws || !engagementExists(ctx, *ws, *id))
        return InvalidInput;
    auto all = observations(*ws, *id);
    if (!all)
        return ctx.fail(all.error(), InvalidInput);
    if (args->has(QStringLiteral("--json"))) {
        QJsonArray array;
        for (const auto &o : *all)
            array.append(toJson(o));
        printJson(ctx, array);
        return Success;
    }
    for (const auto &s : *all) {
        const Observation &o = s.observation;
        ctx.out << s.id << "  " << o.tool << "  " << o.normalisedCheckId << "  " << observationStatusKey(o.status) << "  "
                << (o.severity.isEmpty() ? QStringLiteral("-") : o.severity) << "  "
                << (s.controls.isEmpty() ? QStringLiteral("-") : s.controls.join(QLatin1Char(','))) << '\n';
    }
    ctx.out << all->size() << " observation(s)" << Qt::endl;
    return Success;
}

int runProposals(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {}, {QStringLiteral("--json")});
    if (!args)
        return ctx.usage(args.error().message);
    if (args->positionals().size() != 1)
        return ctx.usage(QStringLiteral("proposals needs ENG"));
    const auto id = ctx.engagementId(args->positionals().first());
    if (!id)
        return UsageError;
    Workspace *ws = ctx.workspace();
    if (!ws || !engagementExists(ctx, *ws, *id))
        return InvalidInput;
    auto all = proposals(*ws, *id);
    if (!all)
        return ctx.fail(all.error(), InvalidInput);
    if (args->has(QStringLiteral("--json"))) {
        QJsonArray array;
        for (const auto &p : *all)
            array.append(toJson(p));
        printJson(ctx, array);
        return Success;
    }
    for (const auto &p : *all)
        ctx.out << p.questionId << "  " << p.value << "  " << proposalStateKey(p.state) << "  " << p.reason << '\n';
    ctx.out << all->size() << " proposal(s)" << Qt::endl;
    return Success;
}

int runProposal(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {}, {});
    if (!args)
        return ctx.usage(args.error().message);
    const auto &pos = args->positionals();
    if (pos.size() != 3 || (pos.first() != QLatin1String("accept") && pos.first() != QLatin1String("reject")))
        return ctx.usage(QStringLiteral("proposal needs: accept|reject ENG QUESTION"));
    const auto id = ctx.engagementId(pos.at(1));
    if (!id)
        return UsageError;
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    const QString &question = pos.at(2);
    if (pos.first() == QLatin1String("accept")) {
        auto saved = acceptProposal(*ws, ctx.library(), *id, question);
        if (!saved)
            return ctx.fail(saved.error(), InvalidInput);
        ctx.out << "accepted: saved " << question << " = " << saved->value << " (" << implementationStatusKey(saved->status)
                << "), revision " << saved->revision << Qt::endl;
        return Success;
    }
    if (auto rejected = rejectProposal(*ws, *id, question); !rejected)
        return ctx.fail(rejected.error(), InvalidInput);
    ctx.out << "rejected the proposal for " << question << "; the answer is unchanged" << Qt::endl;
    return Success;
}

} // namespace bulkhead::cli
