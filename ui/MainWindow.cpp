#include "MainWindow.h"

#include "AppSettings.h"
#include "ComparisonPage.h"
#include "DatasetBrowserPage.h"
#include "DatasetFormat.h"
#include "DemoDataset.h"
#include "EmbeddingPage.h"
#include "FactorImportDialog.h"
#include "HeatmapPage.h"
#include "ImportWizard.h"
#include "InlineMessage.h"
#include "JobStatusWidget.h"
#include "PageHost.h"
#include "PipelinePage.h"
#include "RecommendationsPage.h"
#include "RunContextCache.h"
#include "RunsPage.h"
#include "TrainingPage.h"
#include "TrainingQueue.h"
#include "UiLog.h"
#include "WhyPanels.h"
#include "WorkspaceSession.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace rs::ui {

MainWindow::MainWindow(AppSettings& settings, QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_session(new WorkspaceSession(this)),
      m_jobs(new JobRunner(this)), m_runContexts(new RunContextCache(*m_session, this)),
      m_banner(new InlineMessage(this)), m_pages(new PageHost(this)),
      m_jobStatus(new JobStatusWidget(*m_jobs, this)), m_workspaceLabel(new QLabel(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("RecScope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/recscope.svg")));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    m_banner->setObjectName(QStringLiteral("windowBanner"));

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_workspaceLabel->setObjectName(QStringLiteral("workspaceLabel"));
    statusBar()->addWidget(m_workspaceLabel, 1);
    statusBar()->addPermanentWidget(m_jobStatus);

    buildMenus();
    m_whyPanels = new WhyPanels(*this);
    m_datasets = new DatasetBrowserPage(*m_session, *m_jobs, &m_settings, this);
    addPage(QStringLiteral("datasets"), tr("Datasets"),
            QIcon(QStringLiteral(":/icons/dataset.svg")), m_datasets);
    connect(m_datasets, &DatasetBrowserPage::importRequested, this, [this] { openImportWizard(); });
    auto* training = new TrainingPage(*m_session, *m_jobs, this);
    addPage(QStringLiteral("training"), tr("Training"), QIcon(QStringLiteral(":/icons/train.svg")),
            training);
    auto* runs = new RunsPage(*m_session, *m_jobs, *m_runContexts, this);
    addPage(QStringLiteral("runs"), tr("Runs"), QIcon(QStringLiteral(":/icons/runs.svg")), runs);
    auto* recommendations = new RecommendationsPage(*m_session, *m_runContexts, this);
    addPage(QStringLiteral("recommendations"), tr("Recommendations"),
            QIcon(QStringLiteral(":/icons/recommend.svg")), recommendations);
    connect(runs, &RunsPage::showRecommendationsRequested, this,
            [this, recommendations](qint64 runId) {
                recommendations->setRun(runId);
                m_pages->showPage(QStringLiteral("recommendations"));
            });
    auto* heatmaps = new HeatmapPage(*m_session, *m_jobs, *m_runContexts, this);
    addPage(QStringLiteral("heatmaps"), tr("Heatmaps"),
            QIcon(QStringLiteral(":/icons/heatmap.svg")), heatmaps);
    // Every view that shows a recommendation opens its explanation in a why panel.
    connect(recommendations, &RecommendationsPage::explainRequested, this,
            [this](qint64 runId, quint32 user, quint32 item) {
                m_whyPanels->showWhy(runId, user, item);
            });
    connect(heatmaps, &HeatmapPage::cellActivated, this,
            [this](qint64 runId, quint32 user, quint32 rowItem, quint32 columnItem) {
                m_whyPanels->showWhy(runId, user, columnItem, rowItem);
            });
    auto* latent = new EmbeddingPage(*m_session, *m_jobs, *m_runContexts, this);
    addPage(QStringLiteral("latent"), tr("Latent space"),
            QIcon(QStringLiteral(":/icons/latent.svg")), latent);
    connect(latent, &EmbeddingPage::explainRequested, this,
            [this](qint64 runId, quint32 user, quint32 item) {
                m_whyPanels->showWhy(runId, user, item);
            });
    // Linked selection: items selected on the map filter the heatmap and the dataset browser.
    connect(latent, &EmbeddingPage::showItemsInHeatmap, this,
            [this, heatmaps](qint64 runId, qint64 datasetId, QList<quint32> items) {
                heatmaps->selectRun(runId);
                heatmaps->limitRowsToItems(datasetId, items);
                m_pages->showPage(QStringLiteral("heatmaps"));
            });
    connect(latent, &EmbeddingPage::showItemsInDatasets, this,
            [this](qint64 datasetId, QList<quint32> items) {
                m_datasets->showItemSelection(datasetId, items);
                m_pages->showPage(QStringLiteral("datasets"));
            });
    auto* comparison = new ComparisonPage(*m_session, *m_jobs, this);
    addPage(QStringLiteral("compare"), tr("Compare"), QIcon(QStringLiteral(":/icons/compare.svg")),
            comparison);
    // A user clicked in the per-user scatter: their recommendations from the first run (the
    // why panel is one click away there).
    connect(comparison, &ComparisonPage::userActivated, this,
            [this, recommendations](qint64 runA, qint64, const QString& userId) {
                recommendations->setRun(runA);
                recommendations->setUserId(userId);
                recommendations->showRecommendations();
                m_pages->showPage(QStringLiteral("recommendations"));
            });
    auto* pipeline = new PipelinePage(*m_session, this);
    addPage(QStringLiteral("pipeline"), tr("Pipeline"),
            QIcon(QStringLiteral(":/icons/pipeline.svg")), pipeline);
    // The running training job's stages, live; "Edit and re-run…" fills the Training page.
    connect(training->queue(), &TrainingQueue::stageChanged, pipeline,
            [pipeline](int, const rs::StageGraph& g) { pipeline->showLiveGraph(g); });
    connect(pipeline, &PipelinePage::rerunRequested, this,
            [this, training](qint64 runId, const QString& stage,
                             const QList<QPair<QString, QString>>& changes) {
                training->prefillFromRun(runId, stage, changes);
                m_pages->showPage(QStringLiteral("training"));
            });
    connect(m_session, &WorkspaceSession::workspaceChanged, this, [this](const QString& path) {
        m_workspaceLabel->setText(path.isEmpty() ? tr("No workspace")
                                                 : tr("Workspace: %1").arg(path));
        setWindowTitle(path.isEmpty()
                           ? QStringLiteral("RecScope")
                           : QStringLiteral("%1 — RecScope").arg(QFileInfo(path).fileName()));
    });

    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(1280, 800);
    restoreState(m_settings.windowState());
}

MainWindow::~MainWindow() {
    m_jobs->cancelAll();
    // Views and docks hold references to the session and the job runner, which are children
    // created first and so would be destroyed first: destroy the views explicitly before them.
    for (QDockWidget* dock : findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly))
        delete dock;
    delete m_wizard.data();
    delete m_factorImport.data();
    delete takeCentralWidget();
    m_pages = nullptr;
    m_datasets = nullptr;
    delete m_whyPanels;
}

FactorImportDialog* MainWindow::openFactorImport() {
    if (m_session->path().isEmpty()) {
        m_banner->showError(tr("Open a workspace first."));
        return nullptr;
    }
    if (!m_factorImport) {
        m_factorImport = new FactorImportDialog(*m_session, *m_jobs, this);
        m_factorImport->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_factorImport->show();
    m_factorImport->raise();
    return m_factorImport;
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newWs = file->addAction(QIcon(QStringLiteral(":/icons/new.svg")),
                                     tr("&New workspace…"), this, &MainWindow::newWorkspace);
    newWs->setShortcut(QKeySequence::New);
    QAction* openWs = file->addAction(QIcon(QStringLiteral(":/icons/open.svg")),
                                      tr("&Open workspace…"), this, &MainWindow::chooseWorkspace);
    openWs->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("&Recent workspaces"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    QAction* import = file->addAction(QIcon(QStringLiteral(":/icons/import.svg")),
                                      tr("&Import ratings…"), this, [this] { openImportWizard(); });
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    import->setObjectName(QStringLiteral("importAction"));
    QAction* importFactors =
        file->addAction(tr("Import &factor model…"), this, [this] { openFactorImport(); });
    importFactors->setObjectName(QStringLiteral("importFactorsAction"));
    importFactors->setToolTip(tr("Bring a model trained elsewhere: item (and user) factor files"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* nav = m_viewMenu->addAction(tr("Show &navigation"));
    nav->setCheckable(true);
    nav->setChecked(true);
    connect(nav, &QAction::toggled, m_pages, &PageHost::setNavigationVisible);
    m_pagesSeparator = m_viewMenu->addSeparator();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About RecScope"), this, &MainWindow::about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(20, 20));
    bar->addAction(import);
    bar->addAction(openWs);
    m_viewMenu->insertAction(m_pagesSeparator, bar->toggleViewAction());
}

int MainWindow::addPage(const QString& id, const QString& title, const QIcon& icon, QWidget* page) {
    const int index = m_pages->addPage(id, title, icon, page);
    QAction* go = m_viewMenu->addAction(icon, title, this, [this, id] { m_pages->showPage(id); });
    if (index < 9)
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    return index;
}

void MainWindow::addDock(QDockWidget* dock, Qt::DockWidgetArea area) {
    if (dock->objectName().isEmpty())
        dock->setObjectName(dock->windowTitle());
    addDockWidget(area, dock);
    m_viewMenu->insertAction(m_pagesSeparator, dock->toggleViewAction());
}

QString MainWindow::openWorkspace(const QString& path, bool* created) {
    const QString error = m_session->open(path, created);
    if (!error.isEmpty()) {
        m_banner->showError(tr("Cannot open the workspace %1: %2").arg(path, error));
        m_settings.removeRecentWorkspace(path);
        return error;
    }
    m_banner->clear();
    m_settings.addRecentWorkspace(m_session->path());
    m_settings.setLastWorkspace(m_session->path());
    return {};
}

JobId MainWindow::importDemoDataset() {
    const QString path = m_session->path();
    if (path.isEmpty())
        return 0;
    std::function<rs::ImportResult(const rs::Progress&)> work =
        [path](const rs::Progress& progress) { return DemoDataset::importInto(path, progress); };
    return m_jobs->start<rs::ImportResult>(
        tr("Importing the demo dataset"), std::move(work), this, [this](rs::ImportResult r) {
            if (r.status == rs::ImportStatus::Ok) {
                statusBar()->showMessage(
                    tr("Demo dataset imported: %1 ratings").arg(formatCount(r.ratings)), 8000);
                m_session->notifyDatasetsChanged(r.datasetId);
            } else if (r.status == rs::ImportStatus::Failed) {
                m_banner->showError(tr("The demo dataset could not be imported: %1")
                                        .arg(QString::fromStdString(r.error)));
            }
        });
}

ImportWizard* MainWindow::openImportWizard(const QStringList& files) {
    if (!m_session->isOpen()) {
        m_banner->showError(tr("Open or create a workspace before importing."));
        return nullptr;
    }
    if (!m_wizard) {
        m_wizard = new ImportWizard(*m_session, *m_jobs, &m_settings, this);
        m_wizard->setWindowFlag(Qt::Window);
        m_wizard->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_wizard, &ImportWizard::importFinished, this, [this](int status, qint64 id) {
            if (status == int(rs::ImportStatus::Ok))
                m_datasets->selectDataset(id);
        });
    }
    if (!files.isEmpty())
        m_wizard->setFiles(files);
    m_wizard->show();
    m_wizard->raise();
    m_wizard->activateWindow();
    return m_wizard;
}

void MainWindow::newWorkspace() {
    const QString path = QFileDialog::getSaveFileName(this, tr("New workspace"),
                                                      QFileInfo(m_session->path()).absolutePath(),
                                                      tr("RecScope workspaces (*.recscope)"));
    if (path.isEmpty())
        return;
    QString target = path;
    if (QFileInfo(target).suffix().isEmpty())
        target += QStringLiteral(".recscope");
    if (QFileInfo::exists(target)) {
        m_banner->showError(tr("%1 already exists; use Open workspace to open it.").arg(target));
        return;
    }
    openWorkspace(target);
}

void MainWindow::chooseWorkspace() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open workspace"), QFileInfo(m_session->path()).absolutePath(),
        tr("RecScope workspaces (*.recscope);;All files (*)"));
    if (!path.isEmpty())
        openWorkspace(path);
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = m_settings.recentWorkspaces();
    for (const QString& path : recent) {
        QAction* a = m_recentMenu->addAction(path, this, [this, path] { openWorkspace(path); });
        a->setEnabled(QFileInfo::exists(path));
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
}

void MainWindow::about() {
    QMessageBox::about(
        this, tr("About RecScope"),
        tr("<h3>RecScope %1</h3>"
           "<p>See why recommenders recommend what they do.</p>"
           "<p>The bundled demo dataset is <b>MovieLens ml-latest-small</b> by GroupLens Research "
           "(University of Minnesota), redistributed under its own license: research use only, "
           "no commercial use without permission, no endorsement implied, and publications must "
           "cite F. M. Harper and J. A. Konstan, <i>The MovieLens Datasets: History and "
           "Context</i>, ACM TiiS 5(4), 2015. The full terms are in the dataset's README.txt.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

QStringList MainWindow::importableFiles(const QList<QUrl>& urls) {
    static const QStringList suffixes = {QStringLiteral("csv"),  QStringLiteral("tsv"),
                                         QStringLiteral("dat"),  QStringLiteral("txt"),
                                         QStringLiteral("data"), QStringLiteral("tab")};
    QStringList files;
    for (const QUrl& url : urls) {
        const QFileInfo fi(url.toLocalFile());
        if (url.isLocalFile() && fi.isFile() && suffixes.contains(fi.suffix().toLower()))
            files << fi.absoluteFilePath();
    }
    return files;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() && !importableFiles(event->mimeData()->urls()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QStringList files = importableFiles(event->mimeData()->urls());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    openImportWizard(files);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_jobs->cancelAll();
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.sync();
    QMainWindow::closeEvent(event);
}

} // namespace rs::ui
