#include "ScanImport.h"

#include "AnswerStore.h"
#include "AuditTrail.h"
#include "ContentLibrary.h"
#include "EngagementStore.h"
#include "EvidenceStore.h"
#include "QuestionnairePins.h"
#include "ScannerMapping.h"
#include "Workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace bulkhead {

namespace {

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
        auto earlier = proposalsWhere(ws, engagementId, QStringLiteral(" AND question_id = ?"), {it.key()});
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
        if (pending)
            p.id = pending->id;
        if (auto stored = pending ? replacePendingProposal(ws, p) : insertProposal(ws, p); !stored)
            return stored.error();
        if (auto audited = AuditTrail(ws).append(engagementId, QStringLiteral("answer.propose"), proposalEntity(p),
                                                 pending ? toJson(*pending) : QJsonObject(), toJson(p));
            !audited)
            return audited.error();
        made.append(p);
    }
    return made;
}

Result<AnswerProposal> pendingProposal(Workspace &ws, qint64 engagementId, const QString &questionId)
{
    auto found = proposalsWhere(ws, engagementId, QStringLiteral(" AND question_id = ? AND state = 'pending'"), {questionId});
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
    return AuditTrail(ws).append(p.engagementId, action, proposalEntity(p), toJson(before), toJson(p));
}

} // namespace

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
        // The bytes parsed above are the ones stored and hashed, so the evidence is what was read.
        auto added = EvidenceStore(ws).add({engagementId, path, {}, {}, collectedOn, expiresOn}, bytes, library);
        if (!added)
            return added.error();
        result.evidence = added->item;
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
        ObservationInserter inserter(ws);
        for (const Observation &o : report->observations) {
            const ScanLinks links = mapping->linksFor(o);
            StoredObservation s {0, engagementId, result.evidence.id, o, collectedOn, expiresOn, links.controls, links.questions};
            auto id = inserter.insert(s);
            if (!id)
                return Error {QStringLiteral("recording observation %1 of %2: %3")
                                  .arg(result.observations + 1)
                                  .arg(result.fileName, id.error().message)};
            lastId = *id;
            if (firstId == 0)
                firstId = lastId;
            ++result.observations;
            ++result.byStatus[observationStatusKey(o.status)];
            result.linkedToQuestions += links.questions.isEmpty() ? 0 : 1;
            result.linkedToControls += links.controls.isEmpty() ? 0 : 1;
            for (const QString &question : links.proposing)
                touched.insert(question);
        }

        // The rows as stored, so that audit verification can recompute the digest from them.
        auto stored = observationsOfFile(ws, engagementId, result.evidence.id);
        if (!stored)
            return stored.error();
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
            {QStringLiteral("observations_sha256"), observationsDigest(*stored)},
            {QStringLiteral("collected_on"), collectedOn.toString(Qt::ISODate)},
            {QStringLiteral("expires_on"), expiresOn.toString(Qt::ISODate)},
        };
        if (auto audited
            = AuditTrail(ws).append(engagementId, QStringLiteral("scan.import"),
                                    scanImportEntity(engagementId, result.evidence.id), {}, after);
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

Result<Answer> acceptProposal(Workspace &ws, const ContentLibrary &library, qint64 engagementId, const QString &questionId,
                              std::optional<int> expectedRevision)
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
        AnswerInput input {questionId, proposal->value, note, QStringLiteral("test"), {}};
        input.expectedRevision = expectedRevision;
        auto answer = AnswerStore(ws).save(engagementId, input, library);
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
