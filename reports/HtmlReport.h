// The HTML form of a report: one self-contained UTF-8 file that a consultant can mail to a client.
// Written in XHTML syntax (every element closed, attributes quoted) so it also parses as XML;
// nothing is loaded from outside (inline style, images as data: URIs, no script) and a
// Content-Security-Policy meta forbids it anyway. All user text goes through one escaping function.
#pragma once

#include <QByteArray>

namespace bulkhead {

struct ReportDocument;

// The same document always gives the same bytes: the generated-at time comes from the document.
QByteArray renderHtml(const ReportDocument &doc);

} // namespace bulkhead
