// The built-in library as a whole: size, coverage of the key control families, every risk
// mitigated, every question mapped to controls, no withdrawn control anywhere, and the coverage
// table (questionnaires/COVERAGE.md) naming only ids that exist and every item of TOPICS.md.
#include "ContentTestSupport.h"

#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <catch2/catch.hpp>

using namespace bulkhead;
using bulkhead::test::sharedTestData;
using bulkhead::test::sourceRoot;
using namespace content_test;

namespace {

const QStringList kKeyFamilies
    = {QStringLiteral("AC"), QStringLiteral("AU"), QStringLiteral("CM"), QStringLiteral("CP"), QStringLiteral("IA"),
       QStringLiteral("IR"), QStringLiteral("MP"), QStringLiteral("PE"), QStringLiteral("SA"), QStringLiteral("SC")};

QSet<QString> withdrawnRev5Ids()
{
    QSet<QString> ids;
    const QStringList lines = readText(sharedTestData(QStringLiteral("oscal/rev5/nist-sp-800-53-rev5-controls.tsv")))
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QStringList cells = line.split(QLatin1Char('\t'));
        if (cells.size() >= 3 && cells.at(2).trimmed() == QLatin1String("withdrawn"))
            ids.insert(cells.at(0).trimmed());
    }
    return ids;
}

// Normalised question text: case, spacing and punctuation do not make two questions different.
QString normalisedText(const QString &text)
{
    QString out;
    for (const QChar c : text.toLower()) {
        if (c.isLetterOrNumber())
            out += c;
        else if (!out.endsWith(QLatin1Char(' ')))
            out += QLatin1Char(' ');
    }
    return out.trimmed();
}

// The items under one TOPICS.md heading: its bullets, or its paragraph split at " · ".
QStringList topicItems(const QString &topics, const QString &heading)
{
    const qsizetype at = topics.indexOf(heading);
    if (at < 0)
        return {};
    const qsizetype start = topics.indexOf(QLatin1Char('\n'), at) + 1;
    const qsizetype end = topics.indexOf(QStringLiteral("\n\n"), start);
    const QString body = topics.mid(start, end < 0 ? -1 : end - start);
    QStringList items;
    if (body.startsWith(QLatin1String("- "))) {
        for (const QString &bullet : body.split(QStringLiteral("\n- ")))
            items << bullet.mid(bullet.startsWith(QLatin1String("- ")) ? 2 : 0).simplified();
    } else {
        for (const QString &item : body.split(QStringLiteral(" · ")))
            items << item.simplified();
    }
    for (QString &item : items) {
        if (item.endsWith(QLatin1Char('.')))
            item.chop(1);
    }
    return items;
}

struct CoverageRow {
    QString item;
    QStringList ids;
};

// The rows of COVERAGE.md's tables: first cell the item, the ids in backticks in the others.
QList<CoverageRow> coverageRows()
{
    QList<CoverageRow> rows;
    const QRegularExpression idPattern(QStringLiteral("`([a-z0-9_.]+)`"));
    const QStringList lines = readText(sourceRoot() + QStringLiteral("/questionnaires/COVERAGE.md")).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.startsWith(QLatin1Char('|')) || line.startsWith(QLatin1String("|---")) || line.startsWith(QLatin1String("| TOPICS")))
            continue;
        const QStringList cells = line.split(QLatin1Char('|'));
        if (cells.size() < 4)
            continue;
        CoverageRow row {cells.at(1).trimmed(), {}};
        for (int i = 2; i < cells.size(); ++i)
            for (auto it = idPattern.globalMatch(cells.at(i)); it.hasNext();)
                row.ids << it.next().captured(1);
        rows << row;
    }
    return rows;
}

} // namespace

TEST_CASE("the library has the seven questionnaires and at least 150 questions", "[content][coverage]")
{
    const BuiltIn &b = builtIn();
    QStringList keys;
    for (const auto &q : b.library.questionnaires())
        keys << q.key;
    CHECK(keys
          == QStringList {QStringLiteral("architecture"), QStringLiteral("hosting"), QStringLiteral("provider"), QStringLiteral("data"),
                          QStringLiteral("images"), QStringLiteral("infrastructure"), QStringLiteral("webservers")});
    CHECK(b.library.allQuestions().size() >= 150);
    for (const auto &q : b.library.questionnaires()) {
        INFO(q.key.toStdString());
        CHECK(q.sections.size() >= 3);
        for (const auto &s : q.sections)
            CHECK(s.questions.size() >= 2);
    }
}

TEST_CASE("every question maps to at least one control and no control is withdrawn", "[content][coverage]")
{
    const ContentLibrary &lib = builtIn().library;
    const QSet<QString> withdrawn = withdrawnRev5Ids();
    REQUIRE(withdrawn.size() > 100); // the list was read: rev5 has withdrawn ids such as AC-13
    REQUIRE(withdrawn.contains(QStringLiteral("SA-12")));
    for (const auto *question : lib.allQuestions()) {
        INFO(question->id.toStdString());
        CHECK_FALSE(question->controls.isEmpty());
        for (const auto &c : question->controls) {
            INFO(c.toStdString());
            CHECK_FALSE(withdrawn.contains(c));
        }
    }
    for (const auto &risk : lib.risks().risks) {
        INFO(risk.id.toStdString());
        CHECK_FALSE(risk.controls.isEmpty());
        for (const auto &c : risk.controls) {
            INFO(c.toStdString());
            CHECK(lib.controls().control(c) != nullptr);
            CHECK_FALSE(withdrawn.contains(c));
        }
    }
}

TEST_CASE("each key control family is tested by at least six questions", "[content][coverage]")
{
    QMap<QString, int> perFamily;
    for (const auto *question : builtIn().library.allQuestions()) {
        QSet<QString> families;
        for (const auto &c : question->controls)
            families.insert(familyOf(c));
        for (const auto &f : families)
            ++perFamily[f];
    }
    for (const auto &family : kKeyFamilies) {
        INFO(family.toStdString() << " is tested by " << perFamily.value(family) << " questions");
        CHECK(perFamily.value(family) >= 6);
    }
}

TEST_CASE("every risk is mitigated by at least two questions, and the SP 800-190 groups are all present", "[content][coverage]")
{
    const ContentLibrary &lib = builtIn().library;
    QMap<QString, QSet<QString>> mitigators;
    for (const auto *question : lib.allQuestions())
        for (auto it = question->mitigates.cbegin(); it != question->mitigates.cend(); ++it)
            mitigators[it.key()].insert(question->id);
    QSet<QString> groups;
    for (const auto &risk : lib.risks().risks) {
        INFO(risk.id.toStdString());
        CHECK(mitigators.value(risk.id).size() >= 2);
        if (!risk.sp800_190Group.isEmpty())
            groups.insert(risk.sp800_190Group);
    }
    CHECK(groups
          == QSet<QString> {QStringLiteral("image"), QStringLiteral("registry"), QStringLiteral("orchestrator"),
                            QStringLiteral("container"), QStringLiteral("host_os")});
}

TEST_CASE("scored questions tell the assessor what to look for, and no two questions ask the same thing", "[content][coverage]")
{
    QMap<QString, QString> byText;
    for (const auto *question : builtIn().library.allQuestions()) {
        INFO(question->id.toStdString());
        const QString text = normalisedText(question->text);
        CHECK_FALSE(byText.contains(text));
        byText.insert(text, question->id);
        if (!question->isScored())
            continue;
        CHECK_FALSE(question->guidance.isEmpty());
        CHECK_FALSE(question->evidence.isEmpty());
        CHECK_FALSE(question->methods.isEmpty());
        CHECK_FALSE(question->responsibility.isEmpty());
    }
}

TEST_CASE("COVERAGE.md names every TOPICS.md item and only ids that exist", "[content][coverage]")
{
    const ContentLibrary &lib = builtIn().library;
    const QList<CoverageRow> rows = coverageRows();
    REQUIRE(rows.size() >= 40);

    QStringList covered;
    for (const auto &row : rows) {
        INFO(row.item.toStdString());
        covered << row.item.simplified();
        CHECK_FALSE(row.ids.isEmpty());
        for (const auto &id : row.ids) {
            INFO(id.toStdString());
            const bool exists = lib.question(id) != nullptr || lib.risks().risk(id) != nullptr || lib.knownFacts().contains(id);
            CHECK(exists);
        }
    }

    const QString topics = readText(sharedTestData(QStringLiteral("../seed/TOPICS.md")));
    const QStringList concepts = topicItems(topics, QStringLiteral("## Concepts"));
    const QStringList risks = topicItems(topics, QStringLiteral("## Risks"));
    const QStringList considerations = topicItems(topics, QStringLiteral("## Security considerations"));
    const QStringList families = topicItems(topics, QStringLiteral("## Key controls"));
    const QStringList claims = topicItems(topics, QStringLiteral("## Claims"));
    REQUIRE(concepts.size() == 5);
    REQUIRE(risks.size() == 18);
    REQUIRE(considerations.size() == 7);
    REQUIRE(families.size() == 10);
    REQUIRE(claims.size() == 1);
    for (const auto &item : concepts + risks + considerations + families + claims) {
        INFO(item.toStdString());
        CHECK(covered.contains(item));
    }
}
