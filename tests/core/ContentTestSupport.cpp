#include "ContentTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <functional>

#include <catch2/catch.hpp>

using bulkhead::test::projectTestData;
using bulkhead::test::sharedTestData;

namespace content_test {

QString q(const char *text)
{
    return QString::fromUtf8(text);
}

std::string describe(const QList<Error> &errors)
{
    std::string out = std::to_string(errors.size()) + " problem(s)";
    for (const auto &e : errors)
        out += "\n  " + e.toString().toStdString();
    return out;
}

QString readText(const QString &path)
{
    return QString::fromUtf8(bulkhead::test::readBytes(path));
}

const BuiltIn &builtIn()
{
    static const BuiltIn loaded = [] {
        BuiltIn b;
        b.library = ContentLibrary::builtIn(&b.problems);
        return b;
    }();
    return loaded;
}

// A fresh copy of the built-in library that a test may change.
ContentLibrary library()
{
    INFO(describe(builtIn().problems));
    REQUIRE(builtIn().problems.isEmpty());
    return builtIn().library;
}

// Everything a failed addFiles must leave untouched.
QStringList snapshot(const ContentLibrary &lib)
{
    QStringList out;
    for (const auto &qn : lib.questionnaires())
        out << QStringLiteral("questionnaire %1 v%2 from %3").arg(qn.key).arg(qn.version).arg(qn.sourceFile);
    for (const auto *question : lib.allQuestions())
        out << QStringLiteral("question ") + question->id;
    for (const auto &r : lib.risks().risks)
        out << QStringLiteral("risk ") + r.id;
    out << QStringLiteral("controls %1").arg(lib.controls().controls().size());
    return out;
}

QString fixture(const char *name)
{
    return projectTestData(QStringLiteral("content/") + QString::fromUtf8(name));
}

// Adds one fixture to the built-in library and checks that it is refused with exactly the
// expected problems, all in that file, and that the library is exactly as it was.
void checkRefused(const char *name, std::initializer_list<Expected> expected, const char *brokenKey)
{
    ContentLibrary lib = library();
    const QStringList before = snapshot(lib);
    const qsizetype questionnaires = lib.questionnaires().size();
    const QString path = fixture(name);
    REQUIRE(QFile::exists(path));

    const QList<Error> errors = lib.addFiles({path});
    INFO(describe(errors));
    REQUIRE(errors.size() == static_cast<qsizetype>(expected.size()));
    qsizetype i = 0;
    for (const Expected &e : expected) {
        const Error &error = errors.at(i++);
        INFO("problem " << i << ": " << error.toString().toStdString());
        CHECK(error.file == path);
        CHECK(error.line == e.line);
        CHECK(error.column == e.column);
        CHECK_THAT(error.message.toStdString(), Catch::Matchers::Contains(e.message));
    }
    CHECK(lib.questionnaires().size() == questionnaires);
    CHECK(snapshot(lib) == before);
    if (brokenKey)
        CHECK(lib.questionnaire(q(brokenKey)) == nullptr);
}

// NIST SP 800-53 rev5 data, read from the shared test data without any product code.
extern const QStringList kFamilies;
const QStringList kFamilies = {QStringLiteral("AC"), QStringLiteral("AU"), QStringLiteral("CM"), QStringLiteral("CP"), QStringLiteral("IA"),
                               QStringLiteral("IR"), QStringLiteral("MP"), QStringLiteral("PE"), QStringLiteral("SA"), QStringLiteral("SC"),
                               QStringLiteral("SI"), QStringLiteral("RA"), QStringLiteral("CA"), QStringLiteral("SR")};

QString familyOf(const QString &id)
{
    return id.section(QLatin1Char('-'), 0, 0);
}

// id -> title of every active control and enhancement in the assessed families.
QMap<QString, QString> nistActiveControls()
{
    QMap<QString, QString> active;
    const QString tsv = readText(sharedTestData(QStringLiteral("oscal/rev5/nist-sp-800-53-rev5-controls.tsv")));
    const QStringList lines = tsv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(lines.size() > 1);
    REQUIRE(lines.first() == QStringLiteral("id\ttitle\tstatus"));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines.at(i).split(QLatin1Char('\t'));
        REQUIRE(cells.size() == 3);
        REQUIRE((cells.at(2) == QLatin1String("active") || cells.at(2) == QLatin1String("withdrawn")));
        if (cells.at(2) == QLatin1String("active") && kFamilies.contains(familyOf(cells.at(0))))
            active.insert(cells.at(0), cells.at(1));
    }
    // The list lost the capital after '(' and '/' in a few titles; NIST's own resolved catalogs
    // have them right, for every control in a baseline and for the controls enhancements extend.
    const QMap<QString, QString> official = nistCatalogTitles();
    for (auto it = active.begin(); it != active.end(); ++it) {
        const QString base = it.key().section(QLatin1Char('('), 0, 0);
        if (official.contains(it.key()))
            *it = official.value(it.key());
        else if (it.key().contains(QLatin1Char('(')) && official.contains(base))
            *it = official.value(base) + QStringLiteral(" | ") + it->section(QStringLiteral(" | "), 1);
    }
    return active;
}

QMap<QString, QString> nistCatalogTitles()
{
    QMap<QString, QString> titles;
    std::function<void(const QJsonObject &, const QString &)> walk = [&](const QJsonObject &node, const QString &parent) {
        for (const auto &g : node.value(QStringLiteral("groups")).toArray())
            walk(g.toObject(), {});
        for (const auto &c : node.value(QStringLiteral("controls")).toArray()) {
            const QJsonObject control = c.toObject();
            const QString title = control.value(QStringLiteral("title")).toString();
            const QString id = displayId(control.value(QStringLiteral("id")).toString());
            if (!titles.contains(id))
                titles.insert(id, parent.isEmpty() ? title : parent + QStringLiteral(" | ") + title);
            walk(control, parent.isEmpty() ? title : parent);
        }
    };
    for (const char *name : {"HIGH-baseline-resolved-profile_catalog-min", "MODERATE-baseline-resolved-profile_catalog-min",
                             "LOW-baseline-resolved-profile_catalog"}) {
        const QString path = sharedTestData(QStringLiteral("oscal/rev5/NIST_SP-800-53_rev5_%1.json").arg(QLatin1String(name)));
        const QJsonDocument doc = QJsonDocument::fromJson(readText(path).toUtf8());
        REQUIRE(doc.isObject());
        walk(doc.object().value(QStringLiteral("catalog")).toObject(), {});
    }
    REQUIRE(titles.size() == 370);
    return titles;
}

// "ac-2.1" -> "AC-2(1)"
QString displayId(const QString &oscalId)
{
    const QString family = oscalId.section(QLatin1Char('-'), 0, 0).toUpper();
    const QString rest = oscalId.section(QLatin1Char('-'), 1);
    const QStringList parts = rest.split(QLatin1Char('.'));
    if (parts.size() == 2)
        return QStringLiteral("%1-%2(%3)").arg(family, parts.at(0), parts.at(1));
    return QStringLiteral("%1-%2").arg(family, rest);
}

QSet<QString> nistBaseline(const char *level)
{
    const QString path = sharedTestData(QStringLiteral("oscal/rev5/NIST_SP-800-53_rev5_%1-baseline_profile.json").arg(q(level)));
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(bulkhead::test::readBytes(path), &parseError);
    REQUIRE(parseError.error == QJsonParseError::NoError);
    const QJsonArray ids = doc.object()
                               .value(QStringLiteral("profile"))
                               .toObject()
                               .value(QStringLiteral("imports"))
                               .toArray()
                               .at(0)
                               .toObject()
                               .value(QStringLiteral("include-controls"))
                               .toArray()
                               .at(0)
                               .toObject()
                               .value(QStringLiteral("with-ids"))
                               .toArray();
    REQUIRE(!ids.isEmpty());
    QSet<QString> out;
    for (const auto &id : ids) {
        REQUIRE(id.isString());
        out.insert(displayId(id.toString()));
    }
    return out;
}

// The Trust Services Criteria (2017, revised points of focus 2022), listed here by hand.
QSet<QString> trustServicesCriteria()
{
    QSet<QString> ids;
    auto add = [&ids](const char *prefix, int count) {
        for (int i = 1; i <= count; ++i)
            ids.insert(QStringLiteral("%1.%2").arg(q(prefix)).arg(i));
    };
    add("CC1", 5);
    add("CC2", 3);
    add("CC3", 4);
    add("CC4", 2);
    add("CC5", 3);
    add("CC6", 8);
    add("CC7", 5);
    add("CC8", 1);
    add("CC9", 2);
    add("A1", 3);
    add("C1", 2);
    add("PI1", 5);
    add("P1", 1);
    add("P2", 1);
    add("P3", 2);
    add("P4", 3);
    add("P5", 2);
    add("P6", 7);
    add("P7", 1);
    add("P8", 1);
    return ids;
}

const Question &builtInQuestion(const char *id)
{
    const Question *question = builtIn().library.question(q(id));
    INFO(id);
    REQUIRE(question != nullptr);
    return *question;
}

} // namespace content_test
