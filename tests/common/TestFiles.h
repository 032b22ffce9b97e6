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

} // namespace rs::test
