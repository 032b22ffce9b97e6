// The main window on a fresh default workspace: the demo dataset is imported in the background
// on first launch (and only then), settings remember the workspace, pages plug in with one
// call, and dropped CSV files open the import wizard.
#include "AppSettings.h"
#include "DatasetBrowserPage.h"
#include "DatasetListModel.h"
#include "DatasetSummaryView.h"
#include "DemoDataset.h"
#include "GuiApplication.h"
#include "ImportFilesPage.h"
#include "ImportWizard.h"
#include "InlineMessage.h"
#include "JobStatusWidget.h"
#include "MainWindow.h"
#include "PageHost.h"
#include "UiTestUtil.h"
#include "WhyDock.h"
#include "WhyPanels.h"
#include "WorkspaceSession.h"
#include "import/ImportJob.h"
#include "store/Workspace.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest/QtTest>

using namespace rs::ui;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString defaultPath() const {
        return m_dir.filePath(QStringLiteral("data/workspace.recscope"));
    }
    QString settingsPath() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void firstLaunchImportsDemo() {
        AppSettings settings(settingsPath());
        QVERIFY(!QFileInfo::exists(defaultPath()));
        auto window = createMainWindow(settings, QString(), defaultPath());
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QCOMPARE(window->session().path(), QFileInfo(defaultPath()).absoluteFilePath());
        // The import runs in the background and the status bar shows it.
        QVERIFY(window->jobs().runningCount() == 1);
        QVERIFY(window->jobStatus()->shownJob() != 0);
        QVERIFY(window->jobStatus()->isVisible());
        QAbstractItemModelTester tester(window->datasetBrowser()->datasetModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        DatasetBrowserPage* page = window->datasetBrowser();
        QTRY_COMPARE_WITH_TIMEOUT(page->datasetModel()->rowCount(), 1, 120000);
        QCOMPARE(page->datasetModel()->index(0).data().toString(), DemoDataset::name());
        QTRY_VERIFY_WITH_TIMEOUT(!window->jobStatus()->isVisible(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(page->summaryView()->summary().has_value(), 30000);
        QCOMPARE(page->summaryView()->statText(QStringLiteral("ratings")),
                 QStringLiteral("100,836"));
        QCOMPARE(page->summaryView()->statText(QStringLiteral("users")), QStringLiteral("610"));
        QCOMPARE(page->summaryView()->statText(QStringLiteral("items")), QStringLiteral("9,724"));
        QVERIFY(!window->banner()->isVisible());
        QCOMPARE(window->windowTitle(), QStringLiteral("workspace.recscope — RecScope"));
        QVERIFY(window->findChild<QLabel*>(QStringLiteral("workspaceLabel"))
                    ->text()
                    .contains(QStringLiteral("workspace.recscope")));
        rs::test::saveScreenshot(window.get(), QStringLiteral("mainwindow"));

        // Settings remember the workspace.
        QCOMPARE(settings.lastWorkspace(), QFileInfo(defaultPath()).absoluteFilePath());
        QCOMPARE(settings.recentWorkspaces().value(0), QFileInfo(defaultPath()).absoluteFilePath());
    }

    void secondLaunchDoesNotImportAgain() {
        AppSettings settings(settingsPath());
        auto window = createMainWindow(settings, QString(), defaultPath());
        QCOMPARE(window->jobs().runningCount(), 0);
        QCOMPARE(window->datasetBrowser()->datasetModel()->rowCount(), 1);
    }

    void overrideWorkspaceIsNotSeeded() {
        AppSettings settings(settingsPath());
        const QString other = m_dir.filePath(QStringLiteral("other.recscope"));
        auto window = createMainWindow(settings, other, defaultPath());
        QCOMPARE(window->jobs().runningCount(), 0);
        QCOMPARE(window->datasetBrowser()->datasetModel()->rowCount(), 0);
        QCOMPARE(settings.lastWorkspace(), QFileInfo(other).absoluteFilePath());
        QCOMPARE(settings.recentWorkspaces().size(), 2);
        // The last used workspace wins over the default from now on.
        QCOMPARE(startupWorkspace(settings, QString(), defaultPath()),
                 QFileInfo(other).absoluteFilePath());
    }

    void switchingWorkspacesShowsTheNewOne() {
        AppSettings settings(settingsPath());
        auto window = createMainWindow(settings, defaultPath(), defaultPath());
        DatasetBrowserPage* page = window->datasetBrowser();
        QTRY_VERIFY(page->summaryView()->summary().has_value());
        const qint64 demoId = page->currentDatasetId();
        // A second workspace whose only dataset has the same id as the demo in the first.
        const QString second = m_dir.filePath(QStringLiteral("second.recscope"));
        const QString csv = m_dir.filePath(QStringLiteral("three.csv"));
        QVERIFY(rs::test::writeLines(csv, {QStringLiteral("u,i,r"), QStringLiteral("1,1,5"),
                                           QStringLiteral("2,1,4"), QStringLiteral("2,2,3")}));
        {
            rs::Workspace ws(second.toStdString());
            rs::ImportOptions o;
            o.datasetName = "three ratings";
            o.ratingsPath = csv.toStdString();
            o.dialect.delimiter.clear();
            const rs::ImportResult r = rs::importRatings(ws, o, {});
            QCOMPARE(int(r.status), int(rs::ImportStatus::Ok));
            QCOMPARE(r.datasetId, demoId);
        }
        QVERIFY(window->openWorkspace(second).isEmpty());
        QCOMPARE(page->datasetModel()->rowCount(), 1);
        QTRY_VERIFY(page->summaryView()->summary().has_value());
        QCOMPARE(page->summaryView()->statText(QStringLiteral("ratings")), QStringLiteral("3"));
        QCOMPARE(page->summaryView()->statText(QStringLiteral("users")), QStringLiteral("2"));
    }

    void badWorkspaceShowsInlineError() {
        AppSettings settings(settingsPath());
        const QString bogus = m_dir.filePath(QStringLiteral("not-a-db.recscope"));
        QVERIFY(rs::test::writeLines(bogus, {QStringLiteral("this is not an SQLite file at all, "
                                                            "just text padded to a page size")
                                                 .repeated(40)}));
        MainWindow window(settings);
        const QString error = window.openWorkspace(bogus);
        QVERIFY(!error.isEmpty());
        QVERIFY(!window.banner()->isHidden());
        QCOMPARE(window.banner()->kind(), InlineMessage::Kind::Error);
        QVERIFY2(window.banner()->text().contains(QStringLiteral("not-a-db.recscope")),
                 qPrintable(window.banner()->text()));
        QVERIFY(!settings.recentWorkspaces().contains(QFileInfo(bogus).absoluteFilePath()));
    }

    void menusAndPages() {
        AppSettings settings(settingsPath());
        MainWindow window(settings);
        QStringList menus;
        for (QAction* a : window.menuBar()->actions())
            menus << a->text().remove(QLatin1Char('&'));
        QCOMPARE(menus, (QStringList{QStringLiteral("File"), QStringLiteral("View"),
                                     QStringLiteral("Help")}));
        const int pages = window.pages()->pageCount();
        QVERIFY(pages >= 1);
        for (const char* id : {"training", "runs", "recommendations"})
            QVERIFY2(window.pages()->page(QString::fromLatin1(id)), id);
        QCOMPARE(window.pages()->currentPageId(), QStringLiteral("datasets"));
        // Adding a page is one call; it gets a navigation entry and can be shown.
        auto* later = new QLabel(QStringLiteral("a later page"));
        QCOMPARE(window.addPage(QStringLiteral("later"), QStringLiteral("Later"), QIcon(), later),
                 pages);
        QCOMPARE(window.pages()->pageCount(), pages + 1);
        QCOMPARE(window.pages()->navigation()->count(), pages + 1);
        QVERIFY(window.pages()->showPage(QStringLiteral("later")));
        QCOMPARE(window.pages()->currentPageId(), QStringLiteral("later"));
        QCOMPARE(window.pages()->page(QStringLiteral("later")), later);
        window.pages()->navigation()->setCurrentRow(0);
        QCOMPARE(window.pages()->currentPageId(), QStringLiteral("datasets"));
    }

    /// Every page, and the window with a why panel open, fits a 1366x768 laptop screen.
    void windowFitsASmallScreen() {
        AppSettings settings(settingsPath());
        MainWindow window(settings);
        const QSize screen(1366, 768 - 40); // minus a task bar
        QStringList tooWide;
        for (const char* id : {"datasets", "training", "runs", "recommendations", "heatmaps",
                               "latent", "compare", "pipeline"}) {
            QWidget* page = window.pages()->page(QString::fromLatin1(id));
            QVERIFY2(page, id);
            QVERIFY(window.pages()->showPage(QString::fromLatin1(id)));
            const QSize min = window.minimumSizeHint().expandedTo(window.minimumSize());
            if (min.width() > screen.width() || min.height() > screen.height())
                tooWide << QStringLiteral("%1: window %2x%3, page %4x%5")
                               .arg(QString::fromLatin1(id))
                               .arg(min.width())
                               .arg(min.height())
                               .arg(page->minimumSizeHint().width())
                               .arg(page->minimumSizeHint().height());
        }
        for (const char* id : {"datasets", "training", "runs", "recommendations", "heatmaps",
                               "latent", "compare", "pipeline"})
            qInfo("%s: page min width %d", id,
                  window.pages()->page(QString::fromLatin1(id))->minimumSizeHint().width());
        QVERIFY2(tooWide.isEmpty(), qPrintable(tooWide.join(QStringLiteral("; "))));
        // With a why dock open beside the pages.
        window.whyPanels().showWhy(1, 0, 0);
        window.resize(screen);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QSize centralMin = window.centralWidget()->minimumSizeHint();
        const QSize dockMin = window.whyPanels().docks().front()->minimumSizeHint();
        QVERIFY2(window.width() <= screen.width(),
                 qPrintable(QStringLiteral("window %1; central min %2, dock min %3")
                                .arg(window.width())
                                .arg(centralMin.width())
                                .arg(dockMin.width())));
        QVERIFY2(window.height() <= screen.height(), qPrintable(QString::number(window.height())));
        // Every navigation title shows whole.
        QListWidget* nav = window.pages()->navigation();
        QVERIFY2(nav->sizeHintForColumn(0) <= nav->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2")
                                .arg(nav->sizeHintForColumn(0))
                                .arg(nav->viewport()->width())));
    }

    void droppedCsvOpensWizard() {
        AppSettings settings(settingsPath());
        MainWindow window(settings);
        QVERIFY(window.openWorkspace(m_dir.filePath(QStringLiteral("drop.recscope"))).isEmpty());
        const QString ratings = m_dir.filePath(QStringLiteral("my_ratings.csv"));
        const QString movies = m_dir.filePath(QStringLiteral("movies.csv"));
        const QString other = m_dir.filePath(QStringLiteral("picture.png"));
        QVERIFY(rs::test::writeLines(ratings, {QStringLiteral("u,i,r"), QStringLiteral("1,2,3")}));
        QVERIFY(rs::test::writeLines(movies, {QStringLiteral("id,title"), QStringLiteral("2,X")}));
        QVERIFY(rs::test::writeLines(other, {QStringLiteral("png")}));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(movies), QUrl::fromLocalFile(ratings),
                      QUrl::fromLocalFile(other)});
        QCOMPARE(MainWindow::importableFiles(mime.urls()).size(), 2);
        const QPointF pos(window.width() / 2.0, window.height() / 2.0);
        QDragEnterEvent enter(pos.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        ImportWizard* wizard = window.importWizard();
        QVERIFY(wizard);
        QVERIFY(wizard->isVisible());
        QCOMPARE(wizard->filesPage()->ratingsEdit()->text(), ratings);
        QCOMPARE(wizard->filesPage()->itemsEdit()->text(), movies);

        // Something that is not a table is refused.
        QMimeData png;
        png.setUrls({QUrl::fromLocalFile(other)});
        QDragEnterEvent refused(pos.toPoint(), Qt::CopyAction, &png, Qt::LeftButton,
                                Qt::NoModifier);
        refused.setAccepted(false);
        QApplication::sendEvent(&window, &refused);
        QVERIFY(!refused.isAccepted());
        wizard->close();
    }

    void recentListIsTrimmedAndDeduplicated() {
        AppSettings settings(m_dir.filePath(QStringLiteral("recent.ini")));
        for (int k = 0; k < 12; ++k)
            settings.addRecentWorkspace(m_dir.filePath(QStringLiteral("w%1.recscope").arg(k)));
        settings.addRecentWorkspace(m_dir.filePath(QStringLiteral("w5.recscope")));
        const QStringList recent = settings.recentWorkspaces();
        QCOMPARE(recent.size(), AppSettings::kMaxRecentWorkspaces);
        QVERIFY(recent.first().endsWith(QStringLiteral("w5.recscope")));
        QCOMPARE(recent.count(recent.first()), 1);
        QVERIFY(recent.at(1).endsWith(QStringLiteral("w11.recscope")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
