// Answers and risk overrides of engagements. An answer is checked against the questionnaire
// version the engagement is tied to and is durable when save() returns.
#pragma once

#include "Answer.h"
#include "Result.h"

#include <QList>
#include <QString>

namespace bulkhead {

class ContentLibrary;
class Workspace;

struct AnswerInput {
    QString questionId;
    QString value;
    QString note;
    QString method; // examine | interview | test, or empty
    QString interviewee;
};

class AnswerStore {
public:
    explicit AnswerStore(Workspace &workspace) : m_ws(workspace) { }

    // `library` is the content in use (built-in plus user files); the engagement's pinned
    // versions take precedence over it. A questionnaire the engagement has not used yet
    // is pinned by its first answer.
    Result<Answer> save(qint64 engagementId, const AnswerInput &input, const ContentLibrary &library);
    Result<QList<Answer>> answers(qint64 engagementId) const;

    // Replaces any earlier override of the same risk; the rationale is mandatory.
    Status setRiskOverride(const RiskOverride &riskOverride, const ContentLibrary &library);
    Result<QList<RiskOverride>> riskOverrides(qint64 engagementId) const;

private:
    Workspace &m_ws;
};

} // namespace bulkhead
