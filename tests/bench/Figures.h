// The bench's figures, one function each, numbered as in README.md "Performance". Each adds its
// rows to the report; a figure that cannot run adds a row saying why instead of failing the bench.
#pragma once

#include "BenchOptions.h"
#include "BenchReport.h"

#include <QList>
#include <QString>

namespace bulkhead {
class ContentLibrary;
}

namespace bulkhead::bench {

class WorkspaceBackend;

struct BenchContext {
    const BenchOptions &options;
    const ContentLibrary &library; // the built-in library
    const WorkspaceBackend &files; // SQLite files in the work folder
    QList<const WorkspaceBackend *> backends; // figures 1 and 3 run on each
    QString workDir;
    QString programPath; // this program, for child processes
};

void answerLatencyFigure(const BenchContext &context, BenchReport &report); // 1
void scoringFigure(const BenchContext &context, BenchReport &report); // 2
void portfolioFigure(const BenchContext &context, BenchReport &report); // 3
void reportFigure(const BenchContext &context, BenchReport &report); // 4
void importFigure(const BenchContext &context, BenchReport &report); // 5
void startupFigure(const BenchContext &context, BenchReport &report); // 6
void sizeFigure(const BenchContext &context, BenchReport &report); // 7
void teamBackendFigure(const BenchContext &context, BenchReport &report); // 8

// Figure 3's child process: loads the portfolio of one workspace and prints its figures as JSON.
int portfolioChild(const BenchOptions &options, const QString &workspacePath);

// A row that records why a figure was not measured.
Row unavailableRow(const QString &figure, const QString &measure, const QString &why);

} // namespace bulkhead::bench
