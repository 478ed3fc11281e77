#include "PortfolioStore.h"

#include "ContentLibrary.h"
#include "Workspace.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QIODevice>
#include <QSqlQuery>
#include <QVariant>

namespace bulkhead {

namespace {

constexpr qint32 kNotInLibrary = -1;

// Every entry starts with the format and the scorer's tag, so that an entry written by another
// program version between reading the state and reading the entries is never taken for ours.
void setUp(QDataStream &stream)
{
    stream.setVersion(QDataStream::Qt_6_0);
    stream.setByteOrder(QDataStream::LittleEndian); // no byte swapping on the machines we run on
}

quint8 levelByte(Level level)
{
    return static_cast<quint8>(level);
}

std::optional<Level> levelOf(quint8 byte)
{
    if (byte > static_cast<quint8>(Level::VeryHigh))
        return std::nullopt;
    return static_cast<Level>(byte);
}

} // namespace

PortfolioStore::PortfolioStore(Workspace &workspace, const ContentLibrary &library, const QString &scorerSalt)
    : m_ws(workspace)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QStringLiteral("portfolio-entry %1 %2\n").arg(kEntryFormat).arg(scorerSalt).toUtf8());
    for (const Questionnaire &q : library.questionnaires())
        hash.addData(QStringLiteral("questionnaire %1 %2 %3\n").arg(q.key).arg(q.version).arg(q.sha256).toUtf8());
    for (const CatalogueText &c : library.catalogueTexts())
        hash.addData(QStringLiteral("catalogue %1 %2\n").arg(c.kind, c.sha256).toUtf8());
    const QByteArray digest = hash.result();
    m_scorer = QString::fromLatin1(digest.toHex());
    QDataStream tag(digest.left(8));
    tag >> m_scorerTag;

    for (const RiskDefinition &risk : library.risks().risks) {
        m_riskIndex.insert(risk.id, static_cast<qint32>(m_risks.size()));
        m_risks.append({risk.id, risk.title});
    }
    for (const ControlFamily &family : library.controls().families()) {
        m_familyIndex.insert(family.id, static_cast<qint32>(m_families.size()));
        m_families.append({family.id, family.title});
    }
}

QByteArray PortfolioStore::encode(const PortfolioEntry &entry) const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    setUp(out);
    out << quint8(kEntryFormat) << m_scorerTag;
    const Engagement &e = entry.engagement;
    out << e.id << e.client << e.system << e.csp << e.serviceModel << e.architecture << e.infrastructure << e.impact << e.assessor
        << e.reviewer << e.periodStart << e.periodEnd << e.baselineProfile << quint8(e.status) << e.createdAt << e.updatedAt
        << e.approvedContentHash;
    // Ids and titles the library has (nearly all) are written as its position in the library.
    const auto named = [&out](const QHash<QString, qint32> &index, const QList<std::pair<QString, QString>> &known, const QString &id,
                              const QString &title) {
        const qint32 at = index.value(id, kNotInLibrary);
        if (at != kNotInLibrary && known.at(at).second == title) {
            out << at;
        } else {
            out << kNotInLibrary << id << title;
        }
    };
    out << quint32(entry.risks.size());
    for (const RiskRating &r : entry.risks) {
        named(m_riskIndex, m_risks, r.id, r.title);
        out << levelByte(r.inherentLikelihood) << levelByte(r.inherentImpact) << levelByte(r.inherentLevel) << levelByte(r.likelihood)
            << levelByte(r.impact) << levelByte(r.level) << r.mitigationShare << r.overridden;
    }
    out << quint32(entry.families.size());
    for (const FamilyScore &f : entry.families) {
        named(m_familyIndex, m_families, f.id, f.title);
        out << f.score.has_value() << f.score.value_or(0.0) << qint32(f.implemented) << qint32(f.partial) << qint32(f.notImplemented)
            << qint32(f.controlsInScope) << qint32(f.controlsSatisfied) << qint32(f.controlsOtherThanSatisfied);
    }
    out << quint32(entry.openPoamByMonth.size());
    for (const auto &[month, items] : entry.openPoamByMonth)
        out << qint32(month) << qint32(items);
    return bytes;
}

std::optional<PortfolioEntry> PortfolioStore::decode(const QByteArray &bytes) const
{
    QDataStream in(bytes);
    setUp(in);
    quint8 format = 0;
    quint64 tag = 0;
    in >> format >> tag;
    if (format != kEntryFormat || tag != m_scorerTag)
        return std::nullopt;
    PortfolioEntry entry;
    Engagement &e = entry.engagement;
    quint8 status = 0;
    in >> e.id >> e.client >> e.system >> e.csp >> e.serviceModel >> e.architecture >> e.infrastructure >> e.impact >> e.assessor
        >> e.reviewer >> e.periodStart >> e.periodEnd >> e.baselineProfile >> status >> e.createdAt >> e.updatedAt >> e.approvedContentHash;
    if (status > quint8(EngagementStatus::Approved))
        return std::nullopt;
    e.status = static_cast<EngagementStatus>(status);
    const auto named = [&in](const QList<std::pair<QString, QString>> &known, QString &id, QString &title) {
        qint32 at = kNotInLibrary;
        in >> at;
        if (at == kNotInLibrary) {
            in >> id >> title;
            return true;
        }
        if (at < 0 || at >= known.size())
            return false;
        id = known.at(at).first;
        title = known.at(at).second;
        return true;
    };
    quint32 count = 0;
    in >> count;
    if (count > quint32(bytes.size()))
        return std::nullopt;
    entry.risks.resize(count);
    for (RiskRating &r : entry.risks) {
        if (!named(m_risks, r.id, r.title))
            return std::nullopt;
        quint8 levels[6] = {};
        for (quint8 &l : levels)
            in >> l;
        in >> r.mitigationShare >> r.overridden;
        Level *fields[6] = {&r.inherentLikelihood, &r.inherentImpact, &r.inherentLevel, &r.likelihood, &r.impact, &r.level};
        for (int i = 0; i < 6; ++i) {
            const auto level = levelOf(levels[i]);
            if (!level)
                return std::nullopt;
            *fields[i] = *level;
        }
    }
    in >> count;
    if (count > quint32(bytes.size()))
        return std::nullopt;
    entry.families.resize(count);
    for (FamilyScore &f : entry.families) {
        if (!named(m_families, f.id, f.title))
            return std::nullopt;
        bool scored = false;
        double score = 0;
        qint32 n[6] = {};
        in >> scored >> score;
        for (qint32 &v : n)
            in >> v;
        f.score = scored ? std::optional(score) : std::nullopt;
        f.implemented = n[0];
        f.partial = n[1];
        f.notImplemented = n[2];
        f.controlsInScope = n[3];
        f.controlsSatisfied = n[4];
        f.controlsOtherThanSatisfied = n[5];
    }
    in >> count;
    if (count > quint32(bytes.size()))
        return std::nullopt;
    entry.openPoamByMonth.reserve(count);
    for (quint32 i = 0; i < count; ++i) {
        qint32 month = 0, items = 0;
        in >> month >> items;
        entry.openPoamByMonth.append({month, items});
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return std::nullopt;
    return entry;
}

Result<std::optional<PortfolioState>> PortfolioStore::state() const
{
    QSqlQuery q = m_ws.query();
    if (!q.exec(QStringLiteral("SELECT through_event_id, through_hash, scorer FROM portfolio_state")))
        return m_ws.sqlError(q, QStringLiteral("reading the stored portfolio"));
    if (!q.next())
        return std::optional<PortfolioState>();
    return std::optional(PortfolioState {{q.value(0).toLongLong(), q.value(1).toString()}, q.value(2).toString()});
}

Result<QList<PortfolioEntry>> PortfolioStore::entries() const
{
    QSqlQuery q = m_ws.query();
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT engagement_id, entry FROM portfolio_entry ORDER BY engagement_id")))
        return m_ws.sqlError(q, QStringLiteral("reading the stored portfolio"));
    QList<PortfolioEntry> all;
    while (q.next()) {
        auto entry = decode(q.value(1).toByteArray());
        if (entry && entry->engagement.id == q.value(0).toLongLong())
            all.append(std::move(*entry));
    }
    return all;
}

Result<QList<qint64>> PortfolioStore::engagementIds() const
{
    QSqlQuery q = m_ws.query();
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id FROM engagement ORDER BY id")))
        return m_ws.sqlError(q, QStringLiteral("listing engagements"));
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

Status PortfolioStore::writeEntry(const PortfolioEntry &entry, bool replace)
{
    QSqlQuery q = m_ws.query();
    q.prepare(replace ? QStringLiteral("INSERT INTO portfolio_entry (engagement_id, entry) VALUES (?, ?) "
                                       "ON CONFLICT (engagement_id) DO UPDATE SET entry = excluded.entry")
                      : QStringLiteral("INSERT INTO portfolio_entry (engagement_id, entry) VALUES (?, ?)"));
    q.addBindValue(entry.engagement.id);
    q.addBindValue(encode(entry));
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("storing the portfolio entry of engagement %1").arg(entry.engagement.id));
    return {};
}

Result<PortfolioStore::Saved> PortfolioStore::save(const AuditTrailPoint &through, const std::optional<AuditTrailPoint> &base,
                                                   const QList<const PortfolioEntry *> &changed, const QList<PortfolioEntry> &all)
{
    Saved saved = Saved::Rewritten;
    const Status written = m_ws.write([&]() -> Status {
        // Several processes (a team's PostgreSQL workspace) may store their entries; writes are
        // serialised (Workspace::write), and each decides here, from what is stored now:
        //  - a state made through a later event of this same trail stays: it is newer than ours
        //    (our entries are not, in general, a superset of what it saw);
        //  - a state of this scorer through `base` or later, and not later than ours, gets only
        //    the entries we scored since `base`: every engagement changed after the stored state
        //    changed after `base` too, so the result is current through `through`;
        //  - anything else (no state, another scorer, a state off the trail, one older than the
        //    base our changes count from) is replaced whole.
        auto stored = state();
        if (!stored)
            return stored.error();
        bool onTrail = false;
        if (*stored) {
            QSqlQuery q = m_ws.query();
            q.prepare(QStringLiteral("SELECT hash FROM audit_event WHERE id = ?"));
            q.addBindValue((*stored)->through.id);
            if (!q.exec())
                return m_ws.sqlError(q, QStringLiteral("reading the audit trail"));
            onTrail = (*stored)->through.id == 0 || (q.next() && q.value(0).toString() == (*stored)->through.hash);
        }
        if (onTrail && (*stored)->through.id > through.id) {
            saved = Saved::Skipped;
            return {};
        }
        QSqlQuery q = m_ws.query();
        if (onTrail && (*stored)->scorer == m_scorer && base && base->id <= (*stored)->through.id) {
            saved = Saved::Changed;
            for (const PortfolioEntry *entry : changed) {
                if (auto ok = writeEntry(*entry, true); !ok)
                    return ok;
            }
        } else {
            saved = Saved::Rewritten;
            if (!q.exec(QStringLiteral("DELETE FROM portfolio_entry")))
                return m_ws.sqlError(q, QStringLiteral("replacing the stored portfolio"));
            for (const PortfolioEntry &entry : all) {
                if (auto ok = writeEntry(entry, false); !ok)
                    return ok;
            }
        }
        q.prepare(QStringLiteral("INSERT INTO portfolio_state (id, through_event_id, through_hash, scorer) VALUES (1, ?, ?, ?) "
                                 "ON CONFLICT (id) DO UPDATE SET through_event_id = excluded.through_event_id, "
                                 "through_hash = excluded.through_hash, scorer = excluded.scorer"));
        q.addBindValue(through.id);
        q.addBindValue(sqlText(through.hash));
        q.addBindValue(m_scorer);
        if (!q.exec())
            return m_ws.sqlError(q, QStringLiteral("storing the portfolio's state"));
        return {};
    });
    if (!written)
        return written.error();
    return saved;
}

Status PortfolioStore::clear()
{
    return m_ws.write([this]() -> Status {
        QSqlQuery q = m_ws.query();
        if (!q.exec(QStringLiteral("DELETE FROM portfolio_state")) || !q.exec(QStringLiteral("DELETE FROM portfolio_entry")))
            return m_ws.sqlError(q, QStringLiteral("deleting the stored portfolio"));
        return {};
    });
}

} // namespace bulkhead
