// The bulkhead-cli commands. Each takes the words after its name and returns an ExitCode.
#pragma once

#include <QStringList>

class QTextStream;

namespace bulkhead::cli {

class Context;

int runValidate(Context &ctx, const QStringList &words);
int runDemo(Context &ctx, const QStringList &words);
int runEngagement(Context &ctx, const QStringList &words);
int runAnswer(Context &ctx, const QStringList &words);
int runRisk(Context &ctx, const QStringList &words);
int runScore(Context &ctx, const QStringList &words);
int runWorkflow(Context &ctx, const QStringList &words);
int runAudit(Context &ctx, const QStringList &words);
int runOscal(Context &ctx, const QStringList &words);
int runBaseline(Context &ctx, const QStringList &words);
int runReport(Context &ctx, const QStringList &words);
int runSettings(Context &ctx, const QStringList &words);
int runEvidence(Context &ctx, const QStringList &words);
int runPackage(Context &ctx, const QStringList &words);
int runImportScan(Context &ctx, const QStringList &words);
int runObservations(Context &ctx, const QStringList &words);
int runProposals(Context &ctx, const QStringList &words);
int runProposal(Context &ctx, const QStringList &words);
int runWorkspace(Context &ctx, const QStringList &words);

// Dispatches a whole command line (without the program name).
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
QString helpText();

} // namespace bulkhead::cli
