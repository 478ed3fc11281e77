// Trivy JSON reports (`trivy ... --format json`), SchemaVersion 2: {"SchemaVersion": 2, "Trivy":
// {"Version"}, "Results": [{"Target", "Class", "Vulnerabilities", "Misconfigurations",
// "Secrets"}]}; and the bare array of results older Trivy wrote. One observation per
// vulnerability, per listed misconfiguration (Trivy lists passed checks only with
// --include-non-failures) and per secret. Licence findings are not security observations and are
// not read.
//
// Compliance reports (`--compliance`) are refused: they list check ids per control without the
// targets, titles or remediation, and the same check under several controls; the scan's own
// report holds all of it, and the mapping file ties checks to controls.
#include "scan/CheckIds.h"
#include "scan/ScanFormats.h"

namespace bulkhead::scanformat {

namespace {

using Need = JsonWalker::Need;

QString withLine(const QString &target, qint64 line)
{
    return line > 0 ? target + QStringLiteral(":%1").arg(line) : target;
}

class TrivyReader {
public:
    TrivyReader(JsonWalker &walker, ScanReport &report) : w(walker), m_report(report) { }

    void readResult(const QJsonObject &result, const QString &path)
    {
        const QString target = w.text(result, "Target", path).trimmed();
        readEach(result, "Vulnerabilities", path, [&](const QJsonObject &v, const QString &p) { vulnerability(v, p, target); });
        readEach(result, "Misconfigurations", path, [&](const QJsonObject &m, const QString &p) { misconfiguration(m, p, target); });
        readEach(result, "Secrets", path, [&](const QJsonObject &s, const QString &p) { secret(s, p, target); });
    }

private:
    template<typename Read> void readEach(const QJsonObject &result, const char *key, const QString &path, Read read)
    {
        const QJsonArray entries = w.array(result, key, path);
        const QString entriesPath = member(path, key);
        for (qsizetype i = 0; i < entries.size() && !w.failed(); ++i) {
            const QJsonObject entry = w.element(entries, i, entriesPath);
            if (!w.failed())
                read(entry, item(entriesPath, i));
        }
    }

    Observation observation() const
    {
        Observation o;
        o.tool = m_report.tool;
        o.toolVersion = m_report.toolVersion;
        return o;
    }

    void add(Observation o)
    {
        if (!w.failed())
            m_report.observations.append(std::move(o));
    }

    void vulnerability(const QJsonObject &v, const QString &path, const QString &target)
    {
        Observation o = observation();
        o.checkId = w.text(v, "VulnerabilityID", path, Need::Required).trimmed();
        o.normalisedCheckId = normaliseTrivyCheckId(o.checkId);
        o.title = w.text(v, "Title", path).trimmed();
        if (o.title.isEmpty())
            o.title = o.checkId;
        o.severity = w.text(v, "Severity", path).trimmed();
        o.toolStatus = w.text(v, "Status", path).trimmed();
        // VEX statements can mark a vulnerability as not affecting the package.
        o.status = o.toolStatus == QLatin1String("not_affected") ? Observation::Status::NotApplicable : Observation::Status::Fail;
        const QString package = w.text(v, "PkgName", path).trimmed();
        const QString installed = w.text(v, "InstalledVersion", path).trimmed();
        const QString fixed = w.text(v, "FixedVersion", path).trimmed();
        QString component = package;
        if (!installed.isEmpty())
            component += QLatin1Char('@') + installed;
        o.target = target;
        if (!target.isEmpty() && !component.isEmpty())
            o.target += QStringLiteral(": ");
        o.target += component;
        if (!fixed.isEmpty())
            o.remediation = QStringLiteral("Upgrade %1 to %2").arg(package.isEmpty() ? QStringLiteral("the package") : package, fixed);
        o.detail = w.text(v, "Description", path).trimmed();
        add(std::move(o));
    }

    void misconfiguration(const QJsonObject &m, const QString &path, const QString &target)
    {
        Observation o = observation();
        // Newer Trivy writes "ID": "DS002" and "AVDID": "AVD-DS-0002"; older only "ID": "DS-0002";
        // compliance reports only AVDID.
        o.checkId = w.text(m, "ID", path).trimmed();
        if (o.checkId.isEmpty())
            o.checkId = w.text(m, "AVDID", path).trimmed();
        if (o.checkId.isEmpty() && !w.failed())
            w.fail(member(path, "ID"), QStringLiteral("missing (and no AVDID either)"));
        o.normalisedCheckId = normaliseTrivyCheckId(o.checkId);
        o.title = w.text(m, "Title", path).trimmed();
        o.severity = w.text(m, "Severity", path).trimmed();
        o.toolStatus = w.text(m, "Status", path, Need::Required).trimmed();
        o.remediation = w.text(m, "Resolution", path).trimmed();
        o.detail = w.text(m, "Message", path).trimmed();
        const QJsonObject cause = w.object(m, "CauseMetadata", path);
        o.target = withLine(target, w.integer(cause, "StartLine", member(path, "CauseMetadata")));
        const QString status = o.toolStatus.toUpper();
        if (status == QLatin1String("PASS"))
            o.status = Observation::Status::Pass;
        else if (status == QLatin1String("FAIL"))
            o.status = Observation::Status::Fail;
        else if (status == QLatin1String("EXCEPTION"))
            o.status = Observation::Status::Review;
        else if (!w.failed())
            w.fail(member(path, "Status"),
                   QStringLiteral("unknown status \"%1\" (Trivy writes PASS, FAIL or EXCEPTION)").arg(o.toolStatus));
        add(std::move(o));
    }

    void secret(const QJsonObject &s, const QString &path, const QString &target)
    {
        Observation o = observation();
        o.checkId = w.text(s, "RuleID", path, Need::Required).trimmed();
        o.normalisedCheckId = normaliseTrivyCheckId(o.checkId);
        o.title = w.text(s, "Title", path).trimmed();
        o.severity = w.text(s, "Severity", path).trimmed();
        o.status = Observation::Status::Fail;
        o.target = withLine(target, w.integer(s, "StartLine", path));
        // Trivy masks the secret itself in Match.
        o.detail = w.text(s, "Match", path).trimmed();
        add(std::move(o));
    }

    JsonWalker &w;
    ScanReport &m_report;
};

bool isComplianceReport(const QJsonObject &root)
{
    if (root.contains(QLatin1String("SchemaVersion")))
        return false;
    if (root.contains(QLatin1String("SummaryControls")))
        return true;
    // Compliance results are controls ("ID", "Name") holding scan results, not targets.
    const QJsonObject first = root.value(QLatin1String("Results")).toArray().first().toObject();
    return root.contains(QLatin1String("ID")) && first.contains(QLatin1String("ID")) && !first.contains(QLatin1String("Target"));
}

} // namespace

Result<ScanReport> readTrivy(const QJsonDocument &document, const QString &fileName)
{
    JsonWalker w(fileName);
    ScanReport report;
    report.tool = QStringLiteral("Trivy");
    QJsonArray results;
    QString resultsPath;
    if (document.isObject()) {
        const QJsonObject root = document.object();
        if (isComplianceReport(root))
            return Error {QStringLiteral("a Trivy compliance report, which lists check ids per control without their targets, "
                                         "titles or remediation: import the scan's own report instead (trivy --format json, "
                                         "without --compliance)"),
                          fileName};
        if (!root.contains(QLatin1String("SchemaVersion")))
            return wrongShape(ScanTool::Trivy, document, fileName);
        if (w.integer(root, "SchemaVersion", {}) != 2 && !w.failed())
            return Error {QStringLiteral("SchemaVersion: %1 is not supported: this importer reads Trivy's SchemaVersion 2")
                              .arg(root.value(QLatin1String("SchemaVersion")).toVariant().toString()),
                          fileName};
        report.toolVersion = w.text(w.object(root, "Trivy", {}), "Version", QStringLiteral("Trivy")).trimmed();
        resultsPath = QStringLiteral("Results");
        results = w.array(root, "Results", {});
    } else if (document.array().isEmpty() || document.array().first().toObject().contains(QLatin1String("Target"))) {
        results = document.array();
    } else {
        return wrongShape(ScanTool::Trivy, document, fileName);
    }

    TrivyReader reader(w, report);
    for (qsizetype i = 0; i < results.size() && !w.failed(); ++i) {
        const QJsonObject result = w.element(results, i, resultsPath);
        if (!w.failed())
            reader.readResult(result, item(resultsPath, i));
    }
    if (w.failed())
        return w.error();
    return report;
}

} // namespace bulkhead::scanformat
