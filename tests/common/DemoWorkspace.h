#pragma once
// For GUI tests (tests/ui) only: a main window on a new workspace in a temporary folder with the
// bundled MovieLens demo dataset imported (header-only: it needs the UI library).
#include "AppSettings.h"
#include "DemoDataset.h"
#include "ImportWizard.h" // MainWindow.h's inline importWizard() needs the complete type
#include "MainWindow.h"
#include "WorkspaceSession.h"

#include <QTemporaryDir>
#include <memory>

namespace rs::test {

struct DemoWindow {
    std::unique_ptr<rs::ui::AppSettings> settings;
    std::unique_ptr<rs::ui::MainWindow> window;
    qint64 datasetId = 0;
    QString error; ///< empty on success
};

/// Creates the window on `dir`/name, imports the demo dataset (in the calling thread: test
/// setup only), announces it, and shows the window at 1280x800.
inline DemoWindow openDemoWindow(const QTemporaryDir& dir, const QString& name) {
    DemoWindow d;
    d.settings = std::make_unique<rs::ui::AppSettings>(dir.filePath(name + QStringLiteral(".ini")));
    d.window = std::make_unique<rs::ui::MainWindow>(*d.settings);
    d.error = d.window->openWorkspace(dir.filePath(name + QStringLiteral(".recscope")));
    if (!d.error.isEmpty())
        return d;
    const rs::ImportResult r = rs::ui::DemoDataset::importInto(d.window->session().path());
    if (r.status != rs::ImportStatus::Ok) {
        d.error = QString::fromStdString(r.error);
        return d;
    }
    d.datasetId = r.datasetId;
    d.window->session().notifyDatasetsChanged(r.datasetId);
    d.window->resize(1280, 800);
    d.window->show();
    return d;
}

} // namespace rs::test
