// Deterministic identifiers for the OSCAL exports.
#pragma once

#include <QString>

namespace bulkhead {

// A UUID in version 4 form derived from what a report was built from: the first 16 bytes of
// SHA-256(contentHash + path), with the version nibble set to 4 and the RFC 4122 variant bits
// to 10. `path` names the object within the export ("risk/risk.image.vulnerable", ...).
//
// Why not random: an approved engagement is frozen, and a report of it must come out byte for
// byte the same on every export apart from its timestamps, so that two copies can be compared
// and a changed byte means changed content. OSCAL 1.1.2 accepts only version 4 or 5 UUIDs
// (UUIDDatatype); version 5 would need a namespace UUID and SHA-1, so the version 4 form, which
// promises nothing about how the 122 free bits were chosen, is the honest fit.
QString oscalUuid(const QString &contentHash, const QString &path);

} // namespace bulkhead
