#include "AnswerStore.h"

#include "AuditTrail.h"
#include "CataloguePins.h"
#include "ContentLibrary.h"
#include "Engagement.h"
#include "EngagementJson.h"
#include "EngagementStore.h"
#include "QuestionnairePins.h"
#include "Workspace.h"

#include <QSqlQuery>
#include <QVariant>

namespace bulkhead {

namespace {

const QString kSelectAnswers
    = QStringLiteral("SELECT a.engagement_id, a.question_id, a.answer_value, a.implementation_status, a.note, a.method, a.interviewee, "
                     "a.answered_by, a.answered_at, a.revision, v.questionnaire_key, v.version FROM answer a "
                     "JOIN questionnaire_version v ON v.id = a.questionnaire_version_id");

// fromStoredTime for the one shape workspaces store ("2025-11-03T09:00:00.000Z"), parsed by hand:
// the general ISO 8601 parser costs more than the rest of an answer's row. Anything else takes
// the general path.
QDateTime storedTimeOf(const QString &text)
{
    const auto digits = [&text](qsizetype from, qsizetype count, int &value) {
        value = 0;
        for (qsizetype i = from; i < from + count; ++i) {
            const char16_t c = text.at(i).unicode();
            if (c < u'0' || c > u'9')
                return false;
            value = value * 10 + (c - u'0');
        }
        return true;
    };
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
    if (text.size() == 24 && text.at(4) == u'-' && text.at(7) == u'-' && text.at(10) == u'T' && text.at(13) == u':' && text.at(16) == u':'
        && text.at(19) == u'.' && text.at(23) == u'Z' && digits(0, 4, y) && digits(5, 2, mo) && digits(8, 2, d) && digits(11, 2, h)
        && digits(14, 2, mi) && digits(17, 2, sec) && digits(20, 3, ms)) {
        const QDate date(y, mo, d);
        const QTime time(h, mi, sec, ms);
        if (date.isValid() && time.isValid())
            return QDateTime(date, time, Qt::UTC);
    }
    return fromStoredTime(text);
}

Answer readAnswer(const QSqlQuery &q)
{
    Answer a;
    a.engagementId = q.value(0).toLongLong();
    a.questionId = q.value(1).toString();
    a.value = q.value(2).toString();
    a.status = parseImplementationStatus(q.value(3).toString()).value_or(ImplementationStatus::Informational);
    a.note = q.value(4).toString();
    a.method = q.value(5).toString();
    a.interviewee = q.value(6).toString();
    a.answeredBy = q.value(7).toString();
    a.answeredAt = storedTimeOf(q.value(8).toString());
    a.revision = q.value(9).toInt();
    a.questionnaireKey = q.value(10).toString();
    a.questionnaireVersion = q.value(11).toInt();
    return a;
}

std::optional<Level> optionalLevel(const QVariant &v)
{
    return v.isNull() ? std::nullopt : parseLevel(v.toString());
}

QVariant levelOrNull(const std::optional<Level> &level)
{
    return level ? QVariant(levelKey(*level)) : QVariant(QMetaType::fromType<QString>());
}

} // namespace

Result<Answer> AnswerStore::save(qint64 engagementId, const AnswerInput &input, const ContentLibrary &library)
{
    if (input.expectedRevision && *input.expectedRevision < 0)
        return Error {QStringLiteral("expected revision %1 of the answer to '%2' is not a revision (0 for no answer yet, else 1 or more)")
                          .arg(*input.expectedRevision)
                          .arg(input.questionId)};
    Answer saved;
    auto done = m_ws.write([&]() -> Status {
        if (auto editable = EngagementStore(m_ws).checkEditable(engagementId); !editable)
            return editable;
        // An engagement from before catalogues were pinned takes the library's on its next change.
        if (auto catalogues = CataloguePins(m_ws).pinIfMissing(engagementId, library); !catalogues)
            return catalogues;
        QuestionnairePins pins(m_ws);
        auto pinned = pins.pinned(engagementId);
        if (!pinned)
            return pinned.error();
        auto content = pins.contentFor(*pinned, library);
        if (!content)
            return content.error();
        const Question *question = content->question(input.questionId);
        if (!question)
            return Error {
                QStringLiteral("there is no question '%1' in the questionnaires of engagement %2").arg(input.questionId).arg(engagementId)};
        if (const auto why = question->invalidValueReason(input.value))
            return Error {QStringLiteral("question '%1': %2").arg(input.questionId, *why)};
        if (!input.method.isEmpty() && !engagement_values::methods().contains(input.method))
            return Error {QStringLiteral("method '%1' is not one of examine, interview, test").arg(input.method)};
        const Questionnaire *owner = content->questionnaire(question->questionnaireKey);
        qint64 versionRow = 0;
        if (pinned->contains(owner->key)) {
            versionRow = pinned->value(owner->key).rowId;
        } else {
            auto pin = pins.pin(engagementId, *owner);
            if (!pin)
                return pin.error();
            versionRow = *pin;
        }

        // Read inside the write transaction, which holds the workspace's write lock: no other
        // save can come between this check and the write below, on either engine.
        auto stored = answer(engagementId, input.questionId);
        if (!stored)
            return stored.error();
        const std::optional<Answer> &before = *stored;
        const int storedRevision = before ? before->revision : 0;
        if (input.expectedRevision && *input.expectedRevision != storedRevision)
            return conflict(engagementId, input, before);

        saved.engagementId = engagementId;
        saved.questionId = input.questionId;
        saved.value = question->type == QuestionType::Text ? input.value.trimmed() : input.value;
        saved.status = question->statusOf(saved.value);
        saved.note = input.note;
        saved.method = input.method;
        saved.interviewee = input.interviewee;
        saved.answeredBy = m_ws.actor();
        saved.answeredAt = fromStoredTime(toStoredTime(m_ws.now()));
        saved.revision = before ? before->revision + 1 : 1;
        saved.questionnaireKey = owner->key;
        saved.questionnaireVersion = owner->version;

        const PreparedQuery q = m_ws.prepared(
            before ? QStringLiteral("UPDATE answer SET answer_value = ?, implementation_status = ?, note = ?, method = ?, interviewee = ?, "
                                    "answered_by = ?, answered_at = ?, revision = ?, questionnaire_version_id = ? "
                                    "WHERE engagement_id = ? AND question_id = ?")
                   : QStringLiteral("INSERT INTO answer (answer_value, implementation_status, note, method, interviewee, answered_by, "
                                    "answered_at, revision, questionnaire_version_id, engagement_id, question_id) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        q.bind({sqlText(saved.value), implementationStatusKey(saved.status), sqlText(saved.note), sqlText(saved.method),
                sqlText(saved.interviewee), saved.answeredBy, toStoredTime(saved.answeredAt), saved.revision, versionRow, engagementId,
                input.questionId});
        if (!q->exec())
            return m_ws.sqlError(*q, QStringLiteral("saving the answer to '%1'").arg(input.questionId));
        return AuditTrail(m_ws).append(engagementId, QStringLiteral("answer.save"),
                                       QStringLiteral("engagement:%1/answer:%2").arg(engagementId).arg(input.questionId),
                                       before ? toJson(*before) : QJsonObject(), toJson(saved));
    });
    if (!done)
        return done.error();
    return saved;
}

Error AnswerStore::conflict(qint64 engagementId, const AnswerInput &input, const std::optional<Answer> &stored) const
{
    const int expected = *input.expectedRevision;
    QString message;
    if (!stored) {
        message = QStringLiteral("question '%1' of engagement %2 has no answer, but revision %3 of one was expected: it has been removed "
                                 "since; nothing was saved")
                      .arg(input.questionId)
                      .arg(engagementId)
                      .arg(expected);
    } else {
        message = QStringLiteral("the answer to '%1' of engagement %2 is at revision %3, not %4: %5 saved '%6' at %7; nothing was saved. "
                                 "Read it again, then save with revision %3 expected, or without an expected revision to overwrite it")
                      .arg(input.questionId)
                      .arg(engagementId)
                      .arg(stored->revision)
                      .arg(expected)
                      .arg(stored->answeredBy, stored->value, toStoredTime(stored->answeredAt));
    }
    Error e {message, m_ws.path()};
    e.kind = ErrorKind::Conflict;
    return e;
}

Result<std::optional<Answer>> AnswerStore::answer(qint64 engagementId, const QString &questionId) const
{
    static const QString sql = kSelectAnswers + QStringLiteral(" WHERE a.engagement_id = ? AND a.question_id = ?");
    const PreparedQuery q = m_ws.prepared(sql);
    q.bind({engagementId, questionId});
    if (!q->exec())
        return m_ws.sqlError(*q, QStringLiteral("reading the answer to '%1'").arg(questionId));
    if (!q->next())
        return std::optional<Answer>();
    return std::optional<Answer>(readAnswer(*q));
}

Result<QList<Answer>> AnswerStore::answers(qint64 engagementId) const
{
    QSqlQuery q = m_ws.query();
    q.setForwardOnly(true); // read once, in order: no row cache to grow
    q.prepare(kSelectAnswers + QStringLiteral(" WHERE a.engagement_id = ? ORDER BY a.question_id"));
    q.addBindValue(engagementId);
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("reading the answers of engagement %1").arg(engagementId));
    QList<Answer> all;
    while (q.next())
        all.append(readAnswer(q));
    return all;
}

Status AnswerStore::setRiskOverride(const RiskOverride &o, const ContentLibrary &library)
{
    if (o.rationale.trimmed().isEmpty())
        return Error {QStringLiteral("overriding risk '%1' needs a rationale").arg(o.riskId)};
    if (!o.likelihood && !o.impact)
        return Error {QStringLiteral("an override of risk '%1' must set the likelihood, the impact or both").arg(o.riskId)};
    return m_ws.write([&]() -> Status {
        if (auto editable = EngagementStore(m_ws).checkEditable(o.engagementId); !editable)
            return editable;
        // The risk must be in the catalogue the engagement is scored with, not just the library's.
        CataloguePins catalogues(m_ws);
        if (auto pinnedNow = catalogues.pinIfMissing(o.engagementId, library); !pinnedNow)
            return pinnedNow;
        auto pins = catalogues.pinned(o.engagementId);
        if (!pins)
            return pins.error();
        auto content = catalogues.apply(*pins, library);
        if (!content)
            return content.error();
        if (!content->risks().risk(o.riskId))
            return Error {QStringLiteral("there is no risk '%1' in the risk catalogue").arg(o.riskId)};
        auto existing = riskOverrides(o.engagementId);
        if (!existing)
            return existing.error();
        QJsonObject before;
        for (const auto &e : *existing)
            if (e.riskId == o.riskId)
                before = toJson(e);
        RiskOverride stored = o;
        stored.rationale = o.rationale.trimmed();
        stored.overriddenBy = m_ws.actor();
        stored.overriddenAt = fromStoredTime(toStoredTime(m_ws.now()));
        QSqlQuery q = m_ws.query();
        q.prepare(QStringLiteral("DELETE FROM risk_adjustment WHERE engagement_id = ? AND risk_id = ?"));
        q.addBindValue(o.engagementId);
        q.addBindValue(o.riskId);
        if (!q.exec())
            return m_ws.sqlError(q, QStringLiteral("replacing the override of '%1'").arg(o.riskId));
        q.prepare(
            QStringLiteral("INSERT INTO risk_adjustment (engagement_id, risk_id, likelihood, impact, rationale, adjusted_by, adjusted_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(o.engagementId);
        q.addBindValue(o.riskId);
        q.addBindValue(levelOrNull(o.likelihood));
        q.addBindValue(levelOrNull(o.impact));
        q.addBindValue(stored.rationale);
        q.addBindValue(stored.overriddenBy);
        q.addBindValue(toStoredTime(stored.overriddenAt));
        if (!q.exec())
            return m_ws.sqlError(q, QStringLiteral("saving the override of '%1'").arg(o.riskId));
        return AuditTrail(m_ws).append(o.engagementId, QStringLiteral("risk.override"),
                                       QStringLiteral("engagement:%1/risk:%2").arg(o.engagementId).arg(o.riskId), before, toJson(stored));
    });
}

Result<QList<RiskOverride>> AnswerStore::riskOverrides(qint64 engagementId) const
{
    QSqlQuery q = m_ws.query();
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT risk_id, likelihood, impact, rationale, adjusted_by, adjusted_at FROM risk_adjustment "
                             "WHERE engagement_id = ? ORDER BY risk_id"));
    q.addBindValue(engagementId);
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("reading the risk overrides of engagement %1").arg(engagementId));
    QList<RiskOverride> all;
    while (q.next()) {
        RiskOverride o;
        o.engagementId = engagementId;
        o.riskId = q.value(0).toString();
        o.likelihood = optionalLevel(q.value(1));
        o.impact = optionalLevel(q.value(2));
        o.rationale = q.value(3).toString();
        o.overriddenBy = q.value(4).toString();
        o.overriddenAt = fromStoredTime(q.value(5).toString());
        all.append(o);
    }
    return all;
}

} // namespace bulkhead
