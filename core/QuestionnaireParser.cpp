// Reads a questionnaire file into a Questionnaire (see questionnaires/README.md for the format).
#include "ContentParser.h"
#include "YamlReader.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>

namespace bulkhead {

namespace {

const QRegularExpression kKeyPattern(QStringLiteral("^[a-z][a-z0-9_]*$"));
const QRegularExpression kIdPattern(QStringLiteral("^[a-z0-9_]+(\\.[a-z0-9_]+)*$"));
const QRegularExpression kFactPattern(QStringLiteral("^fact(\\.[a-z0-9_]+)+$"));
const QRegularExpression kOptionPattern(QStringLiteral("^[a-z0-9_]+$"));
const QRegularExpression kSoc2Pattern(QStringLiteral("^(CC[1-9]\\.[0-9]+|A1\\.[0-9]+|C1\\.[0-9]+|PI1\\.[0-9]+|P[1-8]\\.[0-9]+)$"));
const QStringList kMethods = {QStringLiteral("examine"), QStringLiteral("interview"), QStringLiteral("test")};
const QStringList kResponsibilities = {QStringLiteral("csp"), QStringLiteral("customer"), QStringLiteral("shared")};

SourcePosition positionOf(const YAML::Node &node)
{
    return {YamlReader::line(node), YamlReader::column(node)};
}

class QuestionnaireReader {
public:
    explicit QuestionnaireReader(YamlReader &yaml) : m_yaml(yaml) { }

    std::optional<Questionnaire> read(const YAML::Node &root, const QString &text)
    {
        Questionnaire q;
        if (!m_yaml.expectMap(root, QStringLiteral("a questionnaire file")))
            return std::nullopt;
        m_yaml.checkKeys(root, {"questionnaire", "version", "title", "description", "sections"}, QStringLiteral("the questionnaire"));
        q.key = m_yaml.string(root, "questionnaire", QStringLiteral("the questionnaire"), true).value_or(QString());
        if (!q.key.isEmpty() && !kKeyPattern.match(q.key).hasMatch())
            m_yaml.error(root["questionnaire"],
                         QStringLiteral("questionnaire key '%1' must be lower case letters, digits and '_'").arg(q.key));
        q.version = m_yaml.integer(root, "version", QStringLiteral("the questionnaire"), true).value_or(0);
        if (root["version"].IsDefined() && q.version < 1 && m_yaml.errorCount() == 0)
            m_yaml.error(root["version"], QStringLiteral("version must be 1 or more"));
        q.title = m_yaml.string(root, "title", QStringLiteral("the questionnaire"), true).value_or(QString());
        q.description = m_yaml.string(root, "description", QStringLiteral("the questionnaire"), false).value_or(QString());
        const YAML::Node sections = root["sections"];
        if (!sections.IsDefined())
            m_yaml.error(root, QStringLiteral("the questionnaire has no 'sections'"));
        else if (m_yaml.expectSequence(sections, QStringLiteral("'sections'")))
            for (const auto &node : sections)
                readSection(node, q);
        if (m_yaml.errorCount() > 0)
            return std::nullopt;
        q.sourceFile = m_yaml.file();
        q.yamlText = text;
        q.sha256 = QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
        for (auto &s : q.sections)
            for (auto &question : s.questions)
                question.questionnaireKey = q.key;
        return q;
    }

private:
    void readSection(const YAML::Node &node, Questionnaire &q)
    {
        if (!m_yaml.expectMap(node, QStringLiteral("a section")))
            return;
        Section s;
        s.id = m_yaml.string(node, "id", QStringLiteral("a section"), true).value_or(QString());
        const QString what = QStringLiteral("section '%1'").arg(s.id);
        if (node["id"].IsDefined())
            s.position = positionOf(node["id"]);
        m_yaml.checkKeys(node, {"id", "title", "description", "questions"}, what);
        checkId(node["id"], s.id);
        s.title = m_yaml.string(node, "title", what, true).value_or(QString());
        s.description = m_yaml.string(node, "description", what, false).value_or(QString());
        const YAML::Node questions = node["questions"];
        if (!questions.IsDefined())
            m_yaml.error(node, QStringLiteral("%1 has no 'questions'").arg(what));
        else if (m_yaml.expectSequence(questions, QStringLiteral("'questions' of %1").arg(what)))
            for (const auto &qn : questions)
                readQuestion(qn, s);
        q.sections.append(std::move(s));
    }

    void checkId(const YAML::Node &node, const QString &id)
    {
        if (id.isEmpty())
            return;
        if (!kIdPattern.match(id).hasMatch())
            m_yaml.error(node, QStringLiteral("id '%1' must be dotted lower-case words (letters, digits, '_')").arg(id));
        // Conditions read names starting with "fact." as facts, so no question may be called so.
        if (id == QLatin1String("fact") || id.startsWith(QLatin1String("fact.")))
            m_yaml.error(node, QStringLiteral("id '%1' starts with 'fact', which is reserved for facts").arg(id));
        if (m_ids.contains(id))
            m_yaml.error(node, QStringLiteral("duplicate id '%1'").arg(id));
        m_ids.insert(id);
    }

    void readQuestion(const YAML::Node &node, Section &section)
    {
        if (!m_yaml.expectMap(node, QStringLiteral("a question")))
            return;
        Question q;
        q.position = positionOf(node);
        q.id = m_yaml.string(node, "id", QStringLiteral("a question"), true).value_or(QString());
        const QString what = QStringLiteral("question '%1'").arg(q.id);
        m_yaml.checkKeys(node,
                         {"id", "text", "type", "options", "guidance", "evidence", "methods", "responsibility", "controls", "soc2",
                          "mitigates", "sets", "when"},
                         what);
        checkId(node["id"], q.id);
        for (auto it = node.begin(); it != node.end(); ++it)
            q.fieldPositions.insert(YamlReader::scalar(it->first), positionOf(it->second));
        q.text = m_yaml.string(node, "text", what, true).value_or(QString());
        const QString type = m_yaml.string(node, "type", what, true).value_or(QString());
        if (const auto t = parseQuestionType(type))
            q.type = *t;
        else if (!type.isEmpty())
            m_yaml.error(node["type"],
                         QStringLiteral("%1 has unknown type '%2' (expected yesno, choice, multi, text, number or date)").arg(what, type));
        readOptions(node, q, what);
        q.guidance = m_yaml.string(node, "guidance", what, false).value_or(QString());
        q.evidence = m_yaml.stringList(node, "evidence", what);
        q.methods = m_yaml.stringList(node, "methods", what);
        for (const auto &m : q.methods)
            if (!kMethods.contains(m))
                m_yaml.error(node["methods"],
                             QStringLiteral("%1 has unknown method '%2' (expected examine, interview or test)").arg(what, m));
        q.responsibility = m_yaml.string(node, "responsibility", what, false).value_or(QString());
        if (!q.responsibility.isEmpty() && !kResponsibilities.contains(q.responsibility))
            m_yaml.error(
                node["responsibility"],
                QStringLiteral("%1 has unknown responsibility '%2' (expected csp, customer or shared)").arg(what, q.responsibility));
        q.controls = m_yaml.stringList(node, "controls", what);
        if (node["controls"].IsDefined() && node["controls"].IsSequence())
            for (const auto &item : node["controls"])
                q.fieldPositions.insert(QStringLiteral("controls/") + YamlReader::scalar(item), positionOf(item));
        q.soc2 = m_yaml.stringList(node, "soc2", what);
        if (node["soc2"].IsDefined() && node["soc2"].IsSequence())
            for (const auto &item : node["soc2"])
                q.fieldPositions.insert(QStringLiteral("soc2/") + YamlReader::scalar(item), positionOf(item));
        for (const auto &c : q.soc2)
            if (!kSoc2Pattern.match(c).hasMatch())
                m_yaml.error(node["soc2"], QStringLiteral("%1 names '%2', which is not a Trust Services Criterion id").arg(what, c));
        readMitigates(node, q, what);
        q.sets = m_yaml.string(node, "sets", what, false).value_or(QString());
        if (!q.sets.isEmpty() && !kFactPattern.match(q.sets).hasMatch())
            m_yaml.error(node["sets"], QStringLiteral("%1 sets '%2', but a fact is named fact.<name>").arg(what, q.sets));
        if (q.sets == QLatin1String("fact.impact"))
            m_yaml.error(node["sets"],
                         QStringLiteral("%1 sets fact.impact, the engagement's FIPS 199 level, which decides the baseline; it can only be "
                                        "changed on the engagement")
                             .arg(what));
        if (const auto when = m_yaml.string(node, "when", what, false))
            q.when = m_yaml.condition(node["when"], *when, what);
        section.questions.append(std::move(q));
    }

    void readOptions(const YAML::Node &node, Question &q, const QString &what)
    {
        const YAML::Node options = node["options"];
        const bool needsOptions = q.type == QuestionType::Choice || q.type == QuestionType::Multi;
        if (!options.IsDefined()) {
            if (needsOptions)
                m_yaml.error(node, QStringLiteral("%1 is a %2 question but has no 'options'").arg(what, questionTypeKey(q.type)));
            return;
        }
        if (!needsOptions) {
            m_yaml.error(options, QStringLiteral("%1 is a %2 question and cannot have 'options'").arg(what, questionTypeKey(q.type)));
            return;
        }
        if (!m_yaml.expectSequence(options, QStringLiteral("'options' of %1").arg(what)))
            return;
        if (options.size() == 0)
            m_yaml.error(options, QStringLiteral("%1 has no options to choose from").arg(what));
        QSet<QString> values; // not q.option(): a linear search per option is quadratic in a long list
        for (const auto &o : options) {
            if (!m_yaml.expectMap(o, QStringLiteral("an option of %1").arg(what)))
                continue;
            m_yaml.checkKeys(o, {"value", "label", "status"}, QStringLiteral("an option of %1").arg(what));
            AnswerOption option;
            option.value = m_yaml.string(o, "value", QStringLiteral("an option of %1").arg(what), true).value_or(QString());
            option.label = m_yaml.string(o, "label", QStringLiteral("option '%1' of %2").arg(option.value, what), true).value_or(QString());
            if (!option.value.isEmpty() && !kOptionPattern.match(option.value).hasMatch())
                m_yaml.error(o["value"],
                             QStringLiteral("option value '%1' of %2 must be lower-case letters, digits and '_'").arg(option.value, what));
            if (values.contains(option.value))
                m_yaml.error(o["value"], QStringLiteral("duplicate option '%1' in %2").arg(option.value, what));
            values.insert(option.value);
            const QString status = m_yaml.string(o, "status", what, false).value_or(QString());
            const auto parsed = parseImplementationStatus(status);
            if (!parsed)
                m_yaml.error(
                    o["status"],
                    QStringLiteral(
                        "option '%1' of %2 has unknown status '%3' (expected implemented, partial, not_implemented or not_applicable)")
                        .arg(option.value, what, status));
            option.status = parsed.value_or(ImplementationStatus::Informational);
            q.options.append(std::move(option));
        }
    }

    void readMitigates(const YAML::Node &node, Question &q, const QString &what)
    {
        const YAML::Node mitigates = node["mitigates"];
        if (!mitigates.IsDefined() || !m_yaml.expectMap(mitigates, QStringLiteral("'mitigates' of %1").arg(what)))
            return;
        for (auto it = mitigates.begin(); it != mitigates.end(); ++it) {
            const QString risk = YamlReader::scalar(it->first);
            q.fieldPositions.insert(QStringLiteral("mitigates/") + risk, positionOf(it->first));
            bool ok = false;
            const double weight = YamlReader::scalar(it->second).toDouble(&ok);
            if (!ok || !(weight > 0.0) || weight > 1.0)
                m_yaml.error(it->second,
                             QStringLiteral("%1 mitigates '%2' with weight '%3'; a weight is a number above 0 and at most 1")
                                 .arg(what, risk, YamlReader::scalar(it->second)));
            else
                q.mitigates.insert(risk, weight);
        }
    }

    YamlReader &m_yaml;
    QSet<QString> m_ids;
};

} // namespace

std::optional<Questionnaire> parseQuestionnaire(YamlReader &yaml, const YAML::Node &root, const QString &text, QList<Error> &problems)
{
    return readCatching(QStringLiteral("the questionnaire"), yaml.file(), problems,
                        [&] { return QuestionnaireReader(yaml).read(root, text); });
}

std::optional<Questionnaire> parseQuestionnaire(const QString &file, const QString &text, QList<Error> &problems)
{
    YamlReader yaml(file, problems);
    const auto root = yaml.parse(text);
    if (!root)
        return std::nullopt;
    return parseQuestionnaire(yaml, *root, text, problems);
}

} // namespace bulkhead
