#include "Portfolio.h"

#include "EngagementStore.h"
#include "PortfolioCache.h"
#include "StoredEngagement.h"

#include <QHash>

#include <algorithm>
#include <map>

namespace bulkhead {

namespace {

// A POA&M item counts as open until it is closed; the scorer creates them "open".
bool isOpen(const PoamItem &item)
{
    return item.status != QLatin1String("closed");
}

// A due month as a number: year * 100 + month (the month subtracted for years before 1, so that
// every month has its own number); 0 for no due date.
int dueMonth(const QDate &due)
{
    if (!due.isValid())
        return 0;
    int year = 0, month = 0, day = 0;
    due.getDate(&year, &month, &day);
    return year * 100 + (year < 0 ? -month : month);
}

} // namespace

// "2026-03", as QDate::toString("yyyy-MM") writes the month; empty for no due date.
QString portfolioDueMonthKey(int key)
{
    if (key == 0)
        return {};
    const int year = key / 100;
    const int month = key < 0 ? -(key % 100) : key % 100;
    if (year < 1 || year > 9999)
        return QDate(year, month, 1).toString(QStringLiteral("yyyy-MM"));
    return QStringLiteral("%1-%2").arg(year, 4, 10, QLatin1Char('0')).arg(month, 2, 10, QLatin1Char('0'));
}

namespace {

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

PortfolioEntry portfolioEntryOf(const StoredEngagement &stored)
{
    const ScoreCard &card = stored.card;
    PortfolioEntry entry;
    entry.engagement = stored.engagement;
    // Reasons are dropped by assigning an empty list: clear() on a list shared with the card
    // would keep a buffer of the same capacity, and 10,000 engagements' worth adds up.
    entry.risks.reserve(card.risks.size());
    for (const auto &risk : card.risks) {
        RiskRating kept = risk;
        kept.reasons = QStringList();
        entry.risks.append(std::move(kept));
    }
    const auto shown = [](const FamilyScore &score) { return score.controlsInScope > 0 || score.score; };
    entry.families.reserve(std::count_if(card.families.cbegin(), card.families.cend(), shown));
    for (const auto &score : card.families) {
        if (!shown(score))
            continue;
        FamilyScore kept = score;
        kept.reasons = QStringList();
        entry.families.append(std::move(kept));
    }
    std::map<int, int> byMonth;
    for (const auto &item : card.poam) {
        if (isOpen(item))
            ++byMonth[dueMonth(item.due)];
    }
    entry.openPoamByMonth.reserve(static_cast<qsizetype>(byMonth.size()));
    for (const auto &[month, items] : byMonth)
        entry.openPoamByMonth.append({month, items});
    return entry;
}

Portfolio portfolioOf(const QList<StoredEngagement> &engagements)
{
    QList<PortfolioEntry> entries;
    entries.reserve(engagements.size());
    for (const auto &stored : engagements)
        entries.append(portfolioEntryOf(stored));
    return portfolioOf(entries);
}

Portfolio portfolioOf(const QList<PortfolioEntry> &entries)
{
    Portfolio portfolio;
    for (auto status : {EngagementStatus::Draft, EngagementStatus::InReview, EngagementStatus::Approved})
        portfolio.engagementsByStatus.insert(status, 0);
    portfolio.engagements.reserve(entries.size());
    qsizetype risks = 0;
    for (const auto &entry : entries)
        risks += entry.risks.size();
    portfolio.currentRisks.reserve(risks);
    // Counted by number, and by index into the families list: with 10,000 engagements this loop
    // runs a million times, and text keys and searches would be most of its cost.
    std::map<int, int> openByMonth;
    QHash<QString, qsizetype> familyIndex;
    for (const auto &entry : entries) {
        portfolio.engagements.append(entry.engagement);
        ++portfolio.engagementsByStatus[entry.engagement.status];
        portfolio.currentRisks.append(entry.risks);
        for (const auto &risk : entry.risks)
            ++portfolio.residualRisks[static_cast<size_t>(risk.likelihood)][static_cast<size_t>(risk.impact)];
        for (const auto &[month, items] : entry.openPoamByMonth)
            openByMonth[month] += items;
        for (qsizetype i = 0; i < entry.families.size(); ++i) {
            const FamilyScore &score = entry.families.at(i);
            // Engagements scored with the same catalogue list their families in the same order.
            qsizetype at = i;
            if (at >= portfolio.families.size() || portfolio.families.at(at).id != score.id) {
                auto found = familyIndex.constFind(score.id);
                if (found == familyIndex.cend()) {
                    found = familyIndex.insert(score.id, portfolio.families.size());
                    portfolio.families.append(PortfolioFamily {score.id, score.title, std::nullopt, {}});
                    portfolio.families.last().byEngagement.reserve(entries.size());
                }
                at = *found;
            }
            portfolio.families[at].byEngagement.append({entry.engagement.id, score.score});
        }
    }
    for (const auto &[month, items] : openByMonth)
        portfolio.openPoamByDueMonth.insert(portfolioDueMonthKey(month), items);
    for (auto &family : portfolio.families)
        family.meanScore = meanScoreOf(family);
    return portfolio;
}

std::optional<double> meanScoreOf(const PortfolioFamily &family)
{
    double sum = 0;
    int scored = 0;
    for (const auto &[id, score] : family.byEngagement) {
        if (score) {
            sum += *score;
            ++scored;
        }
    }
    return scored > 0 ? std::optional(sum / scored) : std::nullopt;
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
    PortfolioCache once;
    return once.load(workspace, library);
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
