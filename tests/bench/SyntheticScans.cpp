#include "SyntheticScans.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace bulkhead::bench {

namespace {

QJsonObject vulnerability(int n)
{
    static const QStringList packages {QStringLiteral("bash"),      QStringLiteral("libc6"),     QStringLiteral("openssl"),
                                       QStringLiteral("libssl1.1"), QStringLiteral("curl"),      QStringLiteral("zlib1g"),
                                       QStringLiteral("libxml2"),   QStringLiteral("perl-base"), QStringLiteral("tar"),
                                       QStringLiteral("gnupg")};
    static const QStringList severities {QStringLiteral("LOW"),  QStringLiteral("MEDIUM"),   QStringLiteral("MEDIUM"),
                                         QStringLiteral("HIGH"), QStringLiteral("CRITICAL"), QStringLiteral("UNKNOWN")};
    const QString id = QStringLiteral("CVE-%1-%2").arg(2017 + n % 8).arg(10000 + n);
    const QString package = packages.at(n % packages.size());
    const QString version = QStringLiteral("%1.%2-%3").arg(1 + n % 5).arg(n % 17).arg(1 + n % 4);
    QJsonObject v {
        {QStringLiteral("VulnerabilityID"), id},
        {QStringLiteral("PkgID"), QString(package + QLatin1Char('@') + version)},
        {QStringLiteral("PkgName"), package},
        {QStringLiteral("PkgIdentifier"),
         QJsonObject {{QStringLiteral("PURL"), QStringLiteral("pkg:deb/debian/%1@%2?arch=amd64&distro=debian-10.1").arg(package, version)},
                      {QStringLiteral("UID"), QStringLiteral("%1").arg(0x9d0e7acf6LL + n, 16, 16, QLatin1Char('0'))}}},
        {QStringLiteral("InstalledVersion"), version},
        {QStringLiteral("Status"), n % 3 ? QStringLiteral("fixed") : QStringLiteral("affected")},
        {QStringLiteral("Layer"),
         QJsonObject {
             {QStringLiteral("Digest"), QStringLiteral("sha256:4a56a430b2bac33260d6449e162017e2b23076c6411a17b46db67f5b84dde2bd")},
             {QStringLiteral("DiffID"), QStringLiteral("sha256:78c1b9419976227e05be9d243b7fa583bea44a5258e52018b2af4cdfe23d148d")}}},
        {QStringLiteral("SeveritySource"), QStringLiteral("debian")},
        {QStringLiteral("PrimaryURL"), QStringLiteral("https://avd.aquasec.com/nvd/%1").arg(id.toLower())},
        {QStringLiteral("DataSource"),
         QJsonObject {{QStringLiteral("ID"), QStringLiteral("debian")},
                      {QStringLiteral("Name"), QStringLiteral("Debian Security Tracker")},
                      {QStringLiteral("URL"), QStringLiteral("https://salsa.debian.org/security-tracker-team/security-tracker")}}},
        {QStringLiteral("Title"),
         QStringLiteral("%1: improper input validation in a parsing routine may lead to memory corruption").arg(package)},
        {QStringLiteral("Description"),
         QStringLiteral("An issue was discovered in %1 before %2. A crafted input processed by a parsing routine can cause an "
                        "out-of-bounds write, leading to a denial of service or possibly code execution with the privileges of the "
                        "calling process. Exploitation requires the attacker to supply input to an application that uses the "
                        "affected function; default configurations of many distributions are affected.")
             .arg(package, version)},
        {QStringLiteral("Severity"), severities.at(n % severities.size())},
        {QStringLiteral("CweIDs"), QJsonArray {QStringLiteral("CWE-%1").arg(20 + n % 700)}},
        {QStringLiteral("VendorSeverity"),
         QJsonObject {{QStringLiteral("debian"), 1 + n % 3}, {QStringLiteral("nvd"), 1 + n % 4}, {QStringLiteral("redhat"), 1 + n % 3}}},
        {QStringLiteral("CVSS"),
         QJsonObject {{QStringLiteral("nvd"),
                       QJsonObject {{QStringLiteral("V3Vector"), QStringLiteral("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H")},
                                    {QStringLiteral("V3Score"), 4.0 + (n % 60) / 10.0}}}}},
        {QStringLiteral("References"),
         QJsonArray {QStringLiteral("https://access.redhat.com/security/cve/%1").arg(id),
                     QStringLiteral("https://cve.mitre.org/cgi-bin/cvename.cgi?name=%1").arg(id),
                     QStringLiteral("https://nvd.nist.gov/vuln/detail/%1").arg(id),
                     QStringLiteral("https://security-tracker.debian.org/tracker/%1").arg(id),
                     QStringLiteral("https://ubuntu.com/security/notices/USN-%1-1").arg(4000 + n % 3000)}},
        {QStringLiteral("PublishedDate"), QStringLiteral("2019-11-28T01:15:00Z")},
        {QStringLiteral("LastModifiedDate"), QStringLiteral("2021-05-26T12:15:00Z")},
    };
    if (n % 3)
        v.insert(QStringLiteral("FixedVersion"), QString(version + QStringLiteral("+deb10u1")));
    return v;
}

QJsonObject kubeBenchResult(int section, int group, int number, int n)
{
    static const QStringList statuses {QStringLiteral("PASS"), QStringLiteral("PASS"), QStringLiteral("FAIL"),
                                       QStringLiteral("WARN"), QStringLiteral("PASS"), QStringLiteral("INFO")};
    const QString testNumber = QStringLiteral("%1.%2.%3").arg(section).arg(group).arg(number);
    const QString remediation
        = QStringLiteral("Run the below command (based on the file location on your system) on the\nmaster node.\nFor example, chmod 600 "
                         "/etc/kubernetes/manifests/kube-apiserver.yaml\n");
    return {
        {QStringLiteral("test_number"), testNumber},
        {QStringLiteral("test_desc"),
         QStringLiteral("Ensure that the component configuration file %1 permissions are set to 600 or more restrictive (Automated)")
             .arg(testNumber)},
        {QStringLiteral("audit"),
         QStringLiteral("/bin/sh -c 'if test -e /etc/kubernetes/manifests/kube-apiserver.yaml; then stat -c "
                        "permissions=%a /etc/kubernetes/manifests/kube-apiserver.yaml; fi'")},
        {QStringLiteral("AuditConfig"), QString()},
        {QStringLiteral("type"), QString()},
        {QStringLiteral("remediation"), remediation},
        {QStringLiteral("test_info"), QJsonArray {remediation}},
        {QStringLiteral("status"), statuses.at(n % statuses.size())},
        {QStringLiteral("actual_value"), QStringLiteral("permissions=6%1%1\n").arg(n % 5)},
        {QStringLiteral("scored"), true},
        {QStringLiteral("IsMultiple"), false},
        {QStringLiteral("expected_result"), QStringLiteral("permissions has permissions 600, expected 600 or more restrictive")},
    };
}

} // namespace

QByteArray syntheticTrivyReport(int vulnerabilities)
{
    QJsonArray results;
    const int targets = std::max(1, vulnerabilities / 500);
    for (int t = 0, n = 0; t < targets; ++t) {
        QJsonArray vulns;
        const int here = vulnerabilities / targets + (t < vulnerabilities % targets ? 1 : 0);
        for (int i = 0; i < here; ++i)
            vulns.append(vulnerability(n++));
        results.append(
            QJsonObject {{QStringLiteral("Target"), QStringLiteral("registry.example.com/shop/service-%1:2025.11 (debian 10.13)").arg(t)},
                         {QStringLiteral("Class"), QStringLiteral("os-pkgs")},
                         {QStringLiteral("Type"), QStringLiteral("debian")},
                         {QStringLiteral("Vulnerabilities"), vulns}});
    }
    const QJsonObject report {
        {QStringLiteral("SchemaVersion"), 2},
        {QStringLiteral("Trivy"), QJsonObject {{QStringLiteral("Version"), QStringLiteral("0.57.1")}}},
        {QStringLiteral("CreatedAt"), QStringLiteral("2025-11-20T12:20:30.000000005Z")},
        {QStringLiteral("ArtifactName"), QStringLiteral("registry.example.com/shop")},
        {QStringLiteral("ArtifactType"), QStringLiteral("container_image")},
        {QStringLiteral("Results"), results},
    };
    return QJsonDocument(report).toJson(QJsonDocument::Indented);
}

QByteArray syntheticKubeBenchReport(int results)
{
    // Several nodes' runs in one report: sections 1 (control plane) to 5 (policies), each with
    // groups of checks numbered as the CIS Kubernetes Benchmark numbers them.
    static const QStringList nodeTypes {QStringLiteral("master"), QStringLiteral("etcd"), QStringLiteral("controlplane"),
                                        QStringLiteral("node"), QStringLiteral("policies")};
    QJsonArray controls;
    int n = 0;
    for (int run = 0; n < results; ++run) {
        for (int section = 1; section <= 5 && n < results; ++section) {
            QJsonArray groups;
            for (int group = 1; group <= 4 && n < results; ++group) {
                QJsonArray list;
                for (int number = 1; number <= 10 && n < results; ++number)
                    list.append(kubeBenchResult(section, group, number, n++));
                groups.append(QJsonObject {{QStringLiteral("section"), QStringLiteral("%1.%2").arg(section).arg(group)},
                                           {QStringLiteral("desc"), QStringLiteral("Configuration files, group %1").arg(group)},
                                           {QStringLiteral("results"), list}});
            }
            controls.append(QJsonObject {{QStringLiteral("id"), QString::number(section)},
                                         {QStringLiteral("version"), QStringLiteral("cis-1.9")},
                                         {QStringLiteral("detected_version"), QStringLiteral("1.30")},
                                         {QStringLiteral("text"), QStringLiteral("Node %1 configuration").arg(run)},
                                         {QStringLiteral("node_type"), nodeTypes.at(section - 1)},
                                         {QStringLiteral("tests"), groups}});
        }
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("Controls"), controls}}).toJson(QJsonDocument::Indented);
}

} // namespace bulkhead::bench
