#include "compare/ParallelFor.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace rs {

bool parallelFor(std::size_t count, int threads, const std::function<void(std::size_t)>& work,
                 const std::function<bool(std::size_t)>& report) {
    std::atomic<std::size_t> next{0}, finished{0};
    std::atomic<bool> stop{false};
    std::mutex errorMutex;
    std::exception_ptr error;
    auto loop = [&](bool reporting) {
        while (!stop.load(std::memory_order_relaxed)) {
            const std::size_t i = next.fetch_add(1);
            if (i >= count)
                return;
            try {
                work(i);
            } catch (...) {
                const std::lock_guard lock(errorMutex);
                if (!error)
                    error = std::current_exception();
                stop = true;
                return;
            }
            const std::size_t done = finished.fetch_add(1) + 1;
            if (reporting && report && !report(done))
                stop = true;
        }
    };
    const std::size_t pool =
        std::min<std::size_t>(std::size_t(std::max(threads, 1)), std::max<std::size_t>(count, 1));
    std::vector<std::thread> helpers;
    for (std::size_t t = 1; t < pool; ++t)
        helpers.emplace_back(loop, false);
    loop(true);
    for (std::thread& t : helpers)
        t.join();
    if (error)
        std::rethrow_exception(error);
    const bool cancelled = stop.load() && finished.load() < count;
    if (!cancelled && report)
        report(count); // the final report; the work is complete whatever it answers
    return !cancelled;
}

} // namespace rs
