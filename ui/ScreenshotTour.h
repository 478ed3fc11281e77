// `bulkhead --screenshot DIR`: every main page of the window, with the current engagement open,
// saved as DIR/<page>.png, for the README and for checking the look after a change.
#pragma once

#include "Result.h"

#include <QStringList>

namespace bulkhead {

class MainWindow;

// Shows each page in turn (the reports page with a PDF preview of the Security Assessment
// Report) and saves what the window paints. Returns the files written.
Result<QStringList> saveScreenshots(MainWindow &window, const QString &directory);

} // namespace bulkhead
