// How far an answer says a safeguard is in place. Informational answers (free text, or a
// choice option that only records a fact) carry no status and do not count in scoring.
#pragma once

#include <QString>

#include <optional>

namespace bulkhead {

enum class ImplementationStatus { Informational, Implemented, Partial, NotImplemented, NotApplicable };

// "informational", "implemented", "partial", "not_implemented", "not_applicable". Parsing also
// takes an empty text as informational (a choice option without a status).
QString implementationStatusKey(ImplementationStatus status);
std::optional<ImplementationStatus> parseImplementationStatus(const QString &key);

} // namespace bulkhead
