#include "AuditReconciliation.h"

#include "AnswerStore.h"
#include "AuditTrail.h"
#include "CataloguePins.h"
#include "EngagementJson.h"
#include "EngagementStore.h"
#include "EvidenceStore.h"
#include "ObservationRecords.h"
#include "QuestionnairePins.h"
#include "Workspace.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMap>
#include <QSqlQuery>

namespace bulkhead {

namespace {

QJsonObject parse(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

// The state of every record as the trail tells it, keyed by the events' entity names.
struct TrailState {
    QMap<qint64, QJsonObject> engagements;
    QMap<qint64, QString> approvedHashes;
    QMap<QString, QJsonObject> pins;
    QMap<QString, QJsonObject> cataloguePins;
    QMap<QString, QJsonObject> evidence;
    QMap<QString, QJsonObject> answers;
    QMap<QString, QJsonObject> overrides;
    QMap<QString, QJsonObject> scans;
    QMap<QString, QJsonObject> proposals;

    explicit TrailState(const QList<AuditEvent> &events)
    {
        for (const auto &e : events) {
            const QJsonObject after = parse(e.after);
            const qint64 id = e.engagementId.value_or(0);
            if (e.action == QLatin1String("engagement.create") || e.action == QLatin1String("engagement.update")) {
                engagements.insert(id, after);
            } else if (e.action.startsWith(QLatin1String("engagement."))) {
                engagements[id].insert(QStringLiteral("status"), after.value(QStringLiteral("status")));
                if (e.action == QLatin1String("engagement.approve"))
                    approvedHashes.insert(id, after.value(QStringLiteral("content_hash")).toString());
                else
                    approvedHashes.remove(id);
            } else if (e.action == QLatin1String("questionnaire.pin")) {
                pins.insert(e.entity, after);
            } else if (e.action == QLatin1String("catalogue.pin")) {
                cataloguePins.insert(e.entity, after);
            } else if (e.action == QLatin1String("evidence.add")) {
                evidence.insert(e.entity, after);
            } else if (e.action == QLatin1String("answer.save")) {
                answers.insert(e.entity, after);
            } else if (e.action == QLatin1String("risk.override")) {
                overrides.insert(e.entity, after);
            } else if (e.action == QLatin1String("scan.import")) {
                scans.insert(e.entity, after);
            } else if (e.action == QLatin1String("answer.propose") || e.action.startsWith(QLatin1String("answer.proposal."))) {
                proposals.insert(e.entity, after);
            }
        }
    }
};

// Compares stored records with the trail's, one kind at a time; returns the first mismatch.
template<typename Records> QString compare(const Records &stored, QMap<QString, QJsonObject> audited, const QString &kind)
{
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        if (!audited.contains(it.key()))
            return QStringLiteral("%1 %2 has no audit event that created it").arg(kind, it.key());
        if (audited.take(it.key()) != it.value())
            return QStringLiteral("%1 %2 differs from the last audit event that changed it").arg(kind, it.key());
    }
    if (!audited.isEmpty())
        return QStringLiteral("%1 %2 was removed without an audit event").arg(kind, audited.firstKey());
    return {};
}

// Observations are audited per imported file: how many, the first and last row id, and (since
// the digest was added) the SHA-256 of the rows' JSON. Imports recorded before the digest are
// held to the count and the id range.
QString compareScans(const QMap<QString, QList<StoredObservation>> &stored, QMap<QString, QJsonObject> audited)
{
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        if (!audited.contains(it.key()))
            return QStringLiteral("the observations of %1 have no audit event that created them").arg(it.key());
        const QJsonObject event = audited.take(it.key());
        const QList<StoredObservation> &rows = it.value();
        const QString digest = event.value(QStringLiteral("observations_sha256")).toString();
        if (event.value(QStringLiteral("observations")).toInteger() != rows.size()
            || event.value(QStringLiteral("first_observation")).toInteger() != rows.first().id
            || event.value(QStringLiteral("last_observation")).toInteger() != rows.last().id
            || (!digest.isEmpty() && digest != observationsDigest(rows)))
            return QStringLiteral("the observations of %1 differ from what their import recorded").arg(it.key());
    }
    for (auto it = audited.cbegin(); it != audited.cend(); ++it) {
        if (it.value().value(QStringLiteral("observations")).toInteger() > 0)
            return QStringLiteral("the observations of %1 were removed without an audit event").arg(it.key());
    }
    return {};
}

} // namespace

Status reconcileWithTrail(Workspace &ws, const QList<AuditEvent> &events, AuditVerification &v)
{
    const TrailState trail(events);
    EngagementStore engagementStore(ws);
    const AnswerStore answerStore(ws);
    const QuestionnairePins pinStore(ws);
    const CataloguePins catalogueStore(ws);
    auto all = engagementStore.list();
    if (!all)
        return all.error();

    QMap<QString, QJsonObject> engagements, pins, cataloguePins, evidence, answers, overrides, proposed;
    QMap<QString, QList<StoredObservation>> scans;
    QMap<QString, QJsonObject> auditedEngagements;
    for (auto it = trail.engagements.cbegin(); it != trail.engagements.cend(); ++it)
        auditedEngagements.insert(QStringLiteral("engagement:%1").arg(it.key()), it.value());
    for (const auto &e : *all) {
        const QString entity = QStringLiteral("engagement:%1").arg(e.id);
        engagements.insert(entity, toJson(e));
        auto pinned = pinStore.pinned(e.id);
        if (!pinned)
            return pinned.error();
        for (auto p = pinned->cbegin(); p != pinned->cend(); ++p)
            pins.insert(QStringLiteral("%1/questionnaire:%2").arg(entity, p.key()),
                        {{QStringLiteral("questionnaire"), p.key()},
                         {QStringLiteral("version"), p->version},
                         {QStringLiteral("sha256"), p->sha256}});
        auto catalogues = catalogueStore.pinned(e.id);
        if (!catalogues)
            return catalogues.error();
        for (const auto &c : *catalogues)
            cataloguePins.insert(QStringLiteral("%1/catalogue:%2").arg(entity).arg(c.position),
                                 {{QStringLiteral("catalogue"), c.kind}, {QStringLiteral("sha256"), c.sha256}});
        auto attached = EvidenceStore(ws).list(e.id);
        if (!attached)
            return attached.error();
        for (const auto &item : *attached)
            evidence.insert(QStringLiteral("%1/evidence:%2").arg(entity).arg(item.id), toJson(item));
        auto given = answerStore.answers(e.id);
        if (!given)
            return given.error();
        for (const auto &a : *given)
            answers.insert(QStringLiteral("%1/answer:%2").arg(entity, a.questionId), toJson(a));
        auto overridden = answerStore.riskOverrides(e.id);
        if (!overridden)
            return overridden.error();
        for (const auto &o : *overridden)
            overrides.insert(QStringLiteral("%1/risk:%2").arg(entity, o.riskId), toJson(o));
        auto observed = observations(ws, e.id);
        if (!observed)
            return observed.error();
        for (const auto &o : *observed)
            scans[scanImportEntity(e.id, o.evidenceId)].append(o);
        auto made = proposals(ws, e.id);
        if (!made)
            return made.error();
        for (const auto &p : *made)
            proposed.insert(proposalEntity(p), toJson(p));
    }
    for (const QString &problem : {compare(engagements, auditedEngagements, QStringLiteral("the record of")),
                                   compare(pins, trail.pins, QStringLiteral("the questionnaire pin")),
                                   compare(cataloguePins, trail.cataloguePins, QStringLiteral("the catalogue pin")),
                                   compare(evidence, trail.evidence, QStringLiteral("the evidence record")),
                                   compare(answers, trail.answers, QStringLiteral("the answer")),
                                   compare(overrides, trail.overrides, QStringLiteral("the risk override")),
                                   compareScans(scans, trail.scans),
                                   compare(proposed, trail.proposals, QStringLiteral("the answer proposal"))}) {
        if (!problem.isEmpty()) {
            v.problem = problem;
            return {};
        }
    }
    // An approved engagement must still hash to what its approval recorded.
    for (const auto &e : *all) {
        if (e.status != EngagementStatus::Approved)
            continue;
        auto hash = engagementStore.contentHash(e.id);
        if (!hash)
            return hash.error();
        if (*hash != e.approvedContentHash || *hash != trail.approvedHashes.value(e.id)) {
            v.problem = QStringLiteral("engagement %1 no longer matches the content hash recorded when it was approved").arg(e.id);
            return {};
        }
    }
    QSqlQuery q = ws.query();
    if (!q.exec(QStringLiteral("SELECT id, questionnaire_key, version, sha256, yaml_text FROM questionnaire_version ORDER BY id")))
        return ws.sqlError(q, QStringLiteral("reading stored questionnaires"));
    while (q.next()) {
        const QString actual
            = QString::fromLatin1(QCryptographicHash::hash(q.value(4).toString().toUtf8(), QCryptographicHash::Sha256).toHex());
        if (actual != q.value(3).toString()) {
            v.problem = QStringLiteral("the stored text of questionnaire '%1' version %2 does not match its SHA-256")
                            .arg(q.value(1).toString())
                            .arg(q.value(2).toInt());
            return {};
        }
    }
    if (!q.exec(QStringLiteral("SELECT kind, sha256, yaml_text FROM catalogue_text ORDER BY id")))
        return ws.sqlError(q, QStringLiteral("reading stored catalogues"));
    while (q.next()) {
        const QString actual
            = QString::fromLatin1(QCryptographicHash::hash(q.value(2).toString().toUtf8(), QCryptographicHash::Sha256).toHex());
        if (actual != q.value(1).toString()) {
            v.problem = QStringLiteral("the stored text of a %1 catalogue does not match its SHA-256").arg(q.value(0).toString());
            return {};
        }
    }
    return {};
}

} // namespace bulkhead
