// Tests for the `when` condition language: evaluation semantics over multi-valued
// lookups, and the exact column and wording of parse errors for untrusted text.
#include "Condition.h"

#include <catch2/catch.hpp>

#include <QHash>

#include <string>

using bulkhead::Condition;

namespace {

QString q(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

std::string s(const QString &text)
{
    return text.toStdString();
}

const QHash<QString, QStringList> &facts()
{
    static const QHash<QString, QStringList> values = {
        {q("fact.hosting.provider"), {q("aws")}},
        {q("fact.region"), {q("eu-west-1")}},
        {q("arch.platform.model"), {q("kubernetes")}},
        {q("arch.runtimes"), {q("docker"), q("containerd")}}, // multi-choice
        {q("other.runtimes"), {q("podman"), q("containerd")}},
        {q("third.runtimes"), {q("crio")}},
        {q("count"), {q("3.0")}},
        {q("negative"), {q("-2")}},
        {q("ratio"), {q("1.50")}},
        {q("version"), {q("1.10")}},
        {q("word"), {q("nan")}},
        {q("yes_flag"), {q("yes")}},
        {q("no_flag"), {q("no")}},
        {q("No_flag"), {q("No")}},
        {q("false_flag"), {q("false")}},
        {q("zero_flag"), {q("0")}},
        {q("na_flag"), {q("na")}},
        {q("empty_string"), {q("")}},
        {q("empty_list"), {}},
        {q("true_text"), {q("true")}},
        {q("multi_first_no"), {q("no"), q("yes")}},
        {q("quote"), {q("it's")}},
        {q("_under.x1.2"), {q("v")}},
        {q("backslash"), {q("a\\b")}},
    };
    return values;
}

Condition::Lookup lookupFor(const QHash<QString, QStringList> &values)
{
    return [values](const QString &name) { return values.value(name); };
}

Condition parsed(const char *text)
{
    auto result = Condition::parse(q(text));
    const std::string problem
        = result.ok() ? std::string() : s(result.error().message) + " at column " + std::to_string(result.error().column);
    INFO("condition: " << text << "\nerror: " << problem);
    REQUIRE(result.ok());
    return result.value();
}

bool eval(const char *text)
{
    return parsed(text).evaluate(lookupFor(facts()));
}

bulkhead::Error parseError(const QString &text)
{
    auto result = Condition::parse(text);
    INFO("condition: " << s(text));
    REQUIRE_FALSE(result.ok());
    return result.error();
}

bulkhead::Error parseError(const char *text)
{
    return parseError(q(text));
}

std::string refs(const char *text)
{
    return s(parsed(text).references().join(QLatin1Char(',')));
}

} // namespace

TEST_CASE("equality against single values", "[condition]")
{
    CHECK(eval("fact.hosting.provider == 'aws'"));
    CHECK(eval("fact.hosting.provider == \"aws\""));
    CHECK_FALSE(eval("fact.hosting.provider == 'gcp'"));
    CHECK_FALSE(eval("fact.hosting.provider == 'AWS'")); // text comparison is case-sensitive
    CHECK(eval("fact.hosting.provider != 'gcp'"));
    CHECK_FALSE(eval("fact.hosting.provider != 'aws'"));
    CHECK(eval("'aws' == fact.hosting.provider"));
    CHECK(eval("fact.region == 'eu-west-1'"));
}

TEST_CASE("multi-valued names match if any element matches", "[condition]")
{
    CHECK(eval("arch.runtimes == 'docker'"));
    CHECK(eval("arch.runtimes == 'containerd'"));
    CHECK_FALSE(eval("arch.runtimes == 'podman'"));
    CHECK_FALSE(eval("arch.runtimes != 'docker'"));
    CHECK(eval("arch.runtimes != 'podman'"));
    CHECK(eval("arch.runtimes in ['podman', 'containerd']"));
    CHECK_FALSE(eval("arch.runtimes in ['podman', 'crio']"));
    CHECK(eval("arch.runtimes not in ['podman', 'crio']"));
    CHECK_FALSE(eval("arch.runtimes not in ['docker']"));
    // Name == name: true iff the lists share an element.
    CHECK(eval("arch.runtimes == other.runtimes"));
    CHECK_FALSE(eval("arch.runtimes == third.runtimes"));
    CHECK(eval("arch.runtimes != third.runtimes"));
    CHECK_FALSE(eval("arch.runtimes == empty_list"));
}

TEST_CASE("unset names", "[condition]")
{
    CHECK_FALSE(eval("missing.name == 'x'"));
    CHECK(eval("missing.name != 'x'"));
    CHECK_FALSE(eval("missing.name in ['x', '']"));
    CHECK(eval("missing.name not in ['x']"));
    CHECK_FALSE(eval("missing.name"));
    CHECK(eval("not missing.name"));
    CHECK_FALSE(eval("missing.name == missing.other"));
    CHECK_FALSE(eval("empty_list == ''"));
}

TEST_CASE("numbers compare numerically when both sides are numbers", "[condition]")
{
    CHECK(eval("count == 3"));
    CHECK(eval("count == 3.000"));
    CHECK(eval("count == '3'"));
    CHECK_FALSE(eval("count == 4"));
    CHECK(eval("count != 4"));
    CHECK(eval("count in [1, 2, 3]"));
    CHECK_FALSE(eval("count in [1, 2]"));
    CHECK(eval("negative == -2"));
    CHECK(eval("negative == -2.0"));
    CHECK_FALSE(eval("negative == 2"));
    CHECK(eval("ratio == 1.5"));
    CHECK(eval("version == 1.1")); // numeric, even though "1.10" reads like a version
    CHECK(eval("3 == 3.0"));
    CHECK_FALSE(eval("3 == 4"));
    CHECK_FALSE(eval("count == 'three'"));
    // Not-a-number values compare as text, so they still equal themselves.
    CHECK(eval("word == 'nan'"));
    CHECK_FALSE(eval("word == 0"));
}

TEST_CASE("literal comparisons", "[condition]")
{
    CHECK(eval("'a' == 'a'"));
    CHECK_FALSE(eval("'a' == 'b'"));
    CHECK(eval("'a' != 'b'"));
    CHECK(eval("'a' in ['b', 'a']"));
    CHECK(eval("'a' not in []"));
    CHECK(eval("true == 'true'"));
    CHECK(eval("true_text == true"));
    CHECK_FALSE(eval("true_text == false"));
    CHECK(eval("true_text in [false, true]"));
}

TEST_CASE("bare names are truthy unless unset or a false-like first value", "[condition]")
{
    CHECK(eval("fact.hosting.provider"));
    CHECK(eval("yes_flag"));
    CHECK(eval("true_text"));
    CHECK(eval("count"));
    CHECK(eval("arch.runtimes"));
    CHECK_FALSE(eval("no_flag"));
    CHECK_FALSE(eval("No_flag"));
    CHECK_FALSE(eval("false_flag"));
    CHECK_FALSE(eval("zero_flag"));
    CHECK_FALSE(eval("na_flag"));
    CHECK_FALSE(eval("empty_string"));
    CHECK_FALSE(eval("empty_list"));
    CHECK_FALSE(eval("multi_first_no")); // only the first element counts
    CHECK(eval("_under.x1.2"));
}

TEST_CASE("boolean operators and precedence", "[condition]")
{
    CHECK(eval("true"));
    CHECK_FALSE(eval("false"));
    CHECK(eval("not false"));
    CHECK(eval("not not true"));
    CHECK_FALSE(eval("not not not true"));
    CHECK(eval("true and true"));
    CHECK_FALSE(eval("true and false"));
    CHECK(eval("false or true"));
    CHECK_FALSE(eval("false or false"));
    // and binds tighter than or.
    CHECK(eval("true or false and false"));
    CHECK(eval("false and false or true"));
    CHECK_FALSE(eval("(true or false) and false"));
    // not binds tighter than and/or.
    CHECK(eval("not false and true"));
    CHECK_FALSE(eval("not true or false"));
    CHECK_FALSE(eval("not (false or true)"));
    // not before a comparison negates the whole comparison.
    CHECK(eval("not fact.hosting.provider == 'gcp'"));
    CHECK_FALSE(eval("not fact.hosting.provider == 'aws'"));
    CHECK_FALSE(eval("not arch.runtimes in ['docker']"));
    CHECK(eval("fact.hosting.provider == 'aws' and arch.runtimes in ['docker'] and not no_flag"));
    CHECK(eval("fact.hosting.provider == 'gcp' or count == 3 or missing"));
    CHECK(eval("((((fact.hosting.provider == 'aws'))))"));
    CHECK(eval("a == 'x' or b == 'y' or c == 'z' or yes_flag"));
    CHECK_FALSE(eval("yes_flag and yes_flag and yes_flag and no_flag"));
}

TEST_CASE("strings and escapes", "[condition]")
{
    CHECK(eval("quote == 'it\\'s'"));
    CHECK(eval("quote == \"it's\""));
    CHECK(eval("'a\\\\b' == \"a\\\\b\""));
    CHECK(eval("backslash == 'a\\\\b'"));
    CHECK(eval("backslash == \"a\\\\b\""));
    CHECK_FALSE(eval("backslash == 'ab'"));
    CHECK(eval("'' == empty_string"));
    CHECK(eval("\"\" == ''"));
}

TEST_CASE("whitespace is insignificant", "[condition]")
{
    CHECK(eval("  fact.hosting.provider=='aws'  "));
    CHECK(eval("\tcount\n==\n3"));
    CHECK(eval("arch.runtimes in['docker']"));
    CHECK(eval("arch.runtimes not   in   [ 'x' ,'y' ]"));
}

TEST_CASE("references lists each name once in order of first appearance", "[condition]")
{
    CHECK(refs("b == 'x' and a in ['y'] or b or not c.d == a") == "b,a,c.d");
    CHECK(refs("true or 'x' == 'y'").empty());
    CHECK(refs("x == y") == "x,y");
    CHECK(refs("(((z)))") == "z");
}

TEST_CASE("default-constructed and copied conditions", "[condition]")
{
    const Condition empty;
    CHECK(empty.isEmpty());
    CHECK(empty.evaluate(lookupFor(facts())));
    CHECK(empty.evaluate({}));
    CHECK(empty.references().isEmpty());
    CHECK(empty.text().isEmpty());

    const QString text = q("  count == 3 ");
    const Condition original = Condition::parse(text).value();
    CHECK_FALSE(original.isEmpty());
    CHECK(original.text() == text);

    Condition copy = original;
    CHECK(copy.evaluate(lookupFor(facts())));
    CHECK(copy.text() == text);
    CHECK(s(copy.references().join(QLatin1Char(','))) == "count");

    Condition assigned;
    assigned = copy;
    Condition moved = std::move(copy);
    CHECK(moved.evaluate(lookupFor(facts())));
    CHECK(assigned.evaluate(lookupFor(facts())));
    CHECK_FALSE(assigned.evaluate(lookupFor({{q("count"), {q("4")}}})));

    // A null lookup behaves as if every name were unset.
    CHECK_FALSE(parsed("count == 3").evaluate({}));
    CHECK(parsed("count != 3").evaluate({}));
}

TEST_CASE("parse errors report column and what was expected", "[condition]")
{
    struct Case {
        const char *text;
        int column;
        const char *message;
    };
    const Case cases[] = {
        {"", 1, "empty condition"},
        {"   \t ", 1, "empty condition"},
        {"(a == 'x'", 10, "expected ')' but found end of expression"},
        {"(a == 'x' b)", 11, "expected ')' but found 'b'"},
        {"a = 'x'", 3, "unknown operator '='; did you mean '=='?"},
        {"a ! b", 3, "unknown operator '!'; did you mean '!=' or 'not'?"},
        {"a == 'x", 6, "unterminated string"},
        {"a == \"x\\\"", 6, "unterminated string"},
        {"a == 'x\\", 6, "unterminated string"},
        {"a == $", 6, "unexpected character '$'"},
        {"a in 'x'", 6, "expected '[' after 'in'"},
        {"a not in ('x')", 10, "expected '[' after 'in' but found '('"},
        {"a not b", 7, "expected 'in' after 'not' but found 'b'"},
        {"'x'", 4, "expected a comparison after literal 'x' but found end of expression"},
        {"3 and a", 3, "expected a comparison after literal 3 but found 'and'"},
        {"a and 'yes'", 12, "expected a comparison after literal"},
        {"a ==", 5, "expected a name or literal after '==' but found end of expression"},
        {"a != (b)", 6, "expected a name or literal after '!=' but found '('"},
        {"a and", 6, "expected a name, literal, 'not' or '(' but found end of expression"},
        {"and a", 1, "expected a name, literal, 'not' or '(' but found 'and'"},
        {"a b", 3, "expected 'and', 'or' or end of expression but found 'b'"},
        {"a AND b", 3, "found 'AND'"},
        {"a == 'x')", 9, "unexpected ')' without a matching '('"},
        {"a == 'x' == 'y'", 10, "expected 'and', 'or' or end of expression but found '=='"},
        {"a in ['x',]", 11, "expected a literal but found ']'"},
        {"a in [b]", 7, "expected a literal or ']' but found 'b'"},
        {"a in ['x' 'y']", 11, "expected ',' or ']' but found 'y'"},
        {"a in ['x'", 10, "expected ',' or ']' but found end of expression"},
        {"fact. == 'x'", 6, "expected a name part after '.' but found ' '"},
        {"fact..x", 6, "expected a name part after '.' but found '.'"},
        {"fact.", 6, "expected a name part after '.' but found end of expression"},
        {"a == 3abc", 7, "unexpected character 'a' after number"},
        {"a == 1.2.3", 9, "unexpected character '.' after number"},
        {"a == 1.", 8, "expected a digit after '.' in number"},
        {"a == -x", 7, "expected a digit after '-'"},
        {"a == 'x\\n'", 8, "unknown escape '\\n'"},
        {"a && b", 3, "did you mean 'and'?"},
        {"a || b", 3, "did you mean 'or'?"},
        {"a >= 3", 3, "unknown operator '>='"},
        {"a < 3", 3, "unknown operator '<'"},
        {"a == caf\xc3\xa9", 9, "unexpected character '\xc3\xa9'"},
        {"()", 2, "expected a name, literal, 'not' or '(' but found ')'"},
        {"a == .5", 6, "unexpected character '.'"},
        {"(a) == 'x'", 5, "expected 'and', 'or' or end of expression but found '=='"},
    };
    for (const Case &c : cases) {
        const bulkhead::Error error = parseError(c.text);
        INFO("condition: " << c.text << "\nmessage: " << s(error.message));
        CHECK(error.column == c.column);
        CHECK_THAT(s(error.message), Catch::Matchers::Contains(c.message));
        CHECK(error.file.isEmpty());
        CHECK(error.line == 0);
    }
}

TEST_CASE("control characters are named by code point", "[condition]")
{
    const bulkhead::Error error = parseError(q("a == ") + QChar(u'\x01'));
    CHECK(error.column == 6);
    CHECK(s(error.message) == "unexpected character U+0001");
}

TEST_CASE("nesting depth is bounded", "[condition]")
{
    auto nested
        = [](int depth) -> QString { return QString(depth, QLatin1Char('(')) + QStringLiteral("true") + QString(depth, QLatin1Char(')')); };
    CHECK(Condition::parse(nested(60)).ok());
    CHECK(Condition::parse(nested(64)).ok());
    CHECK(Condition::parse(nested(60)).value().evaluate({}));

    const bulkhead::Error tooDeep = parseError(nested(65));
    CHECK(tooDeep.column == 65);
    CHECK_THAT(s(tooDeep.message), Catch::Matchers::Contains("too deeply nested"));

    // Far deeper input must still fail cleanly rather than exhaust the stack.
    const bulkhead::Error veryDeep = parseError(QString(4000, QLatin1Char('(')));
    CHECK(veryDeep.column == 65);

    QString nots;
    for (int i = 0; i < 64; ++i)
        nots += QStringLiteral("not ");
    CHECK(Condition::parse(nots + QStringLiteral("false")).ok());
    CHECK_FALSE(Condition::parse(nots + QStringLiteral("false")).value().evaluate({}));
    const bulkhead::Error tooManyNots = parseError(nots + QStringLiteral("not false"));
    CHECK(tooManyNots.column == 64 * 4 + 1);
    CHECK_THAT(s(tooManyNots.message), Catch::Matchers::Contains("too deeply nested"));

    // Parentheses and not count together.
    QString mixed;
    for (int i = 0; i < 33; ++i)
        mixed += QStringLiteral("not (");
    mixed += QStringLiteral("true") + QString(33, QLatin1Char(')'));
    CHECK_FALSE(Condition::parse(mixed).ok());
}

TEST_CASE("long and-chains do not count as nesting", "[condition]")
{
    QString chain = QStringLiteral("yes_flag");
    for (int i = 0; i < 300; ++i)
        chain += QStringLiteral(" and yes_flag");
    const auto result = Condition::parse(chain);
    REQUIRE(result.ok());
    CHECK(result->evaluate(lookupFor(facts())));
    CHECK(result->references().size() == 1);
}

TEST_CASE("length is bounded", "[condition]")
{
    const QString atLimit = QStringLiteral("a == '") + QString(4096 - 7, QLatin1Char('x')) + QLatin1Char('\'');
    REQUIRE(atLimit.size() == 4096);
    CHECK(Condition::parse(atLimit).ok());

    const QString overLimit = atLimit + QLatin1Char(' ');
    const bulkhead::Error error = parseError(overLimit);
    CHECK(error.column == 4097);
    CHECK_THAT(s(error.message), Catch::Matchers::Contains("too long"));
}

TEST_CASE("keywords are lowercase and whole words", "[condition]")
{
    CHECK_FALSE(eval("notable")); // a name that starts with a keyword, and is unset
    CHECK(eval("not notable"));
    CHECK_FALSE(eval("TRUE == 'TRUE'")); // uppercase is an (unset) name, not a keyword
    CHECK(eval("TRUE != 'TRUE'"));
    CHECK(eval("android or true"));
    CHECK(refs("in.x == 1 and not.y") == "in.x,not.y");
}
