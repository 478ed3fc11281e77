#include "ImplementationStatus.h"

namespace bulkhead {

QString implementationStatusKey(ImplementationStatus status)
{
    switch (status) {
    case ImplementationStatus::Informational: return QStringLiteral("informational");
    case ImplementationStatus::Implemented: return QStringLiteral("implemented");
    case ImplementationStatus::Partial: return QStringLiteral("partial");
    case ImplementationStatus::NotImplemented: return QStringLiteral("not_implemented");
    case ImplementationStatus::NotApplicable: return QStringLiteral("not_applicable");
    }
    return {};
}

std::optional<ImplementationStatus> parseImplementationStatus(const QString &key)
{
    for (auto s : {ImplementationStatus::Informational, ImplementationStatus::Implemented, ImplementationStatus::Partial,
                   ImplementationStatus::NotImplemented, ImplementationStatus::NotApplicable}) {
        if (implementationStatusKey(s) == key)
            return s;
    }
    if (key.isEmpty())
        return ImplementationStatus::Informational;
    return std::nullopt;
}

} // namespace bulkhead
