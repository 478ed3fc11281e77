// evidence add|list|verify: files attached to engagements, questions and controls.
#include "CommandLine.h"
#include "Commands.h"

#include "EngagementJson.h"
#include "EngagementStore.h"
#include "EvidenceStore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bulkhead::cli {

namespace {

std::optional<QDate> dateOption(Context &ctx, const Arguments &args, const QString &option, int &code)
{
    if (!args.has(option))
        return QDate();
    const QDate day = QDate::fromString(args.value(option), Qt::ISODate);
    if (!day.isValid()) {
        code = ctx.usage(QStringLiteral("%1 '%2' is not a date like 2026-03-31").arg(option, args.value(option)));
        return std::nullopt;
    }
    return day;
}

QString placeOf(const EvidenceItem &e)
{
    QStringList where;
    if (!e.questionId.isEmpty())
        where << QStringLiteral("question %1").arg(e.questionId);
    if (!e.controlId.isEmpty())
        where << QStringLiteral("control %1").arg(e.controlId);
    return where.isEmpty() ? QStringLiteral("the engagement") : where.join(QStringLiteral(" and "));
}

int addEvidence(Context &ctx, const Arguments &args, qint64 id)
{
    if (args.positionals().size() != 3)
        return ctx.usage(QStringLiteral("evidence add needs ENG FILE"));
    int code = Success;
    const auto collected = dateOption(ctx, args, QStringLiteral("--collected"), code);
    if (!collected)
        return code;
    const auto expires = dateOption(ctx, args, QStringLiteral("--expires"), code);
    if (!expires)
        return code;
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    EvidenceInput input {
        id,      args.positionals().at(2), args.value(QStringLiteral("--question")), args.value(QStringLiteral("--control")), *collected,
        *expires};
    auto added = EvidenceStore(*ws).add(input, ctx.library());
    if (!added)
        return ctx.fail(added.error(), InvalidInput);
    const EvidenceItem &e = added->item;
    ctx.out << (added->alreadyAttached ? "already attached as evidence " : "attached evidence ") << e.id << ": " << e.fileName << " ("
            << e.size << " bytes, " << e.mediaType << ") to " << placeOf(e) << ", sha256 " << e.sha256 << Qt::endl;
    return Success;
}

int listEvidence(Context &ctx, const Arguments &args, qint64 id)
{
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    if (auto e = EngagementStore(*ws).get(id); !e)
        return ctx.fail(e.error(), InvalidInput);
    auto items = EvidenceStore(*ws).list(id);
    if (!items)
        return ctx.fail(items.error(), InvalidInput);
    if (args.has(QStringLiteral("--json"))) {
        QJsonArray array;
        for (const auto &e : *items)
            array.append(toJson(e));
        ctx.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        ctx.out.flush();
        return Success;
    }
    const QDate today = ws->now().toUTC().date();
    for (const auto &e : *items) {
        ctx.out << e.id << "  " << e.fileName << "  " << e.size << " bytes  " << e.mediaType << "  " << placeOf(e) << "  collected "
                << e.collectedOn.toString(Qt::ISODate);
        if (e.expiresOn.isValid())
            ctx.out << (e.expiredOn(today) ? "  EXPIRED " : "  expires ") << e.expiresOn.toString(Qt::ISODate);
        ctx.out << "  sha256 " << e.sha256 << '\n';
    }
    ctx.out << items->size() << " evidence file(s)" << Qt::endl;
    return Success;
}

int verifyEvidence(Context &ctx, qint64 id)
{
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    if (auto e = EngagementStore(*ws).get(id); !e)
        return ctx.fail(e.error(), InvalidInput);
    auto verified = EvidenceStore(*ws).verify(id);
    if (!verified)
        return ctx.fail(verified.error(), InvalidInput);
    if (!verified->ok()) {
        for (const QString &m : verified->mismatches)
            ctx.out << "evidence BROKEN: " << m << '\n';
        ctx.out << verified->mismatches.size() << " of " << verified->checked << " evidence file(s) do not match" << Qt::endl;
        return ProblemsFound;
    }
    ctx.out << "evidence intact: " << verified->checked << " file(s) checked" << Qt::endl;
    return Success;
}

} // namespace

int runEvidence(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(
        words, {QStringLiteral("--question"), QStringLiteral("--control"), QStringLiteral("--expires"), QStringLiteral("--collected")},
        {QStringLiteral("--json")});
    if (!args)
        return ctx.usage(args.error().message);
    const auto &pos = args->positionals();
    if (pos.size() < 2)
        return ctx.usage(QStringLiteral("evidence needs: add ENG FILE | list ENG | verify ENG"));
    const auto id = ctx.engagementId(pos.at(1));
    if (!id)
        return UsageError;
    if (pos.first() == QLatin1String("add"))
        return addEvidence(ctx, *args, *id);
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("evidence %1 needs only ENG").arg(pos.first()));
    if (pos.first() == QLatin1String("list"))
        return listEvidence(ctx, *args, *id);
    if (pos.first() == QLatin1String("verify"))
        return verifyEvidence(ctx, *id);
    return ctx.usage(QStringLiteral("evidence needs: add ENG FILE | list ENG | verify ENG"));
}

} // namespace bulkhead::cli
