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

} // namespace rs::test
