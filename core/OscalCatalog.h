// Reads OSCAL catalogs and profiles (JSON), such as NIST's SP 800-53 rev5 catalog and its
// LOW / MODERATE / HIGH baseline profiles, so a firm can bring the control set and baselines it
// works to. Errors name the file and the JSON path of the offending value.
#pragma once

#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace bulkhead {

struct OscalControl {
    QString id; // display form: "AC-2(1)" for SP 800-53 ids, otherwise as written
    QString oscalId; // as written in the catalog: "ac-2.1"
    QString title;
    QString groupId; // the group it sits in, e.g. "ac"
    bool enhancement = false; // nested inside another control
};

struct OscalCatalog {
    QString title;
    int groupCount = 0; // every group, nested ones included
    QList<OscalControl> controls; // document order, each control before its enhancements

    int baseControlCount() const;
    int enhancementCount() const;
};

struct OscalProfile {
    QString title;
    QStringList controlIds; // display form, in the order the profile lists them
};

// "ac-2.1" -> "AC-2(1)"; ids that are not SP 800-53 style are returned unchanged.
QString oscalDisplayId(const QString &oscalId);

Result<OscalCatalog> readOscalCatalog(const QString &path);
Result<OscalProfile> readOscalProfile(const QString &path);
// The controls a baseline selects, from either a profile or a catalog resolved from one (NIST
// publishes both): the file's top-level "catalog" or "profile" decides which it is read as.
Result<OscalProfile> readOscalBaseline(const QString &path);

} // namespace bulkhead
