// Runs one hostile case in a forked child process with a time limit and, unless built with a
// sanitizer, a cap on its address space: a hang or a memory blow-up in the code under test then
// fails that one case with a reason, instead of stalling the run or exhausting the machine.
#pragma once

#include <QByteArray>
#include <QString>

#include <chrono>
#include <functional>

namespace bulkhead::test {

struct BoundedRun {
    enum class Outcome {
        Finished, // the work returned; `output` is what it returned
        TimedOut, // killed at the deadline
        OutOfMemory, // an allocation failed under the address-space cap
        Crashed, // ended by a signal, or exited without handing back its output
    };
    Outcome outcome = Outcome::Crashed;
    QByteArray output;
    int signal = 0;
    qint64 elapsedMs = 0;

    bool finished() const { return outcome == Outcome::Finished; }
    // For INFO(): what happened, in words.
    std::string describe() const;
};

// True when built with AddressSanitizer, which reserves terabytes of address space up front and
// so cannot run under RLIMIT_AS.
bool builtWithAddressSanitizer();

// How much slower than a plain build this one runs (sanitizers), to scale time limits by.
int slowdownFactor();

struct Bounds {
    // Generous for a loaded machine; multiplied by slowdownFactor().
    std::chrono::milliseconds timeout = std::chrono::seconds(20);
    qint64 addressSpace = 2LL * 1024 * 1024 * 1024; // ignored under AddressSanitizer
    qint64 stack = 0; // the main thread's stack limit; 0 leaves it as it is (usually 8 MiB)
};

// Runs `work` in a child. Its return value comes back as `output`; the child never touches
// Catch (the parent asserts), and leaves with _exit so nothing of the parent's is flushed twice.
BoundedRun runBounded(const std::function<QByteArray()> &work, const Bounds &bounds = {});

} // namespace bulkhead::test
