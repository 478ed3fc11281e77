// Timing and memory primitives of the bench: a repeatable clock, order statistics, and the
// process's resident memory (current and peak, with the peak resettable between measurements).
#pragma once

#include <QList>

#include <chrono>
#include <functional>

namespace bulkhead::bench {

// A summary of repeated measurements: the median, and the spread as min and max.
struct Stats {
    double median = 0;
    double min = 0;
    double max = 0;
    int runs = 0;
};

Stats summarise(QList<double> values);
// Nearest-rank percentile (p in 0..100) of one run's samples.
double percentile(QList<double> values, double p);

// Milliseconds, from a monotonic clock.
class Stopwatch {
public:
    Stopwatch() : m_start(std::chrono::steady_clock::now()) { }
    double elapsedMs() const { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count(); }
    void restart() { m_start = std::chrono::steady_clock::now(); }

private:
    std::chrono::steady_clock::time_point m_start;
};

double timeMs(const std::function<void()> &work);

// Resident set size of this process, current and peak (VmRSS, VmHWM), in bytes.
qint64 residentBytes();
qint64 peakResidentBytes();
// Starts a new peak: VmHWM drops to the current RSS (Linux /proc/self/clear_refs "5").
bool resetPeakResident();

} // namespace bulkhead::bench
