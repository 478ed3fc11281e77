// Every class of content validation error, on small fixtures in tests/data/content added on top
// of the built-in library: each is reported with file, line and column, and nothing is loaded.
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
// 4. Each class of validation error, on a fixture added on top of the built-in library

TEST_CASE("malformed YAML is reported at the parser's position", "[content][errors]")
{
    // The unclosed '[' opens at 11:19; yaml-cpp notices at the end of the file.
    checkRefused("malformed_yaml.yaml", {{12, 1, "YAML syntax error: end of sequence flow not found"}}, "bx_malformed");
}

TEST_CASE("an unknown key in a question is an error at the key", "[content][errors]")
{
    checkRefused("unknown_key.yaml",
                 {{11, 9, "unknown key 'guidence' in question 'bx.unknown_key.q1' (allowed: id, text, type, options, guidance,"}},
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
        checkRefused("wrong_type_controls.yaml", {{11, 19, "'controls' of question 'bx.wt_controls.q1' must be a list"}}, "bx_wt_controls");
    }
    SECTION("options as a mapping")
    {
        checkRefused("wrong_type_options.yaml", {{11, 18, "'options' of question 'bx.wt_options.q1' must be a list"}}, "bx_wt_options");
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
                     {{11, 15,
                       "the 'when' of question 'bx.when_fact.q1' reads 'fact.nonexistent', which is not a fact of the engagement and not "
                       "set by any question"}},
                     "bx_when_fact");
    }
    SECTION("unknown question id")
    {
        checkRefused(
            "when_unknown_question.yaml",
            {{11, 15, "the 'when' of question 'bx.when_question.q1' reads 'arch.host.nonexistent', which is not a known question id"}},
            "bx_when_question");
    }
}

TEST_CASE("a when syntax error points into the condition", "[content][errors]")
{
    // `        when: "fact.architecture = 'hybrid'"`: the '=' is column 34.
    SECTION("double-quoted")
    {
        checkRefused(
            "when_syntax_quoted.yaml",
            {{11, 34, "the 'when' of question 'bx.when_quoted.q1' is not a valid condition: unknown operator '='; did you mean '=='?"}},
            "bx_when_quoted");
    }
    // `        when: fact.architecture = 'hybrid'`: the '=' is column 33.
    SECTION("plain")
    {
        checkRefused(
            "when_syntax_plain.yaml",
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
        checkRefused(
            "when_syntax_escaped.yaml",
            {{11, 37, "the 'when' of question 'bx.when_escaped.q1' is not a valid condition: unknown operator '&&'; did you mean 'and'?"}},
            "bx_when_escaped");
    }
}

TEST_CASE("when conditions that form a cycle are an error", "[content][errors]")
{
    SECTION("three questions, through answers and a fact one of them sets")
    {
        checkRefused(
            "when_cycle_three.yaml",
            {{11, 15, "the 'when' conditions form a cycle: bx.cycle_three.a -> bx.cycle_three.b -> bx.cycle_three.c -> bx.cycle_three.a"}},
            "bx_cycle_three");
    }
    SECTION("two questions reading each other")
    {
        checkRefused("when_cycle_two.yaml",
                     {{11, 15, "the 'when' conditions form a cycle: bx.cycle_two.a -> bx.cycle_two.b -> bx.cycle_two.a"}}, "bx_cycle_two");
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
        checkRefused("mitigates_unknown_risk.yaml", {{11, 21, "question 'bx.unknown_risk.q1' mitigates unknown risk 'risk.nonexistent'"}},
                     "bx_unknown_risk");
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
    CHECK(lib.risks().risks.size() == builtIn().library.risks().risks.size());
    CHECK(lib.risks().risk(QStringLiteral("risk.bx_bad_modifier")) == nullptr);
}

TEST_CASE("options must match the question type", "[content][errors]")
{
    SECTION("a choice without options")
    {
        checkRefused("choice_without_options.yaml", {{8, 9, "question 'bx.no_options.q1' is a choice question but has no 'options'"}},
                     "bx_no_options");
    }
    SECTION("a yesno with options")
    {
        checkRefused("yesno_with_options.yaml", {{11, 18, "question 'bx.yesno_options.q1' is a yesno question and cannot have 'options'"}},
                     "bx_yesno_options");
    }
}

TEST_CASE("files that are not UTF-8 or not content are refused", "[content][errors]")
{
    SECTION("not UTF-8")
    {
        // The file holds a Latin-1 'é' (byte E9) in its title, reported where it stands.
        REQUIRE(bulkhead::test::readBytes(fixture("not_utf8.yaml")).contains("Caf\xe9 "));
        checkRefused("not_utf8.yaml", {{3, 11, "the file is not valid UTF-8 text"}}, "bx_latin1");
    }
    SECTION("neither a questionnaire nor a catalogue")
    {
        checkRefused("not_content.yaml",
                     {{1, 1,
                       "not a Bulkhead content file: expected a 'questionnaire' key or 'catalogue: risks', 'catalogue: controls' or "
                       "'catalogue: criteria'"}},
                     nullptr);
    }
    SECTION("a control catalogue from a user folder")
    {
        checkRefused("user_controls.yaml", {{1, 1, "the control catalogue is built in and cannot be replaced from a user folder"}},
                     nullptr);
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
// Found in review: inputs that once crashed the loader or slipped through.

TEST_CASE("a YAML mapping that is not content is refused, not a crash", "[content][errors]")
{
    ContentLibrary lib = library();
    const QList<Error> errors = lib.addText(QStringLiteral("compose.yaml"), QStringLiteral("services:\n  web:\n    image: nginx\n"),
                                            ContentLibrary::Replace::NewerVersionOnly);
    REQUIRE(errors.size() == 1);
    CHECK(errors.at(0).toString().startsWith(QStringLiteral("compose.yaml:1:1: not a Bulkhead content file")));
}

TEST_CASE("ids starting with 'fact', a key given twice, an empty option list and setting fact.impact are refused", "[content][errors]")
{
    auto refused = [](const QString &questions) {
        ContentLibrary lib = library();
        const QString text
            = QStringLiteral("questionnaire: bx_review\nversion: 1\ntitle: T\nsections:\n  - id: bx.review\n    title: S\n    questions:\n")
            + questions;
        const QList<Error> errors = lib.addText(QStringLiteral("review.yaml"), text, ContentLibrary::Replace::NewerVersionOnly);
        CHECK(lib.questionnaire(QStringLiteral("bx_review")) == nullptr);
        REQUIRE(errors.size() == 1);
        return errors.at(0).toString();
    };
    CHECK(refused(QStringLiteral("      - {id: fact.csp, text: Q, type: text}\n"))
          == QStringLiteral("review.yaml:8:14: id 'fact.csp' starts with 'fact', which is reserved for facts"));
    CHECK(refused(QStringLiteral("      - {id: bx.review.q1, text: Q, type: yesno, controls: [AC-2], controls: [AC-3]}\n"))
          == QStringLiteral("review.yaml:8:68: key 'controls' appears twice in question 'bx.review.q1'"));
    CHECK(refused(QStringLiteral("      - {id: bx.review.q1, text: Q, type: choice, options: []}\n"))
          == QStringLiteral("review.yaml:8:60: question 'bx.review.q1' has no options to choose from"));
    CHECK(refused(
              QStringLiteral("      - {id: bx.review.q1, text: Q, type: choice, options: [{value: low, label: Low}], sets: fact.impact}\n"))
              .startsWith(QStringLiteral("review.yaml:8:94: question 'bx.review.q1' sets fact.impact, the engagement's FIPS 199 level")));
}

TEST_CASE("a file with a UTF-8 byte-order mark loads", "[content][user]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bom.yaml"));
    test::writeBytes(path,
                     QByteArray("\xEF\xBB\xBF")
                         + "questionnaire: bx_bom\nversion: 1\ntitle: T\nsections:\n  - id: bx.bom\n    title: S\n"
                           "    questions:\n      - {id: bx.bom.q1, text: Q, type: yesno}\n");
    ContentLibrary lib = library();
    const QList<Error> errors = lib.addFiles({path});
    INFO(describe(errors));
    CHECK(errors.isEmpty());
    CHECK(lib.question(QStringLiteral("bx.bom.q1")) != nullptr);
}

TEST_CASE("a multi-choice answer with an empty choice is refused", "[content][answers]")
{
    const Question &q = builtInQuestion("arch.infrastructure.storage_attachment");
    CHECK(q.invalidValueReason(QStringLiteral("fc_san,,iscsi"))
          == QStringLiteral("'fc_san,,iscsi' has an empty choice; list the options separated by single commas"));
    CHECK(q.invalidValueReason(QStringLiteral("fc_san,")).has_value());
    CHECK_FALSE(q.invalidValueReason(QStringLiteral("fc_san,iscsi")).has_value());
}
