// What every fuzz target checks besides "no crash": an error handed back is one a user can act
// on, so it names the input and says something. A broken invariant aborts, which libFuzzer
// reports as a crash with the input that caused it.
#pragma once

#include "Result.h"

#include <QString>

#include <cstdio>
#include <cstdlib>

namespace bulkhead::fuzz {

inline void require(bool holds, const char *invariant, const QString &detail = {})
{
    if (holds)
        return;
    std::fprintf(stderr, "fuzz invariant broken: %s: %s\n", invariant, qUtf8Printable(detail.left(400)));
    std::abort();
}

// An error about input `file`: it names that file and has a message.
inline void requireClearError(const Error &error, const QString &file)
{
    require(error.file == file, "the error does not name the input", error.toString());
    require(!error.message.trimmed().isEmpty(), "the error has no message", error.toString());
    require(error.line >= 0 && error.column >= 0, "the error has a negative position", error.toString());
}

} // namespace bulkhead::fuzz
