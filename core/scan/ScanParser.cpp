#include "scan/ScanParser.h"

#include "scan/ScanFormats.h"

#include <QJsonParseError>

#include <algorithm>
#include <cmath>
#include <exception>

namespace bulkhead {

namespace {

struct ToolInfo {
    ScanTool tool;
    const char *name; // as parseScanTool accepts it
    const char *what; // "kube-bench JSON"
    const char *shape; // what a document of it looks like
};

const ToolInfo kTools[] = {
    {ScanTool::KubeBench, "kube-bench", "kube-bench JSON", "an object with a \"Controls\" array, or an array of controls"},
    {ScanTool::DockerBench, "docker-bench", "a docker-bench-security JSON log", "an object with a \"tests\" array"},
    {ScanTool::Trivy, "trivy", "a Trivy JSON report", "an object with \"SchemaVersion\": 2 and \"Results\", or an array of results"},
    {ScanTool::Sarif, "sarif", "a SARIF 2.1.0 log", "an object with \"version\": \"2.1.0\" and a \"runs\" array"},
};

const ToolInfo &info(ScanTool tool)
{
    for (const auto &t : kTools) {
        if (t.tool == tool)
            return t;
    }
    return kTools[0];
}

// 1-based line and column of a byte offset; the column counts characters, not UTF-8 bytes.
std::pair<int, int> lineAndColumn(const QByteArray &bytes, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, bytes.size());
    const char *begin = bytes.constData();
    const auto newlines = std::count(begin, begin + offset, '\n');
    const char *lineStart = begin + offset;
    while (lineStart > begin && lineStart[-1] != '\n')
        --lineStart;
    const auto column = std::count_if(lineStart, begin + offset, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    return {static_cast<int>(newlines) + 1, static_cast<int>(column) + 1};
}

// Where the problem is. Qt reports the offset just past the character it choked on (an
// unexpected quote, a brace closing the wrong thing), except for text after the document, which
// it reports where it starts; input that ends too early is reported at its end.
qsizetype problemOffset(const QJsonParseError &error, qsizetype size)
{
    if (error.offset >= size)
        return size;
    if (error.error == QJsonParseError::GarbageAtEnd || error.offset <= 0)
        return error.offset;
    return error.offset - 1;
}

// Qt's words for the common cases say what its parser was doing, not what is wrong with the file.
QString problemText(const QJsonParseError &error, bool atEnd)
{
    switch (error.error) {
    case QJsonParseError::UnterminatedObject:
        return atEnd ? QStringLiteral("the file ends inside an object") : QStringLiteral("expected ',' or '}' after a member");
    case QJsonParseError::UnterminatedArray:
        return atEnd ? QStringLiteral("the file ends inside an array") : QStringLiteral("expected ',' or ']' after a value");
    case QJsonParseError::UnterminatedString:
        if (atEnd)
            return QStringLiteral("the file ends inside a string");
        break;
    default: break;
    }
    return error.errorString();
}

// What a valid JSON document looks like it is, from its top-level keys.
struct Guess {
    QString what;
    std::optional<ScanTool> tool; // nullopt when it is nothing we import
};

std::optional<Guess> guess(const QJsonDocument &document)
{
    const auto is = [](ScanTool tool) { return Guess {QLatin1String(info(tool).what), tool}; };
    if (document.isObject()) {
        const QJsonObject o = document.object();
        const auto has = [&o](const char *key) { return o.contains(QLatin1String(key)); };
        if (has("SchemaVersion") || (has("ArtifactName") && has("Results")))
            return is(ScanTool::Trivy);
        if (has("runs"))
            return is(ScanTool::Sarif);
        if (has("Controls"))
            return is(ScanTool::KubeBench);
        if (has("dockerbenchsecurity") || (has("tests") && has("checks")))
            return is(ScanTool::DockerBench);
        if (has("ID") && has("Title") && (has("Results") || has("SummaryControls")))
            return Guess {QStringLiteral("a Trivy compliance report"), std::nullopt};
        return std::nullopt;
    }
    const QJsonObject first = document.array().first().toObject();
    if (first.contains(QLatin1String("tests")) && first.contains(QLatin1String("node_type")))
        return is(ScanTool::KubeBench);
    if (first.contains(QLatin1String("Target")))
        return is(ScanTool::Trivy);
    return std::nullopt;
}

Result<ScanReport> parseDocument(ScanTool tool, const QByteArray &bytes, const QString &fileName)
{
    if (std::all_of(bytes.begin(), bytes.end(), [](char c) { return QChar::isSpace(static_cast<unsigned char>(c)); }))
        return Error {QStringLiteral("the file is empty: expected %1").arg(QLatin1String(info(tool).what)), fileName};

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const qsizetype offset = problemOffset(parseError, bytes.size());
        const auto [line, column] = lineAndColumn(bytes, offset);
        QString message = QStringLiteral("not valid JSON: %1").arg(problemText(parseError, offset >= bytes.size()));
        if (tool == ScanTool::DockerBench)
            message += QStringLiteral(" (docker-bench-security writes its log without escaping quotes or backslashes inside "
                                      "values, which breaks it; correct the value near this position by hand)");
        return Error {message, fileName, line, column};
    }

    switch (tool) {
    case ScanTool::KubeBench: return scanformat::readKubeBench(document, fileName);
    case ScanTool::DockerBench: return scanformat::readDockerBench(document, fileName);
    case ScanTool::Trivy: return scanformat::readTrivy(document, fileName);
    case ScanTool::Sarif: return scanformat::readSarif(document, fileName);
    }
    return Error {QStringLiteral("unknown scanner"), fileName};
}

} // namespace

std::optional<ScanTool> parseScanTool(const QString &name)
{
    for (const auto &t : kTools) {
        if (name.trimmed().compare(QLatin1String(t.name), Qt::CaseInsensitive) == 0)
            return t.tool;
    }
    return std::nullopt;
}

QStringList scanToolNames()
{
    QStringList names;
    for (const auto &t : kTools)
        names.append(QLatin1String(t.name));
    return names;
}

Result<ScanReport> parseScan(ScanTool tool, const QByteArray &bytes, const QString &fileName)
{
    // Nothing here throws by design; a file too large for memory still may (std::bad_alloc).
    try {
        return parseDocument(tool, bytes, fileName);
    } catch (const std::exception &e) {
        return Error {QStringLiteral("could not be read: %1").arg(QString::fromLocal8Bit(e.what())), fileName};
    }
}

namespace scanformat {

QString member(const QString &path, const char *key)
{
    return path.isEmpty() ? QString::fromLatin1(key) : path + QLatin1Char('.') + QLatin1String(key);
}

QString item(const QString &path, qsizetype index)
{
    return path + QStringLiteral("[%1]").arg(index);
}

QString JsonWalker::text(const QJsonObject &object, const char *key, const QString &path, Need need)
{
    const QJsonValue v = object.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        if (need == Need::Required)
            fail(member(path, key), QStringLiteral("missing"));
        return {};
    }
    if (!v.isString()) {
        fail(member(path, key), QStringLiteral("must be a string"));
        return {};
    }
    const QString s = v.toString();
    if (need == Need::Required && s.trimmed().isEmpty())
        fail(member(path, key), QStringLiteral("must not be empty"));
    return s;
}

QJsonArray JsonWalker::array(const QJsonObject &object, const char *key, const QString &path, Need need)
{
    const QJsonValue v = object.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        if (need == Need::Required)
            fail(member(path, key), QStringLiteral("missing"));
        return {};
    }
    if (!v.isArray())
        fail(member(path, key), QStringLiteral("must be an array"));
    return v.toArray();
}

QJsonObject JsonWalker::object(const QJsonObject &object, const char *key, const QString &path)
{
    const QJsonValue v = object.value(QLatin1String(key));
    if (!v.isUndefined() && !v.isNull() && !v.isObject())
        fail(member(path, key), QStringLiteral("must be an object"));
    return v.toObject();
}

qint64 JsonWalker::integer(const QJsonObject &object, const char *key, const QString &path)
{
    const QJsonValue v = object.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return 0;
    const double d = v.toDouble();
    // Beyond 2^53 a double no longer holds whole numbers exactly (and the cast could overflow).
    if (!v.isDouble() || std::trunc(d) != d || std::abs(d) > 9007199254740992.0) {
        fail(member(path, key), QStringLiteral("must be a whole number"));
        return 0;
    }
    return static_cast<qint64>(d);
}

QJsonObject JsonWalker::element(const QJsonArray &array, qsizetype index, const QString &path)
{
    const QJsonValue v = array.at(index);
    if (!v.isObject())
        fail(item(path, index), QStringLiteral("must be an object"));
    return v.toObject();
}

void JsonWalker::fail(const QString &path, const QString &message)
{
    if (!m_error)
        m_error = Error {path.isEmpty() ? message : path + QStringLiteral(": ") + message, m_file};
}

Error wrongShape(ScanTool tool, const QJsonDocument &document, const QString &fileName)
{
    const ToolInfo &expected = info(tool);
    QString message = QStringLiteral("not %1: expected %2").arg(QLatin1String(expected.what), QLatin1String(expected.shape));
    if (const auto g = guess(document); g && g->tool != tool) {
        message += QStringLiteral("; the file looks like %1").arg(g->what);
        if (g->tool)
            message += QStringLiteral(": import it as \"%1\"").arg(QLatin1String(info(*g->tool).name));
    }
    return Error {message, fileName};
}

} // namespace scanformat

} // namespace bulkhead
