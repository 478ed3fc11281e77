// Commands that create and change engagements: demo, engagement, answer, risk, workflow.
#include "CommandLine.h"
#include "Commands.h"

#include "AnswerStore.h"
#include "DemoWorkspace.h"
#include "EngagementJson.h"
#include "EngagementStore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bulkhead::cli {

int runDemo(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {}, {});
    if (!args)
        return ctx.usage(args.error().message);
    if (!args->positionals().isEmpty())
        return ctx.usage(QStringLiteral("demo takes no arguments"));
    Workspace *ws = ctx.workspace(Context::Create::IfMissing);
    if (!ws)
        return InvalidInput;
    auto ids = buildDemo(*ws, ctx.library());
    if (!ids)
        return ctx.fail(ids.error(), InvalidInput);
    for (qint64 id : *ids)
        ctx.out << id << '\n';
    ctx.out.flush();
    return Success;
}

namespace {

int newEngagement(Context &ctx, const Arguments &args)
{
    for (const char *required : {"--client", "--system", "--csp", "--architecture"}) {
        if (!args.has(QString::fromLatin1(required)))
            return ctx.usage(QStringLiteral("engagement new needs %1").arg(QString::fromLatin1(required)));
    }
    Engagement e;
    e.client = args.value(QStringLiteral("--client"));
    e.system = args.value(QStringLiteral("--system"));
    e.csp = args.value(QStringLiteral("--csp"));
    e.architecture = args.value(QStringLiteral("--architecture"));
    e.impact = args.value(QStringLiteral("--impact"), QStringLiteral("moderate"));
    e.infrastructure = args.value(QStringLiteral("--infrastructure"), QStringLiteral("traditional"));
    e.serviceModel = args.value(QStringLiteral("--service-model"), QStringLiteral("caas"));
    e.assessor = args.value(QStringLiteral("--assessor"), Workspace::defaultActor());
    e.reviewer = args.value(QStringLiteral("--reviewer"));
    e.baselineProfile = args.value(QStringLiteral("--baseline"));
    for (const auto &[option, date] :
         {std::pair {QStringLiteral("--period-start"), &e.periodStart}, std::pair {QStringLiteral("--period-end"), &e.periodEnd}}) {
        if (!args.has(option))
            continue;
        *date = QDate::fromString(args.value(option), Qt::ISODate);
        if (!date->isValid())
            return ctx.usage(QStringLiteral("%1 '%2' is not a date (YYYY-MM-DD)").arg(option, args.value(option)));
    }
    const auto checks = {std::pair {e.architecture, &engagement_values::architectures}, std::pair {e.impact, &engagement_values::impacts},
                         std::pair {e.infrastructure, &engagement_values::infrastructures},
                         std::pair {e.serviceModel, &engagement_values::serviceModels}};
    for (const auto &[value, allowed] : checks) {
        if (!allowed().contains(value))
            return ctx.usage(QStringLiteral("'%1' is not one of %2").arg(value, allowed().join(QLatin1Char('|'))));
    }
    Workspace *ws = ctx.workspace(Context::Create::IfMissing);
    if (!ws)
        return InvalidInput;
    auto id = EngagementStore(*ws).create(e, ctx.library());
    if (!id)
        return ctx.fail(id.error(), InvalidInput);
    ctx.out << *id << Qt::endl;
    return Success;
}

int listEngagements(Context &ctx, const Arguments &args)
{
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    auto all = EngagementStore(*ws).list();
    if (!all)
        return ctx.fail(all.error(), InvalidInput);
    if (args.has(QStringLiteral("--json"))) {
        QJsonArray array;
        for (const auto &e : *all)
            array.append(toJson(e));
        ctx.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        ctx.out.flush();
        return Success;
    }
    // Long names are cut with an ellipsis so the columns stay aligned; --json has them in full.
    auto column = [](const QString &text, int width) {
        return text.size() > width ? text.left(width - 1) + QChar(0x2026) : text.leftJustified(width);
    };
    ctx.out << QStringLiteral("%1  %2 %3 %4 %5 %6 %7\n")
                   .arg(QStringLiteral("ID").rightJustified(4), column(QStringLiteral("CLIENT"), 26), column(QStringLiteral("SYSTEM"), 24),
                        column(QStringLiteral("CSP"), 26), column(QStringLiteral("ARCH"), 7), column(QStringLiteral("PERIOD"), 22),
                        QStringLiteral("STATUS"));
    for (const auto &e : *all) {
        const QString period = e.periodStart.isValid() || e.periodEnd.isValid()
            ? QStringLiteral("%1..%2").arg(e.periodStart.toString(Qt::ISODate), e.periodEnd.toString(Qt::ISODate))
            : QStringLiteral("-");
        ctx.out << QStringLiteral("%1  %2 %3 %4 %5 %6 %7\n")
                       .arg(QString::number(e.id).rightJustified(4), column(e.client, 26), column(e.system, 24), column(e.csp, 26),
                            column(e.architecture, 7), column(period, 22), engagementStatusKey(e.status));
    }
    ctx.out.flush();
    return Success;
}

} // namespace

int runEngagement(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words,
                                 {QStringLiteral("--client"), QStringLiteral("--system"), QStringLiteral("--csp"),
                                  QStringLiteral("--architecture"), QStringLiteral("--impact"), QStringLiteral("--infrastructure"),
                                  QStringLiteral("--service-model"), QStringLiteral("--assessor"), QStringLiteral("--reviewer"),
                                  QStringLiteral("--period-start"), QStringLiteral("--period-end"), QStringLiteral("--baseline")},
                                 {QStringLiteral("--json")});
    if (!args)
        return ctx.usage(args.error().message);
    const QString sub = args->positionals().value(0);
    if (args->positionals().size() != 1 || (sub != QLatin1String("new") && sub != QLatin1String("list")))
        return ctx.usage(QStringLiteral("engagement needs 'new' or 'list'"));
    return sub == QLatin1String("new") ? newEngagement(ctx, *args) : listEngagements(ctx, *args);
}

int runAnswer(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(
        words, {QStringLiteral("--note"), QStringLiteral("--method"), QStringLiteral("--interviewee"), QStringLiteral("--expect-revision")},
        {});
    if (!args)
        return ctx.usage(args.error().message);
    if (args->positionals().size() != 3)
        return ctx.usage(QStringLiteral("answer needs ENG QUESTION VALUE"));
    const auto id = ctx.engagementId(args->positionals().at(0));
    if (!id)
        return UsageError;
    AnswerInput input {args->positionals().at(1), args->positionals().at(2), args->value(QStringLiteral("--note")),
                       args->value(QStringLiteral("--method")), args->value(QStringLiteral("--interviewee"))};
    if (args->has(QStringLiteral("--expect-revision"))) {
        bool ok = false;
        const int expected = args->value(QStringLiteral("--expect-revision")).toInt(&ok);
        if (!ok || expected < 0)
            return ctx.usage(QStringLiteral("--expect-revision '%1' is not a revision (0 for no answer yet, else the revision "
                                            "'answer' last printed)")
                                 .arg(args->value(QStringLiteral("--expect-revision"))));
        input.expectedRevision = expected;
    }
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    auto saved = AnswerStore(*ws).save(*id, input, ctx.library());
    if (!saved)
        return ctx.fail(saved.error(), saved.error().kind == ErrorKind::Conflict ? Conflict : InvalidInput);
    const QString status = saved->status == ImplementationStatus::Informational
        ? QString()
        : QStringLiteral(" (%1)").arg(implementationStatusKey(saved->status));
    ctx.out << "saved " << saved->questionId << " = " << saved->value << status << ", revision " << saved->revision << Qt::endl;
    return Success;
}

int runRisk(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {QStringLiteral("--likelihood"), QStringLiteral("--impact"), QStringLiteral("--rationale")}, {});
    if (!args)
        return ctx.usage(args.error().message);
    if (args->positionals().size() != 3 || args->positionals().at(0) != QLatin1String("override"))
        return ctx.usage(QStringLiteral("risk needs: override ENG RISK"));
    const auto id = ctx.engagementId(args->positionals().at(1));
    if (!id)
        return UsageError;
    if (args->value(QStringLiteral("--rationale")).trimmed().isEmpty())
        return ctx.usage(QStringLiteral("risk override needs --rationale"));
    if (!args->has(QStringLiteral("--likelihood")) && !args->has(QStringLiteral("--impact")))
        return ctx.usage(QStringLiteral("risk override needs --likelihood, --impact or both"));
    RiskOverride o;
    o.engagementId = *id;
    o.riskId = args->positionals().at(2);
    o.rationale = args->value(QStringLiteral("--rationale"));
    for (const auto &[option, target] :
         {std::pair {QStringLiteral("--likelihood"), &o.likelihood}, std::pair {QStringLiteral("--impact"), &o.impact}}) {
        if (!args->has(option))
            continue;
        *target = parseLevel(args->value(option));
        if (!*target)
            return ctx.usage(QStringLiteral("%1 '%2' is not one of very_low|low|moderate|high|very_high").arg(option, args->value(option)));
    }
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    if (auto done = AnswerStore(*ws).setRiskOverride(o, ctx.library()); !done)
        return ctx.fail(done.error(), InvalidInput);
    ctx.out << "overrode " << o.riskId << Qt::endl;
    return Success;
}

int runWorkflow(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {QStringLiteral("--reason")}, {});
    if (!args)
        return ctx.usage(args.error().message);
    if (args->positionals().size() != 2)
        return ctx.usage(QStringLiteral("workflow needs ENG and one of submit, approve, reopen"));
    const auto id = ctx.engagementId(args->positionals().at(0));
    if (!id)
        return UsageError;
    const QString step = args->positionals().at(1);
    if (step != QLatin1String("submit") && step != QLatin1String("approve") && step != QLatin1String("reopen"))
        return ctx.usage(QStringLiteral("'%1' is not a workflow step (submit, approve, reopen)").arg(step));
    if (step == QLatin1String("reopen") && args->value(QStringLiteral("--reason")).trimmed().isEmpty())
        return ctx.usage(QStringLiteral("workflow reopen needs --reason"));
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    EngagementStore store(*ws);
    const Status done = step == QLatin1String("submit") ? store.submit(*id)
        : step == QLatin1String("approve")              ? store.approve(*id)
                                                        : store.reopen(*id, args->value(QStringLiteral("--reason")));
    if (!done)
        return ctx.fail(done.error(), InvalidInput);
    auto e = store.get(*id);
    if (!e)
        return ctx.fail(e.error(), InvalidInput);
    ctx.out << "engagement " << *id << " is now " << engagementStatusKey(e->status);
    if (!e->approvedContentHash.isEmpty())
        ctx.out << " (content hash " << e->approvedContentHash << ")";
    ctx.out << Qt::endl;
    return Success;
}

} // namespace bulkhead::cli
