// kube-bench JSON (`kube-bench --json`): {"Controls": [...], "Totals": {...}}, or, from older
// versions and `--outputfile` per target, the bare array of controls. Each control holds groups
// ("tests") of results; every result is one observation. Totals are not read: they are kube-bench's
// own sums and need not match the results listed.
#include "scan/CheckIds.h"
#include "scan/ScanFormats.h"

namespace bulkhead::scanformat {

namespace {

using Need = JsonWalker::Need;

std::optional<Observation::Status> kubeBenchStatus(const QString &status)
{
    const QString s = status.trimmed().toUpper();
    if (s == QLatin1String("PASS"))
        return Observation::Status::Pass;
    if (s == QLatin1String("FAIL"))
        return Observation::Status::Fail;
    if (s == QLatin1String("WARN"))
        return Observation::Status::Review;
    if (s == QLatin1String("INFO"))
        return Observation::Status::Info;
    return std::nullopt;
}

// What the audit found against what the benchmark expects, and why kube-bench could not decide.
QString kubeBenchDetail(JsonWalker &w, const QJsonObject &result, const QString &path)
{
    QStringList parts;
    const auto add = [&](const char *key, const QString &label) {
        const QString value = w.text(result, key, path).trimmed();
        if (!value.isEmpty())
            parts.append(label + value);
    };
    add("expected_result", QStringLiteral("Expected: "));
    add("actual_value", QStringLiteral("Actual: "));
    add("reason", QStringLiteral("Reason: "));
    return parts.join(QLatin1Char('\n'));
}

} // namespace

Result<ScanReport> readKubeBench(const QJsonDocument &document, const QString &fileName)
{
    JsonWalker w(fileName);
    QJsonArray controls;
    QString controlsPath;
    if (document.isObject() && document.object().contains(QLatin1String("Controls"))) {
        controlsPath = QStringLiteral("Controls");
        controls = w.array(document.object(), "Controls", {}, Need::Required);
    } else if (document.isArray() && (document.array().isEmpty() || document.array().first().toObject().contains(QLatin1String("tests")))) {
        controls = document.array();
    } else {
        return wrongShape(ScanTool::KubeBench, document, fileName);
    }

    ScanReport report;
    report.tool = QStringLiteral("kube-bench");
    for (qsizetype c = 0; c < controls.size() && !w.failed(); ++c) {
        const QString controlPath = item(controlsPath, c);
        const QJsonObject control = w.element(controls, c, controlsPath);
        const QString nodeType = w.text(control, "node_type", controlPath);
        const QJsonArray groups = w.array(control, "tests", controlPath);
        const QString groupsPath = member(controlPath, "tests");
        for (qsizetype g = 0; g < groups.size() && !w.failed(); ++g) {
            const QString groupPath = item(groupsPath, g);
            const QJsonArray results = w.array(w.element(groups, g, groupsPath), "results", groupPath);
            const QString resultsPath = member(groupPath, "results");
            for (qsizetype r = 0; r < results.size() && !w.failed(); ++r) {
                const QString path = item(resultsPath, r);
                const QJsonObject result = w.element(results, r, resultsPath);
                Observation o;
                o.tool = report.tool;
                o.checkId = w.text(result, "test_number", path, Need::Required).trimmed();
                o.normalisedCheckId = normaliseCisCheckId(CisBenchmark::Kubernetes, o.checkId);
                o.title = w.text(result, "test_desc", path).trimmed();
                o.toolStatus = w.text(result, "status", path, Need::Required).trimmed();
                o.target = nodeType.trimmed();
                o.remediation = w.text(result, "remediation", path).trimmed();
                o.detail = kubeBenchDetail(w, result, path);
                if (w.failed())
                    break;
                const auto status = kubeBenchStatus(o.toolStatus);
                if (!status) {
                    w.fail(member(path, "status"),
                           QStringLiteral("unknown status \"%1\" (kube-bench writes PASS, FAIL, WARN or INFO)").arg(o.toolStatus));
                    break;
                }
                o.status = *status;
                report.observations.append(o);
            }
        }
    }
    if (w.failed())
        return w.error();
    return report;
}

} // namespace bulkhead::scanformat
