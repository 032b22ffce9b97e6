#pragma once
#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace rs::test {

/// Writes `bytes` to `dir/name` exactly as given and returns the path.
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes);
/// ../shared as given by CTest's RECSCOPE_SHARED_DIR (empty when absent on this machine).
QString sharedDir();
/// Folder for screenshots (RECSCOPE_SCREENSHOT_DIR, created on demand).
QString screenshotDir();
/// How many times slower than the normal build this test runs: RECSCOPE_TEST_SLOWDOWN, set by
/// scripts/sanitize.sh for the instrumented builds; 1 otherwise. Bounds on time (the UI stall
/// limits, waits for long jobs) are multiplied by it.
double slowdown();
/// `ms` times slowdown().
int scaledMs(int ms);
/// Whether bounds on responsiveness (the UI stall limits) are asserted: in the normal build, not
/// under the sanitizers (slowdown() > 1). There the instrumented code's speed varies with the
/// machine far beyond any constant factor (a 2.5M-row import: 8.5 s and a 25 ms stall in one run,
/// 19.9 s and 913 ms in another on the same machine), so the tests report the figure and check
/// everything else; responsiveness is asserted by the normal suite and measured by bench/.
bool stallBoundsAsserted();

} // namespace rs::test
