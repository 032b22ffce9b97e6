#pragma once
#include "models/Recommender.h"

#include <functional>
#include <mutex>

class QObject;

namespace rs::ui {

/// Carries a training job's per-epoch records from the worker thread to a receiver on the UI
/// thread: post() (any thread) queues an invocation of the handler in the receiver's thread;
/// widgets are never touched from the worker. The receiver calls detach() before it dies (e.g.
/// in its destructor); later posts are then dropped. Shared by the job and the receiver.
class EpochRelay {
public:
    using Handler = std::function<void(const rs::EpochRecord&)>;

    EpochRelay(QObject* receiver, Handler handler);

    /// Queues `handler(record)` on the receiver's thread; a no-op after detach().
    void post(const rs::EpochRecord& record);
    /// Stops delivery; call on the receiver's thread.
    void detach();

private:
    std::mutex m_mutex;
    QObject* m_receiver;
    Handler m_handler;
};

} // namespace rs::ui
