// An answer to one question of one engagement, as the assessor recorded it.
#pragma once

#include "ImplementationStatus.h"
#include "Levels.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace bulkhead {

struct Answer {
    qint64 engagementId = 0;
    QString questionId;
    QString value; // multi-choice: option values joined with ','
    ImplementationStatus status = ImplementationStatus::Informational;
    QString note;
    QString method; // examine | interview | test, or empty
    QString interviewee;
    QString answeredBy;
    QDateTime answeredAt;
    int revision = 0; // 1 for the first save, +1 on every change
    QString questionnaireKey;
    int questionnaireVersion = 0;
};

// An assessor's override of a computed risk rating; the rationale is mandatory.
struct RiskOverride {
    qint64 engagementId = 0;
    QString riskId;
    std::optional<Level> likelihood;
    std::optional<Level> impact;
    QString rationale;
    QString overriddenBy;
    QDateTime overriddenAt;
};

} // namespace bulkhead
