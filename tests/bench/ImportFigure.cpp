// Figure 5: scanner imports. A Trivy report of 10,000 vulnerabilities and a kube-bench report of
// 1,000 results, read by core/scan (parse only) and imported into an engagement (core/ScanImport:
// evidence, observations, mapping, proposals, audit), each against a bare parse of the same bytes
// with the JSON library the readers use (QJsonDocument), measured in the same run.
#include "ContentLibrary.h"
#include "EngagementStore.h"
#include "Figures.h"
#include "ScanImport.h"
#include "SyntheticAnswers.h"
#include "SyntheticScans.h"
#include "SyntheticWorkspace.h"
#include "WorkspaceBackend.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace bulkhead::bench {

namespace {

struct Scan {
    ScanTool tool;
    QString label;
    int entries;
    QByteArray bytes;
    QString path;
};

void measure(const BenchContext &context, const QString &scratch, Scan &scan, BenchReport &report)
{
    const QString figure = QStringLiteral("5");
    QFile file(scan.path);
    if (!file.open(QIODevice::WriteOnly) || file.write(scan.bytes) != scan.bytes.size()) {
        report.add(unavailableRow(figure, scan.label, QStringLiteral("cannot write %1").arg(scan.path)));
        return;
    }
    file.close();
    auto ws = context.files.open(scratch);
    if (!ws) {
        report.add(unavailableRow(figure, scan.label, ws.error().toString()));
        return;
    }
    QList<double> bare, parse, bareForImport, import;
    int observations = 0;
    for (int rep = -1; rep < context.options.repetitions; ++rep) {
        QJsonParseError error {};
        const double bareMs = timeMs([&] { QJsonDocument::fromJson(scan.bytes, &error); });
        std::optional<Error> failed;
        const double parseMs = timeMs([&] {
            auto parsed = parseScan(scan.tool, scan.bytes, scan.path);
            if (!parsed)
                failed = parsed.error();
            else
                observations = static_cast<int>(parsed->observations.size());
        });
        if (failed || error.error != QJsonParseError::NoError) {
            report.add(unavailableRow(figure, scan.label, failed ? failed->toString() : error.errorString()));
            return;
        }
        // A fresh engagement for every import: a file is imported into an engagement only once.
        Random random(static_cast<unsigned>(rep + 2));
        auto id = EngagementStore(**ws).create(syntheticEngagement(rep + 100, random), context.library);
        if (!id) {
            report.add(unavailableRow(figure, scan.label, id.error().toString()));
            return;
        }
        const double bareAgainMs = timeMs([&] { QJsonDocument::fromJson(scan.bytes, &error); });
        const double importMs = timeMs([&] {
            auto imported = importScan(**ws, context.library, *id, scan.tool, scan.path, QDate(2025, 11, 20), 90);
            if (!imported)
                failed = imported.error();
        });
        if (failed) {
            report.add(unavailableRow(figure, scan.label, failed->toString()));
            return;
        }
        if (rep < 0)
            continue; // warm-up
        bare.append(bareMs);
        parse.append(parseMs);
        bareForImport.append(bareAgainMs);
        import.append(importMs);
    }
    const Goal goal {Goal::Of::Ratio, Goal::Bound::AtMost, 2.0, QStringLiteral("≤ 2× bare parse")};
    const QString against = QStringLiteral("bare QJsonDocument parse");
    const QString note = QStringLiteral("%1 observations, %2 MB of JSON").arg(observations).arg(scan.bytes.size() / 1048576.0, 0, 'f', 1);
    report.add(Row {figure, scan.label + QStringLiteral(": parse"), QStringLiteral("ms"), summarise(parse), against, summarise(bare),
                    QStringLiteral("×"), ratioOf(parse, bare), goal, note});
    report.add(Row {figure, scan.label + QStringLiteral(": import"), QStringLiteral("ms"), summarise(import), against,
                    summarise(bareForImport), QStringLiteral("×"), ratioOf(import, bareForImport), goal,
                    QStringLiteral("into a new engagement of a 10-engagement workspace")});
}

} // namespace

void importFigure(const BenchContext &context, BenchReport &report)
{
    SyntheticWorkspaces workspaces(context.files, context.library);
    auto source = workspaces.portfolio(10);
    const QString scratch = QStringLiteral("import-scratch");
    if (!source || !context.files.copy(source->name, scratch)) {
        report.add(unavailableRow(QStringLiteral("5"), QStringLiteral("scanner imports"),
                                  source ? QStringLiteral("cannot copy the workspace") : source.error().toString()));
        return;
    }
    QDir().mkpath(context.workDir + QStringLiteral("/scans"));
    Scan trivy {ScanTool::Trivy, QStringLiteral("Trivy, 10,000 vulnerabilities"), 10000, syntheticTrivyReport(10000),
                context.workDir + QStringLiteral("/scans/trivy-10000.json")};
    measure(context, scratch, trivy, report);
    Scan kube {ScanTool::KubeBench, QStringLiteral("kube-bench, 1,000 results"), 1000, syntheticKubeBenchReport(1000),
               context.workDir + QStringLiteral("/scans/kube-bench-1000.json")};
    measure(context, scratch, kube, report);
    context.files.remove(scratch);
}

} // namespace bulkhead::bench
