// validate: checks content files as the loader would, reporting every problem with its
// file, line and column.
#include "CommandLine.h"
#include "Commands.h"

#include <QDir>
#include <QFileInfo>

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
            return ctx.fail(Error{QStringLiteral("no such file or folder"), path}, InvalidInput);
        if (info.isDir()) {
            const QDir dir(path);
            for (const auto &name : dir.entryList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files, QDir::Name))
                files << dir.filePath(name);
        } else {
            files << path;
        }
    }
    // Files are checked in order against the built-in library and the files before them, so a
    // questionnaire may rely on a risk catalogue named earlier on the command line. Catalogues
    // first, as the built-in library loads them.
    std::stable_sort(files.begin(), files.end(), [](const QString &a, const QString &b) {
        auto rank = [](const QString &f) {
            return f.endsWith(QLatin1String("controls.yaml")) ? 0 : f.endsWith(QLatin1String("risks.yaml")) ? 1 : 2;
        };
        return rank(a) < rank(b);
    });
    ContentLibrary library = ctx.library();
    int problems = 0;
    for (const auto &file : files) {
        const auto found = library.addFiles({file}, ContentLibrary::Replace::Any);
        for (const auto &p : found)
            ctx.out << p.toString() << '\n';
        problems += static_cast<int>(found.size());
        if (found.isEmpty())
            ctx.out << file << ": ok\n";
    }
    ctx.out << problems << " problem(s) in " << files.size() << " file(s)" << Qt::endl;
    return problems > 0 ? ProblemsFound : Success;
}

} // namespace bulkhead::cli
