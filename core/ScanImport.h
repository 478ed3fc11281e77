// Scanner imports: a kube-bench, docker-bench-security, Trivy or SARIF file becomes evidence of
// an engagement and one observation per result in it, each tied to the questions and controls
// the scanner mapping names; then answers are proposed to the yes/no questions the observations
// speak to, for the assessor to accept or reject. Every step is one transaction and audited.
//
// Proposals. For each question an import touched, the engagement's unexpired observations of it
// count (info and not_applicable ones aside): all pass proposes "yes", all fail "no", a mix of
// pass, fail and review "partial". Observations that are all review propose nothing (the tool
// could not decide), nor does a value the question is already answered with, nor one the
// assessor already accepted or rejected from the same observations. A question has at most one
// pending proposal; a later import replaces it. Accepting saves the answer (replacing the
// current one, whose value and note the new note quotes) with a note naming the observations.
#pragma once

#include "Answer.h"
#include "Evidence.h"
#include "ObservationRecords.h"
#include "Result.h"
#include "scan/ScanParser.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulkhead {

class ContentLibrary;
class Workspace;

struct ScanImportResult {
    EvidenceItem evidence; // the imported file
    QString fileName;
    QString tool; // as the file names it: "docker-bench-security", "Trivy"
    QString toolVersion;
    int observations = 0;
    QMap<QString, int> byStatus; // observationStatusKey -> count
    int linkedToQuestions = 0; // observations tied to at least one question
    int linkedToControls = 0;
    QList<AnswerProposal> proposals; // made or replaced by this import, all pending
};

// Imports `path`, read as `tool`'s output. A file that does not parse imports nothing (not even
// the evidence) and the error names it, with the line and column for invalid JSON. An approved
// engagement, an unknown one, and a file already imported into the engagement are refused.
// `collectedOn` defaults to today; observations and the evidence expire `expiryDays` later.
Result<ScanImportResult> importScan(Workspace &workspace, const ContentLibrary &library, qint64 engagementId, ScanTool tool,
                                    const QString &path, QDate collectedOn = {}, int expiryDays = 90);

// Proposes answers from all the engagement's observations (an import does this for the
// questions it touched); returns the proposals made or replaced.
Result<QList<AnswerProposal>> proposeAnswers(Workspace &workspace, const ContentLibrary &library, qint64 engagementId);
// Saves the pending proposal of `questionId` as the answer and marks it accepted. With
// `expectedRevision` (0: unanswered), only over the answer the assessor saw beside the proposal:
// one saved by someone else since is a Conflict, and nothing changes (AnswerInput).
Result<Answer> acceptProposal(Workspace &workspace, const ContentLibrary &library, qint64 engagementId, const QString &questionId,
                              std::optional<int> expectedRevision = std::nullopt);
Status rejectProposal(Workspace &workspace, qint64 engagementId, const QString &questionId);

} // namespace bulkhead
