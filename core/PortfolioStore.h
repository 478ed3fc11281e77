// The portfolio entries kept in the workspace between program runs (schema step 14), so that a
// new process opens the dashboard by reading them instead of scoring every engagement again.
// They are derived from the audited tables and are not audited themselves: deleting them costs
// one slow load and nothing else. PortfolioCache decides when to read and write them.
#pragma once

#include "Portfolio.h"
#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace bulkhead {

class ContentLibrary;
class Workspace;

// One event of the audit trail, by id and hash: how far something derived from it is current.
struct AuditTrailPoint {
    qint64 id = 0;
    QString hash;
    bool operator==(const AuditTrailPoint &) const = default;
};

// Up to which event the stored entries are current, and what scored them.
struct PortfolioState {
    AuditTrailPoint through;
    QString scorer;
};

class PortfolioStore {
public:
    // Bump whenever scoring or the entry encoding changes: stored entries of another version are
    // scored again.
    static constexpr int kEntryFormat = 1;

    // `scorerSalt` stands, in tests, for another version of the scoring code.
    PortfolioStore(Workspace &workspace, const ContentLibrary &library, const QString &scorerSalt = {});

    // What scores depend on besides the workspace's rows: this scoring code (kEntryFormat) and
    // the content library (every questionnaire and catalogue text it holds, by SHA-256).
    const QString &scorer() const { return m_scorer; }

    // The stored state; none when nothing was stored (or it was deleted).
    Result<std::optional<PortfolioState>> state() const;
    // The stored entries in engagement order; an entry this scorer did not make, or that cannot
    // be read, is left out (its engagement is then scored again).
    Result<QList<PortfolioEntry>> entries() const;
    // Every engagement's id, in the workspace's order.
    Result<QList<qint64>> engagementIds() const;

    enum class Saved {
        Changed, // the entries changed since `base` were written
        Rewritten, // every entry was written afresh
        Skipped, // another process had stored a later state: left as it was
    };
    // Stores the entries as current through `through`, in one transaction. `base` is the state
    // the caller's entries were last in step with (read or written), `changed` those it scored
    // since; when the stored state is not `base` or a later one made by this scorer, `all` is
    // written instead. The workspace must be writable.
    Result<Saved> save(const AuditTrailPoint &through, const std::optional<AuditTrailPoint> &base,
                       const QList<const PortfolioEntry *> &changed, const QList<PortfolioEntry> &all);
    // Deletes every stored entry and the state.
    Status clear();

    QByteArray encode(const PortfolioEntry &entry) const;
    std::optional<PortfolioEntry> decode(const QByteArray &bytes) const;

private:
    Status writeEntry(const PortfolioEntry &entry, bool replace);

    Workspace &m_ws;
    QString m_scorer;
    quint64 m_scorerTag = 0; // the first 8 bytes of the scorer, in every entry
    // The library's risks and families by position: an entry refers to them by number rather
    // than repeating their ids and titles, and decoded entries share the library's strings.
    QList<std::pair<QString, QString>> m_risks;
    QList<std::pair<QString, QString>> m_families;
    QHash<QString, qint32> m_riskIndex;
    QHash<QString, qint32> m_familyIndex;
};

} // namespace bulkhead
