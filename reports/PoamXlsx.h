// The POA&M as an Excel workbook (XLSX), written with libxlsxwriter.
#pragma once

#include "PoamTable.h"
#include "ReportDocument.h"
#include "Result.h"

#include <QByteArray>

namespace bulkhead {

// One worksheet "POA&M": a bold header row in the branding accent, frozen, with an autofilter
// over every item; wrapped long columns; detection and completion dates as real Excel dates
// (yyyy-mm-dd); milestones one per line. Text is kept as text, never a formula. Characters XML
// 1.0 forbids are dropped and a cell longer than Excel's 32,767 characters is cut with a marker.
// The same table gives the same bytes: the creation time is the table's generatedAt.
Result<QByteArray> renderPoamXlsx(const PoamTable &table, const ReportBranding &branding);

} // namespace bulkhead
