// Scanner check ids in one spelling per check, so that a mapping file (questionnaires/) can tie
// each check to questions and controls once, whatever tool or output format reported it.
//
// The scheme:
//   - Trivy's own checks (misconfigurations, from Trivy JSON or Trivy's SARIF) are spelled in
//     several ways for the same check: "DS-0002", "DS002", "AVD-DS-0002", "ds002", and in
//     compliance reports "AVD-KSV012". All become PREFIX-NNNN: the letters upper-cased, a dash,
//     the number with at least four digits ("DS-0002", "KSV-0012", "KCV-0048", "AWS-0086").
//     This is the spelling of Trivy's compliance specs (trivy/compliance-specs/*.yaml, there with
//     an "AVD-" prefix) less that prefix.
//   - Anything else Trivy reports keeps its spelling, trimmed: vulnerability ids ("CVE-2019-1549",
//     "GHSA-...") are global already, and secret rule ids ("aws-access-key-id") have no number.
//   - CIS benchmark numbers from kube-bench and docker-bench stay as written ("1.1.1", "4.2.10":
//     they are not decimals, "4.1" and "4.10" differ) behind the benchmark's name, the spec ids
//     Trivy's compliance specs use: "k8s-cis:1.1.1", "docker-cis:4.1".
//   - SARIF rule ids from Trivy follow Trivy's rules above; from any other tool they are kept as
//     written behind the tool's name, lower-cased, so two tools' "B101" never meet:
//     "bandit:B101".
#pragma once

#include <QString>

namespace bulkhead {

enum class CisBenchmark { Kubernetes, Docker };

// "DS002", "AVD-DS-0002", "ds-2" -> "DS-0002"; "CVE-2019-1549" -> unchanged.
QString normaliseTrivyCheckId(const QString &id);
// (Kubernetes, "1.1.1") -> "k8s-cis:1.1.1"; (Docker, "4.1") -> "docker-cis:4.1".
QString normaliseCisCheckId(CisBenchmark benchmark, const QString &number);
// ("Trivy", "AVD-DS-0002") -> "DS-0002"; ("Bandit", "B101") -> "bandit:B101".
QString normaliseSarifRuleId(const QString &toolName, const QString &ruleId);

} // namespace bulkhead
