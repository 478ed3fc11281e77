#include "YamlReader.h"

#include <QSet>

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <vector>

namespace bulkhead {

std::optional<YAML::Node> YamlReader::parse(const QString &text)
{
    if (const qsizetype bytes = text.toUtf8().size(); bytes > kMaxTextBytes) {
        error(0, 0,
              QStringLiteral("the file is %1 MiB, over the limit of %2 MiB for YAML files")
                  .arg(double(bytes) / (1024 * 1024), 0, 'f', 1)
                  .arg(kMaxTextBytes / (1024 * 1024)));
        return std::nullopt;
    }
    m_lines = text.split(QLatin1Char('\n'));
    // YAML allows no control characters but tab and line breaks; yaml-cpp lets some through and
    // stumbles on others with a message about escapes, so they are refused here, where they are.
    for (int row = 0; row < m_lines.size(); ++row) {
        const QString &line = m_lines.at(row);
        for (int col = 0; col < line.size(); ++col) {
            const char16_t c = line.at(col).unicode();
            if ((c < 0x20 && c != u'\t' && c != u'\r') || c == 0x7f) {
                error(row + 1, col + 1,
                      QStringLiteral("the file contains the control character U+%1, which YAML does not allow")
                          .arg(QString::number(c, 16).toUpper().rightJustified(4, QLatin1Char('0'))));
                return std::nullopt;
            }
        }
    }
    try {
        const QByteArray utf8 = text.toUtf8();
        // Every document is read, so that a second one is an error rather than silently ignored.
        const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(utf8.constData(), static_cast<size_t>(utf8.size())));
        if (documents.size() > 1) {
            error(documents.at(1),
                  QStringLiteral("the file holds %1 YAML documents; a Bulkhead file is one document (remove the '---' line)")
                      .arg(documents.size()));
            return std::nullopt;
        }
        return documents.empty() ? YAML::Node() : documents.front();
    } catch (const YAML::DeepRecursion &e) {
        // yaml-cpp says only "bad file" when it stops a document nested deeper than it allows.
        error(e.mark.line + 1, e.mark.column + 1,
              QStringLiteral("YAML nested too deeply: more than %1 levels of lists and mappings").arg(e.depth() - 1));
    } catch (const YAML::Exception &e) {
        error(e.mark.line + 1, e.mark.column + 1, QStringLiteral("YAML syntax error: %1").arg(QString::fromStdString(e.msg)));
    } catch (const std::exception &e) {
        error(0, 0, QStringLiteral("cannot parse YAML: %1").arg(QString::fromUtf8(e.what())));
    }
    return std::nullopt;
}

void YamlReader::error(const YAML::Node &at, const QString &message)
{
    if (at.IsDefined() && !at.Mark().is_null())
        error(line(at), column(at), message);
    else
        error(0, 0, message);
}

void YamlReader::error(int line, int column, const QString &message)
{
    ++m_errors;
    m_problems.append(Error {message, m_file, line, column});
}

bool YamlReader::expectMap(const YAML::Node &node, const QString &what)
{
    if (node.IsMap())
        return true;
    error(node, QStringLiteral("%1 must be a mapping of keys to values").arg(what));
    return false;
}

bool YamlReader::expectSequence(const YAML::Node &node, const QString &what)
{
    if (node.IsSequence())
        return true;
    error(node, QStringLiteral("%1 must be a list").arg(what));
    return false;
}

void YamlReader::checkKeys(const YAML::Node &map, std::initializer_list<const char *> allowed, const QString &what)
{
    QSet<QString> seen; // a set: a list's linear search is quadratic in a mapping with many keys
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QString key = scalar(it->first);
        // YAML forbids a key twice in one mapping; yaml-cpp would silently keep the first.
        if (seen.contains(key))
            error(it->first, QStringLiteral("key '%1' appears twice in %2").arg(key, what));
        seen.insert(key);
        bool known = false;
        for (const char *a : allowed)
            known = known || key == QLatin1String(a);
        if (!known) {
            QStringList names;
            for (const char *a : allowed)
                names << QString::fromLatin1(a);
            error(it->first, QStringLiteral("unknown key '%1' in %2 (allowed: %3)").arg(key, what, names.join(QStringLiteral(", "))));
        }
    }
}

QString YamlReader::scalar(const YAML::Node &node)
{
    // An absent key gives an invalid node, whose type queries throw.
    if (!node.IsDefined() || !node.IsScalar())
        return {};
    const std::string &s = node.Scalar();
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

std::optional<QString> YamlReader::string(const YAML::Node &map, const char *key, const QString &what, bool required)
{
    const YAML::Node node = map[key];
    if (!node.IsDefined() || node.IsNull()) {
        if (required)
            error(map, QStringLiteral("%1 has no '%2'").arg(what, QString::fromLatin1(key)));
        return std::nullopt;
    }
    if (!node.IsScalar()) {
        error(node,
              QStringLiteral("'%1' of %2 must be text, not a %3")
                  .arg(QString::fromLatin1(key), what, node.IsMap() ? QStringLiteral("mapping") : QStringLiteral("list")));
        return std::nullopt;
    }
    return scalar(node);
}

std::optional<int> YamlReader::integer(const YAML::Node &map, const char *key, const QString &what, bool required)
{
    const auto text = string(map, key, what, required);
    if (!text)
        return std::nullopt;
    bool ok = false;
    const int value = text->toInt(&ok);
    if (!ok) {
        error(map[key], QStringLiteral("'%1' of %2 must be a whole number, not '%3'").arg(QString::fromLatin1(key), what, *text));
        return std::nullopt;
    }
    return value;
}

std::optional<double> YamlReader::number(const YAML::Node &map, const char *key, const QString &what, bool required)
{
    const auto text = string(map, key, what, required);
    if (!text)
        return std::nullopt;
    bool ok = false;
    const double value = text->toDouble(&ok);
    if (!ok) {
        error(map[key], QStringLiteral("'%1' of %2 must be a number, not '%3'").arg(QString::fromLatin1(key), what, *text));
        return std::nullopt;
    }
    return value;
}

QStringList YamlReader::stringList(const YAML::Node &map, const char *key, const QString &what)
{
    const YAML::Node node = map[key];
    QStringList values;
    if (!node.IsDefined() || node.IsNull())
        return values;
    if (!node.IsSequence()) {
        error(node, QStringLiteral("'%1' of %2 must be a list").arg(QString::fromLatin1(key), what));
        return values;
    }
    for (const auto &item : node) {
        if (!item.IsScalar()) {
            error(item, QStringLiteral("each entry of '%1' in %2 must be text").arg(QString::fromLatin1(key), what));
            continue;
        }
        values << scalar(item);
    }
    return values;
}

Condition YamlReader::condition(const YAML::Node &node, const QString &text, const QString &what)
{
    auto parsed = Condition::parse(text);
    if (parsed)
        return *parsed;
    const auto [l, c] = locateInScalar(node, std::max(parsed.error().column, 1) - 1);
    error(l, c, QStringLiteral("the 'when' of %1 is not a valid condition: %2").arg(what, parsed.error().message));
    return {};
}

std::pair<int, int> YamlReader::locateInScalar(const YAML::Node &node, int index) const
{
    // Walks the raw text from the scalar's start, consuming one value character at a time as
    // the scalar's style encodes it, until `index` characters of the value are behind.
    int row = line(node) - 1;
    int col = column(node) - 1;
    auto at = [this](int r, int c) -> QChar { return r < m_lines.size() && c < m_lines.at(r).size() ? m_lines.at(r).at(c) : QChar(); };
    if (row >= m_lines.size())
        return {line(node), column(node)};
    const QChar style = at(row, col);
    if (style == QLatin1Char('|') || style == QLatin1Char('>')) {
        // A block: the value starts on the next line, after the block's indentation.
        ++row;
        int indent = 0;
        while (row < m_lines.size() && at(row, indent) == QLatin1Char(' '))
            ++indent;
        for (int consumed = 0; row < m_lines.size(); ++row) {
            const int length = static_cast<int>(m_lines.at(row).size()) - indent;
            if (index - consumed <= length)
                return {row + 1, indent + (index - consumed) + 1};
            consumed += length + 1; // the line break becomes one character ('\n' or ' ')
        }
        return {line(node), column(node)};
    }
    const bool dq = style == QLatin1Char('"');
    const bool sq = style == QLatin1Char('\'');
    if (dq || sq)
        ++col;
    for (int consumed = 0; consumed < index; ++consumed) {
        if (col >= m_lines.at(row).size()) {
            // A line break folds into one space; the next line's indentation is not part of the value.
            if (++row >= m_lines.size())
                return {line(node), column(node)};
            col = 0;
            while (at(row, col) == QLatin1Char(' '))
                ++col;
            continue;
        }
        if ((dq && at(row, col) == QLatin1Char('\\')) || (sq && at(row, col) == QLatin1Char('\'') && at(row, col + 1) == QLatin1Char('\'')))
            col += 2;
        else
            ++col;
    }
    return {row + 1, col + 1};
}

} // namespace bulkhead
