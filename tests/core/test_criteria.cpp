// The Trust Services Criteria catalogue and its crosswalk from rev5 controls: complete, consistent
// with the control catalogue and with the questions that cite criteria.
#include "ContentTestSupport.h"

#include <QSet>

#include <catch2/catch.hpp>

using namespace content_test;

TEST_CASE("the built-in criteria catalogue lists every Trust Services Criterion once", "[content][criteria]")
{
    const CriteriaCatalogue &criteria = builtIn().library.criteria();
    QStringList expected; // the criteria ids of the 2017 TSC, listed here independently
    auto range = [&expected](const char *prefix, int major, int last) {
        for (int i = 1; i <= last; ++i)
            expected << QStringLiteral("%1%2.%3").arg(QLatin1String(prefix)).arg(major).arg(i);
    };
    range("CC", 1, 5), range("CC", 2, 3), range("CC", 3, 4), range("CC", 4, 2), range("CC", 5, 3), range("CC", 6, 8), range("CC", 7, 5),
        range("CC", 8, 1), range("CC", 9, 2), range("A", 1, 3), range("C", 1, 2), range("PI", 1, 5), range("P", 1, 1), range("P", 2, 1),
        range("P", 3, 2), range("P", 4, 3), range("P", 5, 2), range("P", 6, 7), range("P", 7, 1), range("P", 8, 1);
    REQUIRE(expected.size() == 61);
    QStringList ids;
    for (const auto &c : criteria.criteria) {
        ids << c.id;
        CHECK_FALSE(c.title.isEmpty());
    }
    CHECK(ids == expected);
    QStringList categories;
    for (const auto &c : criteria.categories)
        categories << c.id;
    CHECK(categories
          == QStringList {QStringLiteral("CC"), QStringLiteral("A"), QStringLiteral("C"), QStringLiteral("PI"), QStringLiteral("P")});
    CHECK(criteria.criterion(QStringLiteral("CC6.1"))->category == QStringLiteral("CC"));
    CHECK(criteria.criterion(QStringLiteral("PI1.5"))->category == QStringLiteral("PI"));
}

TEST_CASE("the crosswalk maps real controls to listed criteria and covers every control a question uses", "[content][criteria]")
{
    const ContentLibrary &lib = builtIn().library;
    const CriteriaCatalogue &criteria = lib.criteria();
    CHECK(criteria.crosswalk.size() >= 80);
    for (auto it = criteria.crosswalk.cbegin(); it != criteria.crosswalk.cend(); ++it) {
        INFO(it.key().toStdString());
        CHECK(lib.controls().control(it.key()) != nullptr);
        CHECK_FALSE(it->isEmpty());
        for (const auto &id : *it)
            CHECK(criteria.criterion(id) != nullptr);
    }
    for (const auto *q : lib.allQuestions()) {
        for (const auto &c : q->controls) {
            INFO(q->id.toStdString() << " maps to " << c.toStdString());
            CHECK(criteria.crosswalk.contains(c));
        }
    }
    // The criteria of the policy controls of the ten key families are all in the crosswalk too.
    for (const char *family : {"AC", "AU", "CM", "CP", "IA", "IR", "MP", "PE", "SA", "SC"})
        CHECK(criteria.crosswalk.contains(QStringLiteral("%1-1").arg(QLatin1String(family))));
    const QStringList cc61 = criteria.controlsFor(QStringLiteral("CC6.1"));
    CHECK(cc61.contains(QStringLiteral("AC-2")));
}

TEST_CASE("a question citing a criterion that is not in the catalogue is refused", "[content][criteria][errors]")
{
    ContentLibrary lib = library();
    const QList<Error> errors
        = lib.addText(QStringLiteral("soc2.yaml"),
                      QStringLiteral("questionnaire: bx_soc2\nversion: 1\ntitle: T\nsections:\n  - id: bx.soc2\n    title: S\n"
                                     "    questions:\n      - {id: bx.soc2.q1, text: Q, type: yesno, soc2: [CC6.1, CC9.9]}\n"),
                      ContentLibrary::Replace::NewerVersionOnly);
    REQUIRE(errors.size() == 1);
    CHECK(errors.at(0).toString()
          == QStringLiteral("soc2.yaml:8:62: question 'bx.soc2.q1' names 'CC9.9', which is not in the Trust Services Criteria catalogue"));
}

TEST_CASE("a criteria catalogue with dangling references is refused", "[content][criteria][errors]")
{
    ContentLibrary lib = library();
    const QString text
        = QStringLiteral("catalogue: criteria\nversion: 2\ncategories:\n  - {id: CC, title: Security}\n"
                         "criteria:\n  - {id: CC6.1, category: CC, title: Access}\n  - {id: A1.1, category: A, title: Capacity}\n"
                         "crosswalk:\n  AC-2: [CC6.1, CC6.9]\n  ZZ-9: [CC6.1]\n");
    const QList<Error> errors = lib.addText(QStringLiteral("criteria.yaml"), text, ContentLibrary::Replace::Any);
    REQUIRE(errors.size() == 2);
    CHECK(errors.at(0).toString() == QStringLiteral("criteria.yaml:7:26: criterion 'A1.1' names unknown category 'A'"));
    CHECK(errors.at(1).toString()
          == QStringLiteral("criteria.yaml:9:17: control 'AC-2' maps to 'CC6.9', which is not a criterion of this catalogue"));
    CHECK(lib.criteria().criteria.size() == 61); // unchanged

    // From a user's folder it is refused outright: the criteria are built in.
    const QList<Error> user = lib.addText(QStringLiteral("mine.yaml"), QStringLiteral("catalogue: criteria\nversion: 9\ncriteria: []\n"),
                                          ContentLibrary::Replace::NewerVersionOnly);
    REQUIRE(user.size() == 1);
    CHECK(user.at(0).message == QStringLiteral("the criteria catalogue is built in and cannot be replaced from a user folder"));
}
