// Scoring: a pure function from loaded content and an engagement's answers to its ScoreCard.
// No I/O, no clock: the same inputs always give the same card, in the GUI, the CLI and
// every report. The rules are in DESIGN.md "Scoring" and questionnaires/README.md.
#pragma once

#include "Answer.h"
#include "Engagement.h"
#include "ScoreCard.h"

#include <QList>
#include <QMap>
#include <QSet>

namespace bulkhead {

class ContentLibrary;

// Days from detection to scheduled completion of a POA&M item, by risk level.
struct PoamPolicy {
    QMap<Level, int> dueDays = {{Level::VeryHigh, 30}, {Level::High, 30}, {Level::Moderate, 90}, {Level::Low, 180}, {Level::VeryLow, 365}};
};

struct ScoringInput {
    const ContentLibrary *content = nullptr; // the engagement's content (pinned versions)
    Engagement engagement;
    QList<Answer> answers;
    QList<RiskOverride> overrides;
    PoamPolicy poamPolicy;
    // The controls of the imported baseline the engagement uses (BaselineProfile::inScope);
    // ignored unless engagement.baselineProfile names one.
    QSet<QString> profileControls;
};

// The version of the rules below; reports cite it so a reader knows how results were reached.
QString scoringRulesVersion();

ScoreCard scoreEngagement(const ScoringInput &input);

} // namespace bulkhead
