#pragma once
#include "WorkerPools.h"

#include <QFuture>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>
#include <type_traits>
#include <utility>

namespace rs::ui {

/// Runs `work()` on the query pool and then `then(result)` on `context`'s thread, unless
/// `context` has been destroyed meanwhile. `work` must capture only values (never widgets or
/// models) and must not throw; it returns a value struct. This is the one way views read the
/// workspace without blocking the UI thread; callers drop stale results with a generation id.
template <class Work, class Then> void runInWorker(QObject* context, Work&& work, Then&& then) {
    using Result = std::invoke_result_t<std::decay_t<Work>>;
    QFuture<Result> future = QtConcurrent::run(queryPool(), std::forward<Work>(work));
    future.then(context, std::forward<Then>(then));
}

} // namespace rs::ui
