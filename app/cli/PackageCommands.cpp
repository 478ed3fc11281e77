// package export|verify|import: an engagement carried between workspaces as one signed file.
#include "CommandLine.h"
#include "Commands.h"

#include "Package.h"
#include "PackageExport.h"
#include "PackageImport.h"
#include "PackageSigning.h"

#include <QFileInfo>

namespace bulkhead::cli {

namespace {

const QString kUsage = QStringLiteral("package needs: export ENG --output FILE | verify FILE | import FILE [--as-round-of ENG]");

int exportEngagement(Context &ctx, const Arguments &args)
{
    if (args.positionals().size() != 2 || !args.has(QStringLiteral("--output")))
        return ctx.usage(QStringLiteral("package export needs ENG --output FILE"));
    const auto id = ctx.engagementId(args.positionals().at(1));
    if (!id)
        return UsageError;
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    auto key = PackageSigning::loadOrCreate();
    if (!key)
        return ctx.fail(key.error(), InvalidInput);
    if (key->created)
        ctx.out << "created signing key " << key->file << Qt::endl;
    const QString output = args.value(QStringLiteral("--output"));
    auto written = exportPackage(*ws, ctx.library(), *id, output, *key);
    if (!written)
        return ctx.fail(written.error(), InvalidInput);
    ctx.out << "wrote " << output << " (" << written->bytes << " bytes, " << written->entries << " entries, " << written->evidenceFiles
            << " evidence file(s))\n"
            << "signer fingerprint: " << written->signerFingerprint << Qt::endl;
    return Success;
}

// A package that fails a check is a problem found (1); one that cannot be read at all is
// invalid input (3).
std::optional<VerifiedPackage> verified(Context &ctx, const QString &file, int &code)
{
    if (!QFileInfo(file).isFile()) {
        code = ctx.fail(Error {QStringLiteral("there is no package file here"), file}, InvalidInput);
        return std::nullopt;
    }
    auto package = verifyPackage(file);
    if (!package) {
        code = ctx.fail(package.error(), ProblemsFound);
        return std::nullopt;
    }
    return *package;
}

int verifyFile(Context &ctx, const Arguments &args)
{
    if (args.positionals().size() != 2)
        return ctx.usage(QStringLiteral("package verify needs FILE"));
    int code = Success;
    const auto package = verified(ctx, args.positionals().at(1), code);
    if (!package)
        return code;
    const QJsonObject e = package->manifest().value(QStringLiteral("engagement")).toObject();
    ctx.out << "package intact: signature and " << package->files().size() << " file hash(es) verified\n"
            << "engagement " << e.value(QStringLiteral("id")).toInteger() << ": " << e.value(QStringLiteral("client")).toString() << " / "
            << e.value(QStringLiteral("system")).toString() << " (" << e.value(QStringLiteral("status")).toString() << "), content hash "
            << package->manifest().value(QStringLiteral("content_hash")).toString() << '\n'
            << "signer fingerprint: " << package->signerFingerprint() << Qt::endl;
    return Success;
}

int importFile(Context &ctx, const Arguments &args)
{
    if (args.positionals().size() != 2)
        return ctx.usage(QStringLiteral("package import needs FILE"));
    std::optional<qint64> roundOf;
    if (args.has(QStringLiteral("--as-round-of"))) {
        roundOf = ctx.engagementId(args.value(QStringLiteral("--as-round-of")));
        if (!roundOf)
            return UsageError;
    }
    // Verified before the workspace is opened (or created): a refused package touches nothing.
    int code = Success;
    const auto package = verified(ctx, args.positionals().at(1), code);
    if (!package)
        return code;
    Workspace *ws = ctx.workspace(Context::Create::IfMissing);
    if (!ws)
        return InvalidInput;
    auto imported = importPackage(*ws, *package, roundOf);
    if (!imported)
        return ctx.fail(imported.error(), InvalidInput);
    ctx.out << "imported engagement " << imported->engagementId << " (engagement " << imported->originalEngagementId
            << " of the package, content hash " << imported->originalContentHash << "): " << imported->answers << " answer(s), "
            << imported->riskOverrides << " risk override(s), " << imported->evidenceFiles << " evidence file(s), "
            << imported->observations << " scanner observation(s), " << imported->proposals
            << " answer proposal(s) and the original audit trail (" << imported->originalAuditEvents << " event(s)) as "
            << kOriginalAuditTrailFile << '\n'
            << "signer fingerprint: " << imported->signerFingerprint << Qt::endl;
    return Success;
}

} // namespace

int runPackage(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {QStringLiteral("--output"), QStringLiteral("--as-round-of")}, {});
    if (!args)
        return ctx.usage(args.error().message);
    const auto &pos = args->positionals();
    if (pos.isEmpty())
        return ctx.usage(kUsage);
    if (pos.first() == QLatin1String("export"))
        return exportEngagement(ctx, *args);
    if (pos.first() == QLatin1String("verify"))
        return verifyFile(ctx, *args);
    if (pos.first() == QLatin1String("import"))
        return importFile(ctx, *args);
    return ctx.usage(kUsage);
}

} // namespace bulkhead::cli
