#pragma once
#include "JobRunner.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QMenu;

namespace rs::ui {

class AppSettings;
class DatasetBrowserPage;
class FactorImportDialog;
class ImportWizard;
class InlineMessage;
class JobStatusWidget;
class PageHost;
class RunContextCache;
class WhyPanels;
class WorkspaceSession;

/// The application window: a thin coordinator. It owns the workspace session and the job
/// runner, builds menus, toolbar and status bar, and hosts the pages (Datasets now; later
/// pages are added with one addPage() call). Dropping CSV/TSV files opens the import wizard.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(AppSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens (or creates) a workspace and remembers it. Returns an error text (also shown in
    /// the window) or empty; `created` tells whether the file is new.
    QString openWorkspace(const QString& path, bool* created = nullptr);
    /// Imports the bundled MovieLens demo into the open workspace, in the background.
    JobId importDemoDataset();
    /// Opens the import wizard, pre-filled with `files` when given.
    ImportWizard* openImportWizard(const QStringList& files = {});
    /// Opens the "Import factor model" dialog (bring your own model); nullptr without a
    /// workspace.
    FactorImportDialog* openFactorImport();

    /// Adds a page to the navigation and a "Go to" action to the View menu.
    int addPage(const QString& id, const QString& title, const QIcon& icon, QWidget* page);
    /// Adds a dock (with its toggle action in the View menu).
    void addDock(QDockWidget* dock, Qt::DockWidgetArea area = Qt::RightDockWidgetArea);

    WorkspaceSession& session() const { return *m_session; }
    JobRunner& jobs() const { return *m_jobs; }
    /// Loaded trained runs, shared by the views that use them.
    RunContextCache& runContexts() const { return *m_runContexts; }
    /// The why panels (explanation docks): showWhy(runId, user, item) opens one.
    WhyPanels& whyPanels() const { return *m_whyPanels; }
    PageHost* pages() const { return m_pages; }
    DatasetBrowserPage* datasetBrowser() const { return m_datasets; }
    JobStatusWidget* jobStatus() const { return m_jobStatus; }
    InlineMessage* banner() const { return m_banner; }
    ImportWizard* importWizard() const { return m_wizard; }

    /// Files among `urls` that the import wizard can take (local .csv .tsv .dat .txt ...).
    static QStringList importableFiles(const QList<QUrl>& urls);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void rebuildRecentMenu();
    void newWorkspace();
    void chooseWorkspace();
    void about();

    AppSettings& m_settings;
    WorkspaceSession* m_session;
    JobRunner* m_jobs;
    RunContextCache* m_runContexts;
    InlineMessage* m_banner;
    PageHost* m_pages;
    DatasetBrowserPage* m_datasets;
    JobStatusWidget* m_jobStatus;
    QLabel* m_workspaceLabel;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_pagesSeparator = nullptr;
    QPointer<ImportWizard> m_wizard;
    QPointer<FactorImportDialog> m_factorImport;
    WhyPanels* m_whyPanels = nullptr;
};

} // namespace rs::ui
