// Figure 7: how much storage a workspace takes, per engagement and per answer, and where it
// goes (SQLite's dbstat: pages per table and index, when the library has it).
#include "Figures.h"
#include "SyntheticWorkspace.h"
#include "WorkspaceBackend.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace bulkhead::bench {

namespace {

// "answer 41% (190 B/answer), audit_event 52% ..." for the biggest objects.
QString breakdown(Workspace &ws, qint64 answers)
{
    QSqlQuery q = ws.query();
    if (!q.exec(QStringLiteral("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")))
        return {};
    QList<std::pair<QString, qint64>> objects;
    qint64 total = 0;
    while (q.next()) {
        objects.append({q.value(0).toString(), q.value(1).toLongLong()});
        total += q.value(1).toLongLong();
    }
    QStringList parts;
    for (qsizetype i = 0; i < std::min<qsizetype>(objects.size(), 5); ++i) {
        parts << QStringLiteral("%1 %2% (%3 B/answer)")
                     .arg(objects.at(i).first)
                     .arg(100.0 * objects.at(i).second / std::max<qint64>(total, 1), 0, 'f', 0)
                     .arg(objects.at(i).second / std::max<qint64>(answers, 1));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

void sizeFigure(const BenchContext &context, BenchReport &report)
{
    const QString figure = QStringLiteral("7");
    SyntheticWorkspaces workspaces(context.files, context.library);
    for (int size : context.options.portfolioSizes) {
        auto ws = workspaces.portfolio(size);
        if (!ws) {
            report.add(unavailableRow(figure, QStringLiteral("workspace of %L1 engagements").arg(size), ws.error().toString()));
            continue;
        }
        const double bytes = double(context.files.sizeBytes(ws->name));
        const auto one = [](double v) { return Stats {v, v, v, 1}; };
        QString note;
        if (size == context.options.portfolioSizes.last()) {
            if (auto opened = context.files.open(ws->name))
                note = breakdown(**opened, ws->answers);
        }
        report.add(Row {figure,
                        QStringLiteral("%L1 engagements, %L2 answers: file").arg(size).arg(ws->answers),
                        QStringLiteral("MB"),
                        one(bytes / 1048576.0),
                        {},
                        {},
                        {},
                        {},
                        {},
                        {}});
        report.add(Row {figure,
                        QStringLiteral("  per engagement"),
                        QStringLiteral("KB"),
                        one(bytes / 1024.0 / ws->engagements),
                        {},
                        {},
                        {},
                        {},
                        {},
                        {}});
        report.add(Row {figure,
                        QStringLiteral("  per answer (all tables)"),
                        QStringLiteral("bytes"),
                        one(bytes / double(std::max<qint64>(ws->answers, 1))),
                        {},
                        {},
                        {},
                        {},
                        {},
                        note});
    }
}

void teamBackendFigure(const BenchContext &context, BenchReport &report)
{
    for (const auto *backend : context.backends) {
        if (backend == &context.files)
            continue;
        const QString measure = QStringLiteral("team backend (%1), figures 1 and 3").arg(backend->name());
        const auto why = backend->unavailable();
        report.add(unavailableRow(QStringLiteral("8"), measure,
                                  why ? *why : QStringLiteral("measured: the [%1] rows of figures 1 and 3").arg(backend->name())));
    }
}

Row unavailableRow(const QString &figure, const QString &measure, const QString &why)
{
    return Row {figure, measure, {}, std::nullopt, {}, {}, {}, {}, {}, why};
}

} // namespace bulkhead::bench
