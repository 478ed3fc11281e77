// Engagements in a workspace: creation, look-up and the review workflow
// (draft -> in_review -> approved, reopen with a reason). Every change is audited.
#pragma once

#include "Engagement.h"
#include "Result.h"
#include "Scoring.h"

#include <QList>

#include <optional>

namespace bulkhead {

class ContentLibrary;
class Workspace;

class EngagementStore {
public:
    explicit EngagementStore(Workspace &workspace) : m_ws(workspace) { }

    // Validates the fields, stores the engagement, pins the library's questionnaire versions
    // to it, and returns the new id.
    Result<qint64> create(Engagement engagement, const ContentLibrary &library);
    Result<QList<Engagement>> list() const;
    Result<Engagement> get(qint64 id) const;
    // Changes the descriptive fields (client, system, CSP, models, assessor, reviewer).
    Status update(const Engagement &engagement);

    Status submit(qint64 id);
    // Freezes the engagement and records the hash of its content and the POA&M due days in
    // force (the workspace's settings), which its reports keep using from then on.
    Status approve(qint64 id);
    Status reopen(qint64 id, const QString &reason);

    // SHA-256 over the engagement's record, pinned questionnaires, answers and overrides, and
    // for an approved engagement the POA&M due days its approval recorded when they are not
    // the defaults: what an approval freezes and what reports cite.
    Result<QString> contentHash(qint64 id) const;
    // The POA&M due days recorded by the engagement's latest approval; the defaults when it
    // recorded none (approved before the days were a setting) or was never approved.
    Result<PoamPolicy> approvedPoamPolicy(qint64 id) const;

    // An error unless the engagement exists and accepts changes.
    Status checkEditable(qint64 id) const;

private:
    // An error unless the engagement's imported baseline, if it names one, is in the workspace.
    Status checkProfile(const Engagement &engagement) const;
    Result<QString> contentHash(qint64 id, const std::optional<PoamPolicy> &approvalPolicy) const;
    Status transition(qint64 id, EngagementStatus from1, std::optional<EngagementStatus> from2, EngagementStatus to, const QString &action,
                      const QString &reason);

    Workspace &m_ws;
};

} // namespace bulkhead
