#include "StoredEngagement.h"

#include "AnswerStore.h"
#include "BaselineProfiles.h"
#include "CataloguePins.h"
#include "EngagementStore.h"
#include "EvidenceStore.h"
#include "PoamPolicySettings.h"
#include "QuestionnairePins.h"

#include <algorithm>

namespace bulkhead {

Result<StoredEngagement> loadAndScore(Workspace &workspace, const ContentLibrary &library, qint64 engagementId,
                                      std::optional<PoamPolicy> policy)
{
    StoredEngagement stored;
    const EngagementStore engagements(workspace);
    auto engagement = engagements.get(engagementId);
    if (!engagement)
        return engagement.error();
    stored.engagement = *engagement;
    if (!policy) {
        auto inForce = stored.engagement.status == EngagementStatus::Approved ? engagements.approvedPoamPolicy(engagementId)
                                                                              : poamPolicyFromSettings(workspace);
        if (!inForce)
            return inForce.error();
        policy = *inForce;
    }
    auto questionnaires = QuestionnairePins(workspace).contentFor(engagementId, library);
    if (!questionnaires)
        return questionnaires.error();
    const CataloguePins cataloguePins(workspace);
    auto catalogues = cataloguePins.pinned(engagementId);
    if (!catalogues)
        return catalogues.error();
    auto content = cataloguePins.apply(*catalogues, std::move(*questionnaires));
    if (!content)
        return content.error();
    stored.content = std::move(*content);
    const AnswerStore answers(workspace);
    auto given = answers.answers(engagementId);
    if (!given)
        return given.error();
    stored.answers = *given;
    auto overrides = answers.riskOverrides(engagementId);
    if (!overrides)
        return overrides.error();
    stored.overrides = *overrides;
    auto evidence = EvidenceStore(workspace).list(engagementId);
    if (!evidence)
        return evidence.error();
    stored.evidence = *evidence;
    stored.poamPolicy = *policy;
    if (!stored.engagement.baselineProfile.isEmpty()) {
        auto profile = BaselineProfiles(workspace).get(stored.engagement.baselineProfile);
        if (!profile)
            return profile.error();
        stored.profileControls = profile->inScope(stored.content.controls());
    }
    stored.card = scoreEngagement(
        ScoringInput {&stored.content, stored.engagement, stored.answers, stored.overrides, stored.poamPolicy, stored.profileControls});
    return stored;
}

Result<StoredEngagement> rescoreWithAnswer(Workspace &workspace, const ContentLibrary &library, StoredEngagement stored,
                                           const Answer &saved)
{
    const Questionnaire *owner = stored.content.questionnaire(saved.questionnaireKey);
    if (saved.engagementId != stored.engagement.id || !owner || owner->version != saved.questionnaireVersion
        || !stored.content.question(saved.questionId))
        return loadAndScore(workspace, library, saved.engagementId);
    // In question order, as AnswerStore::answers reads them.
    const auto at = std::lower_bound(stored.answers.begin(), stored.answers.end(), saved.questionId,
                                     [](const Answer &a, const QString &id) { return a.questionId < id; });
    if (at != stored.answers.end() && at->questionId == saved.questionId)
        *at = saved;
    else
        stored.answers.insert(at, saved);
    stored.card = scoreEngagement(
        ScoringInput {&stored.content, stored.engagement, stored.answers, stored.overrides, stored.poamPolicy, stored.profileControls});
    return stored;
}

} // namespace bulkhead
