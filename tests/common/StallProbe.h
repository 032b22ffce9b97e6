#pragma once
// UI stall probe for the GUI tests: a 5 ms precise timer on the thread that creates it records
// the longest gap between two of its ticks, i.e. how long that thread's event loop was blocked.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace rs::test {

class StallProbe : public QObject {
public:
    StallProbe();
    void start();
    void stop();
    /// Stops measuring while the test itself blocks the thread (e.g. to save a screenshot);
    /// resume() goes on from there, keeping the maximum so far.
    void pause();
    void resume();
    /// The longest gap between two ticks (or since start()), in milliseconds.
    double maxStallMs() const { return double(m_max) / 1e6; }
    qint64 ticks() const { return m_ticks; }
    /// maxStallMs() < boundMs where the bounds are asserted (stallBoundsAsserted(): the normal
    /// build); true under the sanitizers, where the tests only print the stall.
    bool withinBound(double boundMs) const;

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0, m_max = 0, m_ticks = 0;
};

} // namespace rs::test
