#include "EpochRelay.h"

#include <QMetaObject>
#include <QObject>

namespace rs::ui {

EpochRelay::EpochRelay(QObject* receiver, Handler handler)
    : m_receiver(receiver), m_handler(std::move(handler)) {}

void EpochRelay::post(const rs::EpochRecord& record) {
    // Holding the lock while posting: detach() cannot return (and the receiver cannot be
    // destroyed) between the check and the post. A posted event dies with its receiver.
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_receiver)
        return;
    QMetaObject::invokeMethod(
        m_receiver, [handler = m_handler, record] { handler(record); }, Qt::QueuedConnection);
}

void EpochRelay::detach() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_receiver = nullptr;
}

} // namespace rs::ui
