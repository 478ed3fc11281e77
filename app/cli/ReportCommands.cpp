// Commands that read and check: score and audit verify.
#include "CommandLine.h"
#include "Commands.h"

#include "AuditTrail.h"
#include "EngagementStore.h"
#include "ScoreJson.h"
#include "ScoreSummaryText.h"
#include "StoredEngagement.h"

#include <QJsonDocument>

namespace bulkhead::cli {

int runScore(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {}, {QStringLiteral("--json")});
    if (!args)
        return ctx.usage(args.error().message);
    if (args->positionals().size() != 1)
        return ctx.usage(QStringLiteral("score needs ENG"));
    const auto id = ctx.engagementId(args->positionals().at(0));
    if (!id)
        return UsageError;
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    auto scored = loadAndScore(*ws, ctx.library(), *id);
    if (!scored)
        return ctx.fail(scored.error(), InvalidInput);
    if (args->has(QStringLiteral("--json")))
        ctx.out << QString::fromUtf8(QJsonDocument(scoreCardToJson(scored->engagement, scored->card)).toJson(QJsonDocument::Indented));
    else
        ctx.out << scoreSummaryText(scored->engagement, scored->card);
    ctx.out.flush();
    return Success;
}

int runAudit(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {}, {});
    if (!args)
        return ctx.usage(args.error().message);
    const auto &pos = args->positionals();
    if (pos.isEmpty() || pos.first() != QLatin1String("verify") || pos.size() > 2)
        return ctx.usage(QStringLiteral("audit needs: verify [ENG]"));
    std::optional<qint64> id;
    if (pos.size() == 2) {
        id = ctx.engagementId(pos.at(1));
        if (!id)
            return UsageError;
    }
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    AuditTrail trail(*ws);
    if (id) {
        if (auto e = EngagementStore(*ws).get(*id); !e)
            return ctx.fail(e.error(), InvalidInput);
    }
    auto verified = trail.verify();
    if (!verified)
        return ctx.fail(verified.error(), InvalidInput);
    // The chain is one for the whole workspace: an engagement's events are only as
    // trustworthy as every event before them, so the whole chain is always walked.
    if (!verified->ok()) {
        if (verified->firstBrokenEvent)
            ctx.out << "audit trail BROKEN at event " << *verified->firstBrokenEvent << ": " << verified->problem << Qt::endl;
        else
            ctx.out << "audit trail BROKEN: " << verified->problem << Qt::endl;
        return ProblemsFound;
    }
    ctx.out << "audit trail intact: " << verified->eventsChecked << " event(s) checked";
    if (id) {
        auto events = trail.events(*id);
        if (!events)
            return ctx.fail(events.error(), InvalidInput);
        ctx.out << ", " << events->size() << " of them for engagement " << *id;
    }
    ctx.out << Qt::endl;
    return Success;
}

} // namespace bulkhead::cli
