// The SOC 2 Trust Services Criteria (ids and short titles in our words) and the crosswalk from
// NIST SP 800-53 rev5 controls to them, which the SOC 2 readiness report is built on.
#pragma once

#include "Questionnaire.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace bulkhead {

struct CriteriaCategory {
    QString id; // CC, A, C, PI, P
    QString title;
};

struct Criterion {
    QString id; // e.g. "CC6.1"
    QString category;
    QString title;
};

struct CriteriaCatalogue {
    int version = 0;
    QString source;
    QString sourceFile;
    QList<CriteriaCategory> categories;
    QList<Criterion> criteria;
    QMap<QString, QStringList> crosswalk; // control id -> criteria ids
    QMap<QString, SourcePosition> crosswalkPositions; // control id -> where it is written

    const Criterion *criterion(const QString &id) const;
    // The controls the crosswalk maps to a criterion, in control id order.
    QStringList controlsFor(const QString &criterionId) const;
};

} // namespace bulkhead
