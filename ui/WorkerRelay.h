#pragma once
#include "models/Recommender.h"
#include "pipeline/StageGraph.h"

#include <QMetaObject>
#include <QObject>
#include <functional>
#include <mutex>

namespace rs::ui {

/// Carries values (a training job's epoch records, its stage graphs) from a worker thread to a
/// receiver on the UI thread: post() (any thread) queues an invocation of the handler in the
/// receiver's thread; widgets are never touched from the worker. The receiver calls detach()
/// before it dies (e.g. in its destructor); later posts are then dropped. Shared by the job and
/// the receiver.
template <class Value> class WorkerRelay {
public:
    using Handler = std::function<void(const Value&)>;

    WorkerRelay(QObject* receiver, Handler handler)
        : m_receiver(receiver), m_handler(std::move(handler)) {}

    /// Queues `handler(value)` on the receiver's thread; a no-op after detach().
    void post(const Value& value) {
        // Holding the lock while posting: detach() cannot return (and the receiver cannot be
        // destroyed) between the check and the post. A posted event dies with its receiver.
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_receiver)
            return;
        QMetaObject::invokeMethod(
            m_receiver, [handler = m_handler, value] { handler(value); }, Qt::QueuedConnection);
    }
    /// Stops delivery; call on the receiver's thread.
    void detach() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_receiver = nullptr;
    }

private:
    std::mutex m_mutex;
    QObject* m_receiver;
    Handler m_handler;
};

using EpochRelay = WorkerRelay<rs::EpochRecord>;
using StageRelay = WorkerRelay<rs::StageGraph>;

} // namespace rs::ui
