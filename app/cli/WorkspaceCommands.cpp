// workspace backup|backups|restore: copies of the workspace file, made with SQLite's backup API
// (WorkspaceBackups), and putting one back.
#include "CommandLine.h"
#include "Commands.h"

#include "AuditTrail.h"
#include "WorkspaceBackups.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

namespace bulkhead::cli {

namespace {

int backUpNow(Context &ctx, const Arguments &args)
{
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    if (args.has(QStringLiteral("--output"))) {
        const QString output = args.value(QStringLiteral("--output"));
        if (auto copied = WorkspaceBackups::copy(ws->path(), output); !copied)
            return ctx.fail(copied.error(), InvalidInput);
        ctx.out << "backed up " << ws->path() << " to " << output << " (" << QFileInfo(output).size() << " bytes)" << Qt::endl;
        return Success;
    }
    auto made = WorkspaceBackups::backUp(*ws, QStringLiteral("manual"));
    if (!made)
        return ctx.fail(made.error(), InvalidInput);
    ctx.out << "backed up " << ws->path() << " to " << made->path << " (" << made->bytes << " bytes)" << Qt::endl;
    return Success;
}

int listBackups(Context &ctx)
{
    auto all = WorkspaceBackups::list(ctx.workspacePath);
    if (!all)
        return ctx.fail(all.error(), InvalidInput);
    if (all->isEmpty())
        ctx.out << "no backups of " << ctx.workspacePath << " yet (they go to " << WorkspaceBackups::folderFor(ctx.workspacePath)
                << ")\n";
    for (const auto &b : *all)
        ctx.out << b.madeAt.toString(Qt::ISODate) << "  " << b.reason << "  " << b.bytes << " bytes  " << b.path << '\n';
    ctx.out.flush();
    return Success;
}

int restoreFrom(Context &ctx, const QString &backup)
{
    // Not opened first: the restore replaces the file, and opening may make the day's copy.
    auto restored = WorkspaceBackups::restore(backup, ctx.workspacePath, QDateTime::currentDateTimeUtc());
    if (!restored)
        return ctx.fail(restored.error(), InvalidInput);
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    // The restored trail records that it was restored, and from which bytes.
    QFile file(backup);
    QByteArray sha;
    if (file.open(QIODevice::ReadOnly))
        sha = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
    const QJsonObject after {{QStringLiteral("from"), QFileInfo(backup).fileName()},
                             {QStringLiteral("sha256"), QString::fromLatin1(sha)},
                             {QStringLiteral("previous_kept_as"), QFileInfo(restored->previousKeptAs).fileName()}};
    if (auto logged = ws->write([&] { return AuditTrail(*ws).append(std::nullopt, QStringLiteral("workspace.restore"),
                                                                     QStringLiteral("workspace"), {}, after); });
        !logged)
        return ctx.fail(logged.error(), InvalidInput);
    ctx.out << "restored " << ctx.workspacePath << " from " << restored->restoredFrom << '\n';
    if (!restored->previousKeptAs.isEmpty())
        ctx.out << "the workspace as it was is kept in " << restored->previousKeptAs << '\n';
    ctx.out.flush();
    return Success;
}

} // namespace

int runWorkspace(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {QStringLiteral("--output")}, {});
    if (!args)
        return ctx.usage(args.error().message);
    const QStringList &pos = args->positionals();
    if (pos.size() == 1 && pos.at(0) == QLatin1String("backup"))
        return backUpNow(ctx, *args);
    if (pos.size() == 1 && pos.at(0) == QLatin1String("backups"))
        return listBackups(ctx);
    if (pos.size() == 2 && pos.at(0) == QLatin1String("restore"))
        return restoreFrom(ctx, pos.at(1));
    return ctx.usage(QStringLiteral("workspace needs 'backup [--output FILE]', 'backups' or 'restore FILE'"));
}

} // namespace bulkhead::cli
