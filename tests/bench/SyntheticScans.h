// Scanner output of a chosen size, shaped like the real thing (field for field as in Trivy's and
// kube-bench's own test fixtures): a Trivy image report with N vulnerabilities spread over
// targets, and a kube-bench report with N results over several nodes.
#pragma once

#include <QByteArray>

namespace bulkhead::bench {

QByteArray syntheticTrivyReport(int vulnerabilities);
QByteArray syntheticKubeBenchReport(int results);

} // namespace bulkhead::bench
