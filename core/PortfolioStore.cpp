#include "PortfolioStore.h"

#include "ContentLibrary.h"
#include "Workspace.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QVariant>
#include <QtEndian>

#include <type_traits>

namespace bulkhead {

namespace {

constexpr qint32 kNotInLibrary = -1;
constexpr quint32 kNullString = 0xFFFFFFFF;

// Entries are written and read field by field in little-endian order, without QDataStream: at
// 10,000 engagements its per-field device reads were most of a first load's time.
class EntryWriter {
public:
    explicit EntryWriter(QByteArray &out) : m_out(out) { }
    template<typename T> void number(T value)
    {
        static_assert(std::is_arithmetic_v<T>);
        char bytes[sizeof(T)];
        qToLittleEndian(value, bytes);
        m_out.append(bytes, sizeof(T));
    }
    void text(const QString &value)
    {
        if (value.isNull()) {
            number(kNullString);
            return;
        }
        number(quint32(value.size()));
        const qsizetype at = m_out.size();
        m_out.resize(at + value.size() * 2);
        qToLittleEndian<quint16>(value.utf16(), value.size(), m_out.data() + at);
    }
    void date(const QDate &value) { number(value.toJulianDay()); }
    void time(const QDateTime &value)
    {
        number(quint8(value.isValid()));
        number(value.isValid() ? value.toMSecsSinceEpoch() : qint64(0));
    }

private:
    QByteArray &m_out;
};

class EntryReader {
public:
    explicit EntryReader(const QByteArray &in) : m_at(in.constData()), m_end(in.constData() + in.size()) { }
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_at == m_end; }
    template<typename T> T number()
    {
        if (m_end - m_at < qsizetype(sizeof(T))) {
            m_ok = false;
            return T {};
        }
        const T value = qFromLittleEndian<T>(m_at);
        m_at += sizeof(T);
        return value;
    }
    QString text()
    {
        const quint32 size = number<quint32>();
        if (size == kNullString || !m_ok)
            return {};
        if (quint64(m_end - m_at) < quint64(size) * 2) {
            m_ok = false;
            return {};
        }
        QString value(qsizetype(size), Qt::Uninitialized);
        qFromLittleEndian<quint16>(m_at, size, value.data());
        m_at += qsizetype(size) * 2;
        return value;
    }
    QDate date() { return QDate::fromJulianDay(number<qint64>()); }
    QDateTime time()
    {
        const bool valid = number<quint8>() != 0;
        const qint64 msecs = number<qint64>();
        return valid ? QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC) : QDateTime();
    }
    std::optional<Level> level()
    {
        const quint8 byte = number<quint8>();
        if (byte > static_cast<quint8>(Level::VeryHigh))
            return std::nullopt;
        return static_cast<Level>(byte);
    }

private:
    const char *m_at;
    const char *m_end;
    bool m_ok = true;
};

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
    m_scorerTag = qFromBigEndian<quint64>(digest.constData());

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
    bytes.reserve(1024);
    EntryWriter out(bytes);
    out.number(quint8(kEntryFormat));
    out.number(m_scorerTag);
    const Engagement &e = entry.engagement;
    out.number(e.id);
    for (const QString *text : {&e.client, &e.system, &e.csp, &e.serviceModel, &e.architecture, &e.infrastructure, &e.impact, &e.assessor,
                                &e.reviewer, &e.baselineProfile, &e.approvedContentHash})
        out.text(*text);
    out.date(e.periodStart);
    out.date(e.periodEnd);
    out.number(quint8(e.status));
    out.time(e.createdAt);
    out.time(e.updatedAt);
    // Ids and titles the library has (nearly all) are written as their position in it.
    const auto named = [&out](const QHash<QString, qint32> &index, const QList<std::pair<QString, QString>> &known, const QString &id,
                              const QString &title) {
        const qint32 at = index.value(id, kNotInLibrary);
        if (at != kNotInLibrary && known.at(at).second == title) {
            out.number(at);
        } else {
            out.number(kNotInLibrary);
            out.text(id);
            out.text(title);
        }
    };
    out.number(quint32(entry.risks.size()));
    for (const RiskRating &r : entry.risks) {
        named(m_riskIndex, m_risks, r.id, r.title);
        for (Level level : {r.inherentLikelihood, r.inherentImpact, r.inherentLevel, r.likelihood, r.impact, r.level})
            out.number(static_cast<quint8>(level));
        out.number(r.mitigationShare);
        out.number(quint8(r.overridden));
    }
    out.number(quint32(entry.families.size()));
    for (const FamilyScore &f : entry.families) {
        named(m_familyIndex, m_families, f.id, f.title);
        out.number(quint8(f.score.has_value()));
        out.number(f.score.value_or(0.0));
        for (int n : {f.implemented, f.partial, f.notImplemented, f.controlsInScope, f.controlsSatisfied, f.controlsOtherThanSatisfied})
            out.number(qint32(n));
    }
    out.number(quint32(entry.openPoamByMonth.size()));
    for (const auto &[month, items] : entry.openPoamByMonth) {
        out.number(qint32(month));
        out.number(qint32(items));
    }
    return bytes;
}

std::optional<PortfolioEntry> PortfolioStore::decode(const QByteArray &bytes) const
{
    EntryReader in(bytes);
    if (in.number<quint8>() != kEntryFormat || in.number<quint64>() != m_scorerTag)
        return std::nullopt;
    PortfolioEntry entry;
    Engagement &e = entry.engagement;
    e.id = in.number<qint64>();
    for (QString *text : {&e.client, &e.system, &e.csp, &e.serviceModel, &e.architecture, &e.infrastructure, &e.impact, &e.assessor,
                          &e.reviewer, &e.baselineProfile, &e.approvedContentHash})
        *text = in.text();
    e.periodStart = in.date();
    e.periodEnd = in.date();
    const quint8 status = in.number<quint8>();
    if (status > quint8(EngagementStatus::Approved))
        return std::nullopt;
    e.status = static_cast<EngagementStatus>(status);
    e.createdAt = in.time();
    e.updatedAt = in.time();
    const auto named = [&in](const QList<std::pair<QString, QString>> &known, QString &id, QString &title) {
        const qint32 at = in.number<qint32>();
        if (at == kNotInLibrary) {
            id = in.text();
            title = in.text();
            return in.ok();
        }
        if (at < 0 || at >= known.size())
            return false;
        id = known.at(at).first; // shared with the library, not copied
        title = known.at(at).second;
        return true;
    };
    // A count cannot exceed the bytes left: a damaged one must not allocate gigabytes.
    const auto count = [&in, &bytes]() -> std::optional<quint32> {
        const quint32 n = in.number<quint32>();
        return in.ok() && n <= quint32(bytes.size()) ? std::optional(n) : std::nullopt;
    };
    auto risks = count();
    if (!risks)
        return std::nullopt;
    entry.risks.resize(*risks);
    for (RiskRating &r : entry.risks) {
        if (!named(m_risks, r.id, r.title))
            return std::nullopt;
        for (Level *field : {&r.inherentLikelihood, &r.inherentImpact, &r.inherentLevel, &r.likelihood, &r.impact, &r.level}) {
            const auto level = in.level();
            if (!level)
                return std::nullopt;
            *field = *level;
        }
        r.mitigationShare = in.number<double>();
        r.overridden = in.number<quint8>() != 0;
    }
    auto families = count();
    if (!families)
        return std::nullopt;
    entry.families.resize(*families);
    for (FamilyScore &f : entry.families) {
        if (!named(m_families, f.id, f.title))
            return std::nullopt;
        const bool scored = in.number<quint8>() != 0;
        const double score = in.number<double>();
        f.score = scored ? std::optional(score) : std::nullopt;
        for (int *n : {&f.implemented, &f.partial, &f.notImplemented, &f.controlsInScope, &f.controlsSatisfied, &f.controlsOtherThanSatisfied})
            *n = in.number<qint32>();
    }
    auto months = count();
    if (!months)
        return std::nullopt;
    entry.openPoamByMonth.reserve(*months);
    for (quint32 i = 0; i < *months; ++i) {
        const qint32 month = in.number<qint32>();
        const qint32 items = in.number<qint32>();
        entry.openPoamByMonth.append({month, items});
    }
    if (!in.ok() || !in.atEnd())
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
