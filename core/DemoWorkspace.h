// The demo workspace: realistic, fictional engagements that show every part of Bulkhead
// working, for first runs, screenshots and tests.
#pragma once

#include "Result.h"

#include <QList>
#include <QString>

namespace bulkhead {

class ContentLibrary;
class Workspace;

// The client names the demo uses; a workspace that has them already is left as it is.
const QStringList &demoClients();

// Adds the demo engagements that are missing and returns the ids of all demo engagements.
Result<QList<qint64>> buildDemo(Workspace &workspace, const ContentLibrary &library);

} // namespace bulkhead
