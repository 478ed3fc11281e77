// The risk catalogue: each risk's inherent likelihood and impact on the SP 800-30 scale and the
// fact-driven modifiers that adjust them for a given engagement.
#pragma once

#include "Condition.h"
#include "Levels.h"
#include "Questionnaire.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace bulkhead {

struct RiskModifier {
    Condition when;
    int likelihoodSteps = 0;
    int impactSteps = 0;
    QString reason;
    SourcePosition position;
};

struct RiskDefinition {
    QString id;
    QString title;
    QString description;
    QString area;
    Level likelihood = Level::Moderate;
    Level impact = Level::Moderate;
    int maxReduction = 2; // likelihood levels that full mitigation removes
    QList<RiskModifier> modifiers;
    QStringList controls; // related NIST SP 800-53 rev5 controls, for reports
    QString sp800_190Group; // image | registry | orchestrator | container | host_os, or empty
    QString sourceFile; // a user's file can add risks to the built-in catalogue
    SourcePosition position;
};

struct RiskCatalogue {
    int version = 0;
    QList<RiskDefinition> risks;
    QString sourceFile;

    const RiskDefinition *risk(const QString &id) const;
};

} // namespace bulkhead
