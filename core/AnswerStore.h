// Answers and risk overrides of engagements. An answer is checked against the questionnaire
// version the engagement is tied to and is durable when save() returns. Every save of an answer
// counts its revision up by one; a save may name the revision it expects to replace.
#pragma once

#include "Answer.h"
#include "Result.h"

#include <QList>
#include <QString>

#include <optional>

namespace bulkhead {

class ContentLibrary;
class Workspace;

struct AnswerInput {
    QString questionId;
    QString value;
    QString note;
    QString method; // examine | interview | test, or empty
    QString interviewee;
    // The revision of the answer the caller last saw (0: it saw no answer). When set, the save
    // is refused with an ErrorKind::Conflict error if the stored answer has moved on since, so
    // that one assessor never silently overwrites another's answer in a shared workspace.
    // Unset: the save overwrites whatever is there.
    std::optional<int> expectedRevision = std::nullopt;
};

class AnswerStore {
public:
    explicit AnswerStore(Workspace &workspace) : m_ws(workspace) { }

    // `library` is the content in use (built-in plus user files); the engagement's pinned
    // versions take precedence over it. A questionnaire the engagement has not used yet
    // is pinned by its first answer.
    Result<Answer> save(qint64 engagementId, const AnswerInput &input, const ContentLibrary &library);
    Result<QList<Answer>> answers(qint64 engagementId) const;
    // The answer to one question as it is stored now; nullopt when it has none.
    Result<std::optional<Answer>> answer(qint64 engagementId, const QString &questionId) const;

    // Replaces any earlier override of the same risk; the rationale is mandatory.
    Status setRiskOverride(const RiskOverride &riskOverride, const ContentLibrary &library);
    Result<QList<RiskOverride>> riskOverrides(qint64 engagementId) const;

private:
    Error conflict(qint64 engagementId, const AnswerInput &input, const std::optional<Answer> &stored) const;

    Workspace &m_ws;
};

} // namespace bulkhead
