// The content files compiled into every Bulkhead binary, in load order.
#pragma once

#include <QStringList>

namespace bulkhead {

// Qt resource paths: the control catalogue first, then the risk catalogue and the Trust
// Services Criteria, then the questionnaires in the order an interview usually takes them.
QStringList builtInContentFiles();

} // namespace bulkhead
