#include "PortfolioCache.h"

#include "EngagementStore.h"
#include "StoredEngagement.h"
#include "Workspace.h"

#include <QLoggingCategory>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace bulkhead {

Q_LOGGING_CATEGORY(lcPortfolio, "bulkhead.portfolio")

namespace {

// Workspace-wide changes that cannot move any engagement's score: report branding and the like
// (only the POA&M due days among the settings do), and a baseline import (imported baselines
// never change, and an engagement names one only through an audited change of its own).
bool changesNoScore(const QString &action, const QString &entity)
{
    if (action == QLatin1String("setting.change"))
        return !entity.startsWith(QLatin1String("setting:poam."));
    return action == QLatin1String("baseline.import");
}

} // namespace

PortfolioCache::PortfolioCache(QString scorerSalt)
    : m_scorerSalt(std::move(scorerSalt))
{
}

Result<PortfolioCache::TrailEnd> PortfolioCache::trailEnd(Workspace &workspace)
{
    QSqlQuery q = workspace.query();
    if (!q.exec(QStringLiteral("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")))
        return workspace.sqlError(q, QStringLiteral("reading the end of the audit trail"));
    if (!q.next())
        return TrailEnd {};
    return TrailEnd {q.value(0).toLongLong(), q.value(1).toString()};
}

Result<std::optional<QList<qint64>>> PortfolioCache::changedSince(Workspace &workspace, const TrailEnd &since)
{
    QSqlQuery q = workspace.query();
    if (since.id > 0) {
        // The trail must continue the one the entries were made from: a rolled-back change the
        // entries had seen, or a trail rewritten behind the program's back, starts over.
        q.prepare(QStringLiteral("SELECT hash FROM audit_event WHERE id = ?"));
        q.addBindValue(since.id);
        if (!q.exec())
            return workspace.sqlError(q, QStringLiteral("reading the audit trail"));
        if (!q.next() || q.value(0).toString() != since.hash)
            return std::optional<QList<qint64>>();
    }
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT engagement_id, action, entity FROM audit_event WHERE id > ? ORDER BY id"));
    q.addBindValue(since.id);
    if (!q.exec())
        return workspace.sqlError(q, QStringLiteral("reading the audit trail"));
    QList<qint64> changed;
    while (q.next()) {
        if (q.value(0).isNull()) {
            if (changesNoScore(q.value(1).toString(), q.value(2).toString()))
                continue;
            return std::optional<QList<qint64>>(); // a workspace-wide change: score everything
        }
        const qint64 id = q.value(0).toLongLong();
        if (!changed.contains(id))
            changed.append(id);
    }
    return std::optional(changed);
}

bool PortfolioCache::patch(const PortfolioEntry &before, const PortfolioEntry &after, qsizetype index)
{
    if (!m_portfolio || before.risks.size() != after.risks.size() || before.families.size() != after.families.size())
        return false;
    for (qsizetype i = 0; i < before.families.size(); ++i) {
        if (before.families.at(i).id != after.families.at(i).id)
            return false;
    }
    Portfolio &p = *m_portfolio;
    p.engagements[index] = after.engagement;
    --p.engagementsByStatus[before.engagement.status];
    ++p.engagementsByStatus[after.engagement.status];
    qsizetype offset = 0; // where the entry's ratings start in currentRisks
    for (qsizetype i = 0; i < index; ++i)
        offset += m_entries.at(i).risks.size();
    for (qsizetype i = 0; i < after.risks.size(); ++i) {
        const RiskRating &was = before.risks.at(i);
        const RiskRating &now = after.risks.at(i);
        --p.residualRisks[static_cast<size_t>(was.likelihood)][static_cast<size_t>(was.impact)];
        ++p.residualRisks[static_cast<size_t>(now.likelihood)][static_cast<size_t>(now.impact)];
        p.currentRisks[offset + i] = now;
    }
    for (const auto &[month, items] : before.openPoamByMonth) {
        const QString key = portfolioDueMonthKey(month);
        if ((p.openPoamByDueMonth[key] -= items) <= 0)
            p.openPoamByDueMonth.remove(key);
    }
    for (const auto &[month, items] : after.openPoamByMonth)
        p.openPoamByDueMonth[portfolioDueMonthKey(month)] += items;
    const qint64 id = after.engagement.id;
    for (const FamilyScore &score : after.families) {
        const auto family
            = std::find_if(p.families.begin(), p.families.end(), [&score](const PortfolioFamily &f) { return f.id == score.id; });
        if (family == p.families.end())
            return false;
        // byEngagement is in engagement order.
        auto &scores = family->byEngagement;
        const auto at = std::lower_bound(scores.begin(), scores.end(), id,
                                         [](const std::pair<qint64, std::optional<double>> &s, qint64 key) { return s.first < key; });
        if (at == scores.end() || at->first != id)
            return false;
        at->second = score.score;
        family->meanScore = meanScoreOf(*family);
    }
    return true;
}

Status PortfolioCache::rescore(Workspace &workspace, const ContentLibrary &library, const QList<qint64> &ids)
{
    for (qint64 id : ids) {
        auto stored = loadAndScore(workspace, library, id);
        if (!stored)
            return stored.error();
        PortfolioEntry entry = portfolioEntryOf(*stored);
        ++m_lastRescored;
        m_unstored.insert(id);
        if (const auto at = m_index.constFind(id); at != m_index.cend()) {
            if (!patch(m_entries.at(*at), entry, *at))
                m_portfolio.reset();
            m_entries[*at] = std::move(entry);
            continue;
        }
        m_portfolio.reset(); // a new engagement: made afresh
        // Engagements keep the workspace's order (by id); new ones have the highest ids.
        const auto before = std::upper_bound(m_entries.cbegin(), m_entries.cend(), id,
                                             [](qint64 key, const PortfolioEntry &e) { return key < e.engagement.id; });
        const qsizetype position = before - m_entries.cbegin();
        m_entries.insert(position, std::move(entry));
        if (position + 1 == m_entries.size()) {
            m_index.insert(id, position);
        } else {
            for (qsizetype i = position; i < m_entries.size(); ++i)
                m_index.insert(m_entries.at(i).engagement.id, i);
        }
    }
    return {};
}

Result<std::optional<QList<qint64>>> PortfolioCache::readStored(Workspace &workspace, PortfolioStore &store)
{
    const auto everything = std::optional<QList<qint64>>();
    auto state = store.state();
    if (!state)
        return state.error();
    if (!*state || (*state)->scorer != store.scorer())
        return everything;
    // The stored entries are current through their event only if the trail still runs through it.
    auto since = changedSince(workspace, (*state)->through);
    if (!since)
        return since.error();
    if (!*since)
        return everything;
    auto stored = store.entries();
    if (!stored)
        return stored.error();
    // The workspace's engagements, rather than the stored entries, say which engagements there
    // are: one whose entry is missing (deleted, or another program's) is scored in its place.
    auto ids = store.engagementIds();
    if (!ids)
        return ids.error();
    QList<qint64> toScore = **since;
    QSet<qint64> scored(toScore.cbegin(), toScore.cend());
    m_entries.reserve(ids->size());
    m_index.reserve(ids->size());
    qsizetype next = 0;
    for (qint64 id : std::as_const(*ids)) {
        while (next < stored->size() && stored->at(next).engagement.id < id)
            ++next;
        if (next < stored->size() && stored->at(next).engagement.id == id) {
            m_entries.append(std::move((*stored)[next]));
        } else {
            PortfolioEntry missing; // scored below, in its place
            missing.engagement.id = id;
            m_entries.append(std::move(missing));
            if (!scored.contains(id)) {
                scored.insert(id);
                toScore.append(id);
            }
        }
        m_index.insert(id, m_entries.size() - 1);
    }
    m_storedBase = (*state)->through;
    m_lastReadStored = true;
    return std::optional(toScore);
}

void PortfolioCache::store(PortfolioStore &persisted, const TrailEnd &end)
{
    QList<const PortfolioEntry *> changed;
    changed.reserve(m_unstored.size());
    for (qint64 id : std::as_const(m_unstored)) {
        if (const PortfolioEntry *e = entry(id))
            changed.append(e);
    }
    auto saved = persisted.save(end, m_storedBase, changed, m_entries);
    if (!saved) {
        // The portfolio is right; only the next new process will be slower. Said, not hidden.
        m_lastStoreError = saved.error();
        qCWarning(lcPortfolio).noquote() << "could not store the portfolio:" << saved.error().toString();
        return;
    }
    if (*saved == PortfolioStore::Saved::Skipped)
        return; // a later state is stored: ours stays the base the next store counts from
    m_storedBase = end;
    m_unstored.clear();
}

Result<Portfolio> PortfolioCache::load(Workspace &workspace, const ContentLibrary &library)
{
    m_lastRescored = 0;
    m_lastReadStored = false;
    m_lastStoreError.reset();
    // Read before scoring: a change committed meanwhile has a later event and is seen next time.
    auto end = trailEnd(workspace);
    if (!end)
        return end.error();
    PortfolioStore stored(workspace, library, m_scorerSalt);
    std::optional<QList<qint64>> changed;
    const bool inMemory = m_seen && m_workspace == &workspace && m_path == workspace.path() && m_library == &library;
    if (inMemory) {
        if (*m_seen == *end) {
            changed = QList<qint64>();
        } else if (end->id > m_seen->id) {
            auto since = changedSince(workspace, *m_seen);
            if (!since)
                return since.error();
            changed = *since;
        }
    }
    m_seen.reset(); // until the entries are complete again
    if (!inMemory) {
        m_entries.clear();
        m_index.clear();
        m_portfolio.reset();
        m_storedBase.reset();
        m_unstored.clear();
        auto fromStore = readStored(workspace, stored);
        if (fromStore) {
            changed = *fromStore;
        } else {
            // Unreadable stored entries are scored again, as if there were none.
            m_lastStoreError = fromStore.error();
            qCWarning(lcPortfolio).noquote() << "could not read the stored portfolio:" << fromStore.error().toString();
        }
    }
    if (!changed) {
        m_lastReadStored = false;
        m_entries.clear();
        m_index.clear();
        m_portfolio.reset();
        m_storedBase.reset(); // every entry is stored afresh
        m_unstored.clear();
        auto all = EngagementStore(workspace).list();
        if (!all)
            return all.error();
        QList<qint64> ids;
        ids.reserve(all->size());
        for (const auto &e : *all)
            ids.append(e.id);
        m_entries.reserve(ids.size());
        changed = ids;
    }
    if (auto scored = rescore(workspace, library, *changed); !scored) {
        clear();
        return scored.error();
    }
    m_workspace = &workspace;
    m_path = workspace.path();
    m_library = &library;
    m_seen = *end;
    if (m_lastRescored > 0 && !workspace.isReadOnly())
        store(stored, *end);
    if (!m_portfolio)
        m_portfolio = portfolioOf(m_entries);
    return *m_portfolio;
}

void PortfolioCache::clear()
{
    m_seen.reset();
    m_storedBase.reset();
    m_unstored.clear();
    m_portfolio.reset();
    m_entries.clear();
    m_index.clear();
    m_workspace = nullptr;
    m_library = nullptr;
    m_path.clear();
}

const PortfolioEntry *PortfolioCache::entry(qint64 engagementId) const
{
    const auto at = m_index.constFind(engagementId);
    return at == m_index.cend() ? nullptr : &m_entries.at(*at);
}

} // namespace bulkhead
