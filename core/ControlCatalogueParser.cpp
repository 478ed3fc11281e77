// Reads the control catalogue (questionnaires/controls.yaml, generated from NIST's data).
#include "ContentParser.h"
#include "YamlReader.h"

#include <QRegularExpression>

namespace bulkhead {

namespace {
const QRegularExpression kControlIdPattern(QStringLiteral("^[A-Z]{2}-[0-9]+(\\([0-9]+\\))?$"));
}

namespace {
std::optional<ControlCatalogue> readControlCatalogue(YamlReader &yaml, const YAML::Node &root)
{
    const QString &file = yaml.file();
    if (!yaml.expectMap(root, QStringLiteral("a control catalogue")))
        return std::nullopt;
    yaml.checkKeys(root, {"catalogue", "version", "source", "families", "controls"}, QStringLiteral("the control catalogue"));
    ControlCatalogue catalogue;
    catalogue.sourceFile = file;
    catalogue.version = yaml.integer(root, "version", QStringLiteral("the control catalogue"), true).value_or(0);
    catalogue.source = yaml.string(root, "source", QStringLiteral("the control catalogue"), false).value_or(QString());
    const YAML::Node families = root["families"];
    if (families.IsDefined() && yaml.expectSequence(families, QStringLiteral("'families'")))
        for (const auto &node : families) {
            if (!yaml.expectMap(node, QStringLiteral("a family")))
                continue;
            yaml.checkKeys(node, {"id", "title"}, QStringLiteral("a family"));
            catalogue.addFamily({yaml.string(node, "id", QStringLiteral("a family"), true).value_or(QString()),
                                 yaml.string(node, "title", QStringLiteral("a family"), true).value_or(QString())});
        }
    const YAML::Node controls = root["controls"];
    if (!controls.IsDefined())
        yaml.error(root, QStringLiteral("the control catalogue has no 'controls'"));
    else if (yaml.expectSequence(controls, QStringLiteral("'controls'")))
        for (const auto &node : controls) {
            if (!yaml.expectMap(node, QStringLiteral("a control")))
                continue;
            ControlDefinition c;
            c.id = yaml.string(node, "id", QStringLiteral("a control"), true).value_or(QString());
            const QString what = QStringLiteral("control '%1'").arg(c.id);
            yaml.checkKeys(node, {"id", "family", "title", "baselines"}, what);
            if (!c.id.isEmpty() && !kControlIdPattern.match(c.id).hasMatch())
                yaml.error(node["id"], QStringLiteral("control id '%1' is not in the form AC-2 or AC-2(1)").arg(c.id));
            if (catalogue.control(c.id))
                yaml.error(node["id"], QStringLiteral("duplicate id '%1'").arg(c.id));
            c.family = yaml.string(node, "family", what, true).value_or(QString());
            if (!c.id.startsWith(c.family + QLatin1Char('-')))
                yaml.error(node["family"], QStringLiteral("%1 is listed under family '%2'").arg(what, c.family));
            c.title = yaml.string(node, "title", what, true).value_or(QString());
            for (const auto &b : yaml.stringList(node, "baselines", what)) {
                if (b == QLatin1String("low"))
                    c.inLow = true;
                else if (b == QLatin1String("moderate"))
                    c.inModerate = true;
                else if (b == QLatin1String("high"))
                    c.inHigh = true;
                else
                    yaml.error(node["baselines"],
                               QStringLiteral("%1 names unknown baseline '%2' (expected low, moderate or high)").arg(what, b));
            }
            catalogue.addControl(std::move(c));
        }
    if (yaml.errorCount() > 0)
        return std::nullopt;
    return catalogue;
}

} // namespace

std::optional<ControlCatalogue> parseControlCatalogue(YamlReader &yaml, const YAML::Node &root, QList<Error> &problems)
{
    return readCatching(QStringLiteral("the control catalogue"), yaml.file(), problems, [&] { return readControlCatalogue(yaml, root); });
}

std::optional<ControlCatalogue> parseControlCatalogue(const QString &file, const QString &text, QList<Error> &problems)
{
    YamlReader yaml(file, problems);
    const auto root = yaml.parse(text);
    if (!root)
        return std::nullopt;
    return parseControlCatalogue(yaml, *root, problems);
}

} // namespace bulkhead
