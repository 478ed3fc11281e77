#include "BuiltInContent.h"

namespace bulkhead {

QStringList builtInContentFiles()
{
    return {
        QStringLiteral(":/questionnaires/controls.yaml"),       QStringLiteral(":/questionnaires/risks.yaml"),
        QStringLiteral(":/questionnaires/criteria.yaml"),       QStringLiteral(":/questionnaires/architecture.yaml"),
        QStringLiteral(":/questionnaires/hosting.yaml"),        QStringLiteral(":/questionnaires/provider.yaml"),
        QStringLiteral(":/questionnaires/data.yaml"),           QStringLiteral(":/questionnaires/images.yaml"),
        QStringLiteral(":/questionnaires/infrastructure.yaml"), QStringLiteral(":/questionnaires/webservers.yaml"),
    };
}

} // namespace bulkhead
