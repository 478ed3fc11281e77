// Fuzzes one scanner reader (core/scan, chosen by BULKHEAD_FUZZ_TOOL): any bytes must give a
// report or an error that names the file, with a line no further than the file has.
#include "FuzzSupport.h"
#include "scan/ScanParser.h"

#include <cstddef>
#include <cstdint>

using namespace bulkhead;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString file = QStringLiteral("fuzz.json");
    const auto report = parseScan(ScanTool::BULKHEAD_FUZZ_TOOL, bytes, file);
    if (!report) {
        fuzz::requireClearError(report.error(), file);
        fuzz::require(report.error().line <= bytes.count('\n') + 1, "an error line past the end of the file", report.error().toString());
        return 0;
    }
    for (const auto &o : report->observations)
        fuzz::require(!observationStatusKey(o.status).isEmpty(), "an observation without a status", o.checkId);
    return 0;
}
