// validate: checks content files as the loader would, reporting every problem with its
// file, line and column.
#include "CommandLine.h"
#include "Commands.h"

#include "OscalCatalog.h"
#include "ScannerMapping.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace bulkhead::cli {

int runValidate(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {}, {});
    if (!args)
        return ctx.usage(args.error().message);
    if (args->positionals().isEmpty())
        return ctx.usage(QStringLiteral("validate needs at least one file or folder"));
    QStringList files;
    for (const auto &path : args->positionals()) {
        const QFileInfo info(path);
        if (!info.exists())
            return ctx.fail(Error {QStringLiteral("no such file or folder"), path}, InvalidInput);
        if (info.isDir()) {
            const QDir dir(path);
            for (const auto &name : dir.entryList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files, QDir::Name))
                files << dir.filePath(name);
        } else {
            files << path;
        }
    }
    // The files are checked as the program would load them from a user's folder: together (so a
    // questionnaire may rely on a risk catalogue beside it), on top of the built-in library, a
    // questionnaire replacing a built-in one only with a higher version. A file identical to a
    // built-in one (the library's own sources) is the built-in content itself.
    QStringList candidates;
    QHash<QString, QString> mappings; // scanner mapping files (not content), checked on their own
    for (const auto &file : files) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return ctx.fail(Error {QStringLiteral("cannot read the file: %1").arg(f.errorString()), file}, InvalidInput);
        const QByteArray bytes = f.readAll();
        if (ScannerMapping::looksLikeMapping(QString::fromUtf8(bytes)))
            mappings.insert(file, QString::fromUtf8(bytes));
        else if (ContentLibrary::builtInFileMatching(bytes).isEmpty())
            candidates << file;
    }
    ContentLibrary library = ContentLibrary::builtIn();
    QList<Error> found = library.addFiles(candidates);
    for (auto it = mappings.cbegin(); it != mappings.cend(); ++it) {
        auto mapping = ScannerMapping::parse(it.key(), it.value());
        if (mapping)
            found += mapping->check(library);
        else
            found << mapping.error();
    }
    QSet<QString> broken;
    for (const auto &p : found) {
        ctx.out << oneLine(p.toString()) << '\n';
        broken.insert(p.file);
    }
    for (const auto &file : files) {
        if (!broken.contains(file))
            ctx.out << file << (candidates.contains(file) || mappings.contains(file) ? ": ok\n" : ": ok (the built-in file)\n");
    }
    const auto problems = found.size();
    // What the library holds with these files in it: what an author checks a change against.
    ctx.out << "library: " << library.questionnaires().size() << " questionnaire(s), " << library.allQuestions().size() << " question(s), "
            << library.risks().risks.size() << " risk(s), " << library.controls().controls().size() << " control(s), "
            << library.criteria().criteria.size() << " criteria\n";
    ctx.out << problems << " problem(s) in " << files.size() << " file(s)" << Qt::endl;
    return problems > 0 ? ProblemsFound : Success;
}

int runOscal(Context &ctx, const QStringList &words)
{
    auto args = Arguments::parse(words, {}, {});
    if (!args)
        return ctx.usage(args.error().message);
    const QStringList &pos = args->positionals();
    if (pos.size() != 3 || pos.at(0) != QLatin1String("inspect")
        || (pos.at(1) != QLatin1String("catalog") && pos.at(1) != QLatin1String("profile")))
        return ctx.usage(QStringLiteral("oscal needs: inspect catalog|profile FILE"));
    if (pos.at(1) == QLatin1String("catalog")) {
        auto catalog = readOscalCatalog(pos.at(2));
        if (!catalog)
            return ctx.fail(catalog.error(), InvalidInput);
        ctx.out << "catalog \"" << catalog->title << "\": " << catalog->controls.size() << " control(s) (" << catalog->baseControlCount()
                << " controls, " << catalog->enhancementCount() << " enhancements) in " << catalog->groupCount << " group(s)" << Qt::endl;
        return Success;
    }
    auto profile = readOscalProfile(pos.at(2));
    if (!profile)
        return ctx.fail(profile.error(), InvalidInput);
    ctx.out << "profile \"" << profile->title << "\": selects " << profile->controlIds.size() << " control(s)" << Qt::endl;
    return Success;
}

} // namespace bulkhead::cli
