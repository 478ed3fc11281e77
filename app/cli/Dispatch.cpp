// Global options and the command table of bulkhead-cli.
#include "CommandLine.h"
#include "Commands.h"

#include <QStandardPaths>

namespace bulkhead::cli {

QString helpText()
{
    return QStringLiteral(
               "usage: bulkhead-cli [--workspace PATH|URL] [--read-only] [--questionnaires DIR] COMMAND ...\n"
               "\n"
               "  validate PATH...                      check questionnaire and catalogue files (or folders of them)\n"
               "  demo                                  add the demo engagements to the workspace; prints their ids\n"
               "  engagement new --client C --system S --csp P --architecture typical|hybrid\n"
               "                 [--impact low|moderate|high] [--infrastructure traditional|converged|hyperconverged]\n"
               "                 [--service-model iaas|paas|saas|caas] [--assessor N] [--reviewer N]\n"
               "                 [--period-start YYYY-MM-DD] [--period-end YYYY-MM-DD] [--baseline NAME]\n"
               "                                        create an engagement; prints its id\n"
               "  engagement list [--json]              list the workspace's engagements\n"
               "  answer ENG QUESTION VALUE [--note T] [--method examine|interview|test] [--interviewee N]\n"
               "         [--expect-revision N]          record an answer (multi-choice: VALUE is a,b,c); with\n"
               "                                        --expect-revision, only if it is still at revision N (0: unanswered)\n"
               "  risk override ENG RISK [--likelihood L] [--impact L] --rationale T\n"
               "                                        override a risk rating (levels very_low .. very_high)\n"
               "  score ENG [--json]                    control results, family scores, risks and POA&M\n"
               "  workflow ENG submit|approve|reopen [--reason T]\n"
               "                                        move an engagement through review; reopen needs a reason\n"
               "  audit verify [ENG]                    check the audit trail's hash chain\n"
               "  oscal inspect catalog|profile FILE    read an OSCAL catalog or profile (JSON) and count its controls\n"
               "  baseline import FILE --name NAME      keep the controls an OSCAL profile (or resolved catalog) selects\n"
               "                                        as a baseline that engagements can use\n"
               "  baseline list [--json]                list the imported baselines\n"
               "  report ENG --type sar|soc2|poam|oscal-ar|oscal-poam --format pdf|html|docx|xlsx|csv|json --output FILE\n"
               "         [--generated-at DATETIME]      write a report: sar, soc2 as pdf|html|docx; poam as xlsx|csv; oscal-* as json;\n"
               "                                        --generated-at (ISO 8601 with a zone) stamps that time instead of now,\n"
               "                                        which reproduces an earlier copy of an approved engagement's report\n"
               "  evidence add ENG FILE [--question Q] [--control C] [--collected DATE] [--expires DATE]\n"
               "                                        attach a file (kept in the workspace once, by SHA-256)\n"
               "  evidence list ENG [--json] | evidence verify ENG\n"
               "                                        list the attached files; recompute every hash\n"
               "  package export ENG --output FILE      write the engagement to one signed file (key made on first use)\n"
               "  package verify FILE                   check a package's signature and hashes; print the signer\n"
               "  package import FILE [--as-round-of ENG]\n"
               "                                        add a verified package's engagement as a new draft\n"
               "                                        (as another round of ENG's client and system)\n"
               "  import-scan ENG --tool kube-bench|docker-bench|trivy|sarif FILE [--collected DATE] [--expires-in DAYS]\n"
               "                                        keep scanner output as evidence and one observation per result,\n"
               "                                        tied to questions and controls; propose answers (expire in 90 days)\n"
               "  observations ENG [--json]             list the imported observations\n"
               "  proposals ENG [--json]                list the answers proposed from observations\n"
               "  proposal accept|reject ENG QUESTION   save a proposed answer (its note names the observations) or drop it\n"
               "  workspace backup [--output FILE]      copy the workspace (SQLite backup API) into FILE or its backup folder\n"
               "  workspace backups                     list the copies in the backup folder (a daily one is made on open,\n"
               "                                        the newest 7 of those kept)\n"
               "  workspace restore FILE                replace the workspace with a copy; refuses a damaged one and keeps\n"
               "                                        the workspace as it was in the backup folder\n"
               "  settings set KEY VALUE | settings list  report branding: report.organisation, report.accent (#rrggbb),\n"
               "                                        report.classification, report.logo (a PNG file); POA&M due days:\n"
               "                                        poam.due_days.very_high|high|moderate|low|very_low (1..3650)\n"
               "\n"
               "  --workspace PATH|URL   the workspace file (default: %1), or a team workspace on a PostgreSQL\n"
               "                         server: postgresql://USER@HOST:PORT/DATABASE (an existing, empty or\n"
               "                         Bulkhead database; a password comes from ~/.pgpass or PGPASSWORD)\n"
               "  --read-only            open it for reading only: every change is refused (a file you may not\n"
               "                         write to is always opened so)\n"
               "  --questionnaires DIR   extra content files (default: %2)\n"
               "\n"
               "exit codes: 0 success, 1 a check found problems, 2 usage error,\n"
               "            3 unreadable or invalid input (workspace, file, engagement, answer, refused change),\n"
               "            4 the answer is no longer at the revision --expect-revision named (saved by someone else)\n")
        .arg(Workspace::defaultPath(),
             QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/bulkhead/questionnaires"));
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Context ctx(out, err);
    ctx.workspacePath = Workspace::defaultPath();
    ctx.contentFolder = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/bulkhead/questionnaires");
    QStringList words = arguments;
    while (!words.isEmpty() && words.first().startsWith(QLatin1String("--"))) {
        const QString option = words.takeFirst();
        if (option == QLatin1String("--help")) {
            out << helpText();
            return Success;
        }
        if (option == QLatin1String("--version")) {
            out << "bulkhead-cli " << BULKHEAD_VERSION << Qt::endl;
            return Success;
        }
        if (option == QLatin1String("--read-only")) {
            ctx.readOnly = true;
            continue;
        }
        if (option != QLatin1String("--workspace") && option != QLatin1String("--questionnaires"))
            return ctx.usage(QStringLiteral("unknown option %1").arg(option));
        if (words.isEmpty())
            return ctx.usage(QStringLiteral("option %1 needs a value").arg(option));
        (option == QLatin1String("--workspace") ? ctx.workspacePath : ctx.contentFolder) = words.takeFirst();
    }
    if (words.isEmpty())
        return ctx.usage(QStringLiteral("no command given"));
    const QString command = words.takeFirst();
    using Runner = int (*)(Context &, const QStringList &);
    static const QHash<QString, Runner> commands = {
        {QStringLiteral("validate"), runValidate},
        {QStringLiteral("demo"), runDemo},
        {QStringLiteral("engagement"), runEngagement},
        {QStringLiteral("answer"), runAnswer},
        {QStringLiteral("risk"), runRisk},
        {QStringLiteral("score"), runScore},
        {QStringLiteral("workflow"), runWorkflow},
        {QStringLiteral("audit"), runAudit},
        {QStringLiteral("oscal"), runOscal},
        {QStringLiteral("baseline"), runBaseline},
        {QStringLiteral("report"), runReport},
        {QStringLiteral("settings"), runSettings},
        {QStringLiteral("evidence"), runEvidence},
        {QStringLiteral("package"), runPackage},
        {QStringLiteral("import-scan"), runImportScan},
        {QStringLiteral("observations"), runObservations},
        {QStringLiteral("proposals"), runProposals},
        {QStringLiteral("proposal"), runProposal},
        {QStringLiteral("workspace"), runWorkspace},
    };
    const auto runner = commands.value(command);
    if (!runner)
        return ctx.usage(QStringLiteral("unknown command '%1'").arg(command));
    return runner(ctx, words);
}

} // namespace bulkhead::cli
