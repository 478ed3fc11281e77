// Loads an engagement with everything scoring needs from a workspace, and scores it:
// the one path the CLI, the GUI and the reports share.
#pragma once

#include "Answer.h"
#include "ContentLibrary.h"
#include "Engagement.h"
#include "Result.h"
#include "ScoreCard.h"
#include "Scoring.h"

namespace bulkhead {

class Workspace;

struct StoredEngagement {
    Engagement engagement;
    ContentLibrary content; // the library with the engagement's pinned questionnaire versions
    QList<Answer> answers;
    QList<RiskOverride> overrides;
    ScoreCard card;
};

Result<StoredEngagement> loadAndScore(Workspace &workspace, const ContentLibrary &library, qint64 engagementId,
                                      const PoamPolicy &policy = {});

} // namespace bulkhead
