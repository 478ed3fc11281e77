// The stored form of scanner observations and the answers proposed from them: their rows,
// their JSON (what the audit trail and packages carry) and the entity names their audit events
// use. ScanImport decides what to store; package import copies stored ones; audit verification
// compares them with the trail. One place for the SQL keeps those three in agreement.
#pragma once

#include "Result.h"
#include "scan/Observation.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace bulkhead {

class Workspace;

// An observation as stored: what the scanner said, where it came from, what it is tied to.
struct StoredObservation {
    qint64 id = 0;
    qint64 engagementId = 0;
    qint64 evidenceId = 0; // the imported file
    Observation observation;
    QDate collectedOn;
    QDate expiresOn; // null: does not expire
    QStringList controls;
    QStringList questions;
};

struct AnswerProposal {
    enum class State { Pending, Accepted, Rejected };

    qint64 id = 0;
    qint64 engagementId = 0;
    QString questionId;
    QString value; // yes | partial | no
    QString reason; // the tools, statuses and check ids behind it
    QList<qint64> observationIds;
    State state = State::Pending;
    QString proposedBy;
    QDateTime proposedAt;
    QString decidedBy; // empty while pending
    QDateTime decidedAt;
};

QString proposalStateKey(AnswerProposal::State state); // "pending", "accepted", "rejected"

// Entity names of the audit events: one "scan.import" per imported file (named by its
// evidence record), one event per change of a proposal.
QString scanImportEntity(qint64 engagementId, qint64 evidenceId);
QString proposalEntity(const AnswerProposal &proposal);

// Every observation of the engagement, in the order they were recorded.
Result<QList<StoredObservation>> observations(Workspace &workspace, qint64 engagementId);
// The observations one imported file produced.
Result<QList<StoredObservation>> observationsOfFile(Workspace &workspace, qint64 engagementId, qint64 evidenceId);
// Stores `observation` (its id is ignored) inside the caller's write; returns the new id.
Result<qint64> insertObservation(Workspace &workspace, const StoredObservation &observation);

// Stores many observations inside the caller's write with one prepared statement, bound again
// for each row: an import of thousands of results would otherwise prepare thousands of times.
class ObservationInserter {
public:
    explicit ObservationInserter(Workspace &workspace);
    // As insertObservation: the id of `observation` is ignored; returns the new one.
    Result<qint64> insert(const StoredObservation &observation);

private:
    Workspace &m_ws;
    QSqlQuery m_insert;
    bool m_prepared = false;
};

// SHA-256 of the observations' JSON, in the given order: what "scan.import" events record so
// that audit verification can tell a changed observation row.
QString observationsDigest(const QList<StoredObservation> &observations);

// Every proposal of the engagement, pending and decided, oldest first.
Result<QList<AnswerProposal>> proposals(Workspace &workspace, qint64 engagementId);
// Proposals matching an extra SQL condition (" AND ..."), oldest first.
Result<QList<AnswerProposal>> proposalsWhere(Workspace &workspace, qint64 engagementId, const QString &condition,
                                             const QVariantList &binds);
// Stores `proposal` as it is (state and decision included) inside the caller's write; sets its id.
Status insertProposal(Workspace &workspace, AnswerProposal &proposal);
// Puts a later proposal (value, reason, observations, who and when) in the place of the pending
// one with `proposal.id`, inside the caller's write.
Status replacePendingProposal(Workspace &workspace, const AnswerProposal &proposal);

QJsonObject toJson(const StoredObservation &observation);
QJsonObject toJson(const AnswerProposal &proposal);
// Read back from toJson's form (packages); an error names the field that is missing or wrong.
Result<StoredObservation> observationFromJson(const QJsonObject &json);
Result<AnswerProposal> proposalFromJson(const QJsonObject &json);

} // namespace bulkhead
