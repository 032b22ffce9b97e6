// The Latent space page end to end on the bundled demo data with a BiasedMF trained here: the
// PCA map against the core projection, the t-SNE map (computed once, then read from the
// workspace cache), genres clustering on it, finding an item, its neighbours against the core
// index, selecting them and by rectangle, the linked heatmap and dataset browser, the why panel
// from a point, the factor inspector, exports, a model without factors, and cancelling.
#include "DatasetBrowserPage.h"
#include "DemoWorkspace.h"
#include "EmbeddingColors.h"
#include "EmbeddingMap.h"
#include "EmbeddingPage.h"
#include "FactorBars.h"
#include "FactorInspector.h"
#include "HeatmapPage.h"
#include "InlineMessage.h"
#include "ItemScoreModel.h"
#include "PageHost.h"
#include "PagedTableModel.h"
#include "TableBrowser.h"
#include "TrainRun.h"
#include "UiTestUtil.h"
#include "WhyDock.h"
#include "WhyPanel.h"
#include "WhyPanels.h"
#include "latent/ItemGenres.h"
#include "latent/LayoutCsv.h"
#include "latent/MapLayout.h"
#include "latent/ModelFactors.h"
#include "store/LayoutStore.h"
#include "train/RunContext.h"
#include "train/TrainingJob.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest/QtTest>
#include <algorithm>
#include <map>

using namespace rs::ui;

class TestEmbeddingPage : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    rs::test::DemoWindow m_demo;
    qint64 m_mf = 0, m_knn = 0, m_als = 0;

    MainWindow* window() { return m_demo.window.get(); }
    EmbeddingPage* page() { return window()->findChild<EmbeddingPage*>(); }

    qint64 train(const std::string& model,
                 std::vector<std::pair<std::string, std::string>> params) {
        return rs::test::trainRun(window()->session().path().toStdString(), m_demo.datasetId,
                                  {model, std::move(params), "peruser:0.2:seed=3"});
    }

    /// Shows the map of the current run with `method` and waits for it.
    bool showMap(rs::LayoutMethod method, bool recompute = false) {
        QSignalSpy ready(page(), &EmbeddingPage::mapReady);
        page()->setMethod(method);
        if (ready.isEmpty() || recompute) {
            ready.clear();
            page()->showMap(recompute);
        }
        if (!ready.wait(180000))
            return false;
        while (page()->isBusy() && ready.wait(180000)) {
        }
        return ready.last().at(0).toBool();
    }

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_demo = rs::test::openDemoWindow(m_dir, QStringLiteral("latent"));
        QVERIFY2(m_demo.error.isEmpty(), qPrintable(m_demo.error));
        m_mf = train("biasedmf", {{"factors", "32"}, {"epochs", "25"}});
        m_knn = train("itemknn", {});
        m_als = train("als", {});
        QVERIFY(m_mf > 0 && m_knn > 0 && m_als > 0);
        window()->session().notifyRunsChanged(m_mf);
        window()->pages()->showPage(QStringLiteral("latent"));
        QVERIFY(page());
        QTRY_VERIFY_WITH_TIMEOUT(page()->runBox()->findData(qlonglong(m_mf)) >= 0, 20000);
    }

    void pcaMapMatchesTheCoreProjection() {
        QVERIFY(page()->selectRun(m_mf));
        QVERIFY(showMap(rs::LayoutMethod::Pca));
        auto ctx = page()->context();
        auto space = page()->space();
        QVERIFY(ctx && space);
        QCOMPARE(ctx->run.id, m_mf);
        QCOMPARE(page()->map()->points().size(), std::size_t(ctx->numItems()));
        // Items with 5+ training ratings fit the projection; the others are projected on it.
        const Eigen::MatrixXf factors = rs::itemFactorsOf(*ctx->model);
        std::vector<std::uint32_t> fit;
        for (std::uint32_t i = 0; i < ctx->numItems(); ++i)
            if (ctx->train.byItem.rowSize(i) >= 5)
                fit.push_back(i);
        QCOMPARE(space->fittedCount(), fit.size());
        QVERIFY(fit.size() > 1000 && fit.size() < ctx->numItems());
        Eigen::MatrixXf sub(Eigen::Index(fit.size()), factors.cols());
        for (std::size_t k = 0; k < fit.size(); ++k)
            sub.row(Eigen::Index(k)) = factors.row(Eigen::Index(fit[k]));
        const rs::MapLayout expected = rs::computeMapLayout(sub, rs::LayoutMethod::Pca, {}, {});
        for (std::size_t k : {std::size_t(0), std::size_t(17), fit.size() - 1}) {
            QCOMPARE(page()->map()->points()[fit[k]].at.x(), double(expected.xy[2 * k]));
            QCOMPARE(page()->map()->points()[fit[k]].at.y(), double(expected.xy[2 * k + 1]));
            QVERIFY(!page()->map()->points()[fit[k]].hidden);
        }
        std::uint32_t rare = 0;
        while (space->fitted[rare])
            ++rare;
        const Eigen::VectorXf v = factors.row(rare).transpose();
        const Eigen::VectorXf p = expected.pca.project({v.data(), std::size_t(v.size())});
        QVERIFY(std::abs(page()->map()->points()[rare].at.x() - p[0]) < 1e-5);
        QVERIFY(std::abs(page()->map()->points()[rare].at.y() + p[1]) < 1e-5);
        QVERIFY(page()->map()->points()[rare].hidden);
        page()->showRareBox()->setChecked(true);
        QVERIFY(!page()->map()->points()[rare].hidden);
        page()->showRareBox()->setChecked(false);
        QVERIFY(page()->statusLabel()->text().contains(QStringLiteral("PCA")));
    }

    void tsneMapIsComputedOnceAndCached() {
        QVERIFY(showMap(rs::LayoutMethod::Tsne));
        auto space = page()->space();
        QVERIFY(space);
        QVERIFY(!space->fromCache);
        const std::vector<float> first = space->layout.xy;
        {
            rs::Workspace ws(window()->session().path().toStdString());
            const std::string params = rs::EmbeddingRequest{}.layoutParams();
            auto stored = rs::LayoutStore(ws).load(m_mf, rs::FactorSide::Items,
                                                   rs::LayoutMethod::Tsne, space->size(), &params);
            QVERIFY(stored);
            QVERIFY(stored->xy == first);
        }
        // Back to PCA and to t-SNE again: read from the workspace, identical.
        QVERIFY(showMap(rs::LayoutMethod::Pca));
        QVERIFY(showMap(rs::LayoutMethod::Tsne));
        QVERIFY(page()->space()->fromCache);
        QVERIFY(page()->space()->layout.xy == first);
        QVERIFY(page()->statusLabel()->text().contains(QStringLiteral("cached")));
    }

    void genresClusterOnTheTsneMap() {
        // Items with at least 20 ratings: share of each one's 10 nearest map neighbours with the
        // same main genre, against the share expected if genres were scattered at random. ALS
        // (implicit co-occurrence) groups genres clearly; BiasedMF's rating factors much less.
        auto agreement = [this] {
            auto ctx = page()->context();
            auto space = page()->space();
            const std::vector<std::string> genre = rs::mainGenres(ctx->items);
            std::vector<std::uint32_t> rows;
            for (std::uint32_t i = 0; i < space->size(); ++i)
                if (space->popularity[i] >= 20 && !genre[i].empty())
                    rows.push_back(i);
            const rs::LabelAgreement a =
                rs::neighbourLabelAgreement(space->layout.xy, genre, rows, 10);
            qInfo("%s: genre agreement of 10 nearest map neighbours %.3f (random %.3f, %zu items)",
                  ctx->run.model.c_str(), a.observed, a.random, a.rows);
            return a;
        };
        const rs::LabelAgreement mf = agreement();
        QVERIFY(mf.observed > mf.random);
        QVERIFY(page()->selectRun(m_als));
        QVERIFY(showMap(rs::LayoutMethod::Tsne));
        QCOMPARE(page()->context()->run.id, m_als);
        const rs::LabelAgreement als = agreement();
        QVERIFY2(als.observed > 2.0 * als.random,
                 qPrintable(QString("%1 vs %2").arg(als.observed).arg(als.random)));
        rs::test::saveScreenshot(window(), QStringLiteral("latent-als-genres"));
        QVERIFY(page()->selectRun(m_mf));
        QVERIFY(showMap(rs::LayoutMethod::Tsne));
        QVERIFY(page()->space()->fromCache);
    }

    void findItemListsItsNeighbours() {
        QSignalSpy listed(page(), &EmbeddingPage::neighboursReady);
        const double fitted = page()->map()->scale();
        page()->findEdit()->setFocus();
        QTest::keyClicks(page()->findEdit(), QStringLiteral("Toy Story (1995)"));
        QTest::keyClick(page()->findEdit(), Qt::Key_Return);
        auto ctx = page()->context();
        const std::int64_t toyStory = ctx->itemIndex("1");
        QCOMPARE(qint64(page()->currentPoint()), qint64(toyStory));
        QVERIFY(page()->map()->scale() > fitted * 2);
        QVERIFY(listed.wait(20000));
        // The 20 nearest by cosine among the items laid out on the map (5+ ratings).
        std::vector<rs::FactorNeighbour> expected;
        for (const auto& n : page()->space()->index->nearest(std::uint32_t(toyStory), 100000,
                                                             rs::FactorMetric::Cosine))
            if (expected.size() < 20 && page()->space()->fitted[n.row])
                expected.push_back(n);
        const auto& rows = page()->neighbourModel()->rows();
        QCOMPARE(rows.size(), expected.size());
        for (std::size_t k = 0; k < rows.size(); ++k) {
            QCOMPARE(rows[k].item, expected[k].row);
            QCOMPARE(rows[k].value, expected[k].similarity);
        }
        // The centred point is Toy Story.
        const QPointF at =
            page()->map()->toWidget(page()->map()->points()[std::size_t(toyStory)].at);
        QVERIFY(std::abs(at.x() - page()->map()->width() / 2.0) < 2);
        rs::test::saveScreenshot(window(), QStringLiteral("latent-find-neighbours"));
    }

    void selectNeighboursAndLinkTheViews() {
        page()->selectNeighbours();
        std::vector<int> expected;
        for (const auto& r : page()->neighbourModel()->rows())
            expected.push_back(int(r.item));
        expected.push_back(page()->currentPoint());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(page()->map()->selection(), expected);
        QCOMPARE(page()->selectionModel()->rowCount(), int(expected.size()));
        QCOMPARE(page()->sideTabs()->currentIndex(), 1);

        // Dataset browser: the Items tab shows exactly the selection.
        auto* toDatasets = page()->findChild<QPushButton*>(QStringLiteral("selectionToDatasets"));
        QVERIFY(toDatasets->isEnabled());
        QTest::mouseClick(toDatasets, Qt::LeftButton);
        DatasetBrowserPage* browser = window()->datasetBrowser();
        QCOMPARE(window()->pages()->currentPageId(), QStringLiteral("datasets"));
        QTRY_COMPARE_WITH_TIMEOUT(browser->itemsBrowser()->model()->rowCount(),
                                  int(expected.size()), 20000);
        QVERIFY(browser->itemLimitNote()->isVisible());
        rs::test::saveScreenshot(window(), QStringLiteral("latent-linked-dataset-browser"));
        browser->showItemSelection(m_demo.datasetId, {});
        QTRY_VERIFY_WITH_TIMEOUT(
            browser->itemsBrowser()->model()->rowCount() > int(expected.size()), 20000);

        // Heatmap: its history rows are limited to the selection.
        window()->pages()->showPage(QStringLiteral("latent"));
        QTest::mouseClick(page()->findChild<QPushButton*>(QStringLiteral("selectionToHeatmap")),
                          Qt::LeftButton);
        auto* heatmaps = window()->findChild<HeatmapPage*>();
        QCOMPARE(window()->pages()->currentPageId(), QStringLiteral("heatmaps"));
        QVERIFY(heatmaps->rowsLimited());
        QCOMPARE(heatmaps->currentRunId(), m_mf);
        heatmaps->limitRowsToItems(0, {});
        QVERIFY(!heatmaps->rowsLimited());
        window()->pages()->showPage(QStringLiteral("latent"));
    }

    void rectangleSelectsThePointsInside() {
        EmbeddingMap* map = page()->map();
        map->fitAll();
        page()->findChild<QToolButton*>(QStringLiteral("embeddingRectTool"))->click();
        QCOMPARE(map->dragMode(), EmbeddingMap::DragMode::Rectangle);
        const QPoint a(map->width() / 3, map->height() / 3), b(map->width() / 2, map->height() / 2);
        QTest::mousePress(map, Qt::LeftButton, {}, a);
        QTest::mouseMove(map, (a + b) / 2);
        QTest::mouseMove(map, b);
        QTest::mouseRelease(map, Qt::LeftButton, {}, b);
        const std::vector<int> inside = map->pointsIn(QRectF(a, b));
        QVERIFY(!inside.empty());
        QCOMPARE(map->selection(), inside);
        QCOMPARE(page()->selectionModel()->rowCount(), int(inside.size()));
        rs::test::saveScreenshot(window(), QStringLiteral("latent-rectangle-selection"));
        QTest::keyClick(map, Qt::Key_Escape);
        QVERIFY(map->selection().empty());
        page()->findChild<QToolButton*>(QStringLiteral("embeddingPanTool"))->click();
    }

    void userAndWhyPanelFromAPoint() {
        page()->userEdit()->clear();
        QTest::keyClicks(page()->userEdit(), QStringLiteral("414"));
        QTest::keyClick(page()->userEdit(), Qt::Key_Return);
        auto ctx = page()->context();
        const std::int64_t user = ctx->userIndex("414");
        QCOMPARE(page()->userIndex(), qint64(user));
        // The user's rated items are ringed and the marker placed.
        QTRY_COMPARE_WITH_TIMEOUT(page()->map()->highlightGroup(0).size(),
                                  ctx->trainItems(std::uint32_t(user)).size(), 20000);
        QVERIFY(page()->map()->hasMarker());
        float x = 0, y = 0;
        QVERIFY(rs::userOnItemMap(*page()->space(), std::uint32_t(user), x, y));
        QCOMPARE(page()->map()->marker(), QPointF(x, y));

        // Click the top recommendation's point on the map: it becomes current; Why? explains it.
        const auto top = ctx->recommend(std::uint32_t(user), 1);
        QVERIFY(!top.empty());
        EmbeddingMap* map = page()->map();
        map->flyTo(int(top[0].item), 6.0);
        const QPoint at = map->toWidget(map->points()[top[0].item].at).toPoint();
        QCOMPARE(map->pointAt(at), int(top[0].item));
        QTest::mouseClick(map, Qt::LeftButton, {}, at);
        QCOMPARE(page()->currentPoint(), int(top[0].item));
        QVERIFY(page()->whyButton()->isEnabled());
        const int docksBefore = int(window()->whyPanels().docks().size());
        QTest::mouseClick(page()->whyButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(int(window()->whyPanels().docks().size()), docksBefore + 1, 5000);
        WhyPanel* why = window()->whyPanels().docks().back()->primary();
        QCOMPARE(why->item(), top[0].item);
        QCOMPARE(qint64(why->user()), qint64(user));
        QTRY_VERIFY_WITH_TIMEOUT(why->explanation().has_value(), 60000);
        QCOMPARE(why->explanation()->rank, 1);
        // The factor bars compare the user's and the item's factors.
        FactorBars* bars = page()->inspector()->bars();
        QVERIFY(!bars->shownDimensions().empty());
        page()->sideTabs()->setCurrentIndex(2);
        rs::test::saveScreenshot(window(), QStringLiteral("latent-user-why"));
        for (WhyDock* d : window()->whyPanels().docks())
            d->close();
    }

    void factorInspectorNamesDimensions() {
        FactorInspector* inspector = page()->inspector();
        QCOMPARE(inspector->dimensionBox()->count(), 32);
        const auto profiles = rs::describeFactors(*page()->context(), 10);
        inspector->setDimension(3);
        QCOMPARE(inspector->topModel()->rowCount(), int(profiles[3].topItems.size()));
        QCOMPARE(inspector->topModel()->rows().front().item, profiles[3].topItems.front().first);
        QCOMPARE(inspector->bottomModel()->rows().front().item,
                 profiles[3].bottomItems.front().first);
        QTest::mouseClick(inspector->colourButton(), Qt::LeftButton);
        QVERIFY(page()->colorBox()->currentText().contains(QStringLiteral("factor")));
        QVERIFY(page()->map()->legend().front().label.contains(QStringLiteral("factor 4")));
        // Colour by one genre: its items red, the others grey.
        const int horror = page()->colorBox()->findText(QStringLiteral("Genre: Horror"));
        QVERIFY(horror >= 0);
        page()->colorBox()->setCurrentIndex(horror);
        emit page()->colorBox()->activated(horror);
        const auto ctx = page()->context();
        const std::int64_t alien = ctx->itemIndex("1214"); // Alien (1979): Horror|Sci-Fi
        QCOMPARE(page()->map()->points()[std::size_t(alien)].color, QColor(0xc9, 0x2a, 0x2a));
        const std::int64_t toyStory = ctx->itemIndex("1");
        QVERIFY(page()->map()->points()[std::size_t(toyStory)].color != QColor(0xc9, 0x2a, 0x2a));
        // Colour by release year: Toy Story (1995) gets the year scale's colour, the legend
        // spans the titles' years.
        const int year = page()->colorBox()->findText(QStringLiteral("Release year"));
        QVERIFY(year >= 0);
        page()->colorBox()->setCurrentIndex(year);
        emit page()->colorBox()->activated(year);
        QCOMPARE(page()->map()->legend().back().label, QStringLiteral("no year in the title"));
        QVERIFY(page()->map()->legend().front().label.toInt() >= 2015);
        QVERIFY(page()->map()->legend()[4].label.toInt() <= 1910);
        QVERIFY(page()->map()->points()[std::size_t(toyStory)].color != QColor(0xc8, 0xc8, 0xc8));
        const int main = page()->colorBox()->findText(QStringLiteral("Main genre"));
        page()->colorBox()->setCurrentIndex(main);
        emit page()->colorBox()->activated(main);
    }

    void exportsWriteTheMap() {
        page()->map()->fitAll();
        page()->map()->setSelection({1, 2, 3});
        const QString png = m_dir.filePath("map.png"), svg = m_dir.filePath("map.svg"),
                      csv = m_dir.filePath("map.csv");
        QString error;
        QVERIFY2(page()->exportMap(png, QStringLiteral("png"), &error), qPrintable(error));
        QVERIFY2(page()->exportMap(svg, QStringLiteral("svg"), &error), qPrintable(error));
        QVERIFY2(page()->exportMap(csv, QStringLiteral("csv"), &error), qPrintable(error));
        QImage image(png);
        QCOMPARE(image.size(), page()->map()->size() * page()->map()->devicePixelRatioF());
        QFile s(svg);
        QVERIFY(s.open(QIODevice::ReadOnly));
        const QByteArray svgText = s.readAll();
        QVERIFY(svgText.contains("<svg"));
        // Every shown point is a vector shape (ellipses may be written as paths).
        int shown = 0;
        for (const auto& p : page()->map()->points())
            shown += p.hidden ? 0 : 1;
        const int shapes =
            int(svgText.count("<ellipse") + svgText.count("<circle") + svgText.count("<path"));
        QVERIFY2(shapes >= shown, qPrintable(QStringLiteral("%1 < %2").arg(shapes).arg(shown)));
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = c.readAll().split('\n');
        QCOMPARE(lines.front().trimmed(),
                 QByteArray("item_id,title,genres,x,y,ratings,mean_rating,selected"));
        QCOMPARE(int(lines.size()) - 2, int(page()->space()->size())); // header + trailing newline
        int selected = 0;
        for (const QByteArray& l : lines)
            selected += l.trimmed().endsWith(",1") ? 1 : 0;
        QCOMPARE(selected, 3);
        QVERIFY(
            lines[1].startsWith(QByteArray::fromStdString(page()->context()->items[0].id) + ','));
    }

    void modelWithoutFactorsSaysSo() {
        QVERIFY(page()->selectRun(m_knn));
        QSignalSpy ready(page(), &EmbeddingPage::mapReady);
        QVERIFY(ready.wait(60000));
        QCOMPARE(ready.last().at(0).toBool(), false);
        QVERIFY(page()->message()->text().contains(QStringLiteral("no latent factors")));
        QVERIFY(page()->selectRun(m_mf));
        QVERIFY(ready.wait(60000));
        QVERIFY(ready.last().at(0).toBool());
    }

    void cancellingARecomputeKeepsTheMap() {
        const std::vector<float> before = page()->space()->layout.xy;
        QSignalSpy ready(page(), &EmbeddingPage::mapReady);
        page()->showMap(true);
        QTRY_VERIFY_WITH_TIMEOUT(page()->isBusy(), 5000);
        QTest::qWait(300);
        QTest::mouseClick(page()->findChild<QPushButton*>(QStringLiteral("embeddingCancel")),
                          Qt::LeftButton);
        QVERIFY(ready.wait(60000));
        QCOMPARE(ready.last().at(0).toBool(), false);
        QVERIFY(page()->statusLabel()->text().contains(QStringLiteral("cancelled")));
        QVERIFY(page()->space()->layout.xy == before);
        QCOMPARE(page()->map()->points().size(), before.size() / 2);
        rs::Workspace ws(window()->session().path().toStdString());
        QCOMPARE(QString::fromStdString(ws.integrityCheck()), QStringLiteral("ok"));
    }

    void usersMap() {
        page()->setSide(rs::FactorSide::Users);
        QSignalSpy ready(page(), &EmbeddingPage::mapReady);
        QVERIFY(ready.wait(180000));
        QVERIFY(ready.last().at(0).toBool());
        QCOMPARE(page()->map()->points().size(), std::size_t(page()->context()->numUsers()));
        QVERIFY(page()->colorBox()->currentText().contains(QStringLiteral("Activity")));
        QVERIFY(!page()->findEdit()->isEnabled());
        rs::test::saveScreenshot(window(), QStringLiteral("latent-users"));
        page()->setSide(rs::FactorSide::Items);
        QVERIFY(ready.wait(180000));
        rs::test::saveScreenshot(window(), QStringLiteral("latent-items-genres"));
    }
};

QTEST_MAIN(TestEmbeddingPage)
#include "tst_embeddingpage.moc"
