#include "EngagementStore.h"

#include "AnswerStore.h"
#include "AuditTrail.h"
#include "BaselineProfiles.h"
#include "CataloguePins.h"
#include "ContentLibrary.h"
#include "EngagementJson.h"
#include "EvidenceStore.h"
#include "PoamPolicySettings.h"
#include "QuestionnairePins.h"
#include "Workspace.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace bulkhead {

namespace {

const QString kSelect
    = QStringLiteral("SELECT id, client, system_name, csp, service_model, architecture, infrastructure, impact, assessor, reviewer, "
                     "status, approved_hash, created_at, updated_at, period_start, period_end, baseline_profile FROM engagement");

Engagement readEngagement(const QSqlQuery &q)
{
    Engagement e;
    e.id = q.value(0).toLongLong();
    e.client = q.value(1).toString();
    e.system = q.value(2).toString();
    e.csp = q.value(3).toString();
    e.serviceModel = q.value(4).toString();
    e.architecture = q.value(5).toString();
    e.infrastructure = q.value(6).toString();
    e.impact = q.value(7).toString();
    e.assessor = q.value(8).toString();
    e.reviewer = q.value(9).toString();
    e.status = parseEngagementStatus(q.value(10).toString()).value_or(EngagementStatus::Draft);
    e.approvedContentHash = q.value(11).toString();
    e.createdAt = fromStoredTime(q.value(12).toString());
    e.updatedAt = fromStoredTime(q.value(13).toString());
    e.periodStart = QDate::fromString(q.value(14).toString(), Qt::ISODate);
    e.periodEnd = QDate::fromString(q.value(15).toString(), Qt::ISODate);
    e.baselineProfile = q.value(16).toString();
    return e;
}

Status checkFields(const Engagement &e)
{
    auto check = [](const QString &value, const QStringList &allowed, const QString &field) -> Status {
        if (!allowed.contains(value))
            return Error {QStringLiteral("%1 '%2' is not one of %3").arg(field, value, allowed.join(QStringLiteral(", ")))};
        return {};
    };
    if (e.client.trimmed().isEmpty())
        return Error {QStringLiteral("the client name is empty")};
    if (e.system.trimmed().isEmpty())
        return Error {QStringLiteral("the system name is empty")};
    if (e.csp.trimmed().isEmpty())
        return Error {QStringLiteral("the cloud service provider is empty")};
    if (e.periodStart.isValid() && e.periodEnd.isValid() && e.periodEnd < e.periodStart)
        return Error {QStringLiteral("the assessment period ends (%1) before it starts (%2)")
                          .arg(e.periodEnd.toString(Qt::ISODate), e.periodStart.toString(Qt::ISODate))};
    for (const Status &s : {check(e.architecture, engagement_values::architectures(), QStringLiteral("architecture")),
                            check(e.infrastructure, engagement_values::infrastructures(), QStringLiteral("infrastructure")),
                            check(e.impact, engagement_values::impacts(), QStringLiteral("impact level")),
                            check(e.serviceModel, engagement_values::serviceModels(), QStringLiteral("service model"))}) {
        if (!s)
            return s;
    }
    return {};
}

void normalise(Engagement &e)
{
    for (QString *field : {&e.client, &e.system, &e.csp, &e.assessor, &e.reviewer, &e.baselineProfile})
        *field = field->trimmed();
}

void bindFields(QSqlQuery &q, const Engagement &e)
{
    q.addBindValue(e.client);
    q.addBindValue(e.system);
    q.addBindValue(e.csp);
    q.addBindValue(e.serviceModel);
    q.addBindValue(e.architecture);
    q.addBindValue(e.infrastructure);
    q.addBindValue(e.impact);
    q.addBindValue(baselineKey(e.baseline()));
    q.addBindValue(sqlText(e.assessor));
    q.addBindValue(sqlText(e.reviewer));
    q.addBindValue(sqlText(e.periodStart.toString(Qt::ISODate)));
    q.addBindValue(sqlText(e.periodEnd.toString(Qt::ISODate)));
    // NULL, not '', when there is none: the column refers to baseline_profile.
    q.addBindValue(e.baselineProfile.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(e.baselineProfile));
}

QString entityOf(qint64 id)
{
    return QStringLiteral("engagement:%1").arg(id);
}

} // namespace

Status EngagementStore::checkProfile(const Engagement &e) const
{
    if (e.baselineProfile.isEmpty())
        return {};
    auto profile = BaselineProfiles(m_ws).get(e.baselineProfile);
    if (!profile)
        return profile.error();
    return {};
}

Result<qint64> EngagementStore::create(Engagement e, const ContentLibrary &library)
{
    normalise(e); // what is stored is what is audited
    if (auto fields = checkFields(e); !fields)
        return fields.error();
    qint64 id = 0;
    const QString now = toStoredTime(m_ws.now());
    auto done = m_ws.write([&]() -> Status {
        if (auto profile = checkProfile(e); !profile)
            return profile;
        QSqlQuery q = m_ws.query();
        q.prepare(QStringLiteral(
            "INSERT INTO engagement (client, system_name, csp, service_model, architecture, infrastructure, impact, baseline, "
            "assessor, reviewer, period_start, period_end, baseline_profile, status, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?) RETURNING id"));
        bindFields(q, e);
        q.addBindValue(now);
        q.addBindValue(now);
        if (!q.exec() || !q.next())
            return m_ws.sqlError(q, QStringLiteral("creating the engagement"));
        id = q.value(0).toLongLong();
        q.finish();
        e.id = id;
        if (auto logged = AuditTrail(m_ws).append(id, QStringLiteral("engagement.create"), entityOf(id), {}, toJson(e)); !logged)
            return logged;
        QuestionnairePins pins(m_ws);
        for (const auto &questionnaire : library.questionnaires()) {
            if (auto pinned = pins.pin(id, questionnaire); !pinned)
                return pinned.error();
        }
        return CataloguePins(m_ws).pin(id, library);
    });
    if (!done)
        return done.error();
    return id;
}

Result<QList<Engagement>> EngagementStore::list() const
{
    QSqlQuery q = m_ws.query();
    if (!q.exec(kSelect + QStringLiteral(" ORDER BY id")))
        return m_ws.sqlError(q, QStringLiteral("listing engagements"));
    QList<Engagement> all;
    while (q.next())
        all.append(readEngagement(q));
    return all;
}

Result<Engagement> EngagementStore::get(qint64 id) const
{
    QSqlQuery q = m_ws.query();
    q.prepare(kSelect + QStringLiteral(" WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("reading engagement %1").arg(id));
    if (!q.next())
        return Error {QStringLiteral("there is no engagement %1 in this workspace").arg(id), m_ws.path()};
    return readEngagement(q);
}

Status EngagementStore::checkEditable(qint64 id) const
{
    if (m_ws.isReadOnly())
        return Error {QStringLiteral("the workspace is read-only (%1)").arg(m_ws.readOnlyReason()), m_ws.path()};
    // Only the status decides, and every change of an engagement's records asks: read just that.
    const PreparedQuery q = m_ws.prepared(QStringLiteral("SELECT status FROM engagement WHERE id = ?"));
    q.bind({id});
    if (!q->exec())
        return m_ws.sqlError(*q, QStringLiteral("reading engagement %1").arg(id));
    if (!q->next())
        return Error {QStringLiteral("there is no engagement %1 in this workspace").arg(id), m_ws.path()};
    if (parseEngagementStatus(q->value(0).toString()).value_or(EngagementStatus::Draft) == EngagementStatus::Approved)
        return Error {QStringLiteral("engagement %1 is approved and cannot be changed; reopen it with a reason first").arg(id),
                      m_ws.path()};
    return {};
}

Status EngagementStore::update(const Engagement &requested)
{
    Engagement changed = requested;
    normalise(changed);
    if (auto fields = checkFields(changed); !fields)
        return fields;
    return m_ws.write([&]() -> Status {
        auto before = get(changed.id);
        if (!before)
            return before.error();
        if (auto editable = checkEditable(changed.id); !editable)
            return editable;
        if (auto profile = checkProfile(changed); !profile)
            return profile;
        QSqlQuery q = m_ws.query();
        q.prepare(QStringLiteral("UPDATE engagement SET client = ?, system_name = ?, csp = ?, service_model = ?, architecture = ?, "
                                 "infrastructure = ?, impact = ?, baseline = ?, assessor = ?, reviewer = ?, period_start = ?, "
                                 "period_end = ?, baseline_profile = ?, updated_at = ? WHERE id = ?"));
        bindFields(q, changed);
        q.addBindValue(toStoredTime(m_ws.now()));
        q.addBindValue(changed.id);
        if (!q.exec())
            return m_ws.sqlError(q, QStringLiteral("changing engagement %1").arg(changed.id));
        auto after = get(changed.id); // what was written, as it reads back
        if (!after)
            return after.error();
        return AuditTrail(m_ws).append(changed.id, QStringLiteral("engagement.update"), entityOf(changed.id), toJson(*before),
                                       toJson(*after));
    });
}

Status EngagementStore::submit(qint64 id)
{
    return transition(id, EngagementStatus::Draft, std::nullopt, EngagementStatus::InReview, QStringLiteral("engagement.submit"), {});
}

Status EngagementStore::approve(qint64 id)
{
    return transition(id, EngagementStatus::InReview, std::nullopt, EngagementStatus::Approved, QStringLiteral("engagement.approve"), {});
}

Status EngagementStore::reopen(qint64 id, const QString &reason)
{
    if (reason.trimmed().isEmpty())
        return Error {QStringLiteral("reopening engagement %1 needs a reason").arg(id)};
    return transition(id, EngagementStatus::InReview, EngagementStatus::Approved, EngagementStatus::Draft,
                      QStringLiteral("engagement.reopen"), reason.trimmed());
}

Status EngagementStore::transition(qint64 id, EngagementStatus from1, std::optional<EngagementStatus> from2, EngagementStatus to,
                                   const QString &action, const QString &reason)
{
    return m_ws.write([&]() -> Status {
        auto e = get(id);
        if (!e)
            return e.error();
        if (e->status != from1 && (!from2 || e->status != *from2))
            return Error {QStringLiteral("engagement %1 is %2; %3 needs it to be %4")
                              .arg(id)
                              .arg(engagementStatusKey(e->status), action.section(QLatin1Char('.'), 1),
                                   from2 ? engagementStatusKey(from1) + QStringLiteral(" or ") + engagementStatusKey(*from2)
                                         : engagementStatusKey(from1)),
                          m_ws.path()};
        QString hash;
        std::optional<PoamPolicy> policy; // in force at approval, frozen with the content
        if (to == EngagementStatus::Approved) {
            auto inForce = poamPolicyFromSettings(m_ws);
            if (!inForce)
                return inForce.error();
            policy = *inForce;
            // The status still reads in_review: the policy is passed, not looked up.
            auto h = contentHash(id, policy);
            if (!h)
                return h.error();
            hash = *h;
        }
        QSqlQuery q = m_ws.query();
        q.prepare(QStringLiteral("UPDATE engagement SET status = ?, approved_hash = ?, updated_at = ? WHERE id = ?"));
        q.addBindValue(engagementStatusKey(to));
        q.addBindValue(hash.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(hash));
        q.addBindValue(toStoredTime(m_ws.now()));
        q.addBindValue(id);
        if (!q.exec())
            return m_ws.sqlError(q, QStringLiteral("changing the status of engagement %1").arg(id));
        QJsonObject after = {{QStringLiteral("status"), engagementStatusKey(to)}};
        if (!hash.isEmpty())
            after.insert(QStringLiteral("content_hash"), hash);
        if (policy)
            after.insert(QStringLiteral("poam_due_days"), poamDueDaysJson(*policy));
        if (!reason.isEmpty())
            after.insert(QStringLiteral("reason"), reason);
        return AuditTrail(m_ws).append(id, action, entityOf(id), {{QStringLiteral("status"), engagementStatusKey(e->status)}}, after);
    });
}

Result<PoamPolicy> EngagementStore::approvedPoamPolicy(qint64 id) const
{
    // The trail, not a column: it is append-only and hash-chained, and needs no schema change.
    QSqlQuery q = m_ws.query();
    q.prepare(QStringLiteral("SELECT after_state FROM audit_event WHERE engagement_id = ? AND action = 'engagement.approve' "
                             "ORDER BY id DESC LIMIT 1"));
    q.addBindValue(id);
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("reading the approval of engagement %1").arg(id));
    if (!q.next())
        return PoamPolicy();
    const QJsonObject after = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    return poamPolicyFromJson(after.value(QStringLiteral("poam_due_days")).toObject());
}

Result<QString> EngagementStore::contentHash(qint64 id) const
{
    auto e = get(id);
    if (!e)
        return e.error();
    if (e->status != EngagementStatus::Approved)
        return contentHash(id, std::nullopt);
    auto policy = approvedPoamPolicy(id);
    if (!policy)
        return policy.error();
    return contentHash(id, *policy);
}

Result<QString> EngagementStore::contentHash(qint64 id, const std::optional<PoamPolicy> &approvalPolicy) const
{
    auto e = get(id);
    if (!e)
        return e.error();
    auto pins = QuestionnairePins(m_ws).pinned(id);
    if (!pins)
        return pins.error();
    auto catalogues = CataloguePins(m_ws).pinned(id);
    if (!catalogues)
        return catalogues.error();
    const AnswerStore answers(m_ws);
    auto given = answers.answers(id);
    if (!given)
        return given.error();
    auto overrides = answers.riskOverrides(id);
    if (!overrides)
        return overrides.error();
    auto evidence = EvidenceStore(m_ws).list(id);
    if (!evidence)
        return evidence.error();
    QJsonObject record = toJson(*e);
    record.remove(QStringLiteral("status")); // the hash is of content, not of workflow state
    QStringList keys = pins->keys();
    std::sort(keys.begin(), keys.end());
    QJsonArray pinned;
    for (const auto &k : keys)
        pinned.append(QJsonArray {k, pins->value(k).version, pins->value(k).sha256});
    QJsonArray answerArray;
    for (const auto &a : *given)
        answerArray.append(toJson(a));
    QJsonArray overrideArray;
    for (const auto &o : *overrides)
        overrideArray.append(toJson(o));
    QJsonObject all = {{QStringLiteral("engagement"), record},
                       {QStringLiteral("questionnaires"), pinned},
                       {QStringLiteral("answers"), answerArray},
                       {QStringLiteral("risk_overrides"), overrideArray}};
    // Engagements from before catalogues were pinned have none; their hash stays what it was.
    if (!catalogues->isEmpty()) {
        QJsonArray pinnedCatalogues;
        for (const auto &c : *catalogues)
            pinnedCatalogues.append(QJsonArray {c.kind, c.sha256});
        all.insert(QStringLiteral("catalogues"), pinnedCatalogues);
    }
    // The due days an approval froze decide the POA&M's due dates, so they are content. They
    // are hashed only when they differ from the defaults: an approval without recorded days
    // (made before they were a setting) had the defaults in force, and so did every approval
    // under default settings, and all of those must keep hashing exactly as they always did
    // (audit verify compares with the hash recorded then; reports cite it). An engagement that
    // is not approved hashes without them: its due dates follow the live settings.
    // Evidence is what findings rest on; an engagement without any hashes as it did before
    // evidence could be attached.
    if (!evidence->isEmpty()) {
        QJsonArray attached;
        for (const auto &item : *evidence)
            attached.append(toJson(item));
        all.insert(QStringLiteral("evidence"), attached);
    }
    if (approvalPolicy && !isDefaultPoamPolicy(*approvalPolicy))
        all.insert(QStringLiteral("poam_due_days"), poamDueDaysJson(*approvalPolicy));
    const QByteArray bytes = QJsonDocument(all).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace bulkhead
