// The portfolio across the demo's three engagements, and the comparison of Harbourline's 2025
// and 2026 rounds, each checked against a count made independently from the score cards.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "Portfolio.h"
#include "PortfolioCache.h"
#include "StoredEngagement.h"
#include "TestSupport.h"
#include "WorkspaceSettings.h"

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

const ContentLibrary &builtIn()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

struct Demo {
    QTemporaryDir dir;
    std::unique_ptr<Workspace> ws;
    QList<StoredEngagement> scored; // engagements 1, 2, 3
};

// One demo for the whole file: building it replays three engagements' worth of answers.
Demo &demo()
{
    static Demo d = [] {
        Demo made;
        made.ws = test::openWorkspace(made.dir);
        auto ids = buildDemo(*made.ws, builtIn());
        REQUIRE(ids.ok());
        REQUIRE(*ids == QList<qint64> {1, 2, 3});
        for (qint64 id : *ids) {
            auto stored = loadAndScore(*made.ws, builtIn(), id);
            REQUIRE(stored.ok());
            made.scored.append(std::move(*stored));
        }
        return made;
    }();
    return d;
}

int countControls(const ScoreCard &from, const ScoreCard &to, ControlDetermination before, ControlDetermination after)
{
    int n = 0;
    for (const auto &c : to.controls) {
        for (const auto &b : from.controls) {
            if (b.id == c.id && b.result == before && c.result == after)
                ++n;
        }
    }
    return n;
}

} // namespace

TEST_CASE("The portfolio heat map sums the residual risks of every engagement")
{
    auto portfolio = loadPortfolio(*demo().ws, builtIn());
    REQUIRE(portfolio.ok());
    CHECK(portfolio->engagements.size() == 3);
    CHECK(portfolio->riskCount() == 90);
    for (int l = 0; l < 5; ++l) {
        for (int i = 0; i < 5; ++i) {
            int expected = 0;
            for (const auto &stored : demo().scored) {
                for (const auto &r : stored.card.risks) {
                    if (static_cast<int>(r.likelihood) == l && static_cast<int>(r.impact) == i)
                        ++expected;
                }
            }
            INFO("likelihood " << l << ", impact " << i);
            CHECK(portfolio->residualRisks[size_t(l)][size_t(i)] == expected);
        }
    }
    // Pinned: where the 90 risks sit (likelihood, impact).
    const auto at = [&portfolio](Level l, Level i) { return portfolio->residualRisks[size_t(l)][size_t(i)]; };
    CHECK(at(Level::High, Level::Moderate) == 5);
    CHECK(at(Level::High, Level::High) == 3);
    CHECK(at(Level::Moderate, Level::Moderate) == 11);
    CHECK(at(Level::Moderate, Level::High) == 22);
    CHECK(at(Level::Moderate, Level::VeryHigh) == 3);
    CHECK(at(Level::Low, Level::Moderate) == 11);
    CHECK(at(Level::Low, Level::High) == 24);
    CHECK(at(Level::Low, Level::VeryHigh) == 2);
    CHECK(at(Level::VeryLow, Level::High) == 9);
    CHECK(portfolio->currentRisks.size() == 90);
    // Read through Table I-2, the cells give the demo's risk registers: 1 + 0 + 5 high.
    int high = 0;
    int cardsHigh = 0;
    for (int l = 0; l < 5; ++l) {
        for (int i = 0; i < 5; ++i) {
            if (riskLevel(Level(l), Level(i)) == Level::High)
                high += portfolio->residualRisks[size_t(l)][size_t(i)];
        }
    }
    for (const auto &stored : demo().scored)
        cardsHigh += stored.card.risksAtOrAbove(Level::High) - stored.card.risksAtOrAbove(Level::VeryHigh);
    CHECK(high == cardsHigh);
    CHECK(high == 6);
}

TEST_CASE("Engagements are counted by workflow status")
{
    const Portfolio portfolio = portfolioOf(demo().scored);
    CHECK(portfolio.engagementsByStatus.value(EngagementStatus::Draft) == 1);
    CHECK(portfolio.engagementsByStatus.value(EngagementStatus::InReview) == 1);
    CHECK(portfolio.engagementsByStatus.value(EngagementStatus::Approved) == 1);
    CHECK(portfolio.engagementsByStatus.size() == 3);
}

TEST_CASE("Open POA&M items are counted by the month they fall due")
{
    const Portfolio portfolio = portfolioOf(demo().scored);
    int open = 0;
    QMap<QString, int> expected;
    for (const auto &stored : demo().scored) {
        for (const auto &item : stored.card.poam) {
            if (item.status == QLatin1String("open")) {
                ++open;
                ++expected[item.due.toString(QStringLiteral("yyyy-MM"))];
            }
        }
    }
    CHECK(demo().scored.at(0).card.poam.size() == 100);
    CHECK(demo().scored.at(1).card.poam.size() == 73);
    CHECK(demo().scored.at(2).card.poam.size() == 65);
    CHECK(open == 238);
    const QMap<QString, int> pinned {{QStringLiteral("2025-12"), 11}, {QStringLiteral("2026-02"), 81}, {QStringLiteral("2026-05"), 8},
                                     {QStringLiteral("2026-12"), 26}, {QStringLiteral("2027-01"), 2},  {QStringLiteral("2027-02"), 92},
                                     {QStringLiteral("2027-05"), 18}};
    CHECK(portfolio.openPoamByDueMonth == pinned);
    CHECK(portfolio.openPoamCount() == open);
    CHECK(portfolio.openPoamByDueMonth == expected);
    for (auto it = portfolio.openPoamByDueMonth.cbegin(); it != portfolio.openPoamByDueMonth.cend(); ++it) {
        INFO(it.key().toStdString());
        CHECK(QDate::fromString(it.key() + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd")).isValid());
    }
}

TEST_CASE("Family scores are the mean of the engagements that scored the family")
{
    const Portfolio portfolio = portfolioOf(demo().scored);
    REQUIRE_FALSE(portfolio.families.isEmpty());
    for (const auto &family : portfolio.families) {
        INFO(family.id.toStdString());
        double sum = 0;
        int n = 0;
        for (const auto &stored : demo().scored) {
            for (const auto &f : stored.card.families) {
                if (f.id == family.id && f.score) {
                    sum += *f.score;
                    ++n;
                }
            }
        }
        REQUIRE(family.meanScore.has_value() == (n > 0));
        if (n > 0)
            CHECK(*family.meanScore == Approx(sum / n));
    }
    // Pinned: 14 families; PE scores best and CA worst across the three engagements.
    CHECK(portfolio.families.size() == 14);
    const auto mean = [&portfolio](const char *id) {
        for (const auto &f : portfolio.families) {
            if (f.id == QLatin1String(id))
                return f.meanScore.value_or(-1);
        }
        return -1.0;
    };
    CHECK(mean("PE") == Approx(97.63).margin(0.01));
    CHECK(mean("CA") == Approx(55.57).margin(0.01));
    CHECK(mean("AC") == Approx(71.03).margin(0.01));
}

TEST_CASE("Comparing Harbourline's two rounds lists what improved and what regressed")
{
    const StoredEngagement &round2025 = demo().scored.at(0);
    const StoredEngagement &round2026 = demo().scored.at(1);
    CHECK(round2025.card.count(ControlDetermination::OtherThanSatisfied) == 88);
    CHECK(round2026.card.count(ControlDetermination::OtherThanSatisfied) == 63);
    const RoundComparison c = compareRounds(round2025, round2026);
    CHECK(c.earlierId == 1);
    CHECK(c.laterId == 2);
    const auto improved
        = countControls(round2025.card, round2026.card, ControlDetermination::OtherThanSatisfied, ControlDetermination::Satisfied);
    const auto regressed
        = countControls(round2025.card, round2026.card, ControlDetermination::Satisfied, ControlDetermination::OtherThanSatisfied);
    CHECK(c.improved.size() == improved);
    CHECK(c.regressed.size() == regressed);
    for (const auto &change : c.improved) {
        CHECK(change.before == ControlDetermination::OtherThanSatisfied);
        CHECK(change.after == ControlDetermination::Satisfied);
    }
    for (const auto &change : c.risksDown)
        CHECK(change.after < change.before);
    for (const auto &change : c.risksUp)
        CHECK(change.after > change.before);
    // Independent count of risk level changes.
    int down = 0;
    int up = 0;
    for (const auto &a : round2026.card.risks) {
        for (const auto &b : round2025.card.risks) {
            if (a.id == b.id && a.level < b.level)
                ++down;
            if (a.id == b.id && a.level > b.level)
                ++up;
        }
    }
    CHECK(c.risksDown.size() == down);
    CHECK(c.risksUp.size() == up);
    for (const auto &family : c.families) {
        if (family.delta())
            CHECK(*family.delta() == Approx(*family.after - *family.before));
    }
    // Pinned: 33 controls improved and 8 regressed (88 - 33 + 8 = 63 other than satisfied in 2026);
    // four risks fell, incident response among them from high to moderate, and one rose.
    CHECK(improved == 33);
    CHECK(regressed == 8);
    CHECK(round2025.card.count(ControlDetermination::OtherThanSatisfied) - improved + regressed
          == round2026.card.count(ControlDetermination::OtherThanSatisfied));
    REQUIRE(c.risksDown.size() == 4);
    CHECK(c.risksDown.at(0).id == QStringLiteral("risk.incident_response"));
    CHECK(c.risksDown.at(0).before == Level::High);
    CHECK(c.risksDown.at(0).after == Level::Moderate);
    REQUIRE(c.risksUp.size() == 1);
    CHECK(c.risksUp.at(0).id == QStringLiteral("risk.performance_loss"));
    CHECK(c.risksUp.at(0).before == Level::Low);
    CHECK(c.risksUp.at(0).after == Level::Moderate);
    QStringList regressedIds;
    for (const auto &change : c.regressed)
        regressedIds << change.id;
    CHECK(regressedIds
          == QStringList {QStringLiteral("AU-11"), QStringLiteral("AU-12"), QStringLiteral("IA-2(1)"), QStringLiteral("IA-5(2)"),
                          QStringLiteral("SA-11"), QStringLiteral("SC-4"), QStringLiteral("SC-17"), QStringLiteral("SC-18")});
    REQUIRE(c.families.size() == 14);
    CHECK(c.families.at(0).id == QStringLiteral("AC"));
    CHECK(*c.families.at(0).delta() == Approx(25.8).margin(0.05));
}

TEST_CASE("The latest two rounds of one client's system are found")
{
    const auto rounds = latestRounds(portfolioOf(demo().scored).engagements);
    REQUIRE(rounds.has_value());
    CHECK(rounds->first == 1);
    CHECK(rounds->second == 2);

    // Only one round of each system: nothing to compare.
    QList<Engagement> single {demo().scored.at(0).engagement, demo().scored.at(2).engagement};
    CHECK_FALSE(latestRounds(single).has_value());

    // A third round of Harbourline makes 2026 the earlier one of the latest pair.
    Engagement third = demo().scored.at(0).engagement;
    third.id = 9;
    third.periodStart = QDate(2027, 11, 1);
    QList<Engagement> three = portfolioOf(demo().scored).engagements;
    three.prepend(third);
    const auto latest = latestRounds(three);
    REQUIRE(latest.has_value());
    CHECK(latest->first == 2);
    CHECK(latest->second == 9);
}

namespace {

// Every figure the dashboard shows, compared one by one.
void checkSame(const Portfolio &got, const Portfolio &expected)
{
    REQUIRE(got.engagements.size() == expected.engagements.size());
    for (qsizetype i = 0; i < got.engagements.size(); ++i) {
        CHECK(got.engagements.at(i).id == expected.engagements.at(i).id);
        CHECK(got.engagements.at(i).status == expected.engagements.at(i).status);
    }
    CHECK(got.residualRisks == expected.residualRisks);
    REQUIRE(got.currentRisks.size() == expected.currentRisks.size());
    for (qsizetype i = 0; i < got.currentRisks.size(); ++i) {
        CHECK(got.currentRisks.at(i).id == expected.currentRisks.at(i).id);
        CHECK(got.currentRisks.at(i).level == expected.currentRisks.at(i).level);
        CHECK(got.currentRisks.at(i).likelihood == expected.currentRisks.at(i).likelihood);
    }
    REQUIRE(got.families.size() == expected.families.size());
    for (qsizetype i = 0; i < got.families.size(); ++i) {
        CHECK(got.families.at(i).id == expected.families.at(i).id);
        CHECK(got.families.at(i).meanScore == expected.families.at(i).meanScore);
        CHECK(got.families.at(i).byEngagement == expected.families.at(i).byEngagement);
    }
    CHECK(got.openPoamByDueMonth == expected.openPoamByDueMonth);
    CHECK(got.engagementsByStatus == expected.engagementsByStatus);
}

} // namespace

TEST_CASE("A kept portfolio scores again only the engagements changed since, and matches a fresh load")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, builtIn()).ok());
    PortfolioCache cache;
    auto first = cache.load(*ws, builtIn());
    REQUIRE(first.ok());
    CHECK(cache.lastRescored() == 3);
    checkSame(*first, *loadPortfolio(*ws, builtIn()));

    // Nothing changed: nothing is scored.
    auto again = cache.load(*ws, builtIn());
    REQUIRE(again.ok());
    CHECK(cache.lastRescored() == 0);
    checkSame(*again, *first);

    // One answer of the draft (engagement 3) turns from yes to no: that engagement alone.
    auto answers = AnswerStore(*ws).answers(3);
    REQUIRE(answers.ok());
    QString question;
    for (const auto &a : *answers) {
        const Question *q = builtIn().question(a.questionId);
        if (q && q->type == QuestionType::YesNo && q->sets.isEmpty() && !q->controls.isEmpty() && a.value == QLatin1String("yes")) {
            question = a.questionId;
            break;
        }
    }
    REQUIRE_FALSE(question.isEmpty());
    REQUIRE(AnswerStore(*ws).save(3, {question, QStringLiteral("no"), {}, {}, {}}, builtIn()).ok());
    auto changed = cache.load(*ws, builtIn());
    REQUIRE(changed.ok());
    CHECK(cache.lastRescored() == 1);
    checkSame(*changed, *loadPortfolio(*ws, builtIn()));
    CHECK(cache.entry(3) != nullptr);
    CHECK(cache.entry(4) == nullptr);

    // The POA&M due days are workspace-wide: every engagement again. Report branding is not.
    REQUIRE(WorkspaceSettings(*ws).set(QStringLiteral("report.organisation"), QStringLiteral("Example Assurance LLP")).ok());
    REQUIRE(cache.load(*ws, builtIn()).ok());
    CHECK(cache.lastRescored() == 0);
    REQUIRE(WorkspaceSettings(*ws).set(QStringLiteral("poam.due_days.moderate"), QStringLiteral("45")).ok());
    auto policy = cache.load(*ws, builtIn());
    REQUIRE(policy.ok());
    CHECK(cache.lastRescored() == 3);
    checkSame(*policy, *loadPortfolio(*ws, builtIn()));
    CHECK(policy->openPoamByDueMonth != changed->openPoamByDueMonth);

    // A new engagement is scored on its own and joins in the workspace's order.
    Engagement e;
    e.client = QStringLiteral("Fernbrook Logistics");
    e.system = QStringLiteral("Fleet telemetry");
    e.csp = QStringLiteral("Google Cloud (GKE)");
    auto id = EngagementStore(*ws).create(e, builtIn());
    REQUIRE(id.ok());
    auto added = cache.load(*ws, builtIn());
    REQUIRE(added.ok());
    CHECK(cache.lastRescored() == 1);
    CHECK(added->engagements.size() == 4);
    CHECK(added->engagements.last().id == *id);
    checkSame(*added, *loadPortfolio(*ws, builtIn()));

    // A change the cache saw and that was then rolled back: it starts over.
    const Error rollback(QStringLiteral("rolled back"));
    auto undone = ws->write([&]() -> Status {
        REQUIRE(AnswerStore(*ws).save(3, {question, QStringLiteral("partial"), {}, {}, {}}, builtIn()).ok());
        REQUIRE(cache.load(*ws, builtIn()).ok());
        CHECK(cache.lastRescored() == 1);
        return rollback;
    });
    REQUIRE_FALSE(undone.ok());
    REQUIRE(AnswerStore(*ws).save(3, {question, QStringLiteral("yes"), {}, {}, {}}, builtIn()).ok());
    auto after = cache.load(*ws, builtIn());
    REQUIRE(after.ok());
    CHECK(cache.lastRescored() == 4);
    checkSame(*after, *loadPortfolio(*ws, builtIn()));
}
