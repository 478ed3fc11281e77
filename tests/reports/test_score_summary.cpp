// The plain-text score summary that `bulkhead-cli score` prints.
#include "Engagement.h"
#include "ScoreCard.h"
#include "ScoreSummaryText.h"
#include "TestSupport.h"

#include <catch2/catch.hpp>

using namespace bulkhead;

TEST_CASE("The text summary lays out families, risks and POA&M in columns")
{
    Engagement e;
    e.id = 4;
    e.client = QStringLiteral("Acme Corp");
    e.system = QStringLiteral("Orders API");
    e.csp = QStringLiteral("Google Cloud (GKE)");
    e.architecture = QStringLiteral("typical");
    ScoreCard card;
    card.baseline = QStringLiteral("moderate");
    card.controls
        = {{QStringLiteral("AC-2"), QStringLiteral("AC"), QStringLiteral("Account Management"), ControlDetermination::Satisfied, {}, {}},
           {QStringLiteral("AC-3"), QStringLiteral("AC"), QStringLiteral("Access Enforcement"), ControlDetermination::NotAssessed, {}, {}}};
    FamilyScore ac;
    ac.id = QStringLiteral("AC");
    ac.title = QStringLiteral("Access Control");
    ac.score = 87.5;
    ac.controlsInScope = 2;
    FamilyScore mp;
    mp.id = QStringLiteral("MP");
    mp.title = QStringLiteral("Media Protection");
    mp.controlsInScope = 1;
    FamilyScore sr; // no control in scope: left out
    sr.id = QStringLiteral("SR");
    sr.title = QStringLiteral("Supply Chain Risk Management");
    card.families = {ac, mp, sr};
    RiskRating r;
    r.title = QStringLiteral("A risk title that is far too long to fit into the forty-eight columns");
    r.level = Level::High;
    r.likelihood = Level::VeryHigh;
    r.impact = Level::High;
    r.overridden = true;
    card.risks = {r};
    PoamItem p;
    p.id = QStringLiteral("POAM-001");
    p.due = QDate(2026, 12, 28);
    p.level = Level::High;
    p.title = QStringLiteral("IR-4 Incident Handling is other than satisfied");
    card.poam = {p};

    const QStringList lines = scoreSummaryText(e, card).split(QLatin1Char('\n'));
    REQUIRE(lines.size() == 14); // 13 lines and the empty text after the last newline
    CHECK(lines.at(0) == QStringLiteral("Engagement 4: Acme Corp / Orders API on Google Cloud (GKE)"));
    CHECK(lines.at(1)
          == QStringLiteral("  architecture typical, infrastructure traditional, FIPS 199 moderate (baseline moderate), status draft"));
    CHECK(lines.at(2)
          == QStringLiteral("  controls in baseline: 2 (satisfied 1, other than satisfied 0, not assessed 1, not applicable 0)"));
    CHECK(lines.at(4) == QStringLiteral("  Family scores"));
    CHECK(lines.at(5) == QStringLiteral("    AC Access Control                                       87.5%"));
    CHECK(lines.at(6) == QStringLiteral("    MP Media Protection                              not assessed"));
    CHECK(lines.at(8) == QStringLiteral("  Risks (residual)"));
    CHECK(lines.at(9)
          == QStringLiteral(
              "    A risk title that is far too long to fit into t\u2026 High       likelihood Very High  impact High (overridden)"));
    CHECK(lines.at(11) == QStringLiteral("  POA&M items: 1"));
    CHECK(lines.at(12) == QStringLiteral("    POAM-001  due 2026-12-28  High      IR-4 Incident Handling is other than satisfied"));
}
