#include "BoundedRun.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <new>

#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bulkhead::test {

namespace {

constexpr int kExitOutOfMemory = 97;
constexpr int kExitException = 98;

void writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        done += n;
    }
}

[[noreturn]] void runChild(int fd, const std::function<QByteArray()> &work, const Bounds &bounds)
{
    // Catch's handlers would report a crash here as the parent's test failing, and then carry on
    // in the child; the default action ends the child, and the parent reports the signal.
    for (const int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT})
        std::signal(sig, SIG_DFL);
    if (!builtWithAddressSanitizer()) {
        const rlimit limit {rlim_t(bounds.addressSpace), rlim_t(bounds.addressSpace)};
        ::setrlimit(RLIMIT_AS, &limit);
    }
    // The main thread's stack grows on demand up to this limit, so lowering it here bounds
    // how deep the work may recurse.
    if (bounds.stack > 0) {
        const rlimit limit {rlim_t(bounds.stack), rlim_t(bounds.stack)};
        ::setrlimit(RLIMIT_STACK, &limit);
    }
    int code = 0;
    try {
        writeAll(fd, work());
    } catch (const std::bad_alloc &) {
        code = kExitOutOfMemory;
    } catch (...) {
        code = kExitException;
    }
    ::close(fd);
    ::_exit(code);
}

} // namespace

bool builtWithAddressSanitizer()
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
}

int slowdownFactor()
{
    return builtWithAddressSanitizer() ? 3 : 1;
}

std::string BoundedRun::describe() const
{
    switch (outcome) {
    case Outcome::Finished: return "finished in " + std::to_string(elapsedMs) + " ms";
    case Outcome::TimedOut: return "still running after " + std::to_string(elapsedMs) + " ms: killed (a hang)";
    case Outcome::OutOfMemory: return "ran out of its address space (a memory blow-up) after " + std::to_string(elapsedMs) + " ms";
    case Outcome::Crashed:
        return signal ? "crashed with signal " + std::to_string(signal) + " (" + ::strsignal(signal) + ")"
                      : "exited without handing back a result";
    }
    return {};
}

BoundedRun runBounded(const std::function<QByteArray()> &work, const Bounds &bounds)
{
    BoundedRun run;
    int fds[2];
    if (::pipe(fds) != 0)
        return run;
    QElapsedTimer timer;
    timer.start();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return run;
    }
    if (pid == 0) {
        ::close(fds[0]);
        runChild(fds[1], work, bounds);
    }
    ::close(fds[1]);
    const qint64 deadline = bounds.timeout.count() * slowdownFactor();
    bool timedOut = false;
    char buffer[65536];
    for (;;) {
        const qint64 left = deadline - timer.elapsed();
        if (left <= 0) {
            timedOut = true;
            break;
        }
        pollfd p {fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, int(std::min<qint64>(left, 1000)));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            continue;
        const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // the child closed its end: finished, or died
        run.output.append(buffer, n);
    }
    ::close(fds[0]);
    if (timedOut)
        ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    run.elapsedMs = timer.elapsed();
    if (timedOut)
        run.outcome = BoundedRun::Outcome::TimedOut;
    else if (WIFSIGNALED(status))
        run.signal = WTERMSIG(status);
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        run.outcome = BoundedRun::Outcome::Finished;
    else if (WIFEXITED(status) && WEXITSTATUS(status) == kExitOutOfMemory)
        run.outcome = BoundedRun::Outcome::OutOfMemory;
    return run;
}

} // namespace bulkhead::test
