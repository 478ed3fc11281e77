// Content loading and validation: the built-in library, its agreement with NIST's rev5 data
// (computed here from ../shared/testdata, independently of the generator script), every class
// of validation error on small fixtures in tests/data/content, users' content folders, and the
// answer checks of each question type.
#include "ContentLibrary.h"
#include "ContentValidator.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <catch2/catch.hpp>

#include <initializer_list>
#include <memory>
#include <string>

using namespace bulkhead;
using bulkhead::test::projectTestData;
using bulkhead::test::sharedTestData;
using bulkhead::test::sourceRoot;

namespace {

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

// Loaded once: the built-in library and the problems found while loading it.
struct BuiltIn
{
    ContentLibrary library;
    QList<Error> problems;
};

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

struct Expected
{
    int line;
    int column;
    const char *message; // a distinctive part of it
};

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
const QStringList kFamilies = {QStringLiteral("AC"), QStringLiteral("AU"), QStringLiteral("CM"), QStringLiteral("CP"),
                               QStringLiteral("IA"), QStringLiteral("IR"), QStringLiteral("MP"), QStringLiteral("PE"),
                               QStringLiteral("SA"), QStringLiteral("SC"), QStringLiteral("SI"), QStringLiteral("RA"),
                               QStringLiteral("CA"), QStringLiteral("SR")};

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
    return active;
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
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(bulkhead::test::readBytes(path), &parseError);
    REQUIRE(parseError.error == QJsonParseError::NoError);
    const QJsonArray ids = doc.object()
                               .value(QStringLiteral("profile")).toObject()
                               .value(QStringLiteral("imports")).toArray().at(0).toObject()
                               .value(QStringLiteral("include-controls")).toArray().at(0).toObject()
                               .value(QStringLiteral("with-ids")).toArray();
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

} // namespace

// ---------------------------------------------------------------------------------------------
// 1. The built-in library

TEST_CASE("the built-in library loads without problems", "[content][builtin]")
{
    const BuiltIn &b = builtIn();
    INFO(describe(b.problems));
    CHECK(b.problems.isEmpty());
    REQUIRE(b.library.questionnaires().size() == 1);

    const Questionnaire *arch = b.library.questionnaire(QStringLiteral("architecture"));
    REQUIRE(arch != nullptr);
    CHECK(arch->version == 1);
    CHECK(arch->title == QStringLiteral("Container architecture"));
    CHECK(arch->sourceFile == QStringLiteral(":/questionnaires/architecture.yaml"));

    // The compiled-in text is the source file, and its hash is the SHA-256 of those bytes.
    const QByteArray source = bulkhead::test::readBytes(sourceRoot() + QStringLiteral("/questionnaires/architecture.yaml"));
    CHECK(arch->yamlText == QString::fromUtf8(source));
    CHECK(arch->sha256 == QString::fromLatin1(QCryptographicHash::hash(source, QCryptographicHash::Sha256).toHex()));

    // Question ids counted from the file itself: list items at the questions' indentation.
    QStringList idsInFile;
    const QRegularExpression questionLine(QStringLiteral("^      - id: (arch\\.[a-z0-9_.]+)\\s*$"),
                                          QRegularExpression::MultilineOption);
    for (auto it = questionLine.globalMatch(QString::fromUtf8(source)); it.hasNext();)
        idsInFile << it.next().captured(1);
    REQUIRE(idsInFile.size() >= 1);

    QStringList loadedIds;
    for (const auto &section : arch->sections)
        for (const auto &question : section.questions)
            loadedIds << question.id;
    CHECK(loadedIds.size() == idsInFile.size());
    CHECK(loadedIds == idsInFile); // same questions, same interview order
    CHECK(b.library.allQuestions().size() == idsInFile.size());
    for (const auto &id : idsInFile) {
        INFO(id.toStdString());
        REQUIRE(b.library.question(id) != nullptr);
        CHECK(b.library.question(id)->id == id);
        CHECK(b.library.question(id)->questionnaireKey == QStringLiteral("architecture"));
    }

    // Section ids likewise.
    QStringList sectionsInFile;
    const QRegularExpression sectionLine(QStringLiteral("^  - id: (arch\\.[a-z0-9_]+)\\s*$"), QRegularExpression::MultilineOption);
    for (auto it = sectionLine.globalMatch(QString::fromUtf8(source)); it.hasNext();)
        sectionsInFile << it.next().captured(1);
    QStringList loadedSections;
    for (const auto &section : arch->sections)
        loadedSections << section.id;
    CHECK(loadedSections == sectionsInFile);

    // Nine risks, in file order.
    const QStringList expectedRisks = {
        QStringLiteral("risk.account_management"), QStringLiteral("risk.access_control"),
        QStringLiteral("risk.underlying_security"), QStringLiteral("risk.incident_response"),
        QStringLiteral("risk.contingency_planning"), QStringLiteral("risk.shared_resources"),
        QStringLiteral("risk.kernel_vulnerability"), QStringLiteral("risk.hosting_environment"),
        QStringLiteral("risk.caas_account_management")};
    QStringList risks;
    for (const auto &r : b.library.risks().risks)
        risks << r.id;
    CHECK(b.library.risks().risks.size() == 9);
    CHECK(risks == expectedRisks);
    const RiskDefinition *access = b.library.risks().risk(QStringLiteral("risk.access_control"));
    REQUIRE(access != nullptr);
    CHECK(access->likelihood == Level::Moderate);
    CHECK(access->impact == Level::High);
    CHECK(access->maxReduction == 2);
    REQUIRE(access->modifiers.size() == 1);
    CHECK(access->modifiers.at(0).when.text() == QStringLiteral("fact.architecture == 'typical'"));
    CHECK(access->modifiers.at(0).likelihoodSteps == 1);
    CHECK(access->modifiers.at(0).impactSteps == 0);
    CHECK(b.library.risks().risk(QStringLiteral("risk.hosting_environment"))->likelihood == Level::Low);

    // And a control catalogue.
    CHECK(b.library.controls().version == 1);
    CHECK(b.library.controls().source == QStringLiteral("NIST SP 800-53 Revision 5"));
    CHECK(b.library.controls().controls().size() > 0);
}

TEST_CASE("built-in content is validated clean by the validator on its own", "[content][builtin]")
{
    const QList<Error> problems = validateContent(builtIn().library);
    INFO(describe(problems));
    CHECK(problems.isEmpty());
}

TEST_CASE("copies of a library keep a working question index", "[content][builtin]")
{
    // The index holds pointers into the questionnaires; a copy must stay usable after the
    // original is changed and destroyed, and the original after the copy is changed.
    auto original = std::make_unique<ContentLibrary>(library());
    ContentLibrary copy = *original;
    const QList<Error> errors = original->addFiles({fixture("architecture_v2.yaml")});
    INFO(describe(errors));
    REQUIRE(errors.isEmpty());
    REQUIRE(original->question(QStringLiteral("arch.access.accounts")) == nullptr);
    original.reset();

    const Question *accounts = copy.question(QStringLiteral("arch.access.accounts"));
    REQUIRE(accounts != nullptr);
    CHECK(accounts == copy.questionnaire(QStringLiteral("architecture"))->question(QStringLiteral("arch.access.accounts")));
    CHECK(accounts->id == QStringLiteral("arch.access.accounts"));
    CHECK(accounts->controls.contains(QStringLiteral("AC-2")));
    CHECK(copy.allQuestions().size() == builtIn().library.allQuestions().size());

    ContentLibrary changed = copy;
    REQUIRE(changed.addFiles({fixture("answer_types.yaml")}).isEmpty());
    const Question *hardening = copy.question(QStringLiteral("arch.host.hardening"));
    REQUIRE(hardening != nullptr);
    CHECK(hardening == copy.questionnaire(QStringLiteral("architecture"))->question(QStringLiteral("arch.host.hardening")));
    CHECK(copy.question(QStringLiteral("bx.types.hosts")) == nullptr);
    CHECK(changed.question(QStringLiteral("bx.types.hosts")) != nullptr);
    CHECK(changed.question(QStringLiteral("arch.host.hardening"))->id == QStringLiteral("arch.host.hardening"));
}

// ---------------------------------------------------------------------------------------------
// 2. The control catalogue against NIST's data

TEST_CASE("the control catalogue matches NIST SP 800-53 rev5 and its baselines", "[content][controls]")
{
    const ContentLibrary lib = library();
    const ControlCatalogue &catalogue = lib.controls();
    const QMap<QString, QString> nist = nistActiveControls();
    const QSet<QString> low = nistBaseline("LOW");
    const QSet<QString> moderate = nistBaseline("MODERATE");
    const QSet<QString> high = nistBaseline("HIGH");

    // Sanity of the reference data itself, so an empty read cannot pass.
    REQUIRE(nist.size() == 880);
    REQUIRE(low.contains(QStringLiteral("AC-2")));
    REQUIRE(high.contains(QStringLiteral("AC-2(1)")));

    CHECK(catalogue.controls().size() == nist.size());

    QStringList families;
    for (const auto &f : catalogue.families())
        families << f.id;
    CHECK(families == kFamilies);

    QSet<QString> inCatalogue;
    int mismatches = 0;
    for (const auto &c : catalogue.controls()) {
        INFO(c.id.toStdString());
        inCatalogue.insert(c.id);
        CHECK(nist.contains(c.id));
        CHECK(c.family == familyOf(c.id));
        CHECK(c.title == nist.value(c.id));
        CHECK(c.inLow == low.contains(c.id));
        CHECK(c.inModerate == moderate.contains(c.id));
        CHECK(c.inHigh == high.contains(c.id));
        CHECK(c.inBaseline(Baseline::Low) == c.inLow);
        CHECK(c.inBaseline(Baseline::Moderate) == c.inModerate);
        CHECK(c.inBaseline(Baseline::High) == c.inHigh);
        if (c.title != nist.value(c.id) || c.inLow != low.contains(c.id) || c.inModerate != moderate.contains(c.id)
            || c.inHigh != high.contains(c.id))
            ++mismatches;
    }
    CHECK(mismatches == 0);
    CHECK(inCatalogue.size() == catalogue.controls().size()); // no duplicates
    for (auto it = nist.cbegin(); it != nist.cend(); ++it) {
        INFO(it.key().toStdString());
        CHECK(catalogue.control(it.key()) != nullptr);
    }

    // Every baseline control of an assessed family is in the catalogue.
    int lowCount = 0, moderateCount = 0, highCount = 0;
    for (const auto &c : catalogue.controls()) {
        lowCount += c.inLow ? 1 : 0;
        moderateCount += c.inModerate ? 1 : 0;
        highCount += c.inHigh ? 1 : 0;
    }
    auto inFamilies = [](const QSet<QString> &ids) {
        int n = 0;
        for (const auto &id : ids)
            n += kFamilies.contains(familyOf(id)) ? 1 : 0;
        return n;
    };
    CHECK(lowCount == inFamilies(low));
    CHECK(moderateCount == inFamilies(moderate));
    CHECK(highCount == inFamilies(high));

    // Spot checks with concrete values.
    const ControlDefinition *ac2 = catalogue.control(QStringLiteral("AC-2"));
    REQUIRE(ac2 != nullptr);
    CHECK(ac2->title == QStringLiteral("Account Management"));
    CHECK(ac2->family == QStringLiteral("AC"));
    CHECK((ac2->inLow && ac2->inModerate && ac2->inHigh));

    const ControlDefinition *ac2e1 = catalogue.control(QStringLiteral("AC-2(1)"));
    REQUIRE(ac2e1 != nullptr);
    CHECK(ac2e1->title == QStringLiteral("Account Management | Automated System Account Management"));
    CHECK_FALSE(ac2e1->inLow);
    CHECK(ac2e1->inModerate);
    CHECK(ac2e1->inHigh);

    // HIGH only.
    const ControlDefinition *ac2e11 = catalogue.control(QStringLiteral("AC-2(11)"));
    REQUIRE(ac2e11 != nullptr);
    CHECK(ac2e11->title == QStringLiteral("Account Management | Usage Conditions"));
    CHECK_FALSE(ac2e11->inLow);
    CHECK_FALSE(ac2e11->inModerate);
    CHECK(ac2e11->inHigh);
    const ControlDefinition *cp9e3 = catalogue.control(QStringLiteral("CP-9(3)"));
    REQUIRE(cp9e3 != nullptr);
    CHECK((!cp9e3->inLow && !cp9e3->inModerate && cp9e3->inHigh));

    // In no baseline, but listed.
    const ControlDefinition *ac2e6 = catalogue.control(QStringLiteral("AC-2(6)"));
    REQUIRE(ac2e6 != nullptr);
    CHECK((!ac2e6->inLow && !ac2e6->inModerate && !ac2e6->inHigh));

    // Withdrawn, outside the assessed families, or not display form: absent.
    CHECK(catalogue.control(QStringLiteral("AC-13")) == nullptr);
    CHECK(catalogue.control(QStringLiteral("AT-2")) == nullptr);
    CHECK(catalogue.control(QStringLiteral("ac-2")) == nullptr);
    CHECK(catalogue.control(QStringLiteral("AC-2.1")) == nullptr);
    CHECK(catalogue.familyTitle(QStringLiteral("CA")) == QStringLiteral("Assessment, Authorization, and Monitoring"));
}

// ---------------------------------------------------------------------------------------------
// 3. References from the built-in questions

TEST_CASE("built-in questions refer only to existing controls, criteria and risks", "[content][builtin]")
{
    const ContentLibrary lib = library();
    const QMap<QString, QString> nist = nistActiveControls();
    const QSet<QString> tsc = trustServicesCriteria();

    QSet<QString> mitigated;
    int controlRefs = 0, soc2Refs = 0;
    for (const auto *question : lib.allQuestions()) {
        INFO(question->id.toStdString());
        for (const auto &c : question->controls) {
            INFO(c.toStdString());
            CHECK(lib.controls().control(c) != nullptr);
            CHECK(nist.contains(c));
            ++controlRefs;
        }
        for (const auto &criterion : question->soc2) {
            INFO(criterion.toStdString());
            CHECK(tsc.contains(criterion));
            ++soc2Refs;
        }
        for (auto it = question->mitigates.cbegin(); it != question->mitigates.cend(); ++it) {
            INFO(it.key().toStdString());
            CHECK(lib.risks().risk(it.key()) != nullptr);
            CHECK(it.value() > 0.0);
            CHECK(it.value() <= 1.0);
            mitigated.insert(it.key());
        }
        for (const auto &name : question->when.references()) {
            INFO(name.toStdString());
            if (name.startsWith(QLatin1String("fact.")))
                CHECK(lib.knownFacts().contains(name));
            else
                CHECK(lib.question(name) != nullptr);
        }
    }
    CHECK(controlRefs > 0);
    CHECK(soc2Refs > 0);

    QSet<QString> unmitigated;
    for (const auto &r : lib.risks().risks)
        if (!mitigated.contains(r.id))
            unmitigated.insert(r.id);
    CHECK(unmitigated == QSet<QString>{QStringLiteral("risk.hosting_environment")});

    // Facts: the engagement's five plus those the architecture questions set.
    QStringList facts = lib.knownFacts();
    facts.sort();
    CHECK(facts == QStringList{QStringLiteral("fact.architecture"), QStringLiteral("fact.cloud_actors"),
                               QStringLiteral("fact.csp"), QStringLiteral("fact.hypervisor"),
                               QStringLiteral("fact.impact"), QStringLiteral("fact.infrastructure"),
                               QStringLiteral("fact.orchestration"), QStringLiteral("fact.service_model")});
    // Every fact a risk modifier reads is known.
    for (const auto &r : lib.risks().risks)
        for (const auto &m : r.modifiers)
            for (const auto &name : m.when.references()) {
                INFO(r.id.toStdString() << " reads " << name.toStdString());
                CHECK(lib.knownFacts().contains(name));
            }
}

// ---------------------------------------------------------------------------------------------
// 4. Each class of validation error, on a fixture added on top of the built-in library

TEST_CASE("malformed YAML is reported at the parser's position", "[content][errors]")
{
    // The unclosed '[' opens at 11:19; yaml-cpp notices at the end of the file.
    checkRefused("malformed_yaml.yaml", {{12, 1, "YAML syntax error: end of sequence flow not found"}}, "bx_malformed");
}

TEST_CASE("an unknown key in a question is an error at the key", "[content][errors]")
{
    checkRefused("unknown_key.yaml", {{11, 9, "unknown key 'guidence' in question 'bx.unknown_key.q1' (allowed: id, text, type, options, guidance,"}},
                 "bx_unknown_key");
}

TEST_CASE("values of the wrong type are errors at the value", "[content][errors]")
{
    SECTION("version: three")
    {
        checkRefused("wrong_type_version.yaml", {{2, 10, "'version' of the questionnaire must be a whole number, not 'three'"}},
                     "bx_wt_version");
    }
    SECTION("controls as a scalar")
    {
        checkRefused("wrong_type_controls.yaml", {{11, 19, "'controls' of question 'bx.wt_controls.q1' must be a list"}},
                     "bx_wt_controls");
    }
    SECTION("options as a mapping")
    {
        checkRefused("wrong_type_options.yaml", {{11, 18, "'options' of question 'bx.wt_options.q1' must be a list"}},
                     "bx_wt_options");
    }
}

TEST_CASE("duplicate ids are errors at the second id", "[content][errors]")
{
    SECTION("within one file")
    {
        checkRefused("duplicate_id.yaml", {{11, 13, "duplicate id 'bx.duplicate.q1'"}}, "bx_duplicate");
    }
    SECTION("a question id of the built-in library")
    {
        checkRefused("duplicate_builtin_id.yaml",
                     {{8, 13, "duplicate id 'arch.host.hardening': also used in questionnaire 'architecture'"}}, "bx_dup_builtin");
    }
}

// A section id is checked across the library like a question id, and reported at the section.
TEST_CASE("a section id of the built-in library is an error at the section id", "[content][errors]")
{
    checkRefused("duplicate_builtin_section.yaml", {{5, 9, "duplicate id 'arch.host': also used in questionnaire 'architecture'"}},
                 "bx_dup_section");
}

TEST_CASE("unknown and withdrawn controls are errors", "[content][errors]")
{
    // Each is reported where it is written in the list (11:26 and 11:33); AC-2 is fine.
    checkRefused("unknown_control.yaml",
                 {{11, 26, "question 'bx.unknown_control.q1' maps to unknown control 'AC-99'"},
                  {11, 33, "question 'bx.unknown_control.q1' maps to unknown control 'AC-13'"}},
                 "bx_unknown_control");
}

TEST_CASE("a when that reads an unknown name is an error at the when", "[content][errors]")
{
    SECTION("unknown fact")
    {
        checkRefused("when_unknown_fact.yaml",
                     {{11, 15, "the 'when' of question 'bx.when_fact.q1' reads 'fact.nonexistent', which is not a fact of the engagement and not set by any question"}},
                     "bx_when_fact");
    }
    SECTION("unknown question id")
    {
        checkRefused("when_unknown_question.yaml",
                     {{11, 15, "the 'when' of question 'bx.when_question.q1' reads 'arch.host.nonexistent', which is not a known question id"}},
                     "bx_when_question");
    }
}

TEST_CASE("a when syntax error points into the condition", "[content][errors]")
{
    // `        when: "fact.architecture = 'hybrid'"`: the '=' is column 34.
    SECTION("double-quoted")
    {
        checkRefused("when_syntax_quoted.yaml",
                     {{11, 34, "the 'when' of question 'bx.when_quoted.q1' is not a valid condition: unknown operator '='; did you mean '=='?"}},
                     "bx_when_quoted");
    }
    // `        when: fact.architecture = 'hybrid'`: the '=' is column 33.
    SECTION("plain")
    {
        checkRefused("when_syntax_plain.yaml",
                     {{11, 33, "the 'when' of question 'bx.when_plain.q1' is not a valid condition: unknown operator '='; did you mean '=='?"}},
                     "bx_when_plain");
    }
}

// The column counts the file's characters, not the condition's: a folded block starts on the next
// line, and each escape in a quoted scalar takes two characters of the file.
TEST_CASE("a when syntax error points into the condition for every scalar style", "[content][errors]")
{
    SECTION("folded block scalar: the '=' is at 12:29")
    {
        checkRefused("when_syntax_folded.yaml",
                     {{12, 29, "the 'when' of question 'bx.when_folded.q1' is not a valid condition: unknown operator '='"}},
                     "bx_when_folded");
    }
    SECTION("double-quoted with escaped quotes: the '&&' is at 11:37")
    {
        checkRefused("when_syntax_escaped.yaml",
                     {{11, 37, "the 'when' of question 'bx.when_escaped.q1' is not a valid condition: unknown operator '&&'; did you mean 'and'?"}},
                     "bx_when_escaped");
    }
}

TEST_CASE("when conditions that form a cycle are an error", "[content][errors]")
{
    SECTION("three questions, through answers and a fact one of them sets")
    {
        checkRefused("when_cycle_three.yaml",
                     {{11, 15, "the 'when' conditions form a cycle: bx.cycle_three.a -> bx.cycle_three.b -> bx.cycle_three.c -> bx.cycle_three.a"}},
                     "bx_cycle_three");
    }
    SECTION("two questions reading each other")
    {
        checkRefused("when_cycle_two.yaml",
                     {{11, 15, "the 'when' conditions form a cycle: bx.cycle_two.a -> bx.cycle_two.b -> bx.cycle_two.a"}},
                     "bx_cycle_two");
    }
}

// A user question that sets a built-in fact and reads a built-in question that depends on that fact
// closes a cycle through the built-in library; the error belongs to the user file that closed it.
TEST_CASE("a cycle through a built-in question is an error in the file that closes it", "[content][errors]")
{
    ContentLibrary lib = library();
    const QString path = fixture("when_cycle_builtin.yaml");
    // The cycle: arch.platform.hypervisor reads fact.architecture, which bx.cycle_builtin.q1
    // sets, and bx.cycle_builtin.q1 reads arch.platform.hypervisor.
    const QList<Error> errors = lib.addFiles({path});
    INFO(describe(errors));
    INFO("validateContent afterwards: " << describe(validateContent(lib)));
    REQUIRE(errors.size() == 1);
    CHECK(errors.at(0).file == path);
    CHECK(errors.at(0).line == 15);
    CHECK(errors.at(0).column == 15);
    CHECK_THAT(errors.at(0).message.toStdString(), Catch::Matchers::Contains("form a cycle"));
    CHECK_THAT(errors.at(0).message.toStdString(), Catch::Matchers::Contains("bx.cycle_builtin.q1"));
    CHECK(lib.questionnaire(QStringLiteral("bx_cycle_builtin")) == nullptr);
    CHECK(validateContent(lib).isEmpty());
}

TEST_CASE("mitigates must name known risks with weights above 0 and at most 1", "[content][errors]")
{
    SECTION("unknown risk")
    {
        checkRefused("mitigates_unknown_risk.yaml",
                     {{11, 21, "question 'bx.unknown_risk.q1' mitigates unknown risk 'risk.nonexistent'"}}, "bx_unknown_risk");
    }
    SECTION("weights 0 and 1.5")
    {
        checkRefused("mitigates_weight.yaml",
                     {{11, 42, "mitigates 'risk.access_control' with weight '0'; a weight is a number above 0 and at most 1"},
                      {11, 68, "mitigates 'risk.shared_resources' with weight '1.5'; a weight is a number above 0 and at most 1"}},
                     "bx_weight");
    }
}

TEST_CASE("a risk catalogue with an unknown level is refused", "[content][errors][risks]")
{
    checkRefused("risks_bad_level.yaml",
                 {{8, 17, "risk 'risk.bx_bad_level' has likelihood 'medium'; expected very_low, low, moderate, high or very_high"}},
                 nullptr);
    ContentLibrary lib = library();
    (void)lib.addFiles({fixture("risks_bad_level.yaml")});
    CHECK(lib.risks().risk(QStringLiteral("risk.bx_bad_level")) == nullptr);
}

// A user's risk keeps its own file, so a problem in its modifier is reported there.
TEST_CASE("a user risk whose modifier reads an unknown fact is refused", "[content][errors][risks]")
{
    ContentLibrary lib = library();
    const QString path = fixture("risks_modifier_unknown_fact.yaml");
    const QList<Error> errors = lib.addFiles({path});
    INFO(describe(errors));
    INFO("validateContent afterwards: " << describe(validateContent(lib)));
    REQUIRE(errors.size() == 1);
    CHECK(errors.at(0).file == path);
    CHECK(errors.at(0).line == 11);
    CHECK(errors.at(0).column == 9);
    CHECK_THAT(errors.at(0).message.toStdString(),
               Catch::Matchers::Contains("a modifier of risk 'risk.bx_bad_modifier' reads 'fact.nonexistent', which is not a fact"));
    CHECK(lib.risks().risks.size() == 9);
    CHECK(lib.risks().risk(QStringLiteral("risk.bx_bad_modifier")) == nullptr);
}

TEST_CASE("options must match the question type", "[content][errors]")
{
    SECTION("a choice without options")
    {
        checkRefused("choice_without_options.yaml",
                     {{8, 9, "question 'bx.no_options.q1' is a choice question but has no 'options'"}}, "bx_no_options");
    }
    SECTION("a yesno with options")
    {
        checkRefused("yesno_with_options.yaml",
                     {{11, 18, "question 'bx.yesno_options.q1' is a yesno question and cannot have 'options'"}}, "bx_yesno_options");
    }
}

TEST_CASE("files that are not UTF-8 or not content are refused", "[content][errors]")
{
    SECTION("not UTF-8")
    {
        // The file holds a Latin-1 'é' (byte E9) in its title. The loader reports no position.
        REQUIRE(bulkhead::test::readBytes(fixture("not_utf8.yaml")).contains("Caf\xe9 "));
        checkRefused("not_utf8.yaml", {{0, 0, "the file is not valid UTF-8 text"}}, "bx_latin1");
    }
    SECTION("neither a questionnaire nor a catalogue")
    {
        checkRefused("not_content.yaml",
                     {{1, 1, "not a Bulkhead content file: expected a 'questionnaire' key or 'catalogue: risks' / 'catalogue: controls'"}},
                     nullptr);
    }
    SECTION("a control catalogue from a user folder")
    {
        checkRefused("user_controls.yaml", {{1, 1, "the control catalogue is built in and cannot be replaced from a user folder"}}, nullptr);
    }
    SECTION("a file that does not exist")
    {
        ContentLibrary lib = library();
        const QStringList before = snapshot(lib);
        const QString path = fixture("no_such_file.yaml");
        const QList<Error> errors = lib.addFiles({path});
        REQUIRE(errors.size() == 1);
        CHECK(errors.at(0).file == path);
        CHECK_THAT(errors.at(0).message.toStdString(), Catch::Matchers::StartsWith("cannot read the file"));
        CHECK(snapshot(lib) == before);
    }
}

// ---------------------------------------------------------------------------------------------
// 5. User content

TEST_CASE("a user folder adds its good files and reports the broken ones", "[content][user]")
{
    ContentLibrary lib = library();
    const qsizetype questionnaires = lib.questionnaires().size();
    const QString folder = projectTestData(QStringLiteral("content/user_folder"));
    const QList<Error> errors = lib.addFolder(folder);
    INFO(describe(errors));

    REQUIRE(errors.size() == 1);
    CHECK(errors.at(0).file == folder + QStringLiteral("/b_broken.yml"));
    CHECK(errors.at(0).line == 10);
    CHECK(errors.at(0).column == 15);
    CHECK_THAT(errors.at(0).message.toStdString(),
               Catch::Matchers::Contains("question 'bx.user_broken.q1' has unknown type 'yes_no'"));

    CHECK(lib.questionnaires().size() == questionnaires + 1);
    CHECK(lib.questionnaire(QStringLiteral("bx_user_broken")) == nullptr);
    CHECK(lib.questionnaire(QStringLiteral("bx_not_yaml_extension")) == nullptr);
    CHECK(lib.question(QStringLiteral("bx.user_broken.q1")) == nullptr);

    const Questionnaire *user = lib.questionnaire(QStringLiteral("bx_user"));
    REQUIRE(user != nullptr);
    CHECK(user->version == 1);
    CHECK(user->sourceFile == folder + QStringLiteral("/a_good.yaml"));
    CHECK(user->questionCount() == 1);

    const Question *question = lib.question(QStringLiteral("bx.user.engine_accounts"));
    REQUIRE(question != nullptr);
    CHECK(question->questionnaireKey == QStringLiteral("bx_user"));
    CHECK(question->type == QuestionType::YesNo);
    CHECK(question->controls == QStringList{QStringLiteral("AC-2")});
    CHECK(question->soc2 == QStringList{QStringLiteral("CC6.2")});
    CHECK(question->responsibility == QStringLiteral("shared"));
    REQUIRE(question->mitigates.size() == 1);
    CHECK(question->mitigates.value(QStringLiteral("risk.access_control")) == Approx(0.25));
    CHECK(question->when.references() == QStringList{QStringLiteral("fact.architecture")});
    CHECK(question->when.evaluate([](const QString &name) {
        return name == QLatin1String("fact.architecture") ? QStringList{QStringLiteral("typical")} : QStringList{};
    }));
    CHECK_FALSE(question->when.evaluate([](const QString &name) {
        return name == QLatin1String("fact.architecture") ? QStringList{QStringLiteral("hybrid")} : QStringList{};
    }));
    CHECK(question->position.line == 8);
    CHECK(question->position.column == 9);

    // Built-in content is untouched and still in front.
    CHECK(lib.questionnaires().at(0).key == QStringLiteral("architecture"));
    CHECK(lib.question(QStringLiteral("arch.host.hardening")) != nullptr);
    CHECK(lib.allQuestions().size() == builtIn().library.allQuestions().size() + 1);
    CHECK(lib.allQuestions().last() == question);
    CHECK(validateContent(lib).isEmpty());
}

TEST_CASE("a user questionnaire replaces a built-in one only with a higher version", "[content][user]")
{
    SECTION("the same version is refused")
    {
        checkRefused("architecture_v1.yaml",
                     {{1, 1, "questionnaire 'architecture' version 1 is already loaded from :/questionnaires/architecture.yaml; give this file a higher version to replace it"}},
                     nullptr);
        ContentLibrary lib = library();
        (void)lib.addFiles({fixture("architecture_v1.yaml")});
        CHECK(lib.questionnaire(QStringLiteral("architecture"))->version == 1);
        CHECK(lib.questionnaire(QStringLiteral("architecture"))->sourceFile == QStringLiteral(":/questionnaires/architecture.yaml"));
    }
    SECTION("a higher version replaces it")
    {
        ContentLibrary lib = library();
        const int builtInCount = lib.questionnaire(QStringLiteral("architecture"))->questionCount();
        REQUIRE(builtInCount != 4);
        const QString path = fixture("architecture_v2.yaml");
        const QList<Error> errors = lib.addFiles({path});
        INFO(describe(errors));
        REQUIRE(errors.isEmpty());
        CHECK(lib.questionnaires().size() == 1);
        const Questionnaire *arch = lib.questionnaire(QStringLiteral("architecture"));
        REQUIRE(arch != nullptr);
        CHECK(arch->version == 2);
        CHECK(arch->sourceFile == path);
        CHECK(arch->questionCount() == 4);
        CHECK(lib.allQuestions().size() == 4);
        CHECK(lib.question(QStringLiteral("arch.access.accounts")) == nullptr);
        REQUIRE(lib.question(QStringLiteral("arch.host.hardening")) != nullptr);
        CHECK(lib.question(QStringLiteral("arch.host.hardening"))->controls == QStringList{QStringLiteral("CM-6")});
        CHECK(validateContent(lib).isEmpty());

        // Now version 2 is loaded: adding it again is refused.
        const QList<Error> again = lib.addFiles({path});
        REQUIRE(again.size() == 1);
        CHECK_THAT(again.at(0).message.toStdString(),
                   Catch::Matchers::Contains(QStringLiteral("questionnaire 'architecture' version 2 is already loaded from %1").arg(path).toStdString()));
        CHECK(lib.questionnaire(QStringLiteral("architecture"))->questionCount() == 4);
    }
}

// A replacement that drops what other content relies on is refused, and the library keeps
// validating.
TEST_CASE("a replacement that breaks references elsewhere is refused", "[content][user]")
{
    SECTION("risk modifiers read facts that only the dropped questions set")
    {
        ContentLibrary lib = library();
        const QList<Error> errors = lib.addFiles({fixture("architecture_v2_drops_facts.yaml")});
        INFO(describe(errors));
        INFO("validateContent afterwards: " << describe(validateContent(lib)));
        CHECK_FALSE(errors.isEmpty());
        CHECK(lib.questionnaire(QStringLiteral("architecture"))->version == 1);
        CHECK(validateContent(lib).isEmpty());
    }
    SECTION("another user questionnaire reads a dropped question")
    {
        ContentLibrary lib = library();
        const QList<Error> first = lib.addFiles({fixture("reads_builtin_question.yaml")});
        INFO(describe(first));
        REQUIRE(first.isEmpty());
        REQUIRE(lib.questionnaire(QStringLiteral("bx_reads_builtin")) != nullptr);

        const QList<Error> errors = lib.addFiles({fixture("architecture_v2.yaml")});
        INFO(describe(errors));
        INFO("validateContent afterwards: " << describe(validateContent(lib)));
        CHECK_FALSE(errors.isEmpty());
        CHECK(lib.questionnaire(QStringLiteral("architecture"))->version == 1);
        CHECK(validateContent(lib).isEmpty());
    }
}

TEST_CASE("user risks add to the catalogue but cannot redefine a risk", "[content][user][risks]")
{
    SECTION("a new risk")
    {
        ContentLibrary lib = library();
        const QList<Error> errors = lib.addFiles({fixture("risks_new.yaml")});
        INFO(describe(errors));
        REQUIRE(errors.isEmpty());
        CHECK(lib.risks().risks.size() == 10);
        const RiskDefinition *r = lib.risks().risk(QStringLiteral("risk.bx_registry"));
        REQUIRE(r != nullptr);
        CHECK(r->title == QStringLiteral("Images pulled from an untrusted registry"));
        CHECK(r->area == QStringLiteral("content"));
        CHECK(r->likelihood == Level::Moderate);
        CHECK(r->impact == Level::High);
        CHECK(r->maxReduction == 3);
        REQUIRE(r->modifiers.size() == 1);
        CHECK(r->modifiers.at(0).when.references() == QStringList{QStringLiteral("fact.orchestration")});
        CHECK(lib.risks().risk(QStringLiteral("risk.access_control")) != nullptr);
        CHECK(lib.risks().risks.at(9).id == QStringLiteral("risk.bx_registry"));
        CHECK(lib.questionnaires().size() == 1);
    }
    SECTION("redefining risk.access_control refuses the whole file")
    {
        checkRefused("risks_redefine.yaml", {{10, 5, "risk 'risk.access_control' is already in the risk catalogue"}}, nullptr);
        ContentLibrary lib = library();
        (void)lib.addFiles({fixture("risks_redefine.yaml")});
        CHECK(lib.risks().risk(QStringLiteral("risk.bx_fine")) == nullptr);
        CHECK(lib.risks().risk(QStringLiteral("risk.access_control"))->title
              == QStringLiteral("Root or privileged container engine exposes every container"));
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Answers: invalidValueReason and statusOf for each type

TEST_CASE("yes/no answers", "[content][answers]")
{
    const Question &question = builtInQuestion("arch.host.hardening");
    REQUIRE(question.type == QuestionType::YesNo);
    CHECK(question.isScored());

    CHECK_FALSE(question.invalidValueReason(QStringLiteral("yes")).has_value());
    CHECK_FALSE(question.invalidValueReason(QStringLiteral("partial")).has_value());
    CHECK_FALSE(question.invalidValueReason(QStringLiteral("no")).has_value());
    CHECK_FALSE(question.invalidValueReason(QStringLiteral("na")).has_value());
    CHECK(question.statusOf(QStringLiteral("yes")) == ImplementationStatus::Implemented);
    CHECK(question.statusOf(QStringLiteral("partial")) == ImplementationStatus::Partial);
    CHECK(question.statusOf(QStringLiteral("no")) == ImplementationStatus::NotImplemented);
    CHECK(question.statusOf(QStringLiteral("na")) == ImplementationStatus::NotApplicable);

    CHECK(question.invalidValueReason(QStringLiteral("maybe"))
          == QStringLiteral("'maybe' is not an answer to a yes/no question (expected yes, partial, no or na)"));
    CHECK(question.invalidValueReason(QStringLiteral("Yes")).has_value());
    CHECK(question.invalidValueReason(QString()).has_value());
    CHECK(question.statusOf(QStringLiteral("maybe")) == ImplementationStatus::Informational);
}

TEST_CASE("choice answers take the option's status", "[content][answers]")
{
    const Question &placement = builtInQuestion("arch.host.os_placement");
    REQUIRE(placement.type == QuestionType::Choice);
    CHECK(placement.isScored());
    CHECK_FALSE(placement.invalidValueReason(QStringLiteral("single_family")).has_value());
    CHECK(placement.statusOf(QStringLiteral("single_family")) == ImplementationStatus::Implemented);
    CHECK(placement.statusOf(QStringLiteral("separated")) == ImplementationStatus::Implemented);
    CHECK(placement.statusOf(QStringLiteral("ad_hoc")) == ImplementationStatus::Partial);
    CHECK(placement.statusOf(QStringLiteral("unknown")) == ImplementationStatus::NotImplemented);
    CHECK(placement.invalidValueReason(QStringLiteral("mixed"))
          == QStringLiteral("'mixed' is not one of the options (single_family, separated, ad_hoc, unknown)"));
    CHECK(placement.invalidValueReason(QString()).has_value());
    CHECK(placement.invalidValueReason(QStringLiteral("single_family,separated")).has_value());
    CHECK(placement.statusOf(QStringLiteral("mixed")) == ImplementationStatus::Informational);

    // Options without a status record a fact: valid, but informational.
    const Question &model = builtInQuestion("arch.platform.model");
    REQUIRE(model.type == QuestionType::Choice);
    CHECK_FALSE(model.isScored());
    CHECK_FALSE(model.invalidValueReason(QStringLiteral("hybrid")).has_value());
    CHECK(model.statusOf(QStringLiteral("hybrid")) == ImplementationStatus::Informational);
    CHECK(model.sets == QStringLiteral("fact.architecture"));
}

TEST_CASE("multi answers", "[content][answers]")
{
    const Question &attachment = builtInQuestion("arch.infrastructure.storage_attachment");
    REQUIRE(attachment.type == QuestionType::Multi);
    CHECK_FALSE(attachment.isScored());
    CHECK(attachment.answerValues(QStringLiteral("fc_san,nfs")) == QStringList{QStringLiteral("fc_san"), QStringLiteral("nfs")});
    CHECK_FALSE(attachment.invalidValueReason(QStringLiteral("fc_san,nfs")).has_value());
    CHECK_FALSE(attachment.invalidValueReason(QStringLiteral("iscsi")).has_value());
    CHECK(attachment.invalidValueReason(QStringLiteral("fc_san,fc_san")) == QStringLiteral("'fc_san' is chosen twice"));
    CHECK(attachment.invalidValueReason(QStringLiteral("fc_san,tape"))
          == QStringLiteral("'tape' is not one of the options (fc_san, iscsi, nfs, smb, other)"));
    CHECK(attachment.invalidValueReason(QString())
          == QStringLiteral("a multiple-choice answer needs at least one option (fc_san, iscsi, nfs, smb, other)"));
    CHECK(attachment.statusOf(QStringLiteral("fc_san,nfs")) == ImplementationStatus::Informational);

    // Scored options: the weakest chosen status decides (not implemented < partial <
    // implemented < not applicable); options without a status are ignored.
    ContentLibrary lib = library();
    const QList<Error> errors = lib.addFiles({fixture("answer_types.yaml")});
    INFO(describe(errors));
    REQUIRE(errors.isEmpty());
    const Question *layers = lib.question(QStringLiteral("bx.types.layers"));
    REQUIRE(layers != nullptr);
    REQUIRE(layers->type == QuestionType::Multi);
    CHECK(layers->isScored());
    CHECK_FALSE(layers->invalidValueReason(QStringLiteral("a,b")).has_value());
    CHECK(layers->invalidValueReason(QStringLiteral("a,a")) == QStringLiteral("'a' is chosen twice"));
    CHECK(layers->invalidValueReason(QStringLiteral("a,z")) == QStringLiteral("'z' is not one of the options (a, b, c, d, e)"));
    CHECK(layers->statusOf(QStringLiteral("a")) == ImplementationStatus::Implemented);
    CHECK(layers->statusOf(QStringLiteral("a,b")) == ImplementationStatus::Partial);
    CHECK(layers->statusOf(QStringLiteral("b,a")) == ImplementationStatus::Partial);
    CHECK(layers->statusOf(QStringLiteral("a,b,c")) == ImplementationStatus::NotImplemented);
    CHECK(layers->statusOf(QStringLiteral("a,d")) == ImplementationStatus::Implemented);
    CHECK(layers->statusOf(QStringLiteral("d")) == ImplementationStatus::NotApplicable);
    CHECK(layers->statusOf(QStringLiteral("d,e")) == ImplementationStatus::NotApplicable);
    CHECK(layers->statusOf(QStringLiteral("e")) == ImplementationStatus::Informational);
    CHECK(layers->statusOf(QStringLiteral("e,c")) == ImplementationStatus::NotImplemented);
}

TEST_CASE("number, date and text answers are informational", "[content][answers]")
{
    ContentLibrary lib = library();
    const QList<Error> errors = lib.addFiles({fixture("answer_types.yaml")});
    INFO(describe(errors));
    REQUIRE(errors.isEmpty());

    const Question *hosts = lib.question(QStringLiteral("bx.types.hosts"));
    REQUIRE(hosts != nullptr);
    REQUIRE(hosts->type == QuestionType::Number);
    CHECK_FALSE(hosts->isScored());
    CHECK_FALSE(hosts->invalidValueReason(QStringLiteral("12")).has_value());
    CHECK_FALSE(hosts->invalidValueReason(QStringLiteral("-1.5")).has_value());
    CHECK(hosts->invalidValueReason(QStringLiteral("twelve")) == QStringLiteral("'twelve' is not a number"));
    CHECK(hosts->invalidValueReason(QString()).has_value());
    CHECK(hosts->invalidValueReason(QStringLiteral("1,5")).has_value());
    CHECK(hosts->statusOf(QStringLiteral("12")) == ImplementationStatus::Informational);

    const Question *date = lib.question(QStringLiteral("bx.types.review_date"));
    REQUIRE(date != nullptr);
    REQUIRE(date->type == QuestionType::Date);
    CHECK_FALSE(date->invalidValueReason(QStringLiteral("2026-02-28")).has_value());
    CHECK_FALSE(date->invalidValueReason(QStringLiteral("2024-02-29")).has_value());
    CHECK(date->invalidValueReason(QStringLiteral("2026-02-30")) == QStringLiteral("'2026-02-30' is not a date in the form YYYY-MM-DD"));
    CHECK(date->invalidValueReason(QStringLiteral("2025-02-29")).has_value());
    CHECK(date->invalidValueReason(QStringLiteral("28/02/2026")).has_value());
    CHECK(date->invalidValueReason(QStringLiteral("2026-2-28")).has_value());
    CHECK(date->invalidValueReason(QString()).has_value());
    CHECK(date->statusOf(QStringLiteral("2026-02-28")) == ImplementationStatus::Informational);

    const Question *notes = lib.question(QStringLiteral("bx.types.notes"));
    REQUIRE(notes != nullptr);
    REQUIRE(notes->type == QuestionType::Text);
    CHECK_FALSE(notes->isScored());
    CHECK_FALSE(notes->invalidValueReason(QStringLiteral("anything")).has_value());
    CHECK(notes->invalidValueReason(QString()) == QStringLiteral("the answer is empty"));
    CHECK(notes->invalidValueReason(QStringLiteral("   ")) == QStringLiteral("the answer is empty"));
    CHECK(notes->statusOf(QStringLiteral("anything")) == ImplementationStatus::Informational);
}

// Qt's ISO date parser and toDouble() are lenient; an answer must be exactly a day or a finite number.
TEST_CASE("answers that only resemble a date or a number are refused", "[content][answers]")
{
    ContentLibrary lib = library();
    REQUIRE(lib.addFiles({fixture("answer_types.yaml")}).isEmpty());
    const Question *date = lib.question(QStringLiteral("bx.types.review_date"));
    const Question *hosts = lib.question(QStringLiteral("bx.types.hosts"));
    REQUIRE(date != nullptr);
    REQUIRE(hosts != nullptr);

    CHECK(date->invalidValueReason(QStringLiteral("2026/02/28")) == QStringLiteral("'2026/02/28' is not a date in the form YYYY-MM-DD"));
    CHECK(date->invalidValueReason(QStringLiteral("2026.02.28")).has_value());
    CHECK(date->invalidValueReason(QStringLiteral("2026-02-28x")).has_value());
    CHECK(date->invalidValueReason(QStringLiteral("2026-02-28T10:00")).has_value());
    CHECK(hosts->invalidValueReason(QStringLiteral("nan")) == QStringLiteral("'nan' is not a number"));
    CHECK(hosts->invalidValueReason(QStringLiteral("inf")).has_value());
    CHECK(hosts->invalidValueReason(QStringLiteral("-inf")).has_value());
}
