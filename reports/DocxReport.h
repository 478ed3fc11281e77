// The Word form of a report: an Office Open XML (WordprocessingML) package that a consultant can
// open, edit and send on. A4, a cover page, then the content under a header with the organisation
// and classification marking and a footer with the title, the marking and "Page X of Y" (PAGE and
// NUMPAGES fields, so Word counts the pages). Everything is in named styles (Title, Heading 1/2,
// Caption, a report table style) so a firm's own template can restyle it. All user text goes through
// one escaping function that also drops what XML 1.0 forbids; nothing refers outside the package.
#pragma once

#include "Result.h"

#include <QByteArray>

namespace bulkhead {

struct ReportDocument;

// The .docx bytes. The same document always gives the same bytes: every zip entry is stamped with
// the document's generatedAt (UTC; 1980-01-01 00:00 when it has none or DOS time cannot hold it),
// never the clock. Fails only if the package cannot be written.
Result<QByteArray> renderDocx(const ReportDocument &doc);

} // namespace bulkhead
