#pragma once
#include <QString>
#include <memory>

namespace rs::ui {

class AppSettings;
class MainWindow;

/// Runs the desktop application: creates the QApplication, the settings and the main window
/// on the startup workspace (see createMainWindow), and enters the event loop.
int runGui(int& argc, char** argv, const QString& workspaceOverride);

/// The workspace to open at startup: `workspaceOverride` when given, else the last used one if
/// it still exists, else `defaultPath`.
QString startupWorkspace(const AppSettings& settings, const QString& workspaceOverride,
                         const QString& defaultPath);

/// Everything runGui does between creating the QApplication and exec(): a main window on the
/// startup workspace; when that is `defaultPath` and the file did not exist yet (first launch),
/// the bundled demo dataset is imported in the background. Tests call this directly.
std::unique_ptr<MainWindow> createMainWindow(AppSettings& settings,
                                             const QString& workspaceOverride,
                                             const QString& defaultPath);

} // namespace rs::ui
