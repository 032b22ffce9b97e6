// The why panel end to end, in a main window on a temporary workspace with the demo dataset:
// trained runs are explained through WhyPanels::showWhy, "What if…" re-scores the top-N live,
// pinned panels stay, and two models are compared side by side. Its widgets alone are tested
// in tst_whywidgets.
#include "AppSettings.h"
#include "CompareRunMenu.h"
#include "CounterfactualView.h"
#include "DeletionCurveChart.h"
#include "DemoDataset.h"
#include "EvidenceBarList.h"
#include "EvidenceListModel.h"
#include "ExplainService.h"
#include "ExplainText.h"
#include "ImportWizard.h" // MainWindow.h's inline importWizard() needs the complete type
#include "InlineMessage.h"
#include "MainWindow.h"
#include "TopNComparison.h"
#include "TrainRun.h"
#include "UiTestUtil.h"
#include "WaterfallBars.h"
#include "WaterfallChart.h"
#include "WhyDock.h"
#include "WhyHeader.h"
#include "WhyPanel.h"
#include "WhyPanels.h"
#include "store/Workspace.h"
#include "train/TrainingJob.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest/QtTest>
#include <cmath>
#include <numeric>

using namespace rs::ui;

namespace {
constexpr int kTimeout = 180000; ///< ms: explanations of a cold run on a loaded machine
}

class TestWhyPanel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_datasetId = 0, m_mfRun = 0, m_alsRun = 0;
    std::shared_ptr<const rs::RunContext> m_mf, m_als;
    std::uint32_t m_user = 0, m_item = 0, m_otherItem = 0;
    std::uint32_t m_missUser = 0, m_missItem = 0; ///< no counterfactual found
    bool m_haveMissing = false;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;

private slots:
    void initTestCase() { rs::test::initUiTestEnvironment(); }

    void trainRuns() {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("why.recscope"));
        const rs::ImportResult imported = DemoDataset::importInto(m_path);
        QCOMPARE(int(imported.status), int(rs::ImportStatus::Ok));
        m_datasetId = imported.datasetId;
        auto train = [&](const std::string& model,
                         std::vector<std::pair<std::string, std::string>> params) {
            return rs::test::trainRun(m_path.toStdString(), m_datasetId,
                                      {model, std::move(params), "random:0.2:seed=3", 7});
        };
        m_mfRun = train("biasedmf", {{"factors", "24"}, {"epochs", "60"}});
        m_alsRun = train("als", {{"factors", "24"}, {"iterations", "8"}});
        QVERIFY(m_mfRun > 0 && m_alsRun > 0);

        // A user with a modest history and the item at rank 8 of their top-10 for which the
        // core finds a counterfactual; and one for which it finds none.
        std::string error;
        rs::Workspace ws(m_path.toStdString());
        m_mf = rs::loadRunContext(ws, m_mfRun, error);
        QVERIFY2(m_mf, error.c_str());
        m_als = rs::loadRunContext(ws, m_alsRun, error);
        QVERIFY2(m_als, error.c_str());
        const auto explainer = rs::makeExplainer(*m_mf, error);
        QVERIFY2(explainer, error.c_str());
        bool found = false, missing = false;
        for (std::uint32_t u = 0; u < m_mf->numUsers() && !(found && missing); ++u) {
            const auto n = m_mf->trainItems(u).size();
            if (n < 25 || n > 60)
                continue;
            const auto top = m_mf->recommend(u, 10);
            const rs::Explanation e = explainer->explain(u, top[7].item, {});
            if (e.counterfactual.found && !found) {
                found = true;
                m_user = u;
                m_item = top[7].item;
                m_otherItem = top[2].item;
            } else if (!e.counterfactual.found && !missing) {
                missing = true;
                m_missUser = u;
                m_missItem = top[7].item;
            }
        }
        QVERIFY(found);
        m_haveMissing = missing;

        m_settings = std::make_unique<AppSettings>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_window = std::make_unique<MainWindow>(*m_settings);
        QVERIFY(m_window->openWorkspace(m_path).isEmpty());
        m_window->resize(3000, 1300);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void explainsBiasedMf() {
        QVERIFY(m_window);
        WhyPanel* panel = m_window->whyPanels().showWhy(m_mfRun, m_user, m_item);
        QVERIFY(panel);
        QVERIFY(panel->isBusy());
        QVERIFY(panel->findChild<QProgressBar*>(QStringLiteral("whyProgress"))->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), kTimeout);
        QVERIFY2(panel->explanation().has_value(), qPrintable(panel->message()->text()));
        QVERIFY(!panel->message()->isVisible());
        const rs::Explanation& e = *panel->explanation();
        // The score shown is the model's score; the rank its rank in the top-10.
        QCOMPARE(e.model, std::string("biasedmf"));
        QCOMPARE(float(e.score), m_mf->model->score(m_user, m_item));
        QCOMPARE(e.rank, 8);
        QCOMPARE(e.rank, m_mf->rankOf(m_user, m_item));
        WhyHeader* header = panel->header();
        QCOMPARE(header->titleText(), QString::fromStdString(m_mf->items[m_item].title));
        QVERIFY2(header->factsText().contains(ExplainText::number(e.score)) &&
                     header->factsText().contains(QStringLiteral("rank 8 (top-10)")) &&
                     header->factsText().contains(QString::fromStdString(m_mf->userIds[m_user])),
                 qPrintable(header->factsText()));
        QCOMPARE(header->runText(), QStringLiteral("biasedmf · run #%1").arg(m_mfRun));
        // The waterfall's total is the decomposition's total (and the score when exact).
        const auto& bars = panel->waterfall()->bars();
        QVERIFY(bars.size() >= 4);
        QVERIFY(std::abs(bars.back().value - e.decomposedScore) < 1e-9);
        if (e.exactDecomposition)
            QVERIFY(std::abs(bars.back().value - e.score) < 1e-5);
        else
            QVERIFY(!panel->decompositionNote()->text().isEmpty());
        QVERIFY(
            panel->decompositionNote()->text().contains(ExplainText::number(e.decomposedScore)));
        // 24 factors: the largest shown with their names, the rest grouped.
        const auto group = std::find_if(bars.begin(), bars.end(), [](const WaterfallBar& b) {
            return b.kind == WaterfallBar::Kind::Group;
        });
        QVERIFY(group != bars.end());
        QVERIFY(group->label.startsWith(QStringLiteral("other factors (")));
        const auto named = std::find_if(bars.begin(), bars.end(), [](const WaterfallBar& b) {
            return b.label.startsWith(QStringLiteral("factor ")) &&
                   b.label.contains(QStringLiteral(" · "));
        });
        QVERIFY(named != bars.end());
        // Its tooltip profiles the factor: correlated genres, highest and lowest items.
        const int factor = named->label.section(QLatin1Char(' '), 1, 1).toInt();
        const auto profiles = rs::describeFactors(*m_mf);
        QVERIFY(factor >= 0 && std::size_t(factor) < profiles.size());
        const rs::FactorProfile& profile = profiles[std::size_t(factor)];
        QVERIFY(!profile.topItems.empty() && !profile.bottomItems.empty());
        const QString tip = panel->waterfall()->tooltip(int(named - bars.begin()));
        for (const auto* side : {&profile.topItems, &profile.bottomItems})
            QVERIFY2(
                tip.contains(
                    QString::fromStdString(m_mf->items[side->front().first].title).toHtmlEscaped()),
                qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("highest items")) &&
                     tip.contains(QStringLiteral("lowest items")),
                 qPrintable(tip));
        if (!profile.genres.empty())
            QVERIFY(tip.contains(QString::fromStdString(profile.genres.front().first)));
        // The evidence: one row per rating, sorted, with the item titles.
        EvidenceListModel* evidence = panel->evidence()->model();
        QCOMPARE(evidence->rowCount(), int(e.evidence.size()));
        QVERIFY(evidence->rowCount() > 0);
        for (int r = 0; r < evidence->rowCount(); ++r) {
            QCOMPARE(evidence->row(r).item, e.evidence[std::size_t(r)].item);
            QCOMPARE(evidence->row(r).title,
                     QString::fromStdString(m_mf->items[evidence->row(r).item].title));
            if (r > 0)
                QVERIFY(evidence->row(r).contribution <= evidence->row(r - 1).contribution);
        }
        // The fidelity figures arrive.
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isCurveBusy(), kTimeout);
        QVERIFY(panel->curveChart()->hasCurve());
        QVERIFY2(panel->fidelityText()->text().contains(QStringLiteral("random")),
                 qPrintable(panel->fidelityText()->text()));
        QCOMPARE(panel->curveChart()->curve().rankTop.size(), std::size_t(5));
        WhyDock* dock = m_window->whyPanels().currentDock();
        QVERIFY(dock && dock->isVisible());
        QVERIFY(dock->windowTitle().contains(QString::fromStdString(m_mf->items[m_item].title)));
        rs::test::saveScreenshot(dock, QStringLiteral("whypanel-biasedmf"));
    }

    void whatIfRemovesTheCounterfactual() {
        WhyDock* dock = m_window->whyPanels().currentDock();
        QVERIFY(dock);
        WhyPanel* panel = dock->primary();
        QVERIFY(panel->explanation().has_value());
        const rs::Counterfactual cf = panel->explanation()->counterfactual;
        QVERIFY(cf.searched && cf.found); // chosen so (trainRuns)
        CounterfactualView* view = panel->counterfactual();
        QVERIFY(view->statusText().contains(QStringLiteral("drops out of the top 10")));
        QCOMPARE(view->list()->count(), int(cf.removed.size()));
        QVERIFY(view->whatIfButton()->isEnabled());
        QSignalSpy shown(panel, &WhyPanel::whatIfShown);
        QTest::mouseClick(view->whatIfButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isWhatIfBusy(), kTimeout);
        QVERIFY2(panel->whatIf().has_value(), qPrintable(panel->whatIfMessage()->text()));
        const WhatIfReply& w = *panel->whatIf();
        QCOMPARE(w.removed, cf.removed);
        QCOMPARE(int(w.after.size()), 10);
        // The item is gone from the new top-10, at the rank the counterfactual claimed.
        for (const rs::ScoredItem& s : w.after)
            QVERIFY(s.item != m_item);
        QCOMPARE(w.rankAfter, cf.rankAfter);
        QVERIFY(w.rankAfter > 10);
        TopNComparison* table = panel->whatIfView();
        QVERIFY(table->isVisible());
        QCOMPARE(table->highlightedAfter(), -1);
        QCOMPARE(table->highlightedBefore(), w.rankBefore - 1);
        QVERIFY(table->summary().contains(QStringLiteral("out of the top 10")));
        // The new list is sorted and holds no training item except the removed ones.
        const auto train = m_mf->trainItems(m_user);
        for (std::size_t i = 0; i < w.after.size(); ++i) {
            if (i > 0)
                QVERIFY(w.after[i].score <= w.after[i - 1].score);
            const bool rated = std::binary_search(train.begin(), train.end(), w.after[i].item);
            const bool removed =
                std::find(w.removed.begin(), w.removed.end(), w.after[i].item) != w.removed.end();
            QVERIFY(!rated || removed);
        }
        // Show the what-if in the screenshot.
        QScrollArea* scroll = panel->findChild<QScrollArea*>(QStringLiteral("whyScroll"));
        scroll->ensureWidgetVisible(table);
        rs::test::saveScreenshot(dock, QStringLiteral("whypanel-biasedmf-whatif"));
    }

    void tickedEvidenceMakesAWhatIf() {
        WhyPanel* panel = m_window->whyPanels().currentDock()->primary();
        EvidenceBarList* list = panel->evidence();
        EvidenceListModel* model = list->model();
        QVERIFY(model->rowCount() >= 3);
        list->view()->setFocus();
        std::vector<std::uint32_t> ticked;
        for (int row : {0, 2}) {
            list->view()->setCurrentIndex(model->index(row, EvidenceListModel::Title));
            QTest::keyClick(list->view(), Qt::Key_Space);
            ticked.push_back(model->row(row).item);
        }
        QCOMPARE(model->checkedItems(), ticked);
        QVERIFY(list->whatIfButton()->isEnabled());
        QTest::mouseClick(list->whatIfButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isWhatIfBusy() && panel->whatIf() &&
                                     panel->whatIf()->removed == ticked,
                                 kTimeout);
        const WhatIfReply& w = *panel->whatIf();
        QCOMPARE(int(w.before.size()), 10);
        QVERIFY(w.rankAfter > 0);
        // Where the item went is highlighted when it stayed in the top-10.
        const int shownAfter = panel->whatIfView()->highlightedAfter();
        QCOMPARE(shownAfter, w.rankAfter <= 10 ? w.rankAfter - 1 : -1);
        QVERIFY(panel->whatIfView()->summary().contains(QStringLiteral("Without 2 ratings")));
    }

    void missingCounterfactualIsSaid() {
        if (!m_haveMissing)
            QSKIP("the core found a counterfactual for every candidate user");
        WhyPanel* panel = m_window->whyPanels().showWhy(m_mfRun, m_missUser, m_missItem);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), kTimeout);
        QVERIFY(panel->explanation().has_value());
        QVERIFY(!panel->explanation()->counterfactual.found);
        CounterfactualView* view = panel->counterfactual();
        QVERIFY2(view->statusText().contains(QStringLiteral("No counterfactual found")),
                 qPrintable(view->statusText()));
        QVERIFY(!view->whatIfButton()->isEnabled());
        QVERIFY(!view->list()->isVisible());
        // The previous what-if is gone with the previous explanation.
        QVERIFY(!panel->whatIf().has_value());
        QVERIFY(!panel->whatIfView()->table()->isVisible());
        QVERIFY(panel->whatIfView()->summary().isEmpty());
    }

    void staleRequestsAreDropped() {
        WhyPanels& panels = m_window->whyPanels();
        WhyPanel* panel = panels.showWhy(m_mfRun, m_user, m_otherItem);
        // A second request before the first answer: only the second is ever shown.
        QCOMPARE(panels.showWhy(m_mfRun, m_user, m_item), panel);
        QTRY_VERIFY_WITH_TIMEOUT(panels.service().pendingCount() == 0, kTimeout);
        QVERIFY(panel->explanation().has_value());
        QCOMPARE(panel->explanation()->item, m_item);
        QCOMPARE(panel->header()->titleText(), QString::fromStdString(m_mf->items[m_item].title));
    }

    void pinnedPanelsStay() {
        WhyPanels& panels = m_window->whyPanels();
        WhyDock* first = panels.currentDock();
        QVERIFY(first);
        const int before = int(panels.docks().size());
        QTest::mouseClick(first->primary()->header()->pinButton(), Qt::LeftButton);
        QVERIFY(first->isPinned());
        QVERIFY(first->windowTitle().contains(QStringLiteral("pinned")));
        QCOMPARE(panels.currentDock(), nullptr);
        WhyPanel* second = panels.showWhy(m_mfRun, m_user, m_otherItem);
        QCOMPARE(int(panels.docks().size()), before + 1);
        QVERIFY(second != first->primary());
        QTRY_VERIFY_WITH_TIMEOUT(second->explanation().has_value(), kTimeout);
        QCOMPARE(second->explanation()->item, m_otherItem);
        // The pinned one still shows its own item; the next request reuses the new dock.
        QCOMPARE(first->primary()->item(), m_item);
        QCOMPARE(first->primary()->explanation()->item, m_item);
        QCOMPARE(panels.showWhy(m_mfRun, m_user, m_item), second);
        QCOMPARE(int(panels.docks().size()), before + 1);
        QTRY_VERIFY_WITH_TIMEOUT(!second->isBusy() && !second->isCurveBusy(), kTimeout);
    }

    void comparesTwoModelsSideBySide() {
        WhyDock* dock = m_window->whyPanels().currentDock();
        QVERIFY(dock);
        WhyPanel* primary = dock->primary();
        QVERIFY(primary->explanation().has_value());
        CompareRunMenu* menu = primary->header()->compareMenu();
        QTRY_VERIFY_WITH_TIMEOUT(!menu->isLoading(), kTimeout);
        // Other runs on the same dataset, not this one.
        QCOMPARE(menu->runIds(), QList<qint64>{m_alsRun});
        QAction* als = nullptr;
        for (QAction* a : menu->actions())
            if (a->data().toLongLong() == m_alsRun)
                als = a;
        QVERIFY(als && als->text().contains(QStringLiteral("als")));
        als->trigger();
        WhyPanel* other = dock->comparison();
        QVERIFY(other);
        QTRY_VERIFY_WITH_TIMEOUT(!other->isBusy(), kTimeout);
        QVERIFY2(other->explanation().has_value(), qPrintable(other->message()->text()));
        const rs::Explanation& e = *other->explanation();
        QCOMPARE(e.model, std::string("als"));
        QCOMPARE(e.user, m_user);
        QCOMPARE(e.item, m_item);
        QCOMPARE(float(e.score), m_als->model->score(m_user, m_item));
        QCOMPARE(e.rank, m_als->rankOf(m_user, m_item));
        QVERIFY(std::abs(other->waterfall()->bars().back().value - e.decomposedScore) < 1e-9);
        QCOMPARE(other->header()->runText(), QStringLiteral("als · run #%1").arg(m_alsRun));
        // Side by side in one splitter, each with its own model.
        QCOMPARE(dock->splitter()->count(), 2);
        QVERIFY(other->isVisible() && primary->isVisible());
        QVERIFY(other->mapTo(dock, QPoint(0, 0)).x() >=
                primary->mapTo(dock, QPoint(0, 0)).x() + primary->width());
        QVERIFY(!other->header()->pinButton()->isVisible());
        QVERIFY(other->header()->closeButton()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!other->isCurveBusy() && !primary->isCurveBusy(), kTimeout);
        rs::test::saveScreenshot(dock, QStringLiteral("whypanel-compare"));

        // A new request moves both panels to the new item.
        m_window->whyPanels().showWhy(m_mfRun, m_user, m_otherItem);
        QTRY_VERIFY_WITH_TIMEOUT(!other->isBusy() && !primary->isBusy(), kTimeout);
        QCOMPARE(other->explanation()->item, m_otherItem);
        QCOMPARE(primary->explanation()->item, m_otherItem);
        QCOMPARE(other->runId(), m_alsRun);
        // Closing the comparison leaves the first panel.
        QTest::mouseClick(other->header()->closeButton(), Qt::LeftButton);
        QCOMPARE(dock->comparison(), nullptr);
        QTRY_COMPARE(dock->splitter()->count(), 1);
    }

    void unexplainableRunShowsAnInlineError() {
        WhyPanel* panel = m_window->whyPanels().showWhy(987654, m_user, m_item);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), kTimeout);
        QVERIFY(!panel->explanation().has_value());
        QVERIFY(panel->message()->isVisible());
        QCOMPARE(panel->message()->kind(), InlineMessage::Kind::Error);
        QVERIFY2(
            panel->message()->text().contains(QStringLiteral("Run #987654 cannot be explained")),
            qPrintable(panel->message()->text()));
        QVERIFY(!panel->waterfall()->isVisible());
    }

    void graphModelShowsItsPaths() {
        // A small LightGCN: the why panel lists the strongest paths through the graph, each
        // named by its users and items, and the biasedmf panel has no such section.
        const qint64 gcn =
            rs::test::trainRun(m_path.toStdString(), m_datasetId,
                               {"lightgcn",
                                {{"factors", "16"}, {"layers", "2"}, {"epochs", "3"}},
                                "random:0.2:seed=3",
                                7});
        QVERIFY(gcn > 0);
        rs::Workspace ws(m_path.toStdString());
        std::string error;
        const auto ctx = rs::loadRunContext(ws, gcn, error);
        QVERIFY2(ctx, error.c_str());
        const auto top = ctx->recommend(m_user, 1);
        QVERIFY(!top.empty());
        WhyPanel* panel = m_window->whyPanels().showWhy(gcn, m_user, top[0].item);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), kTimeout);
        QVERIFY2(panel->explanation().has_value(), qPrintable(panel->message()->text()));
        const rs::Explanation& e = *panel->explanation();
        QVERIFY(!e.paths.empty());
        QVERIFY(panel->pathsText()->isVisibleTo(panel));
        const QString text = panel->pathsText()->text();
        // The strongest path starts at the user and names the first history item it goes through.
        const rs::ExplanationPath& first = e.paths.front();
        QCOMPARE(int(first.nodes.front().kind), int(rs::PathNode::Kind::User));
        QVERIFY(text.contains(
            QStringLiteral("user %1").arg(QString::fromStdString(ctx->userIds[m_user]))));
        QVERIFY(text.contains(
            ExplainText::itemTitle(ctx->items, first.nodes[1].index).toHtmlEscaped()));
        QVERIFY(text.contains(ExplainText::number(first.contribution, true)));
        rs::test::saveScreenshot(m_window.get(), QStringLiteral("whypanel-lightgcn-paths"));
        WhyPanel* mf = m_window->whyPanels().showWhy(m_mfRun, m_user, m_item);
        QTRY_VERIFY_WITH_TIMEOUT(!mf->isBusy(), kTimeout);
        QVERIFY(!mf->pathsText()->isVisibleTo(mf) || mf->pathsText()->text().isEmpty());
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestWhyPanel)
#include "tst_whypanel.moc"
