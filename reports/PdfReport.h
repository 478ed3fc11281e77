// Lays a ReportDocument out as an A4 PDF: a cover page, then the content with the organisation
// and classification marking in the header and the title, marking and "page X of Y" in the
// footer of every page. Text is set through QTextCursor, never parsed as markup, so user text
// cannot change the layout; long words wrap anywhere rather than run off the page. Needs a
// QGuiApplication (fonts).
#pragma once

#include "ReportDocument.h"

namespace bulkhead {

struct PdfResult {
    QByteArray pdf;
    int pages = 0;
};

PdfResult renderPdf(const ReportDocument &document);

} // namespace bulkhead
