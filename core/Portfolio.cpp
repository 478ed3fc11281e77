#include "Portfolio.h"

#include "EngagementStore.h"
#include "StoredEngagement.h"

#include <QHash>

#include <algorithm>

namespace bulkhead {

namespace {

// A POA&M item counts as open until it is closed; the scorer creates them "open".
bool isOpen(const PoamItem &item)
{
    return item.status != QLatin1String("closed");
}

PortfolioFamily &familyEntry(QList<PortfolioFamily> &families, const FamilyScore &score)
{
    for (auto &f : families) {
        if (f.id == score.id)
            return f;
    }
    families.append(PortfolioFamily {score.id, score.title, std::nullopt, {}});
    return families.last();
}

// Earlier rounds first: by assessment period, then by when the engagement was created.
bool roundBefore(const Engagement &a, const Engagement &b)
{
    if (a.periodStart != b.periodStart) {
        if (!a.periodStart.isValid() || !b.periodStart.isValid())
            return !a.periodStart.isValid(); // an unknown period sorts first
        return a.periodStart < b.periodStart;
    }
    if (a.createdAt != b.createdAt)
        return a.createdAt < b.createdAt;
    return a.id < b.id;
}

} // namespace

int Portfolio::riskCount() const
{
    int total = 0;
    for (const auto &row : residualRisks) {
        for (int n : row)
            total += n;
    }
    return total;
}

int Portfolio::openPoamCount() const
{
    int total = 0;
    for (int n : openPoamByDueMonth)
        total += n;
    return total;
}

Portfolio portfolioOf(const QList<StoredEngagement> &engagements)
{
    Portfolio portfolio;
    for (auto status : {EngagementStatus::Draft, EngagementStatus::InReview, EngagementStatus::Approved})
        portfolio.engagementsByStatus.insert(status, 0);
    for (const auto &stored : engagements) {
        const ScoreCard &card = stored.card;
        portfolio.engagements.append(stored.engagement);
        ++portfolio.engagementsByStatus[stored.engagement.status];
        portfolio.currentRisks.append(card.risks);
        for (const auto &risk : card.risks)
            ++portfolio.residualRisks[static_cast<size_t>(risk.likelihood)][static_cast<size_t>(risk.impact)];
        for (const auto &item : card.poam) {
            if (isOpen(item))
                ++portfolio.openPoamByDueMonth[item.due.isValid() ? item.due.toString(QStringLiteral("yyyy-MM")) : QString()];
        }
        for (const auto &score : card.families) {
            if (score.controlsInScope == 0 && !score.score)
                continue;
            familyEntry(portfolio.families, score).byEngagement.append({stored.engagement.id, score.score});
        }
    }
    for (auto &family : portfolio.families) {
        double sum = 0;
        int scored = 0;
        for (const auto &[id, score] : family.byEngagement) {
            if (score) {
                sum += *score;
                ++scored;
            }
        }
        if (scored > 0)
            family.meanScore = sum / scored;
    }
    return portfolio;
}

Result<QList<StoredEngagement>> scoreEngagements(Workspace &workspace, const ContentLibrary &library)
{
    auto engagements = EngagementStore(workspace).list();
    if (!engagements)
        return engagements.error();
    QList<StoredEngagement> scored;
    scored.reserve(engagements->size());
    for (const auto &e : *engagements) {
        auto stored = loadAndScore(workspace, library, e.id);
        if (!stored)
            return stored.error();
        scored.append(std::move(*stored));
    }
    return scored;
}

Result<Portfolio> loadPortfolio(Workspace &workspace, const ContentLibrary &library)
{
    auto scored = scoreEngagements(workspace, library);
    if (!scored)
        return scored.error();
    return portfolioOf(*scored);
}

std::optional<double> FamilyDelta::delta() const
{
    if (!before || !after)
        return std::nullopt;
    return *after - *before;
}

RoundComparison compareRounds(const StoredEngagement &earlier, const StoredEngagement &later)
{
    RoundComparison comparison;
    comparison.earlierId = earlier.engagement.id;
    comparison.laterId = later.engagement.id;

    QHash<QString, const ControlResult *> controlsBefore;
    for (const auto &c : earlier.card.controls)
        controlsBefore.insert(c.id, &c);
    for (const auto &after : later.card.controls) {
        const ControlResult *before = controlsBefore.value(after.id);
        if (!before)
            continue;
        const ControlChange change {after.id, after.family, after.title, before->result, after.result};
        if (before->result == ControlDetermination::OtherThanSatisfied && after.result == ControlDetermination::Satisfied)
            comparison.improved.append(change);
        else if (before->result == ControlDetermination::Satisfied && after.result == ControlDetermination::OtherThanSatisfied)
            comparison.regressed.append(change);
    }

    QHash<QString, Level> risksBefore;
    for (const auto &r : earlier.card.risks)
        risksBefore.insert(r.id, r.level);
    for (const auto &after : later.card.risks) {
        const auto found = risksBefore.constFind(after.id);
        if (found == risksBefore.cend() || *found == after.level)
            continue;
        const RiskChange change {after.id, after.title, *found, after.level};
        (after.level < *found ? comparison.risksDown : comparison.risksUp).append(change);
    }

    for (const auto &score : later.card.families) {
        FamilyDelta delta {score.id, score.title, std::nullopt, score.score};
        for (const auto &b : earlier.card.families) {
            if (b.id == score.id)
                delta.before = b.score;
        }
        if (delta.before || delta.after)
            comparison.families.append(delta);
    }
    for (const auto &b : earlier.card.families) {
        const bool seen
            = std::any_of(comparison.families.cbegin(), comparison.families.cend(), [&b](const FamilyDelta &d) { return d.id == b.id; });
        if (!seen && b.score)
            comparison.families.append(FamilyDelta {b.id, b.title, b.score, std::nullopt});
    }
    return comparison;
}

std::optional<std::pair<qint64, qint64>> latestRounds(const QList<Engagement> &engagements)
{
    QList<Engagement> sorted = engagements;
    std::stable_sort(sorted.begin(), sorted.end(), roundBefore);
    // From the newest round down: the first one with an earlier round of the same system wins.
    for (qsizetype later = sorted.size() - 1; later > 0; --later) {
        const Engagement &l = sorted.at(later);
        for (qsizetype earlier = later - 1; earlier >= 0; --earlier) {
            const Engagement &e = sorted.at(earlier);
            if (e.client == l.client && e.system == l.system)
                return std::make_pair(e.id, l.id);
        }
    }
    return std::nullopt;
}

} // namespace bulkhead
