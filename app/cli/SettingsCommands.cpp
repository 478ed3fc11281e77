// settings set|list: the workspace's shared settings (report branding, POA&M due days).
#include "CommandLine.h"
#include "Commands.h"

#include "Levels.h"
#include "Scoring.h"
#include "WorkspaceSettings.h"

namespace bulkhead::cli {

int runSettings(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {}, {});
    if (!args)
        return ctx.usage(args.error().message);
    const QStringList &pos = args->positionals();
    const bool set = pos.size() == 3 && pos.at(0) == QLatin1String("set");
    const bool list = pos.size() == 1 && pos.at(0) == QLatin1String("list");
    if (!set && !list)
        return ctx.usage(QStringLiteral("settings needs 'set KEY VALUE' or 'list'"));
    if (set && !WorkspaceSettings::knownKeys().contains(pos.at(1)))
        return ctx.usage(QStringLiteral("'%1' is not a setting (known: %2)")
                             .arg(pos.at(1), WorkspaceSettings::knownKeys().keys().join(QStringLiteral(", "))));
    Workspace *ws = ctx.workspace(set ? Context::Create::IfMissing : Context::Create::No);
    if (!ws)
        return InvalidInput;
    WorkspaceSettings settings(*ws);
    if (set) {
        if (auto saved = settings.set(pos.at(1), pos.at(2)); !saved)
            return ctx.fail(saved.error(), InvalidInput);
        ctx.out << "set " << pos.at(1) << Qt::endl;
        return Success;
    }
    auto all = settings.all();
    if (!all)
        return ctx.fail(all.error(), InvalidInput);
    for (auto it = WorkspaceSettings::knownKeys().cbegin(); it != WorkspaceSettings::knownKeys().cend(); ++it) {
        QString value = all->value(it.key());
        if (it.key() == QLatin1String("report.logo") && !value.isEmpty())
            value = QStringLiteral("(PNG, %1 bytes)").arg(QByteArray::fromBase64(value.toLatin1()).size());
        // An unset due-days key is not "nothing": say which default is in force.
        if (const auto level = parseLevel(it.key().section(QLatin1Char('.'), 2)); value.isEmpty() && level)
            value = QStringLiteral("(not set: %1 days)").arg(PoamPolicy().dueDays.value(*level));
        ctx.out << it.key() << " = " << (value.isEmpty() ? QStringLiteral("(not set)") : value) << '\n';
    }
    ctx.out.flush();
    return Success;
}

} // namespace bulkhead::cli
