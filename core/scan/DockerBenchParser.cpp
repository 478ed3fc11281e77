// docker-bench-security JSON logs (log/docker-bench-security.log.json): {"dockerbenchsecurity":
// version, "tests": [{"id", "desc", "results": [...]}], "checks", "score"}. Every result is one
// observation. docker-bench has no FAIL: WARN is its failing state, NOTE marks its manual checks.
// It writes this file with printf, unescaped, so invalid JSON is reported by parseScan before
// anything here runs.
#include "scan/CheckIds.h"
#include "scan/ScanFormats.h"

namespace bulkhead::scanformat {

namespace {

using Need = JsonWalker::Need;

std::optional<Observation::Status> dockerBenchStatus(const QString &result)
{
    const QString s = result.trimmed().toUpper();
    if (s == QLatin1String("PASS"))
        return Observation::Status::Pass;
    if (s == QLatin1String("WARN"))
        return Observation::Status::Fail;
    if (s == QLatin1String("NOTE"))
        return Observation::Status::Review;
    if (s == QLatin1String("INFO"))
        return Observation::Status::Info;
    return std::nullopt;
}

} // namespace

Result<ScanReport> readDockerBench(const QJsonDocument &document, const QString &fileName)
{
    if (!document.isObject() || !document.object().contains(QLatin1String("tests")))
        return wrongShape(ScanTool::DockerBench, document, fileName);

    JsonWalker w(fileName);
    const QJsonObject root = document.object();
    ScanReport report;
    report.tool = QStringLiteral("docker-bench-security");
    report.toolVersion = w.text(root, "dockerbenchsecurity", {}).trimmed();
    const QJsonArray sections = w.array(root, "tests", {}, Need::Required);
    const QString sectionsPath = QStringLiteral("tests");
    for (qsizetype s = 0; s < sections.size() && !w.failed(); ++s) {
        const QString sectionPath = item(sectionsPath, s);
        const QJsonArray results = w.array(w.element(sections, s, sectionsPath), "results", sectionPath);
        const QString resultsPath = member(sectionPath, "results");
        for (qsizetype r = 0; r < results.size() && !w.failed(); ++r) {
            const QString path = item(resultsPath, r);
            const QJsonObject result = w.element(results, r, resultsPath);
            Observation o;
            o.tool = report.tool;
            o.toolVersion = report.toolVersion;
            o.checkId = w.text(result, "id", path, Need::Required).trimmed();
            o.normalisedCheckId = normaliseCisCheckId(CisBenchmark::Docker, o.checkId);
            o.title = w.text(result, "desc", path).trimmed();
            o.toolStatus = w.text(result, "result", path, Need::Required).trimmed();
            o.detail = w.text(result, "details", path).trimmed();
            o.remediation = w.text(result, "remediation", path).trimmed();
            const QString impact = w.text(result, "remediation-impact", path).trimmed();
            if (!impact.isEmpty())
                o.remediation += (o.remediation.isEmpty() ? QString() : QStringLiteral("\n")) + QStringLiteral("Impact: ") + impact;
            if (w.failed())
                break;
            const auto status = dockerBenchStatus(o.toolStatus);
            if (!status) {
                w.fail(member(path, "result"),
                       QStringLiteral("unknown result \"%1\" (docker-bench writes PASS, WARN, INFO or NOTE)").arg(o.toolStatus));
                break;
            }
            o.status = *status;
            report.observations.append(o);
        }
    }
    if (w.failed())
        return w.error();
    return report;
}

} // namespace bulkhead::scanformat
