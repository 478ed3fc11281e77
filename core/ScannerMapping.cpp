#include "ScannerMapping.h"

#include "ContentLibrary.h"
#include "YamlReader.h"
#include "scan/CheckIds.h"
#include "scan/Observation.h"

#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace bulkhead {

namespace {

const QStringList kClasses = {QStringLiteral("vulnerability"), QStringLiteral("secret")};

// Trivy's own checks, once normalised: letters, a dash, at least four digits ("KSV-0012").
const QRegularExpression kTrivyCheck(QStringLiteral("^[A-Z]+-[0-9]{4,}$"));
// Trivy's secret rules are named in lower case with dashes ("aws-access-key-id", "github-pat");
// vulnerability ids are upper case ("CVE-2019-1549", "GHSA-...", "DLA-3005-1", "TEMP-...").
const QRegularExpression kSecretRule(QStringLiteral("^[a-z0-9]+(?:[-_][a-z0-9]+)*$"));

QList<ScannerMapping::Reference> references(YamlReader &yaml, const YAML::Node &entry, const char *key, const QString &what)
{
    QList<ScannerMapping::Reference> refs;
    const YAML::Node node = entry[key];
    if (!node.IsDefined() || node.IsNull())
        return refs;
    if (!node.IsSequence()) {
        yaml.error(node, QStringLiteral("'%1' of %2 must be a list").arg(QLatin1String(key), what));
        return refs;
    }
    for (const auto &item : node) {
        const QString id = YamlReader::scalar(item).trimmed();
        if (!item.IsScalar() || id.isEmpty()) {
            yaml.error(item, QStringLiteral("each entry of '%1' in %2 must be an id").arg(QLatin1String(key), what));
            continue;
        }
        refs.append({id, YamlReader::line(item), YamlReader::column(item)});
    }
    return refs;
}

void addSorted(QStringList &list, const QString &id)
{
    const auto at = std::lower_bound(list.begin(), list.end(), id);
    if (at == list.end() || *at != id)
        list.insert(at, id);
}

} // namespace

QString ScannerMapping::normaliseMappedCheck(const QString &id)
{
    const QString trimmed = id.trimmed();
    return trimmed.contains(QLatin1Char(':')) ? trimmed : normaliseTrivyCheckId(trimmed);
}

std::optional<QString> ScannerMapping::observationClass(const Observation &o)
{
    if (o.tool.trimmed().compare(QLatin1String("trivy"), Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const QString id = o.normalisedCheckId.trimmed();
    if (id.isEmpty() || kTrivyCheck.match(id).hasMatch())
        return std::nullopt;
    return kSecretRule.match(id).hasMatch() ? QStringLiteral("secret") : QStringLiteral("vulnerability");
}

bool ScannerMapping::looksLikeMapping(const QString &text)
{
    static const QRegularExpression header(QStringLiteral("^mapping:\\s*scanner-checks\\s*(#.*)?$"), QRegularExpression::MultilineOption);
    return header.match(text).hasMatch();
}

Result<ScannerMapping> ScannerMapping::builtIn()
{
    QFile f(QString::fromLatin1(kBuiltInPath));
    if (!f.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("the scanner mapping is missing from this build"), f.fileName()};
    return parse(f.fileName(), QString::fromUtf8(f.readAll()));
}

Result<ScannerMapping> ScannerMapping::parse(const QString &file, const QString &text)
{
    QList<Error> problems;
    ScannerMapping mapping;
    mapping.m_file = file;
    YamlReader yaml(file, problems);
    const auto read = readCatching(QStringLiteral("the scanner mapping"), file, problems, [&]() -> std::optional<bool> {
        const auto root = yaml.parse(text);
        if (!root)
            return std::nullopt;
        const QString what = QStringLiteral("the scanner mapping");
        if (!yaml.expectMap(*root, what))
            return std::nullopt;
        yaml.checkKeys(*root, {"mapping", "version", "entries"}, what);
        const auto kind = yaml.string(*root, "mapping", what, true);
        if (kind && *kind != QLatin1String("scanner-checks"))
            yaml.error((*root)["mapping"], QStringLiteral("'mapping' must be 'scanner-checks', not '%1'").arg(*kind));
        if (const auto version = yaml.integer(*root, "version", what, true); version && *version < 1)
            yaml.error((*root)["version"], QStringLiteral("'version' must be 1 or more"));
        const YAML::Node entries = (*root)["entries"];
        if (!entries.IsDefined()) {
            yaml.error(*root, QStringLiteral("the scanner mapping has no 'entries'"));
            return std::nullopt;
        }
        if (!yaml.expectSequence(entries, QStringLiteral("'entries'")))
            return std::nullopt;
        for (const auto &node : entries) {
            const QString where = QStringLiteral("the entry at line %1").arg(YamlReader::line(node));
            if (!yaml.expectMap(node, where))
                continue;
            yaml.checkKeys(node, {"checks", "class", "questions", "controls", "propose"}, where);
            Entry entry;
            entry.line = YamlReader::line(node);
            for (const auto &check : references(yaml, node, "checks", where))
                entry.checks << normaliseMappedCheck(check.id);
            entry.observationClass = yaml.string(node, "class", where, false).value_or(QString()).trimmed();
            entry.questions = references(yaml, node, "questions", where);
            entry.controls = references(yaml, node, "controls", where);
            if (const auto propose = yaml.string(node, "propose", where, false)) {
                if (*propose != QLatin1String("true") && *propose != QLatin1String("false"))
                    yaml.error(node["propose"], QStringLiteral("'propose' must be true or false, not '%1'").arg(*propose));
                entry.propose = *propose != QLatin1String("false");
            }
            if (entry.checks.isEmpty() == entry.observationClass.isEmpty())
                yaml.error(node, QStringLiteral("%1 must have either a non-empty 'checks' list or a 'class'").arg(where));
            if (!entry.observationClass.isEmpty() && !kClasses.contains(entry.observationClass))
                yaml.error(
                    node["class"],
                    QStringLiteral("'class' must be one of %1, not '%2'").arg(kClasses.join(QStringLiteral(", ")), entry.observationClass));
            if (entry.questions.isEmpty() && entry.controls.isEmpty())
                yaml.error(node, QStringLiteral("%1 ties its checks to no question and no control").arg(where));
            mapping.m_entries.append(entry);
        }
        return true;
    });
    if (!problems.isEmpty())
        return problems.first();
    if (!read)
        return Error {QStringLiteral("cannot read the scanner mapping"), file};
    for (qsizetype i = 0; i < mapping.m_entries.size(); ++i) {
        const Entry &e = mapping.m_entries.at(i);
        for (const QString &check : e.checks)
            mapping.m_byCheck[check].append(i);
        if (!e.observationClass.isEmpty())
            mapping.m_byClass[e.observationClass].append(i);
    }
    return mapping;
}

QList<Error> ScannerMapping::check(const ContentLibrary &library) const
{
    QList<Error> problems;
    for (const Entry &e : m_entries) {
        for (const Reference &q : e.questions) {
            if (!library.question(q.id))
                problems.append(Error {QStringLiteral("the mapping names question '%1', which is in no questionnaire").arg(q.id), m_file,
                                       q.line, q.column});
        }
        for (const Reference &c : e.controls) {
            if (!library.controls().control(c.id))
                problems.append(Error {QStringLiteral("the mapping names control '%1', which is not in the control catalogue").arg(c.id),
                                       m_file, c.line, c.column});
        }
    }
    return problems;
}

ScanLinks ScannerMapping::linksFor(const Observation &observation) const
{
    QList<qsizetype> matched = m_byCheck.value(observation.normalisedCheckId.trimmed());
    if (const auto cls = observationClass(observation))
        matched += m_byClass.value(*cls);
    ScanLinks links;
    for (const qsizetype i : matched) {
        const Entry &e = m_entries.at(i);
        for (const Reference &q : e.questions) {
            addSorted(links.questions, q.id);
            if (e.propose)
                addSorted(links.proposing, q.id);
        }
        for (const Reference &c : e.controls)
            addSorted(links.controls, c.id);
    }
    return links;
}

} // namespace bulkhead
