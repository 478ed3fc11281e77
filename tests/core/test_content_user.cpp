// Users' content folders (additions, replacements, refusals) and the answer checks of each
// question type.
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
    CHECK_THAT(errors.at(0).message.toStdString(), Catch::Matchers::Contains("question 'bx.user_broken.q1' has unknown type 'yes_no'"));

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
    CHECK(question->controls == QStringList {QStringLiteral("AC-2")});
    CHECK(question->soc2 == QStringList {QStringLiteral("CC6.2")});
    CHECK(question->responsibility == QStringLiteral("shared"));
    REQUIRE(question->mitigates.size() == 1);
    CHECK(question->mitigates.value(QStringLiteral("risk.access_control")) == Approx(0.25));
    CHECK(question->when.references() == QStringList {QStringLiteral("fact.architecture")});
    CHECK(question->when.evaluate([](const QString &name) {
        return name == QLatin1String("fact.architecture") ? QStringList {QStringLiteral("typical")} : QStringList {};
    }));
    CHECK_FALSE(question->when.evaluate([](const QString &name) {
        return name == QLatin1String("fact.architecture") ? QStringList {QStringLiteral("hybrid")} : QStringList {};
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
        checkRefused("architecture_same_version.yaml",
                     {{1, 1,
                       "questionnaire 'architecture' version 2 is already loaded from :/questionnaires/architecture.yaml; give this file a "
                       "higher version to replace it"}},
                     nullptr);
        ContentLibrary lib = library();
        (void)lib.addFiles({fixture("architecture_same_version.yaml")});
        CHECK(lib.questionnaire(QStringLiteral("architecture"))->version == 2);
        CHECK(lib.questionnaire(QStringLiteral("architecture"))->sourceFile == QStringLiteral(":/questionnaires/architecture.yaml"));
    }
    SECTION("a higher version replaces it")
    {
        ContentLibrary lib = library();
        const int builtInCount = lib.questionnaire(QStringLiteral("architecture"))->questionCount();
        REQUIRE(builtInCount != 5);
        const QString path = fixture("architecture_newer.yaml");
        const QList<Error> errors = lib.addFiles({path});
        INFO(describe(errors));
        REQUIRE(errors.isEmpty());
        CHECK(lib.questionnaires().size() == 7);
        const Questionnaire *arch = lib.questionnaire(QStringLiteral("architecture"));
        REQUIRE(arch != nullptr);
        CHECK(arch->version == 3);
        CHECK(arch->sourceFile == path);
        CHECK(arch->questionCount() == 5);
        CHECK(lib.allQuestions().size() == builtIn().library.allQuestions().size() - builtInCount + 5);
        CHECK(lib.question(QStringLiteral("arch.access.accounts")) == nullptr);
        REQUIRE(lib.question(QStringLiteral("arch.host.hardening")) != nullptr);
        CHECK(lib.question(QStringLiteral("arch.host.hardening"))->controls == QStringList {QStringLiteral("CM-6")});
        CHECK(validateContent(lib).isEmpty());

        // Now version 3 is loaded: adding it again is refused.
        const QList<Error> again = lib.addFiles({path});
        REQUIRE(again.size() == 1);
        CHECK_THAT(again.at(0).message.toStdString(),
                   Catch::Matchers::Contains(
                       QStringLiteral("questionnaire 'architecture' version 3 is already loaded from %1").arg(path).toStdString()));
        CHECK(lib.questionnaire(QStringLiteral("architecture"))->questionCount() == 5);
    }
}

// A replacement that drops what other content relies on is refused, and the library keeps
// validating.
TEST_CASE("a replacement that breaks references elsewhere is refused", "[content][user]")
{
    SECTION("risk modifiers read facts that only the dropped questions set")
    {
        ContentLibrary lib = library();
        const QList<Error> errors = lib.addFiles({fixture("architecture_newer_drops_facts.yaml")});
        INFO(describe(errors));
        INFO("validateContent afterwards: " << describe(validateContent(lib)));
        CHECK_FALSE(errors.isEmpty());
        CHECK(lib.questionnaire(QStringLiteral("architecture"))->version == 2);
        CHECK(validateContent(lib).isEmpty());
    }
    SECTION("another user questionnaire reads a dropped question")
    {
        ContentLibrary lib = library();
        const QList<Error> first = lib.addFiles({fixture("reads_builtin_question.yaml")});
        INFO(describe(first));
        REQUIRE(first.isEmpty());
        REQUIRE(lib.questionnaire(QStringLiteral("bx_reads_builtin")) != nullptr);

        const QList<Error> errors = lib.addFiles({fixture("architecture_newer.yaml")});
        INFO(describe(errors));
        INFO("validateContent afterwards: " << describe(validateContent(lib)));
        CHECK_FALSE(errors.isEmpty());
        CHECK(lib.questionnaire(QStringLiteral("architecture"))->version == 2);
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
        const qsizetype builtInRisks = builtIn().library.risks().risks.size();
        CHECK(lib.risks().risks.size() == builtInRisks + 1);
        const RiskDefinition *r = lib.risks().risk(QStringLiteral("risk.bx_registry"));
        REQUIRE(r != nullptr);
        CHECK(r->title == QStringLiteral("Images pulled from an untrusted registry"));
        CHECK(r->area == QStringLiteral("content"));
        CHECK(r->likelihood == Level::Moderate);
        CHECK(r->impact == Level::High);
        CHECK(r->maxReduction == 3);
        REQUIRE(r->modifiers.size() == 1);
        CHECK(r->modifiers.at(0).when.references() == QStringList {QStringLiteral("fact.orchestration")});
        CHECK(lib.risks().risk(QStringLiteral("risk.access_control")) != nullptr);
        CHECK(lib.risks().risks.last().id == QStringLiteral("risk.bx_registry"));
        CHECK(lib.questionnaires().size() == builtIn().library.questionnaires().size());
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
    CHECK(attachment.answerValues(QStringLiteral("fc_san,nfs")) == QStringList {QStringLiteral("fc_san"), QStringLiteral("nfs")});
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
