// Loads an engagement with everything scoring needs from a workspace, and scores it:
// the one path the CLI, the GUI and the reports share.
#pragma once

#include "Answer.h"
#include "ContentLibrary.h"
#include "Engagement.h"
#include "Evidence.h"
#include "Result.h"
#include "ScoreCard.h"
#include "Scoring.h"

#include <optional>

namespace bulkhead {

class Workspace;

struct StoredEngagement {
    Engagement engagement;
    ContentLibrary content; // the library with the engagement's pinned questionnaire versions
    QList<Answer> answers;
    QList<RiskOverride> overrides;
    QList<EvidenceItem> evidence; // files attached to it, in the order they were added
    ScoreCard card;
    // What the card was scored with besides the above, so it can be scored again in memory.
    PoamPolicy poamPolicy;
    QSet<QString> profileControls; // the imported baseline's controls; empty for a built-in one
};

// Without a policy, the POA&M due days are those an approved engagement was approved with
// (EngagementStore::approvedPoamPolicy), so its reports stay reproducible, and the workspace's
// settings (poamPolicyFromSettings) for any other engagement.
Result<StoredEngagement> loadAndScore(Workspace &workspace, const ContentLibrary &library, qint64 engagementId,
                                      std::optional<PoamPolicy> policy = std::nullopt);

// After AnswerStore::save: `stored` with `saved` in place of its earlier answer to the same
// question, scored again in memory, without reading the workspace: what loadAndScore would
// return as long as nothing but that answer changed since `stored` was read. An answer to a
// questionnaire version `stored` was not scored with (a save that pinned a questionnaire) is
// read the long way, with loadAndScore.
Result<StoredEngagement> rescoreWithAnswer(Workspace &workspace, const ContentLibrary &library, StoredEngagement stored,
                                           const Answer &saved);

} // namespace bulkhead
