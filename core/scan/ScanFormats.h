// Private to core/scan: the per-format readers behind parseScan (one file each) and the walker
// they share, which turns every surprise in a document into an Error with its JSON path.
#pragma once

#include "Result.h"
#include "scan/Observation.h"
#include "scan/ScanParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace bulkhead::scanformat {

// "Results[0]" + "Target" -> "Results[0].Target"; at the top level just "Target".
QString member(const QString &path, const char *key);
// "Results" + 2 -> "Results[2]".
QString item(const QString &path, qsizetype index);

// Reads members out of a parsed document and keeps the first problem it meets, so a reader can
// walk a whole entry and check once. Absent and null members read as empty (Go's encoders write
// null for empty lists); a member of the wrong type, or a required one missing or empty, is a problem.
class JsonWalker {
public:
    enum class Need { Optional, Required };

    explicit JsonWalker(QString fileName) : m_file(std::move(fileName)) { }

    QString text(const QJsonObject &object, const char *key, const QString &path, Need need = Need::Optional);
    QJsonArray array(const QJsonObject &object, const char *key, const QString &path, Need need = Need::Optional);
    QJsonObject object(const QJsonObject &object, const char *key, const QString &path);
    // A whole number member; 0 when absent.
    qint64 integer(const QJsonObject &object, const char *key, const QString &path);
    // Element `index` of `array`, which must be an object; `path` names the array.
    QJsonObject element(const QJsonArray &array, qsizetype index, const QString &path);

    void fail(const QString &path, const QString &message);
    bool failed() const { return m_error.has_value(); }
    const Error &error() const { return *m_error; }
    const QString &fileName() const { return m_file; }

private:
    QString m_file;
    std::optional<Error> m_error;
};

// A document that is valid JSON but not what `tool` writes: says what was expected and, when the
// file looks like another tool's output, which.
Error wrongShape(ScanTool tool, const QJsonDocument &document, const QString &fileName);

Result<ScanReport> readKubeBench(const QJsonDocument &document, const QString &fileName);
Result<ScanReport> readDockerBench(const QJsonDocument &document, const QString &fileName);
Result<ScanReport> readTrivy(const QJsonDocument &document, const QString &fileName);
Result<ScanReport> readSarif(const QJsonDocument &document, const QString &fileName);

} // namespace bulkhead::scanformat
