#include "scan/ScanParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bulkhead {

namespace {

std::optional<ScanTool> fromObject(const QJsonObject &o)
{
    if (o.contains(QLatin1String("runs")) && o.value(QLatin1String("$schema")).toString().contains(QLatin1String("sarif"), Qt::CaseInsensitive))
        return ScanTool::Sarif;
    if (o.contains(QLatin1String("runs")) && o.value(QLatin1String("version")).toString() == QLatin1String("2.1.0"))
        return ScanTool::Sarif;
    if (o.contains(QLatin1String("SchemaVersion")) || o.contains(QLatin1String("ArtifactName")))
        return ScanTool::Trivy;
    if (o.contains(QLatin1String("dockerbenchsecurity")))
        return ScanTool::DockerBench;
    if (o.contains(QLatin1String("Controls")))
        return ScanTool::KubeBench;
    return std::nullopt;
}

} // namespace

std::optional<ScanTool> guessScanTool(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        // docker-bench writes its log with printf, and real logs can be broken: still say whose it
        // is, so that the import names the exact fault instead of a guess failing.
        if (bytes.left(4096).contains("\"dockerbenchsecurity\""))
            return ScanTool::DockerBench;
        return std::nullopt;
    }
    if (doc.isObject())
        return fromObject(doc.object());
    // Older Trivy reports and kube-bench without totals are bare arrays.
    const QJsonArray array = doc.array();
    if (array.isEmpty())
        return std::nullopt;
    const QJsonObject first = array.first().toObject();
    if (first.contains(QLatin1String("Target")))
        return ScanTool::Trivy;
    if (first.contains(QLatin1String("tests")))
        return ScanTool::KubeBench;
    return std::nullopt;
}

} // namespace bulkhead
