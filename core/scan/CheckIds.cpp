#include "scan/CheckIds.h"

#include <QRegularExpression>

namespace bulkhead {

namespace {

// Letters, an optional dash, digits; optionally behind "AVD-". Ids with more parts (CVE-2019-1549,
// GHSA-xxxx-xxxx-xxxx, aws-access-key-id) do not match and are left alone.
const QRegularExpression kTrivyCheck(QStringLiteral("^(?:AVD-)?([A-Z]+)-?([0-9]+)$"), QRegularExpression::CaseInsensitiveOption);

} // namespace

QString normaliseTrivyCheckId(const QString &id)
{
    const QString trimmed = id.trimmed();
    const QRegularExpressionMatch m = kTrivyCheck.match(trimmed);
    if (!m.hasMatch())
        return trimmed;
    // Strip leading zeros as text rather than converting, so an absurdly long number cannot overflow.
    QString number = m.captured(2);
    while (number.size() > 1 && number.front() == QLatin1Char('0'))
        number.remove(0, 1);
    return m.captured(1).toUpper() + QLatin1Char('-') + number.rightJustified(4, QLatin1Char('0'));
}

QString normaliseCisCheckId(CisBenchmark benchmark, const QString &number)
{
    const QString prefix = benchmark == CisBenchmark::Kubernetes ? QStringLiteral("k8s-cis:") : QStringLiteral("docker-cis:");
    return prefix + number.trimmed();
}

QString normaliseSarifRuleId(const QString &toolName, const QString &ruleId)
{
    const QString tool = toolName.trimmed().toLower();
    if (tool == QLatin1String("trivy"))
        return normaliseTrivyCheckId(ruleId);
    if (tool.isEmpty() || ruleId.trimmed().isEmpty())
        return ruleId.trimmed();
    return QString(tool).replace(QLatin1Char(' '), QLatin1Char('-')) + QLatin1Char(':') + ruleId.trimmed();
}

} // namespace bulkhead
