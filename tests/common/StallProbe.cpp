#include "StallProbe.h"

#include "TestFiles.h"

#include <algorithm>

namespace rs::test {

StallProbe::StallProbe() {
    m_timer.setInterval(5);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        if (now - m_last > 30'000'000 && qEnvironmentVariableIsSet("RECSCOPE_STALL_TRACE"))
            qInfo("gap of %.1f ms ending at %.0f ms", double(now - m_last) / 1e6,
                  double(now) / 1e6);
        m_max = std::max(m_max, now - m_last);
        m_last = now;
        ++m_ticks;
    });
}

void StallProbe::start() {
    m_max = 0;
    m_ticks = 0;
    m_clock.start();
    m_last = 0;
    m_timer.start();
}

bool StallProbe::withinBound(double boundMs) const {
    return !stallBoundsAsserted() || maxStallMs() < boundMs;
}

void StallProbe::stop() {
    m_timer.stop();
}

void StallProbe::pause() {
    m_timer.stop();
}

void StallProbe::resume() {
    m_last = m_clock.nsecsElapsed();
    m_timer.start();
}

} // namespace rs::test
