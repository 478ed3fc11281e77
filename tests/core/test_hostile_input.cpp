// Hostile content files and `when` conditions (tests/data/hostile/yaml and /conditions): each is
// refused with problems that name the file, where in it, and what is wrong, in bounded time and
// memory (BoundedRun), and the library it was added to is left as it was. Cases too big to commit
// (100 MB scalars, 10^5-deep nesting, 5 x 10^4 keys) are made here at run time.
#include "BoundedRun.h"
#include "Condition.h"
#include "ContentLibrary.h"
#include "HostileCorpus.h"
#include "YamlReader.h"

#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace bulkhead;
using namespace bulkhead::test;
using namespace Qt::StringLiterals;

namespace {

const ContentLibrary &builtIn()
{
    static const ContentLibrary library = ContentLibrary::builtIn();
    return library;
}

// What adding files to the built-in library did, as the bounded child reported it.
struct Added {
    BoundedRun run;
    QStringList problems;
    qsizetype questionnaires = -1; // after adding
};

// Adds `paths` to a copy of the built-in library in a bounded child. The child hands back one
// line per problem, then the number of questionnaires in the library.
Added addBounded(const std::function<QList<Error>(ContentLibrary &)> &add, const Bounds &bounds = {})
{
    builtIn(); // loaded once, before forking
    Added added;
    added.run = runBounded(
        [&]() -> QByteArray {
            ContentLibrary library = builtIn();
            const QList<Error> problems = add(library);
            return errorLines(problems) + "\n#" + QByteArray::number(library.questionnaires().size());
        },
        bounds);
    INFO(added.run.describe());
    REQUIRE(added.run.finished());
    const qsizetype marker = added.run.output.lastIndexOf("\n#");
    REQUIRE(marker >= 0);
    added.problems = decodeLines(added.run.output.left(marker));
    added.questionnaires = added.run.output.mid(marker + 2).toLongLong();
    return added;
}

Added addFile(const QString &path, const Bounds &bounds = {})
{
    return addBounded([&path](ContentLibrary &library) { return library.addFiles({path}); }, bounds);
}

struct Refusal {
    const char *file; // in tests/data/hostile/yaml
    int problems;
    const char *first; // the first problem, after "<path>:"
};

QString sizeInMiB(qsizetype bytes)
{
    return QString::number(double(bytes) / (1024 * 1024), 'f', 1);
}

} // namespace

TEST_CASE("every hostile content file is refused with problems naming it, and the library is unchanged", "[hostile][content]")
{
    // clang-format off
    const Refusal refusal = GENERATE(values<Refusal>({
        {"alias_keys.yaml", 8, "5:1: unknown key 'base' in the questionnaire (allowed: questionnaire, version, title, description, sections)"},
        {"billion_laughs.yaml", 20, "6:1: unknown key 'lol0' in the questionnaire (allowed: questionnaire, version, title, description, sections)"},
        {"billion_laughs_catalogue.yaml", 19, "4:1: unknown key 'lol0' in the risk catalogue (allowed: catalogue, version, risks)"},
        {"billion_laughs_in_question.yaml", 45, "12:15: 'text' of question 'hx.laughs.q1' must be text, not a list"},
        // Problems quote the file as it is; the command line makes them printable (test_cli_hostile.cpp).
        {"control_characters_in_values.yaml", 2, "8:9: id 'hx.controls\nINJECTED: fake problem' must be dotted lower-case words (letters, digits, '_')"},
        {"deep_flow_nesting.yaml", 1, "4:6011: YAML nested too deeply: more than 499 levels of lists and mappings"},
        {"deep_mapping_nesting.yaml", 1, "4:2002: YAML nested too deeply: more than 499 levels of lists and mappings"},
        {"many_documents.yaml", 1, "14:1: the file holds 2 YAML documents; a Bulkhead file is one document (remove the '---' line)"},
        {"nul_byte.yaml", 1, "3:11: the file contains the control character U+0000, which YAML does not allow"},
        {"self_reference.yaml", 2, "7:11: a section must be a mapping of keys to values"},
        {"tagged_values.yaml", 2, "3:16: 'questionnaire' of the questionnaire must be text, not a list"},
        {"unknown_anchor.yaml", 1, "5:11: YAML syntax error: the referenced anchor is not defined"},
        {"utf16le_with_bom.yaml", 1, "1:1: the file is not valid UTF-8 text"},
        {"utf8_encoded_surrogate.yaml", 1, "10:21: the file is not valid UTF-8 text"},
        {"utf8_overlong_nul.yaml", 1, "10:21: the file is not valid UTF-8 text"},
        {"utf8_truncated_sequence.yaml", 1, "11:22: the file is not valid UTF-8 text"},
        {"when_deep_parentheses.yaml", 1, "11:80: the 'when' of question 'hx.hx_when_deep.q1' is not a valid condition: too deeply nested: more than 64 levels of parentheses and 'not'"},
        {"when_too_long.yaml", 1, "11:4112: the 'when' of question 'hx.hx_when_long.q1' is not a valid condition: condition is too long: 6296 characters, the limit is 4096"},
    }));
    // clang-format on
    const QString path = hostileData(u"yaml/"_s + QLatin1String(refusal.file));
    CAPTURE(path);
    const Added added = addFile(path);
    REQUIRE(!added.problems.isEmpty());
    CHECK(added.problems.first() == path + u':' + QLatin1String(refusal.first));
    CHECK(added.problems.size() == refusal.problems);
    for (const auto &problem : added.problems)
        CHECK(problem.startsWith(path + u':'));
    CHECK(added.questionnaires == builtIn().questionnaires().size());
}

TEST_CASE("the corpus of hostile content files is tested whole", "[hostile][content]")
{
    // A file added to tests/data/hostile/yaml without a case above would be fuzz seed only.
    CHECK(hostileFiles(u"yaml"_s).size() == 18);
}

TEST_CASE("aliases are never expanded: a billion laughs is refused as fast as a small file", "[hostile][content]")
{
    const Added added = addFile(hostileData(u"yaml/billion_laughs.yaml"_s));
    CHECK(added.run.elapsedMs < 5000 * slowdownFactor());
    // The ten sections are the ten aliases of the top list, each refused once, at the anchor.
    CHECK(added.problems.filter(u"14:7: a section must be a mapping of keys to values"_s).size() == 10);
}

TEST_CASE("a 100 MB YAML file is refused unread, from a folder or as text", "[hostile][content][big]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"huge-scalar.yaml"_s);
    const QByteArray head = "questionnaire: hx_huge\nversion: 1\ntitle: Huge\nsections:\n  - id: hx.huge\n    title: S\n    questions:\n"
                            "      - id: hx.huge.q1\n        type: yesno\n        text: ";
    const qsizetype size = head.size() + 100 * 1024 * 1024 + 1;
    {
        QFile out(path);
        REQUIRE(out.open(QIODevice::WriteOnly));
        REQUIRE(out.write(head) == head.size());
        REQUIRE(out.write(QByteArray(100 * 1024 * 1024, 'a') + '\n') == size - head.size());
    }
    const Added fromFile = addFile(path);
    CHECK(fromFile.problems
          == QStringList {path + u": the file is "_s + sizeInMiB(size) + u" MiB, over the limit of 8 MiB for YAML files"_s});
    CHECK(fromFile.questionnaires == builtIn().questionnaires().size());

    // Text already in memory (a package's pinned questionnaire) is refused by the parser itself.
    const Added fromText = addBounded([&head](ContentLibrary &library) {
        const QString text = QString::fromLatin1(head) + QString(100 * 1024 * 1024, u'a');
        return library.addText(u"pinned.yaml"_s, text, ContentLibrary::Replace::Any);
    });
    CHECK(fromText.problems == QStringList {u"pinned.yaml: the file is 100.0 MiB, over the limit of 8 MiB for YAML files"_s});
}

TEST_CASE("YAML nested 10^5 deep is refused at yaml-cpp's depth limit", "[hostile][content][big]")
{
    const auto nested = [](const QString &open, const QString &close) {
        return addBounded([&](ContentLibrary &library) {
            const QString text
                = u"questionnaire: hx_deep\nversion: 1\ntitle: Deep\nsections: "_s + open.repeated(100000) + close.repeated(100000);
            return library.addText(u"deep.yaml"_s, text, ContentLibrary::Replace::Any);
        });
    };
    CHECK(nested(u"["_s, u"]"_s).problems
          == QStringList {u"deep.yaml:4:200011: YAML nested too deeply: more than 499 levels of lists and mappings"_s});
    CHECK(nested(u"{a: "_s, u"}"_s).problems
          == QStringList {u"deep.yaml:4:2002: YAML nested too deeply: more than 499 levels of lists and mappings"_s});
}

TEST_CASE("a question with 5 x 10^4 keys or options is read in linear time", "[hostile][content][big]")
{
    const QString head = u"questionnaire: hx_wide\nversion: 1\ntitle: Wide\nsections:\n  - id: hx.wide\n    title: S\n    questions:\n"
                         "      - id: hx.wide.q1\n        text: Wide?\n"_s;
    constexpr int kWide = 50000;
    // Every key is unknown and each is reported; duplicate-key checking must not compare all pairs.
    const Added keys = addBounded([&](ContentLibrary &library) {
        QString text = head + u"        type: yesno\n"_s;
        for (int i = 0; i < kWide; ++i)
            text += u"        k%1: x\n"_s.arg(i);
        return library.addText(u"keys.yaml"_s, text, ContentLibrary::Replace::Any);
    });
    REQUIRE(keys.problems.size() == kWide);
    CHECK(keys.problems.first().startsWith(u"keys.yaml:11:9: unknown key 'k0' in question 'hx.wide.q1' (allowed: id, "_s));
    CHECK(keys.problems.last().startsWith(u"keys.yaml:50010:9: unknown key 'k49999' in question 'hx.wide.q1'"_s));
    CHECK(keys.run.elapsedMs < 20000 * slowdownFactor());

    // Distinct options load; the duplicate check must not search the list once per option.
    const Added options = addBounded([&](ContentLibrary &library) {
        QString text = head + u"        type: choice\n        options:\n"_s;
        for (int i = 0; i < kWide; ++i)
            text += u"          - {value: v%1, label: Option %1}\n"_s.arg(i);
        text += u"          - {value: v7, label: Seven again}\n"_s;
        return library.addText(u"options.yaml"_s, text, ContentLibrary::Replace::Any);
    });
    CHECK(options.problems == QStringList {u"options.yaml:50012:21: duplicate option 'v7' in question 'hx.wide.q1'"_s});
    CHECK(options.run.elapsedMs < 20000 * slowdownFactor());
}

TEST_CASE("a chain of 2 x 10^4 when conditions is checked for cycles without deep recursion", "[hostile][content][big]")
{
    // q1 is shown when q2 is answered, q2 when q3 is, ...: checking for cycles from q1 walks the
    // whole chain. Under a 1 MiB stack, a recursive walk overflows long before its end.
    constexpr int kChain = 20000;
    Bounds bounds;
    bounds.stack = 1024 * 1024;
    const auto chain = [&](bool closed) {
        return addBounded(
            [&](ContentLibrary &library) {
                QString text
                    = u"questionnaire: hx_chain\nversion: 1\ntitle: Chain\nsections:\n  - id: hx.chain\n    title: S\n    questions:\n"_s;
                for (int i = 1; i <= kChain; ++i) {
                    const int next = i < kChain ? i + 1 : (closed ? 1 : 0);
                    text += u"      - {id: hx.chain.q%1, type: yesno, text: Q%1"_s.arg(i)
                        + (next ? u", when: hx.chain.q%1}\n"_s.arg(next) : u"}\n"_s);
                }
                return library.addText(u"chain.yaml"_s, text, ContentLibrary::Replace::Any);
            },
            bounds);
    };
    const Added open = chain(false);
    CHECK(open.problems.isEmpty());
    CHECK(open.questionnaires == builtIn().questionnaires().size() + 1);

    const Added closed = chain(true);
    REQUIRE(closed.problems.size() == 1);
    CHECK(closed.problems.first().startsWith(
        u"chain.yaml:8:56: the 'when' conditions form a cycle: hx.chain.q1 -> hx.chain.q2 -> hx.chain.q3 -> "_s));
    CHECK(closed.problems.first().endsWith(u"hx.chain.q20000 -> hx.chain.q1"_s));
    CHECK(closed.questionnaires == builtIn().questionnaires().size());
}

TEST_CASE("every hostile condition is refused at its column, or parsed when it is merely odd", "[hostile][condition]")
{
    struct Expected {
        const char *file; // in tests/data/hostile/conditions
        int column; // 0: the condition parses
        const char *message;
    };
    // clang-format off
    const Expected expected = GENERATE(values<Expected>({
        {"control_characters.txt", 21, "unexpected character U+0000"},
        {"deep_parentheses.txt", 65, "too deeply nested: more than 64 levels of parentheses and 'not'"},
        {"lone_surrogate.txt", 0, ""}, // decoded to U+FFFD inside a string literal: a value like any other
        {"long_list.txt", 0, ""},
        {"lookalike_letter.txt", 2, "unexpected character 'а'"},
        {"many_nots.txt", 257, "too deeply nested: more than 64 levels of parentheses and 'not'"},
        {"mixed_nesting.txt", 161, "too deeply nested: more than 64 levels of parentheses and 'not'"},
        {"other_languages_operators.txt", 8, "unknown operator '&&'; did you mean 'and'?"},
        {"too_long.txt", 4097, "condition is too long: 5096 characters, the limit is 4096"},
        {"unterminated_string.txt", 21, "unterminated string: no closing '"},
    }));
    // clang-format on
    const QString path = hostileData(u"conditions/"_s + QLatin1String(expected.file));
    CAPTURE(path);
    const QString text = QString::fromUtf8(readBytes(path));
    const BoundedRun run = runBounded([&text]() -> QByteArray {
        const auto parsed = Condition::parse(text);
        if (parsed)
            return "ok " + parsed->references().join(u',').toUtf8();
        return QByteArray::number(parsed.error().column) + ' ' + parsed.error().message.toUtf8();
    });
    INFO(run.describe());
    REQUIRE(run.finished());
    if (expected.column == 0)
        CHECK(run.output.startsWith("ok "));
    else
        CHECK(QString::fromUtf8(run.output) == QString::number(expected.column) + u' ' + QString::fromUtf8(expected.message));
}

TEST_CASE("conditions of 100 MB, 10^5 parentheses or 1000 nots are refused at once", "[hostile][condition][big]")
{
    const auto refused = [](const std::function<QString()> &make) {
        const BoundedRun run = runBounded([&make]() -> QByteArray {
            const auto parsed = Condition::parse(make());
            if (parsed)
                return "ok";
            return QByteArray::number(parsed.error().column) + ' ' + parsed.error().message.toUtf8();
        });
        INFO(run.describe());
        REQUIRE(run.finished());
        CHECK(run.elapsedMs < 5000 * slowdownFactor());
        return QString::fromUtf8(run.output);
    };
    CHECK(refused([]() -> QString { return u"fact.csp == '"_s + QString(100 * 1024 * 1024, u'x') + u'\''; })
          == u"4097 condition is too long: 104857614 characters, the limit is 4096"_s);
    CHECK(refused([] { return u"("_s.repeated(100000); }) == u"4097 condition is too long: 100000 characters, the limit is 4096"_s);
    // Within the length limit, depth is what stops them.
    CHECK(refused([]() -> QString { return u"not "_s.repeated(1000) + u"x"_s; })
          == u"257 too deeply nested: more than 64 levels of parentheses and 'not'"_s);
}
