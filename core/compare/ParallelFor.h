#pragma once
#include <cstddef>
#include <functional>

namespace rs {

/// Runs work(i) for i in [0, count) on `threads` threads (the calling thread is one of them);
/// threads take the next index from a shared counter. After each finished index the calling
/// thread (only it) calls report(finishedSoFar); report returning false cancels: no new index
/// is started and the function returns false (true when every index had finished anyway).
/// After a complete run report(count) is called once more. The first exception thrown by `work`
/// stops the others and is rethrown here once every thread has finished.
bool parallelFor(std::size_t count, int threads, const std::function<void(std::size_t)>& work,
                 const std::function<bool(std::size_t)>& report);

} // namespace rs
