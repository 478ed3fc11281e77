// What a scanner reported about one check on one target, in one shape for every tool we import
// (kube-bench, docker-bench-security, Trivy, SARIF). Parsers fill these; the store and the
// mapping to questions and controls come later and work on this shape only.
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace bulkhead {

struct Observation {
    // A small status set, named after SARIF's result kinds, onto which every tool's states map:
    //
    //   status          kube-bench   docker-bench   Trivy                          SARIF kind
    //   pass            PASS         PASS           misconfiguration PASS          pass
    //   fail            FAIL         WARN (1)       misconfiguration FAIL,         fail (the default)
    //                                               vulnerability (2), secret
    //   review          WARN (3)     NOTE (4)       misconfiguration EXCEPTION (5) review, open,
    //                                                                              fail + suppressed (5)
    //   info            INFO         INFO           -                              informational
    //   not_applicable  -            -              vulnerability not_affected     notApplicable
    //
    // (1) docker-bench has no FAIL: WARN is its failing state.
    // (2) a vulnerable package is a failing finding whatever its fix status; Trivy's own
    //     Status ("fixed" = a fix exists, "affected", "will_not_fix"...) is kept in toolStatus.
    // (3) kube-bench says WARN for manual checks, unscored checks that failed and audits it could
    //     not run: the tool could not decide, so the assessor has to.
    // (4) docker-bench says NOTE for its manual checks.
    // (5) a failure someone waived: the assessor judges the waiver.
    enum class Status { Pass, Fail, Review, Info, NotApplicable };

    QString tool; // "kube-bench", "docker-bench-security", "Trivy", or a SARIF driver's name
    QString toolVersion; // empty when the output does not say (kube-bench never does)
    QString checkId; // as the tool spells it: "1.1.1", "DS-0002", "CVE-2019-1549"
    QString normalisedCheckId; // see CheckIds.h: "k8s-cis:1.1.1", "DS-0002"
    QString title;
    Status status = Status::Info;
    QString toolStatus; // the tool's own word for the status: "WARN", "FAIL", "fixed", "warning"...
    QString severity; // the tool's own: CRITICAL/HIGH/MEDIUM/LOW/UNKNOWN, a SARIF level; empty if none
    QString target; // what was checked: a node type, an image and package, a file
    QString remediation;
    QString detail; // the evidence the tool gives: actual values, matched text, message
};

struct ScanReport {
    QString tool;
    QString toolVersion;
    QList<Observation> observations; // in the order the file lists them
};

// "pass", "fail", "review", "info", "not_applicable": the stable spelling for storage and JSON.
inline QString observationStatusKey(Observation::Status status)
{
    switch (status) {
    case Observation::Status::Pass: return QStringLiteral("pass");
    case Observation::Status::Fail: return QStringLiteral("fail");
    case Observation::Status::Review: return QStringLiteral("review");
    case Observation::Status::Info: return QStringLiteral("info");
    case Observation::Status::NotApplicable: return QStringLiteral("not_applicable");
    }
    return {};
}

inline std::optional<Observation::Status> observationStatusFromKey(const QString &key)
{
    for (const auto status : {Observation::Status::Pass, Observation::Status::Fail, Observation::Status::Review, Observation::Status::Info,
                              Observation::Status::NotApplicable}) {
        if (observationStatusKey(status) == key)
            return status;
    }
    return std::nullopt;
}

} // namespace bulkhead
