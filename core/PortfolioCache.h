// Keeps the portfolio of one workspace between loads, so the dashboard's reload after an edit
// scores one engagement, not all of them (core/Portfolio.h says what a portfolio holds).
#pragma once

#include "Portfolio.h"
#include "PortfolioStore.h"
#include "Result.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace bulkhead {

class ContentLibrary;
class Workspace;

// Keeps the portfolio entries of one workspace between loads. Every change to a workspace
// appends an audit event, so the events after the last load name the engagements to score
// again; nothing changed, nothing is read but the end of the audit trail. A change that is not
// an engagement's (a setting such as the POA&M due days), a trail that does not continue the one
// last seen, another workspace or another library: everything is scored again.
//
// The entries are also kept in the workspace (PortfolioStore), so that the first load of a new
// process reads them and scores only the engagements changed since they were stored; a load
// that scored anything stores what it scored. A read-only workspace is read, never written.
class PortfolioCache {
public:
    // `scorerSalt`: tests only, stands for another version of the scoring code (PortfolioStore).
    explicit PortfolioCache(QString scorerSalt = {});

    // Uses the workspace's connection, so it runs on the thread that opened it. The portfolio
    // returned shares its data with the cache's own until one of them changes: release it
    // before the next load, or that load copies it whole.
    Result<Portfolio> load(Workspace &workspace, const ContentLibrary &library);
    // Forgets every entry in memory: the next load starts from the stored entries.
    void clear();
    // How many engagements the last load scored (for tests and the benchmark).
    int lastRescored() const { return m_lastRescored; }
    // The entry of an engagement as of the last load, if it had one.
    const PortfolioEntry *entry(qint64 engagementId) const;
    // Whether the last load started from the entries stored in the workspace.
    bool lastReadStored() const { return m_lastReadStored; }
    // Why the last load could not read or store the stored entries, if it could not; the load
    // itself went on without them (tests check this is empty).
    const std::optional<Error> &lastStoreError() const { return m_lastStoreError; }

private:
    using TrailEnd = AuditTrailPoint;
    static Result<TrailEnd> trailEnd(Workspace &workspace);
    // The engagements changed after `since`; nullopt when everything must be scored again.
    static Result<std::optional<QList<qint64>>> changedSince(Workspace &workspace, const TrailEnd &since);
    Status rescore(Workspace &workspace, const ContentLibrary &library, const QList<qint64> &ids);
    // Brings m_portfolio from `before` to `after` for the entry at `index`, in place; false when
    // the entry changed shape (other risks or families) and the portfolio must be made afresh.
    bool patch(const PortfolioEntry &before, const PortfolioEntry &after, qsizetype index);
    // Fills m_entries from the stored entries when they are in step with the trail; returns the
    // engagements to score on top of them, or nullopt when everything must be scored.
    Result<std::optional<QList<qint64>>> readStored(Workspace &workspace, PortfolioStore &store);
    // Stores what the load scored; a failure is kept in m_lastStoreError, not returned.
    void store(PortfolioStore &persisted, const TrailEnd &end);

    const Workspace *m_workspace = nullptr;
    QString m_path;
    const ContentLibrary *m_library = nullptr;
    std::optional<TrailEnd> m_seen; // the end of the trail the entries are up to date with
    QList<PortfolioEntry> m_entries; // by id: the workspace's order
    QHash<qint64, qsizetype> m_index; // engagement id -> position in m_entries
    // The portfolio of m_entries, kept so that a reload changes what changed and no more. Callers
    // get copies (shared until changed): drop yours before the next load, or it is copied whole.
    std::optional<Portfolio> m_portfolio;
    int m_lastRescored = 0;
    QString m_scorerSalt;
    // The stored state m_entries were last in step with (read or written), and the engagements
    // scored since; no base: the next store writes every entry.
    std::optional<TrailEnd> m_storedBase;
    QSet<qint64> m_unstored;
    bool m_lastReadStored = false;
    std::optional<Error> m_lastStoreError;
};

} // namespace bulkhead
