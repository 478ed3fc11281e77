// Figures across the engagements of a workspace, for the manager's dashboard: where the
// residual risks sit, how each control family scores, when open POA&M items fall due, how many
// engagements are at each workflow stage; and how one client changed between two rounds.
// Everything is computed from score cards (loadAndScore), so it agrees with every report.
//
// A portfolio keeps only what it shows of each engagement (PortfolioEntry: a few kilobytes, not
// the content, answers and explanations of a full score card), so that 10,000 engagements fit in
// memory; PortfolioCache keeps the entries between loads and rescores only what changed.
#pragma once

#include "Engagement.h"
#include "Levels.h"
#include "Result.h"
#include "ScoreCard.h"

#include <QList>
#include <QMap>
#include <QString>

#include <array>
#include <optional>
#include <utility>

namespace bulkhead {

class ContentLibrary;
class Workspace;
struct StoredEngagement;

// counts[likelihood][impact], each index 0 (very low) .. 4 (very high).
using RiskGrid = std::array<std::array<int, 5>, 5>;

struct PortfolioFamily {
    QString id; // "AC"
    QString title;
    std::optional<double> meanScore; // mean over the engagements that scored the family; percent
    QList<std::pair<qint64, std::optional<double>>> byEngagement; // engagement id, its score
};

// What a portfolio keeps of one scored engagement.
struct PortfolioEntry {
    Engagement engagement;
    QList<RiskRating> risks; // residual ratings, without their reasons
    QList<FamilyScore> families; // those in scope or scored, without their reasons
    // POA&M items not closed, by due month: (year * 100 + month, items) in month order; 0 for
    // items without a due date. Counted here, once, so a portfolio adds up numbers.
    QList<std::pair<int, int>> openPoamByMonth;
};

PortfolioEntry portfolioEntryOf(const StoredEngagement &stored);

struct Portfolio {
    QList<Engagement> engagements; // in the workspace's order
    RiskGrid residualRisks {}; // current risks of every engagement, summed
    QList<RiskRating> currentRisks; // the ratings behind residualRisks, engagement by engagement (without reasons)
    QList<PortfolioFamily> families; // in catalogue order
    QMap<QString, int> openPoamByDueMonth; // "2026-03" -> items not closed due that month
    QMap<EngagementStatus, int> engagementsByStatus; // every status, zero included

    int riskCount() const;
    int openPoamCount() const;
};

// The portfolio of already scored engagements (pure: no workspace).
Portfolio portfolioOf(const QList<StoredEngagement> &engagements);
Portfolio portfolioOf(const QList<PortfolioEntry> &entries);
// The mean of a family's scores over the engagements that scored it.
std::optional<double> meanScoreOf(const PortfolioFamily &family);
// "2026-03" for a PortfolioEntry::openPoamByMonth key, as a portfolio counts it; empty for 0.
QString portfolioDueMonthKey(int month);
// Loads and scores every engagement of the workspace, in its order; fails on the first that
// cannot be read. Uses the workspace's connection, so it runs on the thread that opened it.
// Holds every full score card at once: for a few engagements (tests, comparisons).
Result<QList<StoredEngagement>> scoreEngagements(Workspace &workspace, const ContentLibrary &library);
// The portfolio of every engagement of the workspace, scored one at a time (PortfolioCache,
// without keeping it for the next load).
Result<Portfolio> loadPortfolio(Workspace &workspace, const ContentLibrary &library);

struct ControlChange {
    QString id;
    QString family;
    QString title;
    ControlDetermination before = ControlDetermination::NotAssessed;
    ControlDetermination after = ControlDetermination::NotAssessed;
};

struct RiskChange {
    QString id;
    QString title;
    Level before = Level::Moderate; // residual level in the earlier round
    Level after = Level::Moderate;
};

struct FamilyDelta {
    QString id;
    QString title;
    std::optional<double> before;
    std::optional<double> after;
    std::optional<double> delta() const; // after - before, when both rounds scored the family
};

struct RoundComparison {
    qint64 earlierId = 0;
    qint64 laterId = 0;
    QList<ControlChange> improved; // other than satisfied -> satisfied
    QList<ControlChange> regressed; // satisfied -> other than satisfied
    QList<RiskChange> risksDown; // residual level fell
    QList<RiskChange> risksUp; // residual level rose
    QList<FamilyDelta> families; // every family either round scored, in the later round's order
};

// Controls and risks are matched by id; one that only one round has is left out.
RoundComparison compareRounds(const StoredEngagement &earlier, const StoredEngagement &later);

// The two latest rounds (earlier, later) of one client's system: engagements with the same
// client and system, ordered by assessment period start (then creation). None when no client
// has been assessed twice; of several, the pair whose later round is newest.
std::optional<std::pair<qint64, qint64>> latestRounds(const QList<Engagement> &engagements);

} // namespace bulkhead
