#include "BuiltInContent.h"

namespace bulkhead {

QStringList builtInContentFiles()
{
    return {
        QStringLiteral(":/questionnaires/controls.yaml"),
        QStringLiteral(":/questionnaires/risks.yaml"),
        QStringLiteral(":/questionnaires/criteria.yaml"),
        QStringLiteral(":/questionnaires/architecture.yaml"),
    };
}

} // namespace bulkhead
