#include "ContentLibrary.h"

#include "BuiltInContent.h"
#include "ContentParser.h"
#include "ContentValidator.h"
#include "YamlReader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSet>

namespace bulkhead {

namespace {

enum class Kind { Questionnaire, Risks, Controls, Criteria, Unknown };

// Which parser a parsed document needs; a document of no known kind is reported.
Kind kindOf(YamlReader &yaml, const YAML::Node &document)
{
    if (document.IsMap()) {
        if (document["questionnaire"].IsDefined())
            return Kind::Questionnaire;
        const QString catalogue = YamlReader::scalar(document["catalogue"]);
        if (catalogue == QLatin1String("risks"))
            return Kind::Risks;
        if (catalogue == QLatin1String("controls"))
            return Kind::Controls;
        if (catalogue == QLatin1String("criteria"))
            return Kind::Criteria;
    }
    yaml.error(document,
               QStringLiteral("not a Bulkhead content file: expected a 'questionnaire' key or 'catalogue: risks', 'catalogue: controls' or "
                              "'catalogue: criteria'"));
    return Kind::Unknown;
}

// Where the first byte that breaks UTF-8 stands (line and column in characters, 1-based), so an
// author can find the stray Latin-1 or Windows-1252 character.
std::pair<int, int> firstInvalidUtf8(const QByteArray &bytes)
{
    int line = 1, column = 1;
    for (qsizetype i = 0; i < bytes.size();) {
        const auto lead = static_cast<unsigned char>(bytes.at(i));
        const int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > bytes.size())
            return {line, column};
        const QByteArray sequence = bytes.mid(i, length);
        if (length > 1 && QString::fromUtf8(sequence).toUtf8() != sequence)
            return {line, column};
        if (lead == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        i += length;
    }
    return {line, column};
}

} // namespace

ContentLibrary::ContentLibrary(const ContentLibrary &other)
    : m_questionnaires(other.m_questionnaires), m_risks(other.m_risks), m_controls(other.m_controls), m_criteria(other.m_criteria),
      m_catalogueTexts(other.m_catalogueTexts)
{
    reindex();
}

ContentLibrary &ContentLibrary::operator=(const ContentLibrary &other)
{
    if (this != &other) {
        m_questionnaires = other.m_questionnaires;
        m_risks = other.m_risks;
        m_controls = other.m_controls;
        m_criteria = other.m_criteria;
        m_catalogueTexts = other.m_catalogueTexts;
        reindex();
    }
    return *this;
}

const QStringList &ContentLibrary::engagementFacts()
{
    static const QStringList facts = {QStringLiteral("fact.architecture"), QStringLiteral("fact.infrastructure"),
                                      QStringLiteral("fact.service_model"), QStringLiteral("fact.impact"), QStringLiteral("fact.csp")};
    return facts;
}

QString ContentLibrary::builtInFileMatching(const QByteArray &bytes)
{
    for (const auto &file : builtInContentFiles()) {
        QFile f(file);
        if (f.open(QIODevice::ReadOnly) && f.readAll() == bytes)
            return file;
    }
    return {};
}

ContentLibrary ContentLibrary::builtIn(QList<Error> *problems)
{
    // The built-in files refer to each other (risk modifiers read facts that questionnaires
    // set), so they are merged first and validated as one.
    ContentLibrary library;
    QList<Error> all;
    for (const auto &file : builtInContentFiles()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            all.append(Error {QStringLiteral("missing from this build"), file});
            continue;
        }
        library.merge(file, QString::fromUtf8(f.readAll()), Replace::Any, all);
    }
    all += validateContent(library);
    if (problems)
        *problems = all;
    return library;
}

QList<Error> ContentLibrary::addFolder(const QString &folder)
{
    const QDir dir(folder);
    QStringList paths;
    for (const auto &name : dir.entryList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return addFiles(paths);
}

QList<Error> ContentLibrary::addFiles(const QStringList &paths, Replace replace)
{
    QList<Error> problems;
    QList<std::pair<QString, QString>> texts; // file, text
    for (const auto &path : paths) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            problems.append(Error {QStringLiteral("cannot read the file: %1").arg(f.errorString()), path, 0, 0});
            continue;
        }
        if (f.size() > YamlReader::kMaxTextBytes) { // refused unread: it could be any size
            problems.append(Error {QStringLiteral("the file is %1 MiB, over the limit of %2 MiB for YAML files")
                                       .arg(double(f.size()) / (1024 * 1024), 0, 'f', 1)
                                       .arg(YamlReader::kMaxTextBytes / (1024 * 1024)),
                                   path, 0, 0});
            continue;
        }
        QByteArray bytes = f.readAll();
        if (bytes.startsWith("\xEF\xBB\xBF")) // a byte-order mark, as some Windows editors write
            bytes.remove(0, 3);
        const QString text = QString::fromUtf8(bytes);
        if (text.toUtf8() != bytes) {
            const auto [line, column] = firstInvalidUtf8(bytes);
            problems.append(Error {QStringLiteral("the file is not valid UTF-8 text"), path, line, column});
            continue;
        }
        texts.append({path, text});
    }
    return problems + addBatch(texts, replace);
}

QList<Error> ContentLibrary::addText(const QString &file, const QString &text, Replace replace)
{
    return addBatch({{file, text}}, replace);
}

QList<Error> ContentLibrary::addBatch(QList<std::pair<QString, QString>> texts, Replace replace)
{
    // Files may refer to each other (a risk catalogue reads facts a questionnaire sets, the
    // questionnaire mitigates its risks), so they are merged and checked together. A file with
    // problems is left out and the rest checked again, until what remains is clean. A problem
    // the library did not have before is the batch's doing even where it shows elsewhere (a
    // replacement that drops a question others read), and is charged to the file that caused it.
    QSet<QString> before;
    for (const auto &p : validateContent(*this))
        before.insert(p.toString());
    QList<Error> problems;
    while (!texts.isEmpty()) {
        ContentLibrary candidate = *this;
        QList<Error> found;
        QSet<QString> bad;
        for (const auto &[file, text] : std::as_const(texts)) {
            const qsizetype count = found.size();
            if (!candidate.merge(file, text, replace, found) || found.size() > count)
                bad.insert(file);
        }
        if (bad.isEmpty()) {
            for (const auto &p : validateContent(candidate)) {
                if (before.contains(p.toString()))
                    continue;
                const Error charged = candidate.chargeToBatch(p, texts, *this);
                bad.insert(charged.file);
                found.append(charged);
            }
        }
        if (bad.isEmpty()) {
            *this = std::move(candidate);
            break;
        }
        problems += found;
        texts.removeIf([&bad](const auto &entry) { return bad.contains(entry.first); });
    }
    return problems;
}

Error ContentLibrary::chargeToBatch(const Error &problem, const QList<std::pair<QString, QString>> &batch,
                                    const ContentLibrary &before) const
{
    for (const auto &entry : batch) {
        if (entry.first == problem.file)
            return problem;
    }
    const auto elsewhere = [&problem](const QString &file, SourcePosition at) {
        return Error {QStringLiteral("this file breaks content loaded before it: %1").arg(problem.toString()), file, at.line, at.column};
    };
    // A question or risk of the batch that the problem names (a cycle through a built-in
    // question, say) is where the author has to look.
    for (const auto &entry : batch) {
        for (const auto *q : allQuestions()) {
            const auto *owner = questionnaire(q->questionnaireKey);
            if (owner->sourceFile == entry.first && problem.message.contains(q->id))
                return elsewhere(entry.first, q->fieldPositions.value(QStringLiteral("when"), q->position));
        }
        for (const auto &r : m_risks.risks) {
            if (r.sourceFile == entry.first && problem.message.contains(QStringLiteral("'%1'").arg(r.id)))
                return elsewhere(entry.first, r.position);
        }
    }
    // Otherwise a replacement took away something the rest relied on.
    for (const auto &entry : batch) {
        for (const auto &q : m_questionnaires) {
            if (q.sourceFile == entry.first && before.questionnaire(q.key))
                return elsewhere(entry.first, {1, 1});
        }
    }
    return elsewhere(batch.first().first, {1, 1});
}

bool ContentLibrary::merge(const QString &file, const QString &text, Replace replace, QList<Error> &problems)
{
    const qsizetype before = problems.size();
    // Parsed once here, then read by the parser of its kind: YAML parsing is most of the cost of
    // loading content, and the program loads the built-in library at every start.
    YamlReader yaml(file, problems);
    const auto root = yaml.parse(text);
    if (!root)
        return false;
    switch (kindOf(yaml, *root)) {
    case Kind::Unknown: return false;
    case Kind::Questionnaire: {
        auto q = parseQuestionnaire(yaml, *root, text, problems);
        if (!q)
            return false;
        if (const auto *existing = questionnaire(q->key);
            existing && replace == Replace::NewerVersionOnly && existing->version >= q->version) {
            problems.append(Error {
                QStringLiteral("questionnaire '%1' version %2 is already loaded from %3; give this file a higher version to replace it")
                    .arg(q->key)
                    .arg(existing->version)
                    .arg(existing->sourceFile),
                file, 1, 1});
            return false;
        }
        setQuestionnaire(std::move(*q));
        return true;
    }
    case Kind::Risks: {
        auto risks = parseRiskCatalogue(yaml, *root, problems);
        if (!risks)
            return false;
        if (replace == Replace::Any) {
            m_risks = std::move(*risks);
            keepCatalogueText(QStringLiteral("risks"), file, text, true);
            return true;
        }
        for (const auto &r : risks->risks) {
            if (m_risks.risk(r.id))
                problems.append(Error {QStringLiteral("risk '%1' is already in the risk catalogue").arg(r.id), file, r.position.line,
                                       r.position.column});
        }
        if (problems.size() > before)
            return false;
        m_risks.risks += risks->risks;
        keepCatalogueText(QStringLiteral("risks"), file, text, false);
        return true;
    }
    case Kind::Controls: {
        auto controls = parseControlCatalogue(yaml, *root, problems);
        if (!controls)
            return false;
        if (replace != Replace::Any) {
            problems.append(
                Error {QStringLiteral("the control catalogue is built in and cannot be replaced from a user folder"), file, 1, 1});
            return false;
        }
        m_controls = std::move(*controls);
        keepCatalogueText(QStringLiteral("controls"), file, text, true);
        return true;
    }
    case Kind::Criteria: {
        auto criteria = parseCriteriaCatalogue(yaml, *root, problems);
        if (!criteria)
            return false;
        if (replace != Replace::Any) {
            problems.append(
                Error {QStringLiteral("the criteria catalogue is built in and cannot be replaced from a user folder"), file, 1, 1});
            return false;
        }
        m_criteria = std::move(*criteria);
        keepCatalogueText(QStringLiteral("criteria"), file, text, true);
        return true;
    }
    }
    return false;
}

void ContentLibrary::keepCatalogueText(const QString &kind, const QString &file, const QString &text, bool replacesKind)
{
    if (replacesKind)
        m_catalogueTexts.removeIf([&kind](const CatalogueText &t) { return t.kind == kind; });
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
    m_catalogueTexts.append({kind, file, text, sha});
}

QList<Error> ContentLibrary::setCatalogues(const QList<CatalogueText> &texts)
{
    ContentLibrary candidate = *this;
    candidate.m_risks = {};
    candidate.m_controls = {};
    candidate.m_criteria = {};
    candidate.m_catalogueTexts.clear();
    QList<Error> problems;
    bool risksSeen = false;
    for (const auto &t : texts) {
        // The first risk file replaces; later ones add to it, as a user's folder does.
        const bool first = t.kind != QLatin1String("risks") || !risksSeen;
        risksSeen = risksSeen || t.kind == QLatin1String("risks");
        if (!candidate.merge(t.file, t.text, first ? Replace::Any : Replace::NewerVersionOnly, problems))
            return problems.isEmpty() ? QList<Error> {Error {QStringLiteral("not a catalogue file"), t.file}} : problems;
    }
    if (!problems.isEmpty())
        return problems;
    *this = std::move(candidate);
    return {};
}

void ContentLibrary::setQuestionnaire(Questionnaire questionnaire)
{
    bool replaced = false;
    for (auto &q : m_questionnaires) {
        if (q.key == questionnaire.key) {
            q = std::move(questionnaire);
            replaced = true;
            break;
        }
    }
    if (!replaced)
        m_questionnaires.append(std::move(questionnaire));
    reindex();
}

const Questionnaire *ContentLibrary::questionnaire(const QString &key) const
{
    for (const auto &q : m_questionnaires) {
        if (q.key == key)
            return &q;
    }
    return nullptr;
}

const Question *ContentLibrary::question(const QString &id) const
{
    return m_questionIndex.value(id, nullptr);
}

QStringList ContentLibrary::knownFacts() const
{
    QStringList facts = engagementFacts();
    for (const auto *q : allQuestions()) {
        if (!q->sets.isEmpty() && !facts.contains(q->sets))
            facts << q->sets;
    }
    return facts;
}

QList<const Question *> ContentLibrary::allQuestions() const
{
    QList<const Question *> all;
    for (const auto &q : m_questionnaires)
        for (const auto &s : q.sections)
            for (const auto &question : s.questions)
                all << &question;
    return all;
}

void ContentLibrary::reindex()
{
    // Pointers into m_questionnaires: rebuilt after every change, including copies.
    m_questionIndex.clear();
    for (const auto *q : allQuestions())
        m_questionIndex.insert(q->id, q);
}

} // namespace bulkhead
