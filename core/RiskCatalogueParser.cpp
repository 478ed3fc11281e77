// Reads the risk catalogue (questionnaires/risks.yaml and users' additions).
#include "ContentParser.h"
#include "YamlReader.h"

#include <QRegularExpression>
#include <QSet>

namespace bulkhead {

namespace {

const QRegularExpression kRiskIdPattern(QStringLiteral("^risk\\.[a-z0-9_]+$"));
const QStringList kAreas
    = {QStringLiteral("architecture"), QStringLiteral("data"),    QStringLiteral("hosting"), QStringLiteral("provider"),
       QStringLiteral("operations"),   QStringLiteral("network"), QStringLiteral("content")};
// The five risk groups of NIST SP 800-190 section 3.
const QStringList kSp800_190Groups = {QStringLiteral("image"), QStringLiteral("registry"), QStringLiteral("orchestrator"),
                                      QStringLiteral("container"), QStringLiteral("host_os")};

std::optional<Level> readLevel(YamlReader &yaml, const YAML::Node &map, const char *key, const QString &what)
{
    const auto text = yaml.string(map, key, what, true);
    if (!text)
        return std::nullopt;
    const auto level = parseLevel(*text);
    if (!level)
        yaml.error(map[key],
                   QStringLiteral("%1 has %2 '%3'; expected very_low, low, moderate, high or very_high")
                       .arg(what, QString::fromLatin1(key), *text));
    return level;
}

void readModifier(YamlReader &yaml, const YAML::Node &node, RiskDefinition &risk, const QString &what)
{
    if (!yaml.expectMap(node, QStringLiteral("a modifier of %1").arg(what)))
        return;
    const QString mwhat = QStringLiteral("a modifier of %1").arg(what);
    yaml.checkKeys(node, {"when", "likelihood", "impact", "reason"}, mwhat);
    RiskModifier m;
    m.position = {YamlReader::line(node), YamlReader::column(node)};
    if (const auto when = yaml.string(node, "when", mwhat, true))
        m.when = yaml.condition(node["when"], *when, what);
    m.likelihoodSteps = yaml.integer(node, "likelihood", mwhat, false).value_or(0);
    m.impactSteps = yaml.integer(node, "impact", mwhat, false).value_or(0);
    if (m.likelihoodSteps < -4 || m.likelihoodSteps > 4 || m.impactSteps < -4 || m.impactSteps > 4)
        yaml.error(node, QStringLiteral("%1 moves a level by more than 4 steps").arg(mwhat));
    if (m.likelihoodSteps == 0 && m.impactSteps == 0)
        yaml.error(node, QStringLiteral("%1 changes neither likelihood nor impact").arg(mwhat));
    m.reason = yaml.string(node, "reason", mwhat, true).value_or(QString());
    risk.modifiers.append(std::move(m));
}

} // namespace

namespace {
std::optional<RiskCatalogue> readRiskCatalogue(YamlReader &yaml, const YAML::Node &root)
{
    const QString &file = yaml.file();
    if (!yaml.expectMap(root, QStringLiteral("a risk catalogue")))
        return std::nullopt;
    yaml.checkKeys(root, {"catalogue", "version", "risks"}, QStringLiteral("the risk catalogue"));
    RiskCatalogue catalogue;
    catalogue.sourceFile = file;
    catalogue.version = yaml.integer(root, "version", QStringLiteral("the risk catalogue"), true).value_or(0);
    const YAML::Node risks = root["risks"];
    QSet<QString> ids;
    if (!risks.IsDefined())
        yaml.error(root, QStringLiteral("the risk catalogue has no 'risks'"));
    else if (yaml.expectSequence(risks, QStringLiteral("'risks'")))
        for (const auto &node : risks) {
            if (!yaml.expectMap(node, QStringLiteral("a risk")))
                continue;
            RiskDefinition r;
            r.sourceFile = file;
            r.position = {YamlReader::line(node), YamlReader::column(node)};
            r.id = yaml.string(node, "id", QStringLiteral("a risk"), true).value_or(QString());
            const QString what = QStringLiteral("risk '%1'").arg(r.id);
            yaml.checkKeys(
                node, {"id", "title", "description", "area", "likelihood", "impact", "max_reduction", "modifiers", "controls", "sp800_190"},
                what);
            if (!r.id.isEmpty() && !kRiskIdPattern.match(r.id).hasMatch())
                yaml.error(node["id"], QStringLiteral("risk id '%1' must look like risk.<name>").arg(r.id));
            if (ids.contains(r.id))
                yaml.error(node["id"], QStringLiteral("duplicate id '%1'").arg(r.id));
            ids.insert(r.id);
            r.title = yaml.string(node, "title", what, true).value_or(QString());
            r.description = yaml.string(node, "description", what, true).value_or(QString());
            r.area = yaml.string(node, "area", what, true).value_or(QString());
            if (!r.area.isEmpty() && !kAreas.contains(r.area))
                yaml.error(node["area"],
                           QStringLiteral("%1 has unknown area '%2' (expected %3)").arg(what, r.area, kAreas.join(QStringLiteral(", "))));
            r.likelihood = readLevel(yaml, node, "likelihood", what).value_or(Level::Moderate);
            r.impact = readLevel(yaml, node, "impact", what).value_or(Level::Moderate);
            r.maxReduction = yaml.integer(node, "max_reduction", what, false).value_or(2);
            if (r.maxReduction < 0 || r.maxReduction > 4)
                yaml.error(node["max_reduction"],
                           QStringLiteral("%1 has max_reduction %2; it must be 0 to 4").arg(what).arg(r.maxReduction));
            r.controls = yaml.stringList(node, "controls", what);
            r.sp800_190Group = yaml.string(node, "sp800_190", what, false).value_or(QString());
            if (!r.sp800_190Group.isEmpty() && !kSp800_190Groups.contains(r.sp800_190Group))
                yaml.error(node["sp800_190"],
                           QStringLiteral("%1 has unknown sp800_190 group '%2' (expected %3)")
                               .arg(what, r.sp800_190Group, kSp800_190Groups.join(QStringLiteral(", "))));
            const YAML::Node modifiers = node["modifiers"];
            if (modifiers.IsDefined() && yaml.expectSequence(modifiers, QStringLiteral("'modifiers' of %1").arg(what)))
                for (const auto &m : modifiers)
                    readModifier(yaml, m, r, what);
            catalogue.risks.append(std::move(r));
        }
    if (yaml.errorCount() > 0)
        return std::nullopt;
    return catalogue;
}

} // namespace

std::optional<RiskCatalogue> parseRiskCatalogue(YamlReader &yaml, const YAML::Node &root, QList<Error> &problems)
{
    return readCatching(QStringLiteral("the risk catalogue"), yaml.file(), problems, [&] { return readRiskCatalogue(yaml, root); });
}

std::optional<RiskCatalogue> parseRiskCatalogue(const QString &file, const QString &text, QList<Error> &problems)
{
    YamlReader yaml(file, problems);
    const auto root = yaml.parse(text);
    if (!root)
        return std::nullopt;
    return parseRiskCatalogue(yaml, *root, problems);
}

} // namespace bulkhead
