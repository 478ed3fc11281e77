// The demo workspace: realistic, fictional engagements that show every part of Bulkhead
// working, for first runs, screenshots and tests.
#pragma once

#include "Result.h"

#include <QList>
#include <QString>

namespace bulkhead {

class ContentLibrary;
class Workspace;

// Adds the demo engagements that are missing (same client, system and period start) and returns
// the ids of all demo engagements. The data comes from resources/demo.
Result<QList<qint64>> buildDemo(Workspace &workspace, const ContentLibrary &library);

} // namespace bulkhead
