// Reads the Trust Services Criteria catalogue and its control crosswalk (questionnaires/criteria.yaml).
#include "ContentParser.h"
#include "YamlReader.h"

#include <QRegularExpression>

#include <algorithm>

namespace bulkhead {

namespace {

const QRegularExpression kCriterionPattern(QStringLiteral("^(CC|A|C|PI|P)[0-9]+\\.[0-9]+$"));

std::optional<CriteriaCatalogue> readCriteriaCatalogue(YamlReader &yaml, const YAML::Node &root)
{
    const QString &file = yaml.file();
    if (!yaml.expectMap(root, QStringLiteral("a criteria catalogue")))
        return std::nullopt;
    const QString what = QStringLiteral("the criteria catalogue");
    yaml.checkKeys(root, {"catalogue", "version", "source", "categories", "criteria", "crosswalk"}, what);
    CriteriaCatalogue catalogue;
    catalogue.sourceFile = file;
    catalogue.version = yaml.integer(root, "version", what, true).value_or(0);
    catalogue.source = yaml.string(root, "source", what, false).value_or(QString());
    const YAML::Node &document = root;
    if (document["categories"].IsDefined() && yaml.expectSequence(document["categories"], QStringLiteral("'categories'")))
        for (const auto &node : document["categories"]) {
            if (!yaml.expectMap(node, QStringLiteral("a category")))
                continue;
            yaml.checkKeys(node, {"id", "title"}, QStringLiteral("a category"));
            catalogue.categories.append({yaml.string(node, "id", QStringLiteral("a category"), true).value_or(QString()),
                                         yaml.string(node, "title", QStringLiteral("a category"), true).value_or(QString())});
        }
    auto isCategory = [&catalogue](const QString &id) {
        return std::any_of(catalogue.categories.cbegin(), catalogue.categories.cend(),
                           [&id](const CriteriaCategory &c) { return c.id == id; });
    };
    if (!document["criteria"].IsDefined())
        yaml.error(document, QStringLiteral("the criteria catalogue has no 'criteria'"));
    else if (yaml.expectSequence(document["criteria"], QStringLiteral("'criteria'")))
        for (const auto &node : document["criteria"]) {
            if (!yaml.expectMap(node, QStringLiteral("a criterion")))
                continue;
            Criterion c;
            c.id = yaml.string(node, "id", QStringLiteral("a criterion"), true).value_or(QString());
            const QString cwhat = QStringLiteral("criterion '%1'").arg(c.id);
            yaml.checkKeys(node, {"id", "category", "title"}, cwhat);
            if (!c.id.isEmpty() && !kCriterionPattern.match(c.id).hasMatch())
                yaml.error(node["id"], QStringLiteral("'%1' is not a Trust Services Criterion id (like CC6.1 or A1.2)").arg(c.id));
            if (catalogue.criterion(c.id))
                yaml.error(node["id"], QStringLiteral("duplicate id '%1'").arg(c.id));
            c.category = yaml.string(node, "category", cwhat, true).value_or(QString());
            if (!c.category.isEmpty() && !isCategory(c.category))
                yaml.error(node["category"], QStringLiteral("%1 names unknown category '%2'").arg(cwhat, c.category));
            c.title = yaml.string(node, "title", cwhat, true).value_or(QString());
            catalogue.criteria.append(std::move(c));
        }
    const YAML::Node crosswalk = document["crosswalk"];
    if (crosswalk.IsDefined() && yaml.expectMap(crosswalk, QStringLiteral("'crosswalk'"))) {
        for (auto it = crosswalk.begin(); it != crosswalk.end(); ++it) {
            const QString control = YamlReader::scalar(it->first);
            if (catalogue.crosswalk.contains(control))
                yaml.error(it->first, QStringLiteral("control '%1' appears twice in the crosswalk").arg(control));
            catalogue.crosswalkPositions.insert(control, {YamlReader::line(it->first), YamlReader::column(it->first)});
            // A copy: the iterator's value is a temporary proxy that a range-for would outlive.
            const YAML::Node values = it->second;
            if (!yaml.expectSequence(values, QStringLiteral("the criteria of control '%1'").arg(control)))
                continue;
            QStringList ids;
            for (const auto &item : values) {
                const QString id = YamlReader::scalar(item);
                if (!catalogue.criterion(id))
                    yaml.error(item,
                               QStringLiteral("control '%1' maps to '%2', which is not a criterion of this catalogue").arg(control, id));
                ids << id;
            }
            catalogue.crosswalk.insert(control, ids);
        }
    }
    if (yaml.errorCount() > 0)
        return std::nullopt;
    return catalogue;
}

} // namespace

const Criterion *CriteriaCatalogue::criterion(const QString &id) const
{
    for (const auto &c : criteria) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

QStringList CriteriaCatalogue::controlsFor(const QString &criterionId) const
{
    QStringList controls;
    for (auto it = crosswalk.cbegin(); it != crosswalk.cend(); ++it) {
        if (it->contains(criterionId))
            controls << it.key();
    }
    return controls;
}

std::optional<CriteriaCatalogue> parseCriteriaCatalogue(YamlReader &yaml, const YAML::Node &root, QList<Error> &problems)
{
    return readCatching(QStringLiteral("the criteria catalogue"), yaml.file(), problems, [&] { return readCriteriaCatalogue(yaml, root); });
}

std::optional<CriteriaCatalogue> parseCriteriaCatalogue(const QString &file, const QString &text, QList<Error> &problems)
{
    YamlReader yaml(file, problems);
    const auto root = yaml.parse(text);
    if (!root)
        return std::nullopt;
    return parseCriteriaCatalogue(yaml, *root, problems);
}

} // namespace bulkhead
