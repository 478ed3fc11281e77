// SARIF 2.1.0 logs (OASIS; Trivy, CodeQL, Semgrep, Checkov and many more write it):
// {"version": "2.1.0", "runs": [{"tool": {"driver": {"name", "version", "rules"}}, "results"}]}.
// One observation per result. The title is the rule's shortDescription when the rule is known,
// the first line of the message otherwise; the severity is the SARIF level (error, warning, note,
// none), taken from the rule's defaultConfiguration when the result has none, as the standard
// says (3.27.10). The status follows the result's kind (fail when absent, 3.27.9).
#include "scan/CheckIds.h"
#include "scan/ScanFormats.h"

#include <QHash>

namespace bulkhead::scanformat {

namespace {

using Need = JsonWalker::Need;

std::optional<Observation::Status> sarifStatus(const QString &kind)
{
    if (kind == QLatin1String("pass"))
        return Observation::Status::Pass;
    if (kind == QLatin1String("fail"))
        return Observation::Status::Fail;
    if (kind == QLatin1String("review") || kind == QLatin1String("open"))
        return Observation::Status::Review;
    if (kind == QLatin1String("informational"))
        return Observation::Status::Info;
    if (kind == QLatin1String("notApplicable"))
        return Observation::Status::NotApplicable;
    return std::nullopt;
}

bool isLevel(const QString &level)
{
    return level == QLatin1String("error") || level == QLatin1String("warning") || level == QLatin1String("note")
        || level == QLatin1String("none");
}

// A suppression someone accepted turns a failure into one the assessor has to judge.
bool acceptedSuppression(JsonWalker &w, const QJsonObject &result, const QString &path)
{
    const QJsonArray suppressions = w.array(result, "suppressions", path);
    for (qsizetype i = 0; i < suppressions.size(); ++i) {
        const QString status = suppressions.at(i).toObject().value(QLatin1String("status")).toString();
        if (status.isEmpty() || status == QLatin1String("accepted"))
            return true;
    }
    return false;
}

class RunReader {
public:
    RunReader(JsonWalker &walker, ScanReport &report, const QJsonObject &run, const QString &path) : w(walker), m_report(report)
    {
        const QString driverPath = QStringLiteral("%1.tool.driver").arg(path);
        const QJsonObject driver = w.object(w.object(run, "tool", path), "driver", member(path, "tool"));
        m_tool = w.text(driver, "name", driverPath, Need::Required).trimmed();
        m_version = w.text(driver, "version", driverPath).trimmed();
        if (m_version.isEmpty())
            m_version = w.text(driver, "semanticVersion", driverPath).trimmed();
        m_rules = w.array(driver, "rules", driverPath);
        const QString rulesPath = member(driverPath, "rules");
        for (qsizetype i = 0; i < m_rules.size() && !w.failed(); ++i) {
            const QString id = w.text(w.element(m_rules, i, rulesPath), "id", item(rulesPath, i), Need::Required);
            if (!m_ruleIndex.contains(id))
                m_ruleIndex.insert(id, i);
        }
    }

    const QString &tool() const { return m_tool; }
    const QString &version() const { return m_version; }

    void readResult(const QJsonObject &result, const QString &path)
    {
        Observation o;
        o.tool = m_tool;
        o.toolVersion = m_version;
        const QJsonObject ruleReference = w.object(result, "rule", path);
        o.checkId = w.text(result, "ruleId", path).trimmed();
        if (o.checkId.isEmpty())
            o.checkId = w.text(ruleReference, "id", member(path, "rule")).trimmed();
        o.normalisedCheckId = normaliseSarifRuleId(m_tool, o.checkId);
        const QJsonObject rule = ruleFor(result, ruleReference, o.checkId, path);

        const QString message = w.text(w.object(result, "message", path), "text", member(path, "message")).trimmed();
        o.title = rule.value(QLatin1String("shortDescription")).toObject().value(QLatin1String("text")).toString().trimmed();
        if (o.title.isEmpty())
            o.title = message.section(QLatin1Char('\n'), 0, 0);
        o.detail = message;

        const QString kind = w.text(result, "kind", path).trimmed();
        o.toolStatus = kind.isEmpty() ? QStringLiteral("fail") : kind;
        const auto status = sarifStatus(o.toolStatus);
        if (!status) {
            w.fail(member(path, "kind"), QStringLiteral("unknown kind \"%1\"").arg(kind));
            return;
        }
        o.status = *status;
        if (o.status == Observation::Status::Fail && acceptedSuppression(w, result, path)) {
            o.status = Observation::Status::Review;
            o.toolStatus = QStringLiteral("suppressed");
        }

        o.severity = w.text(result, "level", path).trimmed();
        if (o.severity.isEmpty())
            o.severity = rule.value(QLatin1String("defaultConfiguration")).toObject().value(QLatin1String("level")).toString();
        if (o.severity.isEmpty())
            o.severity = o.status == Observation::Status::Fail ? QStringLiteral("warning") : QStringLiteral("none");
        if (!isLevel(o.severity)) {
            w.fail(member(path, "level"), QStringLiteral("unknown level \"%1\" (SARIF has error, warning, note, none)").arg(o.severity));
            return;
        }

        const QJsonArray locations = w.array(result, "locations", path);
        o.target = locations.first()
                       .toObject()
                       .value(QLatin1String("physicalLocation"))
                       .toObject()
                       .value(QLatin1String("artifactLocation"))
                       .toObject()
                       .value(QLatin1String("uri"))
                       .toString()
                       .trimmed();
        const QJsonArray fixes = w.array(result, "fixes", path);
        o.remediation
            = fixes.first().toObject().value(QLatin1String("description")).toObject().value(QLatin1String("text")).toString().trimmed();
        if (!w.failed())
            m_report.observations.append(o);
    }

private:
    // The rule a result refers to: by index when it gives one (3.27.6), else by id.
    QJsonObject ruleFor(const QJsonObject &result, const QJsonObject &ruleReference, const QString &ruleId, const QString &path)
    {
        qint64 index = -1;
        if (result.contains(QLatin1String("ruleIndex")))
            index = w.integer(result, "ruleIndex", path);
        else if (ruleReference.contains(QLatin1String("index")))
            index = w.integer(ruleReference, "index", member(path, "rule"));
        else
            index = m_ruleIndex.value(ruleId, -1);
        if (index < -1 || index >= m_rules.size()) {
            if (!w.failed())
                w.fail(member(path, "ruleIndex"),
                       QStringLiteral("%1 is not the index of a rule (the run has %2)").arg(index).arg(m_rules.size()));
            return {};
        }
        return index < 0 ? QJsonObject() : m_rules.at(index).toObject();
    }

    JsonWalker &w;
    ScanReport &m_report;
    QString m_tool;
    QString m_version;
    QJsonArray m_rules;
    QHash<QString, qsizetype> m_ruleIndex;
};

} // namespace

Result<ScanReport> readSarif(const QJsonDocument &document, const QString &fileName)
{
    const QJsonObject root = document.object();
    if (!document.isObject() || !root.contains(QLatin1String("runs")))
        return wrongShape(ScanTool::Sarif, document, fileName);
    const QJsonValue version = root.value(QLatin1String("version"));
    if (version.isUndefined())
        return Error {QStringLiteral("version: missing (expected \"2.1.0\")"), fileName};
    if (version.toString() != QLatin1String("2.1.0"))
        return Error {QStringLiteral("version: %1 is not supported: this importer reads SARIF 2.1.0")
                          .arg(QString::fromUtf8(QJsonDocument(QJsonArray {version}).toJson(QJsonDocument::Compact).chopped(1).mid(1))),
                      fileName};

    JsonWalker w(fileName);
    ScanReport report;
    const QJsonArray runs = w.array(root, "runs", {}, Need::Required);
    for (qsizetype r = 0; r < runs.size() && !w.failed(); ++r) {
        const QString runPath = item(QStringLiteral("runs"), r);
        const QJsonObject run = w.element(runs, r, QStringLiteral("runs"));
        if (w.failed())
            break;
        RunReader reader(w, report, run, runPath);
        // A log may hold runs of several tools; the report is named after the first.
        if (r == 0) {
            report.tool = reader.tool();
            report.toolVersion = reader.version();
        }
        const QJsonArray results = w.array(run, "results", runPath);
        const QString resultsPath = member(runPath, "results");
        for (qsizetype i = 0; i < results.size() && !w.failed(); ++i) {
            const QJsonObject result = w.element(results, i, resultsPath);
            if (!w.failed())
                reader.readResult(result, item(resultsPath, i));
        }
    }
    if (w.failed())
        return w.error();
    return report;
}

} // namespace bulkhead::scanformat
