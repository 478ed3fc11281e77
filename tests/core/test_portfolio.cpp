// The portfolio across the demo's three engagements, and the comparison of Harbourline's 2025
// and 2026 rounds, each checked against a count made independently from the score cards.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "Portfolio.h"
#include "PortfolioCache.h"
#include "PortfolioStore.h"
#include "StoredEngagement.h"
#include "TestSupport.h"
#include "WorkspaceSettings.h"

#include <catch2/catch.hpp>

#include <QSqlQuery>

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

namespace {

int countOf(Workspace &ws, const QString &sql)
{
    QSqlQuery q = ws.query();
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toInt();
}

qint64 storedThrough(Workspace &ws)
{
    QSqlQuery q = ws.query();
    REQUIRE(q.exec(QStringLiteral("SELECT through_event_id FROM portfolio_state")));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}

// The portfolio made from full score cards, without any cache.
Portfolio fullyScored(Workspace &ws)
{
    auto scored = scoreEngagements(ws, builtIn());
    REQUIRE(scored.ok());
    return portfolioOf(*scored);
}

// A load that must succeed and store what it scored without a complaint.
Portfolio loadChecked(Workspace &ws, PortfolioCache &cache)
{
    auto loaded = cache.load(ws, builtIn());
    REQUIRE(loaded.ok());
    INFO((cache.lastStoreError() ? cache.lastStoreError()->toString() : QString()).toStdString());
    CHECK_FALSE(cache.lastStoreError().has_value());
    return *loaded;
}

// A yes/no answer of `engagement` that leads to controls, set to yes; the question's id.
QString yesQuestion(Workspace &ws, qint64 engagement)
{
    auto answers = AnswerStore(ws).answers(engagement);
    REQUIRE(answers.ok());
    for (const auto &a : *answers) {
        const Question *q = builtIn().question(a.questionId);
        if (q && q->type == QuestionType::YesNo && q->sets.isEmpty() && !q->controls.isEmpty() && a.value == QLatin1String("yes"))
            return a.questionId;
    }
    FAIL("no yes/no answer to change");
    return {};
}

} // namespace

TEST_CASE("A new process reads the stored portfolio and scores only what changed since it was stored")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, builtIn()).ok());
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM portfolio_entry")) == 0);

    // The first load of all scores every engagement and stores the entries.
    PortfolioCache first;
    const Portfolio cold = loadChecked(*ws, first);
    CHECK(first.lastRescored() == 3);
    CHECK_FALSE(first.lastReadStored());
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM portfolio_entry")) == 3);
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM portfolio_state")) == 1);
    CHECK(storedThrough(*ws) == countOf(*ws, QStringLiteral("SELECT max(id) FROM audit_event")));

    // A new process reads them: nothing scored, every figure as a full scoring has it.
    PortfolioCache second;
    const Portfolio warm = loadChecked(*ws, second);
    CHECK(second.lastRescored() == 0);
    CHECK(second.lastReadStored());
    checkSame(warm, fullyScored(*ws));
    checkSame(warm, cold);
    CHECK(warm.engagementsByStatus.value(EngagementStatus::Draft) == 1);
    CHECK(warm.engagementsByStatus.value(EngagementStatus::InReview) == 1);
    CHECK(warm.engagementsByStatus.value(EngagementStatus::Approved) == 1);
    CHECK(warm.riskCount() == 90);
    CHECK(warm.residualRisks[size_t(Level::High)][size_t(Level::Moderate)] == 5);
    CHECK(warm.residualRisks[size_t(Level::Low)][size_t(Level::High)] == 24);
    CHECK(warm.residualRisks[size_t(Level::VeryLow)][size_t(Level::High)] == 9);
    CHECK(warm.families.size() == 14);
    const auto mean = [](const Portfolio &p, const char *id) {
        for (const auto &f : p.families) {
            if (f.id == QLatin1String(id))
                return f.meanScore.value_or(-1);
        }
        return -2.0;
    };
    CHECK(mean(warm, "PE") == Approx(97.63).margin(0.01));
    CHECK(mean(warm, "CA") == Approx(55.57).margin(0.01));
    CHECK(mean(warm, "AC") == Approx(71.03).margin(0.01));
    const QMap<QString, int> months {{QStringLiteral("2025-12"), 11}, {QStringLiteral("2026-02"), 81}, {QStringLiteral("2026-05"), 8},
                                     {QStringLiteral("2026-12"), 26}, {QStringLiteral("2027-01"), 2},  {QStringLiteral("2027-02"), 92},
                                     {QStringLiteral("2027-05"), 18}};
    CHECK(warm.openPoamByDueMonth == months);
    // The engagements come whole from the stored entries.
    REQUIRE(second.entry(3) != nullptr);
    auto three = EngagementStore(*ws).get(3);
    REQUIRE(three.ok());
    CHECK(second.entry(3)->engagement.client == three->client);
    CHECK(second.entry(3)->engagement.periodStart == three->periodStart);
    CHECK(second.entry(3)->engagement.updatedAt == three->updatedAt);

    // One answer saved by another connection: a new process scores that engagement alone.
    const QString question = yesQuestion(*ws, 3);
    {
        auto other = test::openWorkspace(dir);
        REQUIRE(AnswerStore(*other).save(3, {question, QStringLiteral("no"), {}, {}, {}}, builtIn()).ok());
    }
    PortfolioCache third;
    const Portfolio changed = loadChecked(*ws, third);
    CHECK(third.lastRescored() == 1);
    CHECK(third.lastReadStored());
    checkSame(changed, fullyScored(*ws));
    const auto scores = [](const PortfolioEntry *entry) {
        QList<std::optional<double>> all;
        for (const auto &f : entry->families)
            all.append(f.score);
        return all;
    };
    REQUIRE(third.entry(3) != nullptr);
    CHECK(scores(third.entry(3)) != scores(second.entry(3)));
    CHECK(scores(third.entry(2)) == scores(second.entry(2)));
    // ... and stores it: the next new process scores nothing.
    CHECK(storedThrough(*ws) == countOf(*ws, QStringLiteral("SELECT max(id) FROM audit_event")));
    PortfolioCache fourth;
    checkSame(loadChecked(*ws, fourth), changed);
    CHECK(fourth.lastRescored() == 0);
    // The cache that stored first still reloads in memory, and scores the one change.
    auto reloaded = first.load(*ws, builtIn());
    REQUIRE(reloaded.ok());
    CHECK(first.lastRescored() == 1);
    CHECK_FALSE(first.lastReadStored());
    checkSame(*reloaded, changed);

    // A workspace-wide change: everything is scored again, and stored.
    REQUIRE(WorkspaceSettings(*ws).set(QStringLiteral("poam.due_days.moderate"), QStringLiteral("45")).ok());
    PortfolioCache fifth;
    const Portfolio policy = loadChecked(*ws, fifth);
    CHECK(fifth.lastRescored() == 3);
    CHECK_FALSE(fifth.lastReadStored());
    checkSame(policy, fullyScored(*ws));
    CHECK(policy.openPoamByDueMonth != changed.openPoamByDueMonth);
    PortfolioCache sixth;
    checkSame(loadChecked(*ws, sixth), policy);
    CHECK(sixth.lastRescored() == 0);
}

TEST_CASE("Stored portfolio entries of another scorer, or off the audit trail, are scored again")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, builtIn()).ok());
    PortfolioCache first;
    const Portfolio expected = loadChecked(*ws, first);
    CHECK(first.lastRescored() == 3);

    // Another version of the scoring code: every engagement again, stored under its own scorer.
    PortfolioCache otherScorer(QStringLiteral("another scoring version"));
    checkSame(loadChecked(*ws, otherScorer), expected);
    CHECK(otherScorer.lastRescored() == 3);
    CHECK_FALSE(otherScorer.lastReadStored());
    const QString scorerNow = [&] {
        QSqlQuery q = ws->query();
        REQUIRE(q.exec(QStringLiteral("SELECT scorer FROM portfolio_state")));
        REQUIRE(q.next());
        return q.value(0).toString();
    }();
    CHECK(scorerNow == PortfolioStore(*ws, builtIn(), QStringLiteral("another scoring version")).scorer());
    CHECK(scorerNow != PortfolioStore(*ws, builtIn()).scorer());
    // ... and back: this version scores everything again.
    PortfolioCache back;
    checkSame(loadChecked(*ws, back), expected);
    CHECK(back.lastRescored() == 3);
    PortfolioCache inStep;
    checkSame(loadChecked(*ws, inStep), expected);
    CHECK(inStep.lastRescored() == 0);

    // A stored state the audit trail does not run through (its event's hash differs).
    QSqlQuery q = ws->query();
    REQUIRE(q.exec(QStringLiteral("UPDATE portfolio_state SET through_hash = 'not the hash of that event'")));
    PortfolioCache offTrail;
    checkSame(loadChecked(*ws, offTrail), expected);
    CHECK(offTrail.lastRescored() == 3);
    CHECK_FALSE(offTrail.lastReadStored());

    // A stored state through an event the trail does not have.
    REQUIRE(q.exec(QStringLiteral("UPDATE portfolio_state SET through_event_id = through_event_id + 1000")));
    PortfolioCache past;
    checkSame(loadChecked(*ws, past), expected);
    CHECK(past.lastRescored() == 3);
    // ... is replaced, not taken for a later state: the next process is in step again.
    PortfolioCache after;
    checkSame(loadChecked(*ws, after), expected);
    CHECK(after.lastRescored() == 0);

    // A damaged entry: that engagement alone is scored again.
    REQUIRE(q.exec(QStringLiteral("UPDATE portfolio_entry SET entry = %1 WHERE engagement_id = 2").arg(test::blobLiteral(QByteArrayLiteral("damaged")))));
    PortfolioCache damaged;
    checkSame(loadChecked(*ws, damaged), expected);
    CHECK(damaged.lastRescored() == 1);
    CHECK(damaged.lastReadStored());
}

TEST_CASE("Deleting the stored portfolio costs one full scoring and nothing else")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, builtIn()).ok());
    PortfolioCache first;
    const Portfolio expected = loadChecked(*ws, first);
    const int events = countOf(*ws, QStringLiteral("SELECT count(*) FROM audit_event"));

    // The entries without the state: each missing engagement is scored in its place.
    QSqlQuery q = ws->query();
    REQUIRE(q.exec(QStringLiteral("DELETE FROM portfolio_entry WHERE engagement_id <> 2")));
    PortfolioCache someGone;
    checkSame(loadChecked(*ws, someGone), expected);
    CHECK(someGone.lastRescored() == 2);
    CHECK(someGone.lastReadStored());
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM portfolio_entry")) == 3);

    // Everything, through the store: a full scoring that stores it all again.
    REQUIRE(PortfolioStore(*ws, builtIn()).clear().ok());
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM portfolio_entry")) == 0);
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM portfolio_state")) == 0);
    PortfolioCache allGone;
    checkSame(loadChecked(*ws, allGone), expected);
    CHECK(allGone.lastRescored() == 3);
    CHECK_FALSE(allGone.lastReadStored());
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM portfolio_entry")) == 3);
    // The cache is not audited: no event was added by storing or deleting it.
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM audit_event")) == events);
}

TEST_CASE("A read-only workspace loads its stored portfolio and writes nothing")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, builtIn()).ok());
    PortfolioCache first;
    const Portfolio before = loadChecked(*ws, first);
    const qint64 through = storedThrough(*ws);
    REQUIRE(AnswerStore(*ws).save(3, {yesQuestion(*ws, 3), QStringLiteral("no"), {}, {}, {}}, builtIn()).ok());

    WorkspaceOptions readOnly;
    readOnly.readOnly = true;
    auto reader = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), readOnly);
    REQUIRE(reader->isReadOnly());
    PortfolioCache cache;
    const Portfolio loaded = loadChecked(*reader, cache);
    CHECK(cache.lastRescored() == 1);
    CHECK(cache.lastReadStored());
    checkSame(loaded, fullyScored(*ws));
    // Nothing stored: the state is where the writable workspace left it.
    CHECK(storedThrough(*ws) == through);
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM portfolio_entry")) == 3);
    // Nothing stored even with nothing to read.
    REQUIRE(PortfolioStore(*ws, builtIn()).clear().ok());
    PortfolioCache empty;
    checkSame(loadChecked(*reader, empty), loaded);
    CHECK(empty.lastRescored() == 3);
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM portfolio_entry")) == 0);
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM portfolio_state")) == 0);
}

TEST_CASE("A stored state of a later event is kept, an older one is brought up to date")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, builtIn()).ok());
    // Two processes: one loads, then another connection changes an answer and its process
    // stores the later state before the first one reloads.
    PortfolioCache earlier;
    loadChecked(*ws, earlier);
    auto other = test::openWorkspace(dir);
    PortfolioCache later;
    loadChecked(*other, later);
    CHECK(later.lastRescored() == 0);
    REQUIRE(AnswerStore(*other).save(2, {yesQuestion(*other, 2), QStringLiteral("no"), {}, {}, {}}, builtIn()).ok());
    loadChecked(*other, later);
    CHECK(later.lastRescored() == 1);
    const qint64 through = storedThrough(*ws);

    // The first process, in step with the older state, scores both changes since and writes them
    // over the later state; the result is current through its own trail end.
    REQUIRE(AnswerStore(*ws).save(3, {yesQuestion(*ws, 3), QStringLiteral("no"), {}, {}, {}}, builtIn()).ok());
    const Portfolio both = loadChecked(*ws, earlier);
    CHECK(earlier.lastRescored() == 2);
    CHECK(storedThrough(*ws) > through);
    checkSame(both, fullyScored(*ws));
    PortfolioCache next;
    checkSame(loadChecked(*ws, next), both);
    CHECK(next.lastRescored() == 0);

    // A store inside a change that is rolled back is rolled back with it.
    const Error rollback(QStringLiteral("rolled back"));
    const qint64 stored = storedThrough(*ws);
    PortfolioCache inside;
    auto undone = other->write([&]() -> Status {
        REQUIRE(AnswerStore(*other).save(2, {yesQuestion(*other, 2), QStringLiteral("no"), {}, {}, {}}, builtIn()).ok());
        loadChecked(*other, inside);
        CHECK(inside.lastRescored() == 1);
        CHECK(storedThrough(*other) == stored + 1);
        return rollback;
    });
    REQUIRE_FALSE(undone.ok());
    CHECK(storedThrough(*ws) == stored);
    PortfolioCache after;
    checkSame(loadChecked(*ws, after), both);
    CHECK(after.lastRescored() == 0);

    // Entries through an earlier event than the stored state's are not written.
    QSqlQuery q = ws->query();
    q.prepare(QStringLiteral("SELECT hash FROM audit_event WHERE id = ?"));
    q.addBindValue(stored - 1);
    REQUIRE(q.exec());
    REQUIRE(q.next());
    PortfolioEntry stale = *after.entry(1);
    stale.risks.clear();
    auto saved = PortfolioStore(*ws, builtIn()).save(AuditTrailPoint {stored - 1, q.value(0).toString()}, std::nullopt, {&stale}, {stale});
    REQUIRE(saved.ok());
    CHECK(*saved == PortfolioStore::Saved::Skipped);
    CHECK(storedThrough(*ws) == stored);
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM portfolio_entry")) == 3);
    PortfolioCache unchanged;
    checkSame(loadChecked(*ws, unchanged), both);
    CHECK(unchanged.lastRescored() == 0);
}

TEST_CASE("A portfolio entry reads back as it was written, titles from outside the library included")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    const PortfolioStore store(*ws, builtIn());
    PortfolioEntry entry;
    entry.engagement.id = 42;
    entry.engagement.client = QStringLiteral("Ærø Shipping");
    entry.engagement.periodStart = QDate(2026, 2, 1);
    entry.engagement.status = EngagementStatus::InReview;
    entry.engagement.createdAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
    RiskRating known;
    known.id = builtIn().risks().risks.at(0).id;
    known.title = builtIn().risks().risks.at(0).title;
    known.likelihood = Level::VeryHigh;
    known.impact = Level::Low;
    known.mitigationShare = 0.375;
    RiskRating own = known;
    own.id = QStringLiteral("risk.users_own");
    own.title = QStringLiteral("A user's own risk");
    own.overridden = true;
    entry.risks = {known, own};
    FamilyScore family;
    family.id = QStringLiteral("AC");
    family.title = QStringLiteral("Access Control (as an older catalogue titled it)");
    family.score = 62.5;
    family.controlsInScope = 7;
    FamilyScore unscored;
    unscored.id = QStringLiteral("PE");
    unscored.title = builtIn().controls().families().at(0).title;
    entry.families = {family, unscored};
    entry.openPoamByMonth = {{0, 2}, {202602, 5}};

    const QByteArray bytes = store.encode(entry);
    auto back = store.decode(bytes);
    REQUIRE(back.has_value());
    CHECK(back->engagement.id == 42);
    CHECK(back->engagement.client == entry.engagement.client);
    CHECK(back->engagement.periodStart == QDate(2026, 2, 1));
    CHECK_FALSE(back->engagement.periodEnd.isValid());
    CHECK(back->engagement.status == EngagementStatus::InReview);
    CHECK(back->engagement.createdAt == entry.engagement.createdAt);
    REQUIRE(back->risks.size() == 2);
    CHECK(back->risks.at(0).id == known.id);
    CHECK(back->risks.at(0).title == known.title);
    CHECK(back->risks.at(0).likelihood == Level::VeryHigh);
    CHECK(back->risks.at(0).impact == Level::Low);
    CHECK(back->risks.at(0).mitigationShare == 0.375);
    CHECK(back->risks.at(1).id == own.id);
    CHECK(back->risks.at(1).title == own.title);
    CHECK(back->risks.at(1).overridden);
    REQUIRE(back->families.size() == 2);
    CHECK(back->families.at(0).title == family.title);
    CHECK(back->families.at(0).score == 62.5);
    CHECK(back->families.at(0).controlsInScope == 7);
    CHECK(back->families.at(1).id == QStringLiteral("PE"));
    CHECK(back->families.at(1).title == unscored.title);
    CHECK_FALSE(back->families.at(1).score.has_value());
    CHECK(back->openPoamByMonth == entry.openPoamByMonth);
    // Another scorer's entry, a cut one, and one with bytes after its end are not read.
    CHECK_FALSE(PortfolioStore(*ws, builtIn(), QStringLiteral("other")).decode(bytes).has_value());
    CHECK_FALSE(store.decode(bytes.left(bytes.size() - 1)).has_value());
    CHECK_FALSE(store.decode(bytes + '\0').has_value());
}

TEST_CASE("A workspace of the previous schema gains an empty stored portfolio on upgrade")
{
    QTemporaryDir dir;
    WorkspaceOptions previous;
    previous.schemaVersion = 13;
    {
        auto old = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), previous);
        REQUIRE(old->schemaVersion() == 13);
        REQUIRE(buildDemo(*old, builtIn()).ok());
        CHECK_FALSE(test::tableNames(*old).contains(QStringLiteral("portfolio_entry")));
    }
    auto ws = test::openWorkspace(dir);
    CHECK(ws->schemaVersion() == 14);
    CHECK(test::tableNames(*ws).contains(QStringLiteral("portfolio_entry")));
    CHECK(test::tableNames(*ws).contains(QStringLiteral("portfolio_state")));
    CHECK(countOf(*ws, QStringLiteral("SELECT count(*) FROM portfolio_entry")) == 0);
    PortfolioCache first;
    const Portfolio scored = loadChecked(*ws, first);
    CHECK(first.lastRescored() == 3);
    CHECK(scored.riskCount() == 90);
    PortfolioCache second;
    checkSame(loadChecked(*ws, second), scored);
    CHECK(second.lastRescored() == 0);
}
