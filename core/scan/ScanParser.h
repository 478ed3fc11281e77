// Reads scanner output into a ScanReport: kube-bench JSON, docker-bench-security JSON logs,
// Trivy JSON reports and SARIF 2.1.0 logs. Parsing only; nothing is stored.
//
// A file is taken whole or not at all: invalid JSON (docker-bench writes its log with printf and
// real logs can be broken), a shape that is not the chosen tool's, or one malformed entry gives an
// Error naming the file, with the line and column for invalid JSON and the JSON path of the
// offending value ("Controls[0].tests[1].results[2].status: missing") otherwise. Nothing throws.
//
// JSON is read with QJsonDocument rather than Poco::JSON: it reports errors as values with an
// offset we turn into a line and column, never throws, bounds nesting depth, and core already uses
// it (OscalCatalog), so core needs no further Poco library.
#pragma once

#include "Result.h"
#include "scan/Observation.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulkhead {

enum class ScanTool { KubeBench, DockerBench, Trivy, Sarif };

// "kube-bench", "docker-bench", "trivy", "sarif" (case-insensitive); nullopt for anything else.
std::optional<ScanTool> parseScanTool(const QString &name);
// The spellings parseScanTool accepts, for help texts and error messages.
QStringList scanToolNames();

// Whose output `bytes` look like, from the keys each tool writes at the top; nullopt when none
// fits. Only a suggestion for a person choosing the tool (the GUI): parseScan still checks.
std::optional<ScanTool> guessScanTool(const QByteArray &bytes);

// `fileName` is only used in errors; `bytes` are the whole file.
Result<ScanReport> parseScan(ScanTool tool, const QByteArray &bytes, const QString &fileName);

} // namespace bulkhead
