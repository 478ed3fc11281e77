// Checks the references between content files: control ids, risk ids in `mitigates`,
// names read by `when` conditions, cycles between conditions, ids unique across files.
#pragma once

#include "Result.h"

#include <QList>

namespace bulkhead {

class ContentLibrary;

QList<Error> validateContent(const ContentLibrary &library);

} // namespace bulkhead
