// The POA&M as CSV (RFC 4180) for spreadsheets and import scripts.
#pragma once

#include "PoamTable.h"

#include <QByteArray>

namespace bulkhead {

// UTF-8 with a byte order mark, CRLF after every record (the last included), fields quoted only
// when they hold a comma, a double quote, CR or LF, and quotes doubled inside them. Planned
// milestones are joined with "; ". A field that a spreadsheet would run as a formula (first
// character = + - @, tab or CR) is written with a leading apostrophe, so it is the one place
// where the CSV differs from the table's text.
QByteArray renderPoamCsv(const PoamTable &table);

} // namespace bulkhead
