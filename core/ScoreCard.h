// The result of scoring one engagement: control results, family scores, risk ratings and
// POA&M items, each carrying the reasons that explain it.
#pragma once

#include "Levels.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulkhead {

// NIST SP 800-53A determination of a control.
enum class ControlDetermination { Satisfied, OtherThanSatisfied, NotAssessed, NotApplicable };
QString controlDeterminationKey(ControlDetermination d); // "satisfied", "other_than_satisfied", ...

struct ControlResult {
    QString id;
    QString family;
    QString title;
    ControlDetermination result = ControlDetermination::NotAssessed;
    QStringList questions; // visible questions mapped to the control
    QStringList reasons;
};

struct FamilyScore {
    QString id;
    QString title;
    std::optional<double> score; // percent, 0..100; none when nothing was assessed
    int implemented = 0;
    int partial = 0;
    int notImplemented = 0;
    int controlsInScope = 0;
    int controlsSatisfied = 0;
    int controlsOtherThanSatisfied = 0;
    QStringList reasons;
};

struct RiskRating {
    QString id;
    QString title;
    Level inherentLikelihood = Level::Moderate; // after fact-driven modifiers
    Level inherentImpact = Level::Moderate;
    Level inherentLevel = Level::Moderate;
    Level likelihood = Level::Moderate; // residual, after mitigation and any override
    Level impact = Level::Moderate;
    Level level = Level::Moderate;
    double mitigationShare = 0.0; // 0..1
    bool overridden = false;
    QStringList reasons;
};

struct PoamItem {
    QString id; // "POAM-001"
    QString source; // "control" or "risk"
    QString sourceId; // control or risk id
    QString title;
    QString weakness;
    QStringList controls;
    Level level = Level::Moderate;
    QDate detected;
    QDate due;
    QString owner;
    QStringList milestones;
    QString status = QStringLiteral("open");
};

struct ScoreCard {
    qint64 engagementId = 0;
    QString baseline;
    QString scoringRules;
    int scoredQuestions = 0; // visible questions that carry an implementation status
    int answeredQuestions = 0; // of those, the ones answered
    QList<ControlResult> controls;
    QList<FamilyScore> families;
    QList<RiskRating> risks;
    QList<PoamItem> poam;

    int count(ControlDetermination d) const;
    int risksAtOrAbove(Level level) const;
    std::optional<Level> highestRiskLevel() const;
};

} // namespace bulkhead
