#include "BenchOptions.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>

#include <cstdio>

namespace bulkhead::bench {

std::optional<int> parseOptions(const QStringList &arguments, BenchOptions &options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Measures Bulkhead's performance figures on synthetic workspaces and prints them as a table.\n"
                       "Generated workspaces are cached in the work folder, so the first run takes longer."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Also write the results as JSON to FILE."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption reps(QStringLiteral("repetitions"), QStringLiteral("Runs behind each median (default 5; 3 with --quick)."),
                                  QStringLiteral("N"));
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("Fewer runs and samples, and portfolios of at most 1,000 engagements."));
    const QCommandLineOption work(QStringLiteral("work-dir"),
                                  QStringLiteral("Where generated workspaces are cached (default: ~/.cache/bulkhead-bench)."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption only(QStringLiteral("only"), QStringLiteral("Run only these figures, e.g. 1,3 (1..8)."),
                                  QStringLiteral("LIST"));
    const QCommandLineOption sizes(QStringLiteral("portfolio-sizes"),
                                   QStringLiteral("Engagements per portfolio workspace (default 10,100,1000,10000)."),
                                   QStringLiteral("LIST"));
    const QCommandLineOption noLibreOffice(QStringLiteral("no-libreoffice"), QStringLiteral("Skip the LibreOffice comparison."));
    const QCommandLineOption postgres(QStringLiteral("postgres"),
                                      QStringLiteral("Also measure figures 1 and 3 on team workspaces on this PostgreSQL server, one "
                                                     "database per workspace (postgresql://USER@HOST:PORT/DATABASE)."),
                                      QStringLiteral("URL"));
    QCommandLineOption child(QStringLiteral("child-portfolio"), QStringLiteral("internal"), QStringLiteral("WORKSPACE"));
    child.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption childMode(QStringLiteral("child-mode"), QStringLiteral("internal"), QStringLiteral("cold|warm"));
    childMode.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({json, reps, quick, work, only, sizes, noLibreOffice, postgres, child, childMode});
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "bulkhead-bench: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    options.quick = parser.isSet(quick);
    options.repetitions = options.quick ? 3 : 5;
    options.latencySamples = options.quick ? 60 : 200;
    if (parser.isSet(reps)) {
        bool ok = false;
        options.repetitions = parser.value(reps).toInt(&ok);
        if (!ok || options.repetitions < 1) {
            std::fprintf(stderr, "bulkhead-bench: --repetitions needs a whole number of at least 1\n");
            return 2;
        }
    }
    options.jsonPath = parser.value(json);
    options.workDir = parser.isSet(work)
        ? parser.value(work)
        : QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/bulkhead-bench");
    options.workDir = QDir(options.workDir).absolutePath();
    const auto numbers = [](const QString &text, QList<int> &out) {
        for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int n = part.trimmed().toInt(&ok);
            if (!ok || n < 1)
                return false;
            out.append(n);
        }
        return !out.isEmpty();
    };
    if (parser.isSet(only)) {
        QList<int> list;
        if (!numbers(parser.value(only), list)) {
            std::fprintf(stderr, "bulkhead-bench: --only needs figure numbers such as 1,3\n");
            return 2;
        }
        options.figures = QSet<int>(list.cbegin(), list.cend());
    }
    options.portfolioSizes = options.quick ? QList<int> {10, 100, 1000} : QList<int> {10, 100, 1000, 10000};
    if (parser.isSet(sizes)) {
        options.portfolioSizes.clear();
        if (!numbers(parser.value(sizes), options.portfolioSizes)) {
            std::fprintf(stderr, "bulkhead-bench: --portfolio-sizes needs engagement counts such as 10,100\n");
            return 2;
        }
    }
    options.libreOffice = !parser.isSet(noLibreOffice);
    options.postgres = parser.value(postgres);
    options.childPortfolio = parser.value(child);
    options.childPortfolioMode = parser.value(childMode);
    return std::nullopt;
}

} // namespace bulkhead::bench
