#include "ScanImport.h"

#include "AnswerStore.h"
#include "AuditTrail.h"
#include "ContentLibrary.h"
#include "EngagementStore.h"
#include "EvidenceStore.h"
#include "QuestionnairePins.h"
#include "ScannerMapping.h"
#include "Workspace.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace bulkhead {

namespace {

const QString kSelectObservations = QStringLiteral(
    "SELECT id, engagement_id, evidence_id, tool, tool_version, check_id, normalised_check_id, title, status, tool_status, severity, "
    "target, remediation, detail, collected_on, expires_on, controls, questions FROM observation");

const QString kSelectProposals
    = QStringLiteral("SELECT id, engagement_id, question_id, proposed_value, reason, observation_ids, state, proposed_by, proposed_at, "
                     "decided_by, decided_at FROM answer_proposal");

QJsonArray toArray(const QStringList &ids)
{
    return QJsonArray::fromStringList(ids);
}

QString compact(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QStringList stringsOf(const QString &json)
{
    QStringList out;
    for (const auto &v : QJsonDocument::fromJson(json.toUtf8()).array())
        out << v.toString();
    return out;
}

QJsonArray idArray(const QList<qint64> &ids)
{
    QJsonArray a;
    for (const qint64 id : ids)
        a.append(id);
    return a;
}

QList<qint64> idsOf(const QString &json)
{
    QList<qint64> out;
    for (const auto &v : QJsonDocument::fromJson(json.toUtf8()).array())
        out << v.toInteger();
    return out;
}

QVariant dateOrNull(const QDate &day)
{
    return day.isValid() ? QVariant(day.toString(Qt::ISODate)) : QVariant(QMetaType::fromType<QString>());
}

StoredObservation readObservation(const QSqlQuery &q)
{
    StoredObservation s;
    s.id = q.value(0).toLongLong();
    s.engagementId = q.value(1).toLongLong();
    s.evidenceId = q.value(2).toLongLong();
    Observation &o = s.observation;
    o.tool = q.value(3).toString();
    o.toolVersion = q.value(4).toString();
    o.checkId = q.value(5).toString();
    o.normalisedCheckId = q.value(6).toString();
    o.title = q.value(7).toString();
    o.status = observationStatusFromKey(q.value(8).toString()).value_or(Observation::Status::Info);
    o.toolStatus = q.value(9).toString();
    o.severity = q.value(10).toString();
    o.target = q.value(11).toString();
    o.remediation = q.value(12).toString();
    o.detail = q.value(13).toString();
    s.collectedOn = QDate::fromString(q.value(14).toString(), Qt::ISODate);
    s.expiresOn = q.value(15).isNull() ? QDate() : QDate::fromString(q.value(15).toString(), Qt::ISODate);
    s.controls = stringsOf(q.value(16).toString());
    s.questions = stringsOf(q.value(17).toString());
    return s;
}

AnswerProposal readProposal(const QSqlQuery &q)
{
    AnswerProposal p;
    p.id = q.value(0).toLongLong();
    p.engagementId = q.value(1).toLongLong();
    p.questionId = q.value(2).toString();
    p.value = q.value(3).toString();
    p.reason = q.value(4).toString();
    p.observationIds = idsOf(q.value(5).toString());
    const QString state = q.value(6).toString();
    p.state = state == QLatin1String("accepted") ? AnswerProposal::State::Accepted
        : state == QLatin1String("rejected")     ? AnswerProposal::State::Rejected
                                                 : AnswerProposal::State::Pending;
    p.proposedBy = q.value(7).toString();
    p.proposedAt = fromStoredTime(q.value(8).toString());
    p.decidedBy = q.value(9).toString();
    p.decidedAt = q.value(10).toString().isEmpty() ? QDateTime() : fromStoredTime(q.value(10).toString());
    return p;
}

QString entityOf(const AnswerProposal &p)
{
    return QStringLiteral("engagement:%1/proposal:%2").arg(p.engagementId).arg(p.id);
}

// "kube-bench: 2 pass (k8s-cis:1.1.1, k8s-cis:2.1); 1 review (k8s-cis:3.1.1)", one clause per tool.
QString reasonFor(const QList<const StoredObservation *> &counted)
{
    QStringList tools; // in the order first seen
    QMap<QString, QMap<Observation::Status, QStringList>> checks;
    QMap<QString, QMap<Observation::Status, int>> counts;
    for (const StoredObservation *s : counted) {
        const Observation &o = s->observation;
        const QString tool = o.toolVersion.isEmpty() ? o.tool : o.tool + QLatin1Char(' ') + o.toolVersion;
        if (!tools.contains(tool))
            tools << tool;
        ++counts[tool][o.status];
        QStringList &ids = checks[tool][o.status];
        if (!ids.contains(o.normalisedCheckId))
            ids << o.normalisedCheckId;
    }
    QStringList clauses;
    for (const QString &tool : tools) {
        QStringList parts;
        for (const auto status : {Observation::Status::Pass, Observation::Status::Fail, Observation::Status::Review}) {
            if (const int n = counts[tool].value(status))
                parts << QStringLiteral("%1 %2 (%3)")
                             .arg(n)
                             .arg(observationStatusKey(status), checks[tool][status].join(QStringLiteral(", ")));
        }
        clauses << tool + QStringLiteral(": ") + parts.join(QStringLiteral(", "));
    }
    return clauses.join(QStringLiteral("; "));
}

Result<QList<AnswerProposal>> queryProposals(Workspace &ws, qint64 engagementId, const QString &where, const QVariantList &binds)
{
    QSqlQuery q = ws.query();
    q.prepare(kSelectProposals + QStringLiteral(" WHERE engagement_id = ?") + where + QStringLiteral(" ORDER BY id"));
    q.addBindValue(engagementId);
    for (const auto &b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return ws.sqlError(q, QStringLiteral("reading the answer proposals of engagement %1").arg(engagementId));
    QList<AnswerProposal> all;
    while (q.next())
        all.append(readProposal(q));
    return all;
}

// Proposes answers to `questions` (all linked questions when empty), inside the caller's write.
Result<QList<AnswerProposal>> propose(Workspace &ws, const ContentLibrary &library, const ScannerMapping &mapping, qint64 engagementId,
                                      const QSet<QString> &questions)
{
    auto content = QuestionnairePins(ws).contentFor(engagementId, library);
    if (!content)
        return content.error();
    auto stored = observations(ws, engagementId);
    if (!stored)
        return stored.error();
    auto answers = AnswerStore(ws).answers(engagementId);
    if (!answers)
        return answers.error();
    const QDate today = ws.now().toUTC().date();

    // question -> the observations that may propose an answer to it
    QMap<QString, QList<const StoredObservation *>> byQuestion;
    for (const StoredObservation &s : *stored) {
        if (s.expiresOn.isValid() && s.expiresOn < today)
            continue;
        const auto status = s.observation.status;
        if (status == Observation::Status::Info || status == Observation::Status::NotApplicable)
            continue;
        const QStringList proposing = mapping.linksFor(s.observation).proposing;
        for (const QString &question : s.questions) {
            if (proposing.contains(question) && (questions.isEmpty() || questions.contains(question)))
                byQuestion[question].append(&s);
        }
    }

    QList<AnswerProposal> made;
    for (auto it = byQuestion.cbegin(); it != byQuestion.cend(); ++it) {
        const Question *question = content->question(it.key());
        if (!question || question->type != QuestionType::YesNo)
            continue;
        int pass = 0, fail = 0;
        QList<qint64> ids;
        for (const StoredObservation *s : it.value()) {
            pass += s->observation.status == Observation::Status::Pass;
            fail += s->observation.status == Observation::Status::Fail;
            ids << s->id;
        }
        if (pass == 0 && fail == 0)
            continue; // only checks the tool left to the assessor
        const int counted = static_cast<int>(it.value().size());
        const QString value = pass == counted ? QStringLiteral("yes") : fail == counted ? QStringLiteral("no") : QStringLiteral("partial");
        const auto answered = std::find_if(answers->cbegin(), answers->cend(), [&](const Answer &a) { return a.questionId == it.key(); });
        if (answered != answers->cend() && answered->value == value)
            continue;
        auto earlier = queryProposals(ws, engagementId, QStringLiteral(" AND question_id = ?"), {it.key()});
        if (!earlier)
            return earlier.error();
        std::optional<AnswerProposal> pending;
        const AnswerProposal *lastDecided = nullptr;
        for (const AnswerProposal &p : *earlier) {
            if (p.state == AnswerProposal::State::Pending)
                pending = p;
            else
                lastDecided = &p;
        }
        if (lastDecided && lastDecided->value == value && lastDecided->observationIds == ids)
            continue; // the assessor has decided on exactly this already
        if (pending && pending->value == value && pending->observationIds == ids)
            continue;

        AnswerProposal p;
        p.engagementId = engagementId;
        p.questionId = it.key();
        p.value = value;
        p.reason = reasonFor(it.value());
        p.observationIds = ids;
        p.proposedBy = ws.actor();
        p.proposedAt = fromStoredTime(toStoredTime(ws.now()));
        QSqlQuery q = ws.query();
        if (pending) {
            p.id = pending->id;
            q.prepare(QStringLiteral("UPDATE answer_proposal SET proposed_value = ?, reason = ?, observation_ids = ?, proposed_by = ?, "
                                     "proposed_at = ? WHERE id = ?"));
        } else {
            q.prepare(QStringLiteral("INSERT INTO answer_proposal (proposed_value, reason, observation_ids, proposed_by, proposed_at, "
                                     "engagement_id, question_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
        }
        q.addBindValue(p.value);
        q.addBindValue(p.reason);
        q.addBindValue(compact(idArray(p.observationIds)));
        q.addBindValue(p.proposedBy);
        q.addBindValue(toStoredTime(p.proposedAt));
        if (pending) {
            q.addBindValue(p.id);
        } else {
            q.addBindValue(engagementId);
            q.addBindValue(p.questionId);
        }
        if (!q.exec() || (!pending && !q.next()))
            return ws.sqlError(q, QStringLiteral("proposing an answer to '%1'").arg(p.questionId));
        if (!pending)
            p.id = q.value(0).toLongLong();
        q.finish();
        if (auto audited = AuditTrail(ws).append(engagementId, QStringLiteral("answer.propose"), entityOf(p),
                                                 pending ? toJson(*pending) : QJsonObject(), toJson(p));
            !audited)
            return audited.error();
        made.append(p);
    }
    return made;
}

Result<AnswerProposal> pendingProposal(Workspace &ws, qint64 engagementId, const QString &questionId)
{
    auto found = queryProposals(ws, engagementId, QStringLiteral(" AND question_id = ? AND state = 'pending'"), {questionId});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error {QStringLiteral("engagement %1 has no pending answer proposal for question '%2'").arg(engagementId).arg(questionId)};
    return found->first();
}

Status decide(Workspace &ws, AnswerProposal &p, AnswerProposal::State state)
{
    const AnswerProposal before = p;
    p.state = state;
    p.decidedBy = ws.actor();
    p.decidedAt = fromStoredTime(toStoredTime(ws.now()));
    QSqlQuery q = ws.query();
    q.prepare(QStringLiteral("UPDATE answer_proposal SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?"));
    q.addBindValue(proposalStateKey(state));
    q.addBindValue(p.decidedBy);
    q.addBindValue(toStoredTime(p.decidedAt));
    q.addBindValue(p.id);
    if (!q.exec())
        return ws.sqlError(q, QStringLiteral("recording the decision on the proposal for '%1'").arg(p.questionId));
    const QString action
        = state == AnswerProposal::State::Accepted ? QStringLiteral("answer.proposal.accept") : QStringLiteral("answer.proposal.reject");
    return AuditTrail(ws).append(p.engagementId, action, entityOf(p), toJson(before), toJson(p));
}

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace

QString proposalStateKey(AnswerProposal::State state)
{
    switch (state) {
    case AnswerProposal::State::Pending: return QStringLiteral("pending");
    case AnswerProposal::State::Accepted: return QStringLiteral("accepted");
    case AnswerProposal::State::Rejected: return QStringLiteral("rejected");
    }
    return {};
}

QJsonObject toJson(const StoredObservation &s)
{
    const Observation &o = s.observation;
    return {
        {QStringLiteral("id"), s.id},
        {QStringLiteral("engagement"), s.engagementId},
        {QStringLiteral("evidence"), s.evidenceId},
        {QStringLiteral("tool"), o.tool},
        {QStringLiteral("tool_version"), o.toolVersion},
        {QStringLiteral("check_id"), o.checkId},
        {QStringLiteral("normalised_check_id"), o.normalisedCheckId},
        {QStringLiteral("title"), o.title},
        {QStringLiteral("status"), observationStatusKey(o.status)},
        {QStringLiteral("tool_status"), o.toolStatus},
        {QStringLiteral("severity"), o.severity},
        {QStringLiteral("target"), o.target},
        {QStringLiteral("remediation"), o.remediation},
        {QStringLiteral("detail"), o.detail},
        {QStringLiteral("collected_on"), s.collectedOn.toString(Qt::ISODate)},
        {QStringLiteral("expires_on"), s.expiresOn.isValid() ? QJsonValue(s.expiresOn.toString(Qt::ISODate)) : QJsonValue()},
        {QStringLiteral("controls"), toArray(s.controls)},
        {QStringLiteral("questions"), toArray(s.questions)},
    };
}

QJsonObject toJson(const AnswerProposal &p)
{
    return {
        {QStringLiteral("id"), p.id},
        {QStringLiteral("engagement"), p.engagementId},
        {QStringLiteral("question"), p.questionId},
        {QStringLiteral("value"), p.value},
        {QStringLiteral("reason"), p.reason},
        {QStringLiteral("observations"), idArray(p.observationIds)},
        {QStringLiteral("state"), proposalStateKey(p.state)},
        {QStringLiteral("proposed_by"), p.proposedBy},
        {QStringLiteral("proposed_at"), toStoredTime(p.proposedAt)},
        {QStringLiteral("decided_by"), p.decidedBy},
        {QStringLiteral("decided_at"), p.decidedAt.isValid() ? QJsonValue(toStoredTime(p.decidedAt)) : QJsonValue()},
    };
}

Result<ScanImportResult> importScan(Workspace &ws, const ContentLibrary &library, qint64 engagementId, ScanTool tool, const QString &path,
                                    QDate collectedOn, int expiryDays)
{
    if (expiryDays < 1)
        return Error {QStringLiteral("observations must stay valid for at least one day, not %1").arg(expiryDays), path};
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile())
        return Error {QStringLiteral("there is no file to import here"), path};
    if (info.size() > EvidenceStore::kDefaultMaxBytes)
        return Error {QStringLiteral("the file is larger than the evidence limit of %1 MiB; nothing was imported")
                          .arg(EvidenceStore::kDefaultMaxBytes / (1024 * 1024)),
                      path};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("cannot read the file: %1").arg(file.errorString()), path};
    const QByteArray bytes = file.readAll();
    auto report = parseScan(tool, bytes, path);
    if (!report)
        return report.error();
    auto mapping = ScannerMapping::builtIn();
    if (!mapping)
        return mapping.error();
    if (!collectedOn.isValid())
        collectedOn = ws.now().toUTC().date();
    const QDate expiresOn = collectedOn.addDays(expiryDays);

    ScanImportResult result;
    result.fileName = info.fileName();
    result.tool = report->tool;
    result.toolVersion = report->toolVersion;
    auto done = ws.write([&]() -> Status {
        if (auto editable = EngagementStore(ws).checkEditable(engagementId); !editable)
            return editable;
        auto added = EvidenceStore(ws).add({engagementId, path, {}, {}, collectedOn, expiresOn}, library);
        if (!added)
            return added.error();
        result.evidence = added->item;
        if (result.evidence.sha256 != sha256Of(bytes))
            return Error {QStringLiteral("the file changed while it was being imported; nothing was imported"), path};
        QSqlQuery q = ws.query();
        if (added->alreadyAttached) {
            q.prepare(QStringLiteral("SELECT count(*) FROM observation WHERE evidence_id = ?"));
            q.addBindValue(result.evidence.id);
            if (!q.exec() || !q.next())
                return ws.sqlError(q, QStringLiteral("looking for an earlier import of the file"));
            if (q.value(0).toLongLong() > 0)
                return Error {QStringLiteral("this file was imported into engagement %1 before (evidence %2, %3 observation(s)); nothing "
                                             "was imported again")
                                  .arg(engagementId)
                                  .arg(result.evidence.id)
                                  .arg(q.value(0).toLongLong()),
                              path};
        }

        QSet<QString> touched;
        qint64 firstId = 0, lastId = 0;
        q.prepare(QStringLiteral("INSERT INTO observation (engagement_id, evidence_id, tool, tool_version, check_id, normalised_check_id, "
                                 "title, status, tool_status, severity, target, remediation, detail, collected_on, expires_on, controls, "
                                 "questions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
        for (const Observation &o : report->observations) {
            const ScanLinks links = mapping->linksFor(o);
            q.addBindValue(engagementId);
            q.addBindValue(result.evidence.id);
            q.addBindValue(sqlText(o.tool));
            q.addBindValue(sqlText(o.toolVersion));
            q.addBindValue(sqlText(o.checkId));
            q.addBindValue(sqlText(o.normalisedCheckId));
            q.addBindValue(sqlText(o.title));
            q.addBindValue(observationStatusKey(o.status));
            q.addBindValue(sqlText(o.toolStatus));
            q.addBindValue(sqlText(o.severity));
            q.addBindValue(sqlText(o.target));
            q.addBindValue(sqlText(o.remediation));
            q.addBindValue(sqlText(o.detail));
            q.addBindValue(collectedOn.toString(Qt::ISODate));
            q.addBindValue(dateOrNull(expiresOn));
            q.addBindValue(compact(toArray(links.controls)));
            q.addBindValue(compact(toArray(links.questions)));
            if (!q.exec() || !q.next())
                return ws.sqlError(q, QStringLiteral("recording observation %1 of %2").arg(result.observations + 1).arg(result.fileName));
            lastId = q.value(0).toLongLong();
            if (firstId == 0)
                firstId = lastId;
            q.finish();
            ++result.observations;
            ++result.byStatus[observationStatusKey(o.status)];
            result.linkedToQuestions += links.questions.isEmpty() ? 0 : 1;
            result.linkedToControls += links.controls.isEmpty() ? 0 : 1;
            for (const QString &question : links.proposing)
                touched.insert(question);
        }

        QJsonObject counts;
        for (auto it = result.byStatus.cbegin(); it != result.byStatus.cend(); ++it)
            counts.insert(it.key(), it.value());
        const QJsonObject after {
            {QStringLiteral("file"), result.fileName},
            {QStringLiteral("sha256"), result.evidence.sha256},
            {QStringLiteral("evidence"), result.evidence.id},
            {QStringLiteral("tool"), result.tool},
            {QStringLiteral("tool_version"), result.toolVersion},
            {QStringLiteral("observations"), result.observations},
            {QStringLiteral("first_observation"), firstId},
            {QStringLiteral("last_observation"), lastId},
            {QStringLiteral("statuses"), counts},
            {QStringLiteral("linked_to_questions"), result.linkedToQuestions},
            {QStringLiteral("linked_to_controls"), result.linkedToControls},
            {QStringLiteral("collected_on"), collectedOn.toString(Qt::ISODate)},
            {QStringLiteral("expires_on"), expiresOn.toString(Qt::ISODate)},
        };
        if (auto audited
            = AuditTrail(ws).append(engagementId, QStringLiteral("scan.import"),
                                    QStringLiteral("engagement:%1/scan:%2").arg(engagementId).arg(result.evidence.id), {}, after);
            !audited)
            return audited;
        if (touched.isEmpty())
            return {};
        auto proposed = propose(ws, library, *mapping, engagementId, touched);
        if (!proposed)
            return proposed.error();
        result.proposals = *proposed;
        return {};
    });
    if (!done)
        return Error {done.error().message, done.error().file.isEmpty() ? path : done.error().file, done.error().line, done.error().column};
    return result;
}

Result<QList<StoredObservation>> observations(Workspace &ws, qint64 engagementId)
{
    QSqlQuery q = ws.query();
    q.prepare(kSelectObservations + QStringLiteral(" WHERE engagement_id = ? ORDER BY id"));
    q.addBindValue(engagementId);
    if (!q.exec())
        return ws.sqlError(q, QStringLiteral("reading the observations of engagement %1").arg(engagementId));
    QList<StoredObservation> all;
    while (q.next())
        all.append(readObservation(q));
    return all;
}

Result<QList<AnswerProposal>> proposals(Workspace &ws, qint64 engagementId)
{
    return queryProposals(ws, engagementId, {}, {});
}

Result<QList<AnswerProposal>> proposeAnswers(Workspace &ws, const ContentLibrary &library, qint64 engagementId)
{
    auto mapping = ScannerMapping::builtIn();
    if (!mapping)
        return mapping.error();
    QList<AnswerProposal> made;
    auto done = ws.write([&]() -> Status {
        if (auto editable = EngagementStore(ws).checkEditable(engagementId); !editable)
            return editable;
        auto proposed = propose(ws, library, *mapping, engagementId, {});
        if (!proposed)
            return proposed.error();
        made = *proposed;
        return {};
    });
    if (!done)
        return done.error();
    return made;
}

Result<Answer> acceptProposal(Workspace &ws, const ContentLibrary &library, qint64 engagementId, const QString &questionId)
{
    Answer saved;
    auto done = ws.write([&]() -> Status {
        if (auto editable = EngagementStore(ws).checkEditable(engagementId); !editable)
            return editable;
        auto proposal = pendingProposal(ws, engagementId, questionId);
        if (!proposal)
            return proposal.error();
        auto answers = AnswerStore(ws).answers(engagementId);
        if (!answers)
            return answers.error();
        QStringList ids;
        for (const qint64 id : proposal->observationIds)
            ids << QString::number(id);
        QString note = QStringLiteral("From scanner observations %1: %2.").arg(ids.join(QStringLiteral(", ")), proposal->reason);
        for (const Answer &a : *answers) {
            if (a.questionId != questionId)
                continue;
            note += QStringLiteral(" Replaces the answer '%1' (revision %2 by %3 on %4)")
                        .arg(a.value)
                        .arg(a.revision)
                        .arg(a.answeredBy, a.answeredAt.toUTC().date().toString(Qt::ISODate));
            note += a.note.isEmpty() ? QStringLiteral(".") : QStringLiteral(", whose note was: %1").arg(a.note);
        }
        auto answer = AnswerStore(ws).save(engagementId, {questionId, proposal->value, note, QStringLiteral("test"), {}}, library);
        if (!answer)
            return answer.error();
        saved = *answer;
        return decide(ws, *proposal, AnswerProposal::State::Accepted);
    });
    if (!done)
        return done.error();
    return saved;
}

Status rejectProposal(Workspace &ws, qint64 engagementId, const QString &questionId)
{
    return ws.write([&]() -> Status {
        if (auto editable = EngagementStore(ws).checkEditable(engagementId); !editable)
            return editable;
        auto proposal = pendingProposal(ws, engagementId, questionId);
        if (!proposal)
            return proposal.error();
        return decide(ws, *proposal, AnswerProposal::State::Rejected);
    });
}

} // namespace bulkhead
