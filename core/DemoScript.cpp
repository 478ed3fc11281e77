#include "DemoScript.h"

#include "YamlReader.h"

#include <QFile>

namespace bulkhead {

namespace {

Result<QString> readText(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("cannot read the demo data: %1").arg(f.errorString()), file};
    return QString::fromUtf8(f.readAll());
}

Error firstProblem(const QList<Error> &problems, const QString &file)
{
    return problems.isEmpty() ? Error {QStringLiteral("the demo data cannot be read"), file} : problems.first();
}

void readEngagement(YamlReader &yaml, const YAML::Node &node, QList<DemoEngagement> &out)
{
    if (!yaml.expectMap(node, QStringLiteral("a demo engagement")))
        return;
    const QString what = QStringLiteral("a demo engagement");
    yaml.checkKeys(node,
                   {"key", "client", "system", "csp", "service_model", "architecture", "infrastructure", "impact", "assessor", "reviewer",
                    "period_start", "period_end", "interviewee", "status"},
                   what);
    DemoEngagement d;
    auto text = [&](const char *key) { return yaml.string(node, key, what, true).value_or(QString()); };
    d.key = text("key");
    d.record.client = text("client");
    d.record.system = text("system");
    d.record.csp = text("csp");
    d.record.serviceModel = text("service_model");
    d.record.architecture = text("architecture");
    d.record.infrastructure = text("infrastructure");
    d.record.impact = text("impact");
    d.record.assessor = text("assessor");
    d.record.reviewer = text("reviewer");
    d.interviewee = text("interviewee");
    for (const auto &[key, date] : {std::pair {"period_start", &d.record.periodStart}, std::pair {"period_end", &d.record.periodEnd}}) {
        *date = QDate::fromString(text(key), Qt::ISODate);
        if (!date->isValid())
            yaml.error(node[key], QStringLiteral("demo engagement '%1' has no valid %2").arg(d.key, QString::fromLatin1(key)));
    }
    const auto status = parseEngagementStatus(text("status"));
    if (!status)
        yaml.error(node["status"], QStringLiteral("demo engagement '%1' has an unknown status").arg(d.key));
    d.finalStatus = status.value_or(EngagementStatus::Draft);
    out.append(std::move(d));
}

void readAnswers(YamlReader &yaml, const YAML::Node &root, QList<DemoEngagement> &engagements)
{
    if (!yaml.expectMap(root, QStringLiteral("a demo answers file")))
        return;
    for (const auto &entry : root) {
        const QString key = YamlReader::scalar(entry.first);
        auto it = std::find_if(engagements.begin(), engagements.end(), [&](const DemoEngagement &d) { return d.key == key; });
        if (it == engagements.end()) {
            yaml.error(entry.first, QStringLiteral("'%1' is not a demo engagement").arg(key));
            continue;
        }
        if (!yaml.expectSequence(entry.second, QStringLiteral("the answers of '%1'").arg(key)))
            continue;
        for (const auto &node : entry.second) {
            const QString what = QStringLiteral("an answer of '%1'").arg(key);
            if (!yaml.expectMap(node, what))
                continue;
            yaml.checkKeys(node, {"q", "a", "method", "note", "interviewee"}, what);
            DemoAnswer a;
            a.question = yaml.string(node, "q", what, true).value_or(QString());
            a.value = yaml.string(node, "a", what, true).value_or(QString());
            a.method = yaml.string(node, "method", what, false).value_or(QString());
            a.note = yaml.string(node, "note", what, false).value_or(QString());
            a.interviewee = yaml.string(node, "interviewee", what, false).value_or(QString());
            it->answers.append(std::move(a));
        }
    }
}

} // namespace

Result<QList<DemoEngagement>> readDemoScript(const QString &engagementsFile, const QStringList &answerFiles)
{
    QList<DemoEngagement> engagements;
    QList<Error> problems;
    {
        auto text = readText(engagementsFile);
        if (!text)
            return text.error();
        YamlReader yaml(engagementsFile, problems);
        const bool read = readCatching(QStringLiteral("the demo engagements"), engagementsFile, problems, [&]() -> std::optional<bool> {
                              const auto root = yaml.parse(*text);
                              if (!root || !yaml.expectMap(*root, QStringLiteral("the demo engagements")))
                                  return std::nullopt;
                              yaml.checkKeys(*root, {"engagements"}, QStringLiteral("the demo engagements"));
                              if (yaml.expectSequence((*root)["engagements"], QStringLiteral("'engagements'")))
                                  for (const auto &node : (*root)["engagements"])
                                      readEngagement(yaml, node, engagements);
                              return true;
                          }).has_value();
        if (!read || !problems.isEmpty())
            return firstProblem(problems, engagementsFile);
    }
    for (const auto &file : answerFiles) {
        auto text = readText(file);
        if (!text)
            return text.error();
        YamlReader yaml(file, problems);
        readCatching(QStringLiteral("the demo answers"), file, problems, [&]() -> std::optional<bool> {
            if (const auto root = yaml.parse(*text))
                readAnswers(yaml, *root, engagements);
            return true;
        });
        if (!problems.isEmpty())
            return firstProblem(problems, file);
    }
    return engagements;
}

} // namespace bulkhead
