// Scoring rules (DESIGN.md "Scoring") on a small questionnaire whose arithmetic is worked out
// by hand in each test.
#include "ContentLibrary.h"
#include "ScoreJson.h"
#include "Scoring.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonDocument>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

// The built-in control catalogue with the scoring fixtures, which refer to each other.
const ContentLibrary &library()
{
    static const ContentLibrary lib = [] {
        ContentLibrary l;
        QFile controls(QStringLiteral(":/questionnaires/controls.yaml"));
        REQUIRE(controls.open(QIODevice::ReadOnly));
        REQUIRE(l.addText(QStringLiteral("controls.yaml"), QString::fromUtf8(controls.readAll()), ContentLibrary::Replace::Any).isEmpty());
        const auto problems = l.addFiles({test::projectTestData(QStringLiteral("scoring/risks.yaml")),
                                          test::projectTestData(QStringLiteral("scoring/questionnaire.yaml"))},
                                         ContentLibrary::Replace::Any);
        INFO((problems.isEmpty() ? QString() : problems.first().toString()).toStdString());
        REQUIRE(problems.isEmpty());
        return l;
    }();
    return lib;
}

Engagement engagement(const QString &architecture = QStringLiteral("typical"), const QString &impact = QStringLiteral("moderate"))
{
    Engagement e;
    e.id = 7;
    e.client = QStringLiteral("Client");
    e.system = QStringLiteral("System");
    e.csp = QStringLiteral("Provider");
    e.architecture = architecture;
    e.impact = impact;
    e.createdAt = QDateTime(QDate(2026, 1, 10), QTime(9, 0), Qt::UTC);
    return e;
}

Answer answer(const ContentLibrary &lib, const QString &question, const QString &value, QDate on = QDate(2026, 3, 1))
{
    Answer a;
    a.engagementId = 7;
    a.questionId = question;
    a.value = value;
    a.status = lib.question(question)->statusOf(value);
    a.answeredAt = QDateTime(on, QTime(12, 0), Qt::UTC);
    a.revision = 1;
    return a;
}

ScoreCard score(const Engagement &e, const QList<Answer> &answers, const QList<RiskOverride> &overrides = {}, PoamPolicy policy = {})
{
    return scoreEngagement({&library(), e, answers, overrides, policy, {}});
}

// Copies, so a result may outlive the card it came from.
ControlResult control(const ScoreCard &card, const QString &id)
{
    for (const auto &c : card.controls)
        if (c.id == id)
            return c;
    FAIL("no control " << id.toStdString());
    return card.controls.first();
}

RiskRating risk(const ScoreCard &card, const QString &id)
{
    for (const auto &r : card.risks)
        if (r.id == id)
            return r;
    FAIL("no risk " << id.toStdString());
    return card.risks.first();
}

FamilyScore family(const ScoreCard &card, const QString &id)
{
    for (const auto &f : card.families)
        if (f.id == id)
            return f;
    FAIL("no family " << id.toStdString());
    return card.families.first();
}

int baselineSize(Baseline b)
{
    int n = 0;
    for (const auto &c : library().controls().controls())
        n += c.inBaseline(b) ? 1 : 0;
    return n;
}

} // namespace

TEST_CASE("Without answers every control in the baseline is not assessed and the reasons say why")
{
    const ScoreCard card = score(engagement(), {});
    CHECK(card.baseline == QStringLiteral("moderate"));
    CHECK(card.controls.size() == baselineSize(Baseline::Moderate));
    CHECK(card.count(ControlDetermination::NotAssessed) == card.controls.size());
    CHECK(control(card, QStringLiteral("AC-2")).questions == QStringList {QStringLiteral("st.q1"), QStringLiteral("st.q2")});
    CHECK(control(card, QStringLiteral("AC-2")).reasons == QStringList {QStringLiteral("2 question(s) assess it; none answered yet")});
    CHECK(control(card, QStringLiteral("AC-4")).reasons.first().contains(QStringLiteral("no question in this engagement assesses it")));
    // CM-6 is mapped only by st.q5, hidden until the mode is b.
    CHECK(control(card, QStringLiteral("CM-6")).questions.isEmpty());
    CHECK_FALSE(family(card, QStringLiteral("AC")).score.has_value());
    const FamilyScore ac = family(card, QStringLiteral("AC"));
    CHECK(ac.reasons
          == QStringList {
              QStringLiteral("no answered question assesses the %1 control(s) of this family in the baseline").arg(ac.controlsInScope)});
    CHECK(ac.controlsInScope > 20);
}

TEST_CASE("The baseline follows the FIPS 199 level")
{
    CHECK(score(engagement(QStringLiteral("typical"), QStringLiteral("low")), {}).controls.size() == baselineSize(Baseline::Low));
    CHECK(score(engagement(QStringLiteral("typical"), QStringLiteral("high")), {}).controls.size() == baselineSize(Baseline::High));
    CHECK(baselineSize(Baseline::Low) < baselineSize(Baseline::Moderate));
    CHECK(baselineSize(Baseline::Moderate) < baselineSize(Baseline::High));
}

TEST_CASE("Control results: satisfied, other than satisfied and not applicable")
{
    const ContentLibrary lib = library();
    const ScoreCard card = score(
        engagement(),
        {answer(lib, QStringLiteral("st.q1"), QStringLiteral("yes")), answer(lib, QStringLiteral("st.q2"), QStringLiteral("partial")),
         answer(lib, QStringLiteral("st.q3"), QStringLiteral("na")), answer(lib, QStringLiteral("st.q4"), QStringLiteral("no"))});
    CHECK(control(card, QStringLiteral("AC-2")).result == ControlDetermination::OtherThanSatisfied);
    CHECK(control(card, QStringLiteral("AC-2")).reasons == QStringList {QStringLiteral("st.q2 answered 'partial' (partial)")});
    CHECK(control(card, QStringLiteral("AC-3")).result == ControlDetermination::OtherThanSatisfied);
    CHECK(control(card, QStringLiteral("AU-2")).result == ControlDetermination::NotApplicable);
    CHECK(control(card, QStringLiteral("CP-9")).result == ControlDetermination::OtherThanSatisfied);
    CHECK(card.count(ControlDetermination::OtherThanSatisfied) == 3);
    CHECK(card.count(ControlDetermination::NotApplicable) == 1);
    CHECK(card.count(ControlDetermination::Satisfied) == 0);

    const ScoreCard fixed
        = score(engagement(),
                {answer(lib, QStringLiteral("st.q1"), QStringLiteral("yes")), answer(lib, QStringLiteral("st.q2"), QStringLiteral("yes"))});
    CHECK(control(fixed, QStringLiteral("AC-2")).result == ControlDetermination::Satisfied);
    CHECK(control(fixed, QStringLiteral("AC-2")).reasons.size() == 2);
    CHECK(control(fixed, QStringLiteral("AC-3")).result == ControlDetermination::Satisfied);
}

TEST_CASE("Family score counts a question once and a partial answer as half")
{
    const ContentLibrary lib = library();
    const ScoreCard card = score(
        engagement(),
        {answer(lib, QStringLiteral("st.q1"), QStringLiteral("yes")), answer(lib, QStringLiteral("st.q2"), QStringLiteral("partial")),
         answer(lib, QStringLiteral("st.q3"), QStringLiteral("na")), answer(lib, QStringLiteral("st.q4"), QStringLiteral("no"))});
    const FamilyScore &ac = family(card, QStringLiteral("AC"));
    CHECK(ac.implemented == 1);
    CHECK(ac.partial == 1); // st.q2 maps to AC-2 and AC-3 but counts once
    REQUIRE(ac.score.has_value());
    CHECK(*ac.score == Approx(75.0));
    CHECK(ac.controlsOtherThanSatisfied == 2);
    CHECK(ac.reasons == QStringList {QStringLiteral("(1 implemented + 0.5 x 1 partial) / 2 assessed question(s) = 75.0%")});
    CHECK_FALSE(family(card, QStringLiteral("AU")).score.has_value()); // N/A leaves the sum
    REQUIRE(family(card, QStringLiteral("CP")).score.has_value());
    CHECK(*family(card, QStringLiteral("CP")).score == Approx(0.0));
}

TEST_CASE("Risk: fact-driven modifier, weighted mitigation and Table I-2")
{
    const ContentLibrary lib = library();
    SECTION("typical, unmitigated: high + 1 = very high likelihood, no reduction")
    {
        const RiskRating &r = risk(score(engagement(QStringLiteral("typical")), {}), QStringLiteral("risk.alpha"));
        CHECK(r.inherentLikelihood == Level::VeryHigh);
        CHECK(r.inherentImpact == Level::High);
        CHECK(r.inherentLevel == Level::High);
        CHECK(r.likelihood == Level::VeryHigh);
        CHECK(r.level == Level::High);
        CHECK(r.reasons.at(1).startsWith(QStringLiteral("likelihood +1: Typical architectures share one kernel.")));
        CHECK(r.reasons.at(1).contains(QStringLiteral("fact.architecture = typical (engagement record)")));
    }
    SECTION("hybrid: no modifier; 5/6 mitigated lowers likelihood by one level")
    {
        // share = (1.0 x 1 + 0.5 x 0.5) / 1.5 = 0.833; floor(0.833 x 2) = 1 step.
        const RiskRating &r = risk(score(engagement(QStringLiteral("hybrid")),
                                         {answer(lib, QStringLiteral("st.q1"), QStringLiteral("yes")),
                                          answer(lib, QStringLiteral("st.q2"), QStringLiteral("partial"))}),
                                   QStringLiteral("risk.alpha"));
        CHECK(r.inherentLikelihood == Level::High);
        CHECK(r.mitigationShare == Approx(1.25 / 1.5));
        CHECK(r.likelihood == Level::Moderate);
        CHECK(r.impact == Level::High);
        CHECK(r.level == Level::Moderate); // Table I-2: moderate x high
        CHECK(r.reasons.size() == 3);
    }
    SECTION("typical, fully mitigated: two levels down from very high")
    {
        const RiskRating &r = risk(score(engagement(QStringLiteral("typical")),
                                         {answer(lib, QStringLiteral("st.q1"), QStringLiteral("yes")),
                                          answer(lib, QStringLiteral("st.q2"), QStringLiteral("yes"))}),
                                   QStringLiteral("risk.alpha"));
        CHECK(r.mitigationShare == Approx(1.0));
        CHECK(r.likelihood == Level::Moderate);
        CHECK(r.level == Level::Moderate);
    }
    SECTION("an N/A answer leaves the weighted sum")
    {
        // Only st.q2 counts: partial gives 0.5 share, floor(0.5 x 2) = 1 step.
        const RiskRating &r = risk(score(engagement(QStringLiteral("hybrid")),
                                         {answer(lib, QStringLiteral("st.q1"), QStringLiteral("na")),
                                          answer(lib, QStringLiteral("st.q2"), QStringLiteral("partial"))}),
                                   QStringLiteral("risk.alpha"));
        CHECK(r.mitigationShare == Approx(0.5));
        CHECK(r.likelihood == Level::Moderate);
    }
}

TEST_CASE("A hidden question does not count until the fact that shows it is set")
{
    const ContentLibrary lib = library();
    const Answer q5 = answer(lib, QStringLiteral("st.q5"), QStringLiteral("no"));
    const ScoreCard hidden = score(engagement(), {q5});
    CHECK(control(hidden, QStringLiteral("CM-6")).result == ControlDetermination::NotAssessed);
    CHECK(risk(hidden, QStringLiteral("risk.beta")).impact == Level::Moderate);
    CHECK(
        risk(hidden, QStringLiteral("risk.beta")).reasons.at(1).startsWith(QStringLiteral("no question in this engagement mitigates it")));

    const ScoreCard shown = score(engagement(), {q5, answer(lib, QStringLiteral("st.mode"), QStringLiteral("b"))});
    CHECK(control(shown, QStringLiteral("CM-6")).result == ControlDetermination::OtherThanSatisfied);
    const RiskRating &beta = risk(shown, QStringLiteral("risk.beta"));
    CHECK(beta.impact == Level::High);
    CHECK(beta.likelihood == Level::Moderate);
    CHECK(beta.level == Level::Moderate);
    CHECK(beta.reasons.at(1).contains(QStringLiteral("fact.mode = b (answer to st.mode)")));
}

TEST_CASE("An assessor override replaces the computed rating and is explained")
{
    RiskOverride o;
    o.engagementId = 7;
    o.riskId = QStringLiteral("risk.alpha");
    o.likelihood = Level::Low;
    o.rationale = QStringLiteral("Compensating control: dedicated hosts per tenant.");
    o.overriddenBy = QStringLiteral("r.menon");
    o.overriddenAt = QDateTime(QDate(2026, 4, 2), QTime(10, 0), Qt::UTC);
    const RiskRating &r = risk(score(engagement(), {}, {o}), QStringLiteral("risk.alpha"));
    CHECK(r.overridden);
    CHECK(r.likelihood == Level::Low);
    CHECK(r.impact == Level::High);
    CHECK(r.level == Level::Low);
    CHECK(r.inherentLevel == Level::High);
    CHECK(r.reasons.contains(QStringLiteral(
        "overridden by r.menon on 2026-04-02 to likelihood Low, impact High: Compensating control: dedicated hosts per tenant.")));
}

TEST_CASE("POA&M items: failing controls and risks at moderate or above, due by level")
{
    const ContentLibrary lib = library();
    const QList<Answer> answers = {answer(lib, QStringLiteral("st.q1"), QStringLiteral("no"), QDate(2026, 3, 1)),
                                   answer(lib, QStringLiteral("st.q2"), QStringLiteral("no"), QDate(2026, 3, 5)),
                                   answer(lib, QStringLiteral("st.q4"), QStringLiteral("no"), QDate(2026, 3, 9))};
    const ScoreCard card = score(engagement(QStringLiteral("hybrid")), answers);
    // Controls in catalogue order (AC-2, AC-3, CP-9), then risks: alpha high x high = high;
    // beta moderate x moderate = moderate.
    REQUIRE(card.poam.size() == 5);
    CHECK(card.poam.at(0).id == QStringLiteral("POAM-001"));
    CHECK(card.poam.at(0).sourceId == QStringLiteral("AC-2"));
    CHECK(card.poam.at(0).level == Level::High); // st.q1 and st.q2 mitigate alpha, rated high
    CHECK(card.poam.at(0).detected == QDate(2026, 3, 5));
    CHECK(card.poam.at(0).due == QDate(2026, 4, 4)); // +30 days
    CHECK(card.poam.at(0).owner == QStringLiteral("Cloud service provider"));
    CHECK(card.poam.at(1).sourceId == QStringLiteral("AC-3"));
    CHECK(card.poam.at(2).sourceId == QStringLiteral("CP-9"));
    CHECK(card.poam.at(2).level == Level::Moderate); // reduces no catalogued risk
    CHECK(card.poam.at(2).due == QDate(2026, 6, 7)); // 2026-03-09 + 90
    CHECK(card.poam.at(2).owner == QStringLiteral("Customer"));
    CHECK(card.poam.at(3).sourceId == QStringLiteral("risk.alpha"));
    CHECK(card.poam.at(3).level == Level::High);
    CHECK(card.poam.at(3).controls == QStringList {QStringLiteral("AC-2"), QStringLiteral("AC-3")});
    CHECK(card.poam.at(4).id == QStringLiteral("POAM-005"));
    CHECK(card.poam.at(4).sourceId == QStringLiteral("risk.beta"));
    CHECK(card.poam.at(4).level == Level::Moderate);
    CHECK(card.poam.at(4).detected == QDate(2026, 1, 10)); // no answered question: engagement start
    CHECK(card.poam.at(4).due == QDate(2026, 4, 10));

    PoamPolicy tight;
    tight.dueDays[Level::High] = 10;
    const ScoreCard tighter = score(engagement(QStringLiteral("hybrid")), answers, {}, tight);
    CHECK(tighter.poam.at(0).due == QDate(2026, 3, 15));
}

TEST_CASE("Scoring is deterministic")
{
    const ContentLibrary lib = library();
    const QList<Answer> answers
        = {answer(lib, QStringLiteral("st.q1"), QStringLiteral("partial")), answer(lib, QStringLiteral("st.mode"), QStringLiteral("b"))};
    const Engagement e = engagement();
    const QByteArray first = QJsonDocument(scoreCardToJson(e, score(e, answers))).toJson();
    const QByteArray second = QJsonDocument(scoreCardToJson(e, score(e, answers))).toJson();
    CHECK(first == second);
    CHECK(first.contains("\"scoring_rules\": \"bulkhead-scoring-1\""));
}

TEST_CASE("Modifier steps are summed before the scale's limits apply, so their order does not matter")
{
    ContentLibrary lib = library();
    // high +2 then -2: clamping after each step would give moderate; the sum (0) keeps high.
    const auto problems = lib.addText(
        QStringLiteral("gamma.yaml"),
        QStringLiteral("catalogue: risks\nversion: 1\nrisks:\n"
                       "  - id: risk.gamma\n    title: Gamma\n    description: Two modifiers that cancel out.\n    area: operations\n"
                       "    likelihood: high\n    impact: moderate\n    modifiers:\n"
                       "      - {when: \"fact.architecture == 'typical'\", likelihood: 2, reason: Up.}\n"
                       "      - {when: \"fact.architecture == 'typical'\", likelihood: -2, reason: Down.}\n"),
        ContentLibrary::Replace::NewerVersionOnly);
    REQUIRE(problems.isEmpty());
    const ScoreCard card = scoreEngagement({&lib, engagement(QStringLiteral("typical")), {}, {}, {}, {}});
    const RiskRating gamma = risk(card, QStringLiteral("risk.gamma"));
    CHECK(gamma.inherentLikelihood == Level::High);
    CHECK(gamma.reasons.size() == 5); // catalogue, two modifiers, mitigation, Table I-2
}
