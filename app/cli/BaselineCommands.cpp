// baseline import|list: baselines from OSCAL profiles that engagements can be scored against.
#include "CommandLine.h"
#include "Commands.h"

#include "BaselineProfiles.h"
#include "ContentLibrary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bulkhead::cli {

namespace {

int importBaseline(Context &ctx, const Arguments &args)
{
    if (args.positionals().size() != 2 || !args.has(QStringLiteral("--name")))
        return ctx.usage(QStringLiteral("baseline import needs FILE and --name NAME"));
    Workspace *ws = ctx.workspace(Context::Create::IfMissing);
    if (!ws)
        return InvalidInput;
    const ControlCatalogue &catalogue = ctx.library().controls();
    auto imported = BaselineProfiles(*ws).import(args.value(QStringLiteral("--name")), args.positionals().at(1), catalogue);
    if (!imported)
        return ctx.fail(imported.error(), InvalidInput);
    ctx.out << "imported baseline '" << imported->name << "' (\"" << imported->title << "\"): " << imported->controlIds.size()
            << " control(s), " << imported->inScope(catalogue).size() << " of them in the assessed families" << Qt::endl;
    return Success;
}

int listBaselines(Context &ctx, const Arguments &args)
{
    Workspace *ws = ctx.workspace();
    if (!ws)
        return InvalidInput;
    auto all = BaselineProfiles(*ws).list();
    if (!all)
        return ctx.fail(all.error(), InvalidInput);
    const ControlCatalogue &catalogue = ctx.library().controls();
    if (args.has(QStringLiteral("--json"))) {
        QJsonArray array;
        for (const auto &p : *all)
            array.append(QJsonObject {{QStringLiteral("name"), p.name},
                                      {QStringLiteral("title"), p.title},
                                      {QStringLiteral("source_sha256"), p.sourceSha256},
                                      {QStringLiteral("controls"), QJsonArray::fromStringList(p.controlIds)},
                                      {QStringLiteral("in_scope"), static_cast<int>(p.inScope(catalogue).size())},
                                      {QStringLiteral("imported_by"), p.importedBy},
                                      {QStringLiteral("imported_at"), toStoredTime(p.importedAt)}});
        ctx.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        ctx.out.flush();
        return Success;
    }
    for (const auto &p : *all)
        ctx.out << p.name << "  " << p.controlIds.size() << " control(s), " << p.inScope(catalogue).size() << " assessed  \"" << p.title
                << "\"\n";
    ctx.out.flush();
    return Success;
}

} // namespace

int runBaseline(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {QStringLiteral("--name")}, {QStringLiteral("--json")});
    if (!args)
        return ctx.usage(args.error().message);
    const QString sub = args->positionals().value(0);
    if (sub == QLatin1String("import"))
        return importBaseline(ctx, *args);
    if (sub == QLatin1String("list") && args->positionals().size() == 1)
        return listBaselines(ctx, *args);
    return ctx.usage(QStringLiteral("baseline needs 'import FILE --name NAME' or 'list'"));
}

} // namespace bulkhead::cli
