#pragma once
#include "WorkerPools.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>
#include <type_traits>
#include <utility>

namespace rs::ui {

/// Runs `work()` on the query pool and then `then(result)` on `context`'s thread, unless
/// `context` has been destroyed meanwhile. `work` must capture only values (never widgets or
/// models) and must not throw; it returns a value struct. This is the one way views read the
/// workspace without blocking the UI thread; callers drop stale results with a generation id.
///
/// The result comes back through a QFutureWatcher owned by `context` (not QFuture::then with a
/// context, which in Qt 6.4 may still deliver to a context destroyed meanwhile): destroying the
/// context destroys the watcher, and with it the delivery.
template <class Work, class Then> void runInWorker(QObject* context, Work&& work, Then&& then) {
    using Result = std::invoke_result_t<std::decay_t<Work>>;
    auto* watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, then = std::forward<Then>(then)]() mutable {
                         watcher->deleteLater();
                         QFuture<Result> future = watcher->future();
                         if (future.resultCount() > 0)
                             then(future.takeResult());
                     });
    watcher->setFuture(QtConcurrent::run(queryPool(), std::forward<Work>(work)));
}

} // namespace rs::ui
