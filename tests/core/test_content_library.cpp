// The built-in content library: it loads clean, its control catalogue agrees with NIST's rev5
// data (computed here from ../shared/testdata, independently of the generator script), and the
// built-in questions refer only to what exists.
#include "ContentTestSupport.h"

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

using namespace content_test;

// ---------------------------------------------------------------------------------------------
// 1. The built-in library

TEST_CASE("the built-in library loads without problems", "[content][builtin]")
{
    const BuiltIn &b = builtIn();
    INFO(describe(b.problems));
    CHECK(b.problems.isEmpty());
    REQUIRE(b.library.questionnaires().size() == 7);

    const Questionnaire *arch = b.library.questionnaire(QStringLiteral("architecture"));
    REQUIRE(arch != nullptr);
    CHECK(arch->version == 2);
    CHECK(arch->title == QStringLiteral("Container architecture"));

    qsizetype questionsInFiles = 0;
    for (const auto &questionnaire : b.library.questionnaires()) {
        INFO(questionnaire.key.toStdString());
        const QString path = QStringLiteral("/questionnaires/%1.yaml").arg(questionnaire.key);
        CHECK(questionnaire.sourceFile == QLatin1Char(':') + path);

        // The compiled-in text is the source file, and its hash is the SHA-256 of those bytes.
        const QByteArray source = bulkhead::test::readBytes(sourceRoot() + path);
        CHECK(questionnaire.yamlText == QString::fromUtf8(source));
        CHECK(questionnaire.sha256 == QString::fromLatin1(QCryptographicHash::hash(source, QCryptographicHash::Sha256).toHex()));

        // Question ids counted from the file itself: list items at the questions' indentation.
        QStringList idsInFile;
        const QRegularExpression questionLine(QStringLiteral("^      - id: ([a-z0-9_.]+)\\s*$"), QRegularExpression::MultilineOption);
        for (auto it = questionLine.globalMatch(QString::fromUtf8(source)); it.hasNext();)
            idsInFile << it.next().captured(1);
        REQUIRE(idsInFile.size() >= 10);
        questionsInFiles += idsInFile.size();

        QStringList loadedIds;
        for (const auto &section : questionnaire.sections)
            for (const auto &question : section.questions)
                loadedIds << question.id;
        CHECK(loadedIds == idsInFile); // same questions, same interview order
        for (const auto &id : idsInFile) {
            INFO(id.toStdString());
            REQUIRE(b.library.question(id) != nullptr);
            CHECK(b.library.question(id)->id == id);
            CHECK(b.library.question(id)->questionnaireKey == questionnaire.key);
        }

        // Section ids likewise.
        QStringList sectionsInFile;
        const QRegularExpression sectionLine(QStringLiteral("^  - id: ([a-z0-9_.]+)\\s*$"), QRegularExpression::MultilineOption);
        for (auto it = sectionLine.globalMatch(QString::fromUtf8(source)); it.hasNext();)
            sectionsInFile << it.next().captured(1);
        QStringList loadedSections;
        for (const auto &section : questionnaire.sections)
            loadedSections << section.id;
        CHECK(loadedSections == sectionsInFile);
    }
    CHECK(b.library.allQuestions().size() == questionsInFiles);

    // The risks, in file order, counted from the file itself.
    const QString riskSource = readText(sourceRoot() + QStringLiteral("/questionnaires/risks.yaml"));
    QStringList risksInFile;
    const QRegularExpression riskLine(QStringLiteral("^  - id: (risk\\.[a-z0-9_]+)\\s*$"), QRegularExpression::MultilineOption);
    for (auto it = riskLine.globalMatch(riskSource); it.hasNext();)
        risksInFile << it.next().captured(1);
    QStringList risks;
    for (const auto &r : b.library.risks().risks)
        risks << r.id;
    CHECK(risks.size() == 30);
    CHECK(risks == risksInFile);
    const RiskDefinition *access = b.library.risks().risk(QStringLiteral("risk.access_control"));
    REQUIRE(access != nullptr);
    CHECK(access->likelihood == Level::Moderate);
    CHECK(access->impact == Level::High);
    CHECK(access->maxReduction == 2);
    REQUIRE(access->modifiers.size() == 1);
    CHECK(access->modifiers.at(0).when.text() == QStringLiteral("fact.architecture == 'typical'"));
    CHECK(access->modifiers.at(0).likelihoodSteps == 1);
    CHECK(access->modifiers.at(0).impactSteps == 0);
    CHECK(access->controls
          == QStringList {QStringLiteral("AC-3"), QStringLiteral("AC-6"), QStringLiteral("AC-6(9)"), QStringLiteral("AC-6(10)"),
                          QStringLiteral("CM-7")});
    const RiskDefinition *hosting = b.library.risks().risk(QStringLiteral("risk.hosting_environment"));
    REQUIRE(hosting != nullptr);
    CHECK(hosting->likelihood == Level::Low);
    CHECK(hosting->modifiers.size() == 2);
    CHECK(b.library.risks().risk(QStringLiteral("risk.registry_access"))->sp800_190Group == QStringLiteral("registry"));

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
    const QList<Error> errors = original->addFiles({fixture("architecture_newer.yaml")});
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
    CHECK(unmitigated.isEmpty());

    // Facts: the engagement's five plus those the questionnaires set.
    QStringList facts = lib.knownFacts();
    facts.sort();
    CHECK(facts
          == QStringList {QStringLiteral("fact.api_style"), QStringLiteral("fact.architecture"), QStringLiteral("fact.cloud_actors"),
                          QStringLiteral("fact.csp"), QStringLiteral("fact.datacentre"), QStringLiteral("fact.hosting"),
                          QStringLiteral("fact.hypervisor"), QStringLiteral("fact.impact"), QStringLiteral("fact.infrastructure"),
                          QStringLiteral("fact.orchestration"), QStringLiteral("fact.registry"), QStringLiteral("fact.service_model"),
                          QStringLiteral("fact.web_server")});
    // Every fact a risk modifier reads is known.
    for (const auto &r : lib.risks().risks)
        for (const auto &m : r.modifiers)
            for (const auto &name : m.when.references()) {
                INFO(r.id.toStdString() << " reads " << name.toStdString());
                CHECK(lib.knownFacts().contains(name));
            }
}
