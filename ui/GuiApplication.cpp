#include "GuiApplication.h"

#include "AppSettings.h"
#include "ImportWizard.h"
#include "MainWindow.h"
#include "UiLog.h"
#include "WorkspacePaths.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QIcon>

namespace rs::ui {

QString startupWorkspace(const AppSettings& settings, const QString& workspaceOverride,
                         const QString& defaultPath) {
    if (!workspaceOverride.isEmpty())
        return workspaceOverride;
    const QString last = settings.lastWorkspace();
    if (!last.isEmpty() && QFileInfo::exists(last))
        return last;
    return defaultPath;
}

std::unique_ptr<MainWindow> createMainWindow(AppSettings& settings,
                                             const QString& workspaceOverride,
                                             const QString& defaultPath) {
    auto window = std::make_unique<MainWindow>(settings);
    const QString path = startupWorkspace(settings, workspaceOverride, defaultPath);
    bool created = false;
    if (window->openWorkspace(path, &created).isEmpty()) {
        const bool isDefault = QDir::cleanPath(QFileInfo(path).absoluteFilePath()) ==
                               QDir::cleanPath(QFileInfo(defaultPath).absoluteFilePath());
        if (created && isDefault) {
            qCInfo(lcUi) << "first launch: importing the demo dataset into" << path;
            window->importDemoDataset();
        }
    }
    return window;
}

int runGui(int& argc, char** argv, const QString& workspaceOverride) {
    QApplication app(argc, argv);
    setApplicationIdentity();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/recscope.svg")));
    AppSettings settings;
    auto window = createMainWindow(settings, workspaceOverride, defaultWorkspacePath());
    window->show();
    const int code = QApplication::exec();
    window.reset();
    settings.sync();
    return code;
}

} // namespace rs::ui
