// Typed, position-aware access to a parsed YAML document for the content parsers. Every
// problem becomes an Error carrying the file, line and column of the offending node, so a
// content author can go straight to it. yaml-cpp's exceptions stop here.
#pragma once

#include "Condition.h"
#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>

namespace bulkhead {

// Runs a reader and turns any yaml-cpp exception it lets through (a document shape the reader
// did not expect) into an Error naming `what`: yaml-cpp's exceptions stop at core's edge.
template<typename Read> auto readCatching(const QString &what, const QString &file, QList<Error> &problems, Read read) -> decltype(read())
{
    try {
        return read();
    } catch (const YAML::Exception &e) {
        problems.append(Error {QStringLiteral("cannot read %1: %2").arg(what, QString::fromStdString(e.msg)), file, e.mark.line + 1,
                               e.mark.column + 1});
    }
    return std::nullopt;
}

class YamlReader {
public:
    // The largest text parse() reads; the built-in files are about 100 KB each. yaml-cpp reads
    // a few megabytes a second, so much bigger input would take minutes, not a moment.
    static constexpr qsizetype kMaxTextBytes = 8 * 1024 * 1024;

    YamlReader(QString file, QList<Error> &problems) : m_file(std::move(file)), m_problems(problems) { }

    // Parses text; on a syntax error, or text over kMaxTextBytes, records it and returns nullopt.
    std::optional<YAML::Node> parse(const QString &text);

    void error(const YAML::Node &at, const QString &message);
    void error(int line, int column, const QString &message);
    int errorCount() const { return m_errors; }
    const QString &file() const { return m_file; }

    bool expectMap(const YAML::Node &node, const QString &what);
    bool expectSequence(const YAML::Node &node, const QString &what);
    // Reports every key of `map` that is not in `allowed`.
    void checkKeys(const YAML::Node &map, std::initializer_list<const char *> allowed, const QString &what);

    // Typed fields of a map. A missing required field and a value of the wrong type are errors.
    std::optional<QString> string(const YAML::Node &map, const char *key, const QString &what, bool required);
    std::optional<int> integer(const YAML::Node &map, const char *key, const QString &what, bool required);
    std::optional<double> number(const YAML::Node &map, const char *key, const QString &what, bool required);
    QStringList stringList(const YAML::Node &map, const char *key, const QString &what);
    // Parses a `when` condition; a syntax error is reported at its exact column in the file.
    Condition condition(const YAML::Node &node, const QString &text, const QString &what);

    static QString scalar(const YAML::Node &node);
    static int line(const YAML::Node &node) { return node.Mark().line + 1; }
    static int column(const YAML::Node &node) { return node.Mark().column + 1; }

    // Where the character at `index` (0-based) of a scalar's value stands in the file, for
    // every scalar style: plain, quoted with escapes, and literal or folded blocks.
    std::pair<int, int> locateInScalar(const YAML::Node &node, int index) const;

private:
    QString m_file;
    QStringList m_lines; // the parsed text, for locating positions inside scalars
    QList<Error> &m_problems;
    int m_errors = 0;
};

} // namespace bulkhead
