// The Pipeline page on the bundled MovieLens demo with two stored biasedmf runs that differ in
// one hyper-parameter: the drawn graph against core's stored graph (one box per stage, no
// overlapping boxes, every arrow ending on its target's border), top-down and left-right
// layouts, clicking a stage showing its parameters and outputs, "Edit and re-run…" emitting the
// edits, live updates in place (no new layout, same positions) through pending → running →
// done → failed, PNG/SVG/Mermaid export (the .mmd parses back to the same graph), and the
// comparison marking the training stage. Screenshots: pipeline-td, -lr, -live, -compare.
#include "DemoWorkspace.h"
#include "HyperParameterForm.h"
#include "InlineMessage.h"
#include "LossChart.h"
#include "PageHost.h"
#include "PipelineDetails.h"
#include "PipelineEdgeItem.h"
#include "PipelineNodeItem.h"
#include "PipelinePage.h"
#include "PipelineView.h"
#include "SplitChooser.h"
#include "TrainRun.h"
#include "TrainingPage.h"
#include "TrainingQueue.h"
#include "UiTestUtil.h"

#include "pipeline/MermaidParser.h"
#include "pipeline/RunPipeline.h"
#include "pipeline/TrainingPipeline.h"
#include "store/Workspace.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace rs::ui;

namespace {

/// Distance from `p` to the border of `r` (0 on it).
double distanceToBorder(const QRectF& r, const QPointF& p) {
    const double dx = std::max({r.left() - p.x(), 0.0, p.x() - r.right()});
    const double dy = std::max({r.top() - p.y(), 0.0, p.y() - r.bottom()});
    if (dx > 0 || dy > 0)
        return std::hypot(dx, dy);
    return std::min({p.x() - r.left(), r.right() - p.x(), p.y() - r.top(), r.bottom() - p.y()});
}

QList<QPointF> positions(const PipelineView* view) {
    QList<QPointF> out;
    for (const PipelineNodeItem* n : view->nodeItems())
        out << n->pos();
    return out;
}

} // namespace

class TestPipelineView : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    rs::test::DemoWindow m_demo;
    PipelinePage* m_page = nullptr;
    qint64 m_run8 = 0, m_run16 = 0;

    MainWindow* window() const { return m_demo.window.get(); }
    std::string path() const { return window()->session().path().toStdString(); }
    PipelineView* view(int pane = 0) const { return m_page->view(pane); }

    rs::StageGraph storedGraph(qint64 runId) const {
        rs::Workspace ws(path(), rs::Workspace::Mode::ReadOnly);
        auto g = rs::pipelineForRun(ws, runId);
        return g ? *g : rs::StageGraph{};
    }

    bool showRun(qint64 runId) {
        QSignalSpy loaded(m_page, &PipelinePage::pipelineLoaded);
        if (!m_page->selectRun(runId))
            return false;
        return loaded.wait(30000) && loaded.last().at(0).toBool();
    }

    void clickNode(PipelineView* v, const QString& id) {
        PipelineNodeItem* item = v->nodeItem(id);
        QVERIFY2(item, qPrintable(id));
        v->ensureVisible(item);
        const QPoint at = v->mapFromScene(item->sceneRect().center());
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, at);
    }

    void checkGeometry(const PipelineView* v, const rs::StageGraph& g) {
        QCOMPARE(v->nodeItems().size(), qsizetype(g.nodes.size()));
        QCOMPARE(v->edgeItems().size(), qsizetype(g.edges.size()));
        const auto nodes = v->nodeItems();
        for (int i = 0; i < nodes.size(); ++i) {
            QCOMPARE(nodes[i]->id(), QString::fromStdString(g.nodes[std::size_t(i)].id));
            for (int j = i + 1; j < nodes.size(); ++j)
                QVERIFY2(
                    !nodes[i]->sceneRect().intersects(nodes[j]->sceneRect()),
                    qPrintable(nodes[i]->id() + QStringLiteral(" overlaps ") + nodes[j]->id()));
        }
        for (const PipelineEdgeItem* e : v->edgeItems()) {
            const PipelineNodeItem* to = v->nodeItem(e->toId());
            const PipelineNodeItem* from = v->nodeItem(e->fromId());
            QVERIFY(to && from);
            QVERIFY2(distanceToBorder(to->sceneRect(), e->endPoint()) < 1.0,
                     qPrintable(e->fromId() + QStringLiteral("->") + e->toId()));
            QVERIFY(distanceToBorder(from->sceneRect(), e->points().front()) < 1.0);
            // Labels sit on no box.
            if (!e->label().isEmpty())
                for (const PipelineNodeItem* n : nodes)
                    QVERIFY2(!n->sceneRect().intersects(e->labelRect()),
                             qPrintable(e->label() + QStringLiteral(" on ") + n->id()));
        }
    }

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_demo = rs::test::openDemoWindow(m_dir, QStringLiteral("pipeline"));
        QVERIFY2(m_demo.error.isEmpty(), qPrintable(m_demo.error));
        QVERIFY(QTest::qWaitForWindowExposed(window()));
        m_run8 = rs::test::trainRun(path(), m_demo.datasetId,
                                    {"biasedmf", {{"factors", "8"}, {"epochs", "6"}}});
        m_run16 = rs::test::trainRun(path(), m_demo.datasetId,
                                     {"biasedmf", {{"factors", "16"}, {"epochs", "6"}}});
        QVERIFY(m_run8 > 0 && m_run16 > 0);
        // The window's own Pipeline page.
        m_page = window()->findChild<PipelinePage*>();
        QVERIFY(m_page);
        QVERIFY(window()->pages()->showPage(QStringLiteral("pipeline")));
        QSignalSpy runs(m_page, &PipelinePage::runsLoaded);
        window()->session().notifyRunsChanged(m_run16);
        QVERIFY(runs.wait(30000));
        QTRY_COMPARE_WITH_TIMEOUT(m_page->runBox()->count(), 2, 30000);
    }

    // "Edit and re-run…" switches to the Training page: each test starts on the Pipeline page.
    void init() { QVERIFY(window()->pages()->showPage(QStringLiteral("pipeline"))); }

    void drawsTheStoredGraph() {
        QVERIFY(showRun(m_run8));
        const rs::StageGraph g = storedGraph(m_run8);
        QVERIFY(!g.nodes.empty());
        QCOMPARE(view()->graph(), g);
        checkGeometry(view(), g);
        // Done stages say so, with their row counts.
        const PipelineNodeItem* split = view()->nodeItem(QStringLiteral("split"));
        QCOMPARE(split->node().status, rs::StageStatus::Done);
        QVERIFY2(split->statusText().startsWith(QStringLiteral("done")),
                 qPrintable(split->statusText()));
        QVERIFY(split->statusText().contains(QStringLiteral("rows")));
        QVERIFY(split->toolTip().contains(QStringLiteral("Split train/test")));
        // Top-down: every edge goes downwards.
        for (const PipelineEdgeItem* e : view()->edgeItems())
            QVERIFY(e->endPoint().y() > e->points().front().y());
        rs::test::saveScreenshot(m_page, QStringLiteral("pipeline-td"));
    }

    void leftRightLayout() {
        const int layouts = view()->layoutCount();
        m_page->directionBox()->setCurrentIndex(1);
        QCOMPARE(view()->direction(), rs::FlowDirection::LeftRight);
        QCOMPARE(view()->layoutCount(), layouts + 1);
        checkGeometry(view(), view()->graph());
        for (const PipelineEdgeItem* e : view()->edgeItems())
            QVERIFY(e->endPoint().x() > e->points().front().x());
        rs::test::saveScreenshot(m_page, QStringLiteral("pipeline-lr"));
        m_page->directionBox()->setCurrentIndex(0);
        QCOMPARE(view()->direction(), rs::FlowDirection::TopDown);
    }

    void zoomAndFit() {
        view()->fitToView();
        const double fitted = view()->zoom();
        QVERIFY(fitted > 0.1 && fitted <= 1.25);
        QWheelEvent wheel(QPointF(50, 50), view()->viewport()->mapToGlobal(QPointF(50, 50)),
                          QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                          false);
        QApplication::sendEvent(view()->viewport(), &wheel);
        QVERIFY(view()->zoom() > fitted * 1.1);
        view()->fitToView();
        QCOMPARE(view()->zoom(), fitted);
    }

    void hoverHighlightsStageAndEdges() {
        PipelineNodeItem* eval = view()->nodeItem(QStringLiteral("evaluate"));
        QVERIFY(eval && !eval->isHovered());
        QTest::mouseMove(view()->viewport(), view()->mapFromScene(eval->sceneRect().center()));
        QTRY_VERIFY(eval->isHovered());
        int highlighted = 0;
        for (const PipelineEdgeItem* e : view()->edgeItems()) {
            const bool joins = e->toId() == QStringLiteral("evaluate") ||
                               e->fromId() == QStringLiteral("evaluate");
            const bool selectedEnd = view()->nodeItem(e->fromId())->isSelected() ||
                                     view()->nodeItem(e->toId())->isSelected();
            if (!selectedEnd)
                QCOMPARE(e->isHighlighted(), joins);
            highlighted += e->isHighlighted() && joins;
        }
        QCOMPARE(highlighted, 3); // matrices -> evaluate, fit -> evaluate, evaluate -> save
        QTest::mouseMove(view()->viewport(), QPoint(2, 2));
        QTRY_VERIFY(!eval->isHovered());
    }

    void clickShowsDetails() {
        const rs::StageGraph g = view()->graph();
        clickNode(view(), QStringLiteral("fit"));
        QCOMPARE(view()->selectedNodeId(), QStringLiteral("fit"));
        PipelineDetails* d = m_page->details();
        QCOMPARE(d->nodeId(), QStringLiteral("fit"));
        QCOMPARE(d->valueOf(QStringLiteral("factors")), QStringLiteral("8"));
        QCOMPARE(d->valueOf(QStringLiteral("epochs")), QStringLiteral("6"));
        QCOMPARE(
            d->valueOf(QStringLiteral("final_train_loss")),
            QString::fromStdString(*rs::stageValue(g.find("fit")->outputs, "final_train_loss")));
        QVERIFY(d->lossChart()->isVisible());
        QVERIFY(d->rerunButton()->isVisible());
        clickNode(view(), QStringLiteral("split"));
        QCOMPARE(d->nodeId(), QStringLiteral("split"));
        const rs::StageNode* split = g.find("split");
        QCOMPARE(d->valueOf(QStringLiteral("train")),
                 QString::fromStdString(*rs::stageValue(split->outputs, "train")));
        QCOMPARE(d->valueOf(QStringLiteral("test")),
                 QString::fromStdString(*rs::stageValue(split->outputs, "test")));
        QCOMPARE(d->valueOf(QStringLiteral("spec")), QStringLiteral("random:0.2:seed=3"));
        QVERIFY(!d->lossChart()->isVisible());
        clickNode(view(), QStringLiteral("evaluate"));
        QCOMPARE(d->nodeId(), QStringLiteral("evaluate"));
        QVERIFY(!d->valueOf(QStringLiteral("rmse")).isEmpty() ||
                !d->valueOf(QStringLiteral("RMSE")).isEmpty());
        QVERIFY(!d->rerunButton()->isVisible());
    }

    void editAndRerunEmitsTheEdits() {
        clickNode(view(), QStringLiteral("fit"));
        QSignalSpy spy(m_page, &PipelinePage::rerunRequested);
        QTest::mouseClick(m_page->details()->rerunButton(), Qt::LeftButton);
        auto* dialog = m_page->findChild<PipelineRerunDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->changedParams().isEmpty());
        QVERIFY(dialog->setValue(QStringLiteral("factors"), QStringLiteral("24")));
        QVERIFY(dialog->setValue(QStringLiteral("epochs"), QStringLiteral("6"))); // unchanged
        dialog->accept();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy[0][0].toLongLong(), m_run8);
        QCOMPARE(spy[0][1].toString(), QStringLiteral("fit"));
        const auto changes = spy[0][2].value<QList<QPair<QString, QString>>>();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes[0].first, QStringLiteral("factors"));
        QCOMPARE(changes[0].second, QStringLiteral("24"));
    }

    void exports() {
        QTemporaryDir out;
        const QString png = out.filePath(QStringLiteral("p.png"));
        const QString svg = out.filePath(QStringLiteral("p.svg"));
        const QString mmd = out.filePath(QStringLiteral("p.mmd"));
        QCOMPARE(m_page->exportTo(png, QStringLiteral("png")), QString());
        QCOMPARE(m_page->exportTo(svg, QStringLiteral("svg")), QString());
        QCOMPARE(m_page->exportTo(mmd, QStringLiteral("mmd")), QString());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= int(view()->sceneRect().width()));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("Split train/test"));
        QFile mmdFile(mmd);
        QVERIFY(mmdFile.open(QIODevice::ReadOnly));
        const QByteArray text = mmdFile.readAll();
        const rs::MermaidParseResult parsed = rs::parseMermaid(text.toStdString());
        QVERIFY2(parsed.ok(), parsed.error.c_str());
        QCOMPARE(*parsed.graph, view()->graph());
        QCOMPARE(parsed.direction, rs::FlowDirection::TopDown);
        m_page->copyMermaid();
        QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromUtf8(text));
        QCOMPARE(
            m_page->exportTo(out.filePath(QStringLiteral("x")), QStringLiteral("pdf")).isEmpty(),
            false);
    }

    void liveUpdatesInPlace() {
        rs::TrainingPlan plan;
        plan.datasetName = "demo";
        plan.datasetId = m_demo.datasetId;
        plan.splitSpec = "random:0.2:seed=3";
        plan.model = "als";
        plan.hyperParameters = {{"factors", "32"}, {"iterations", "10"}};
        plan.k = 10;
        plan.threshold = 4.0;
        rs::StageGraph g = rs::plannedTrainingGraph(plan);
        m_page->showLiveGraph(g);
        QVERIFY(m_page->isLive());
        QCOMPARE(view()->graph(), g);
        checkGeometry(view(), g);
        const int layouts = view()->layoutCount();
        const QList<QPointF> before = positions(view());
        for (const PipelineNodeItem* n : view()->nodeItems())
            QCOMPARE(n->statusText(), QStringLiteral("pending"));
        clickNode(view(), QStringLiteral("fit"));
        QCOMPARE(m_page->details()->nodeId(), QStringLiteral("fit"));
        QVERIFY(!m_page->details()->rerunButton()->isVisible()); // not stored yet

        for (const char* id : {"load", "split", "matrices"}) {
            g.find(id)->status = rs::StageStatus::Done;
            g.find(id)->progress = 1;
            g.find(id)->seconds = 0.25;
        }
        rs::describeSplit(*g.find("split"), 80000, 20000);
        rs::StageNode& fit = *g.find("fit");
        fit.status = rs::StageStatus::Running;
        fit.progress = 0.5;
        m_page->showLiveGraph(g);
        const PipelineNodeItem* fitItem = view()->nodeItem(QStringLiteral("fit"));
        QCOMPARE(fitItem->node().status, rs::StageStatus::Running);
        QCOMPARE(fitItem->node().progress, 0.5);
        QCOMPARE(fitItem->statusText(), QStringLiteral("running 50%"));
        QVERIFY(view()
                    ->nodeItem(QStringLiteral("split"))
                    ->statusText()
                    .contains(QStringLiteral("100,000 → 100,000 rows")));
        QVERIFY(m_page->details()->statusLabel()->text().contains(QStringLiteral("50%")));
        QCOMPARE(view()->layoutCount(), layouts);
        QCOMPARE(positions(view()), before);
        rs::test::saveScreenshot(m_page, QStringLiteral("pipeline-live"));

        fit.status = rs::StageStatus::Done;
        fit.progress = 1;
        fit.seconds = 3.5;
        rs::describeFit(fit, {{1, 0.9, -1, 0.3}, {2, 0.7, -1, 0.3}}, "");
        m_page->showLiveGraph(g);
        QVERIFY(fitItem->statusText().startsWith(QStringLiteral("done · 3.50 s")));
        QCOMPARE(m_page->details()->valueOf(QStringLiteral("final_train_loss")),
                 QStringLiteral("0.7"));

        rs::StageNode& eval = *g.find("evaluate");
        eval.status = rs::StageStatus::Failed;
        eval.error = "out of memory while scoring";
        g.find("save")->status = rs::StageStatus::Skipped;
        m_page->showLiveGraph(g);
        const PipelineNodeItem* evalItem = view()->nodeItem(QStringLiteral("evaluate"));
        QCOMPARE(evalItem->node().status, rs::StageStatus::Failed);
        QCOMPARE(evalItem->statusText(), QStringLiteral("failed: out of memory while scoring"));
        QCOMPARE(view()->nodeItem(QStringLiteral("save"))->statusText(), QStringLiteral("skipped"));
        clickNode(view(), QStringLiteral("evaluate"));
        QVERIFY(m_page->details()->errorLabel()->isVisible());
        QVERIFY(m_page->details()->errorLabel()->text().contains(QStringLiteral("out of memory")));
        QCOMPARE(view()->layoutCount(), layouts);
        QCOMPARE(positions(view()), before);
        rs::test::saveScreenshot(m_page, QStringLiteral("pipeline-live-failed"));

        // Not following: live graphs are ignored.
        m_page->followLiveCheck()->setChecked(false);
        rs::StageGraph ignored = g;
        ignored.find("save")->status = rs::StageStatus::Running;
        m_page->showLiveGraph(ignored);
        QCOMPARE(view()->nodeItem(QStringLiteral("save"))->node().status, rs::StageStatus::Skipped);
        m_page->followLiveCheck()->setChecked(true);

        // Another pipeline (other stages) is laid out anew.
        rs::StageGraph other = g;
        other.nodes.pop_back();
        other.edges.erase(std::remove_if(other.edges.begin(), other.edges.end(),
                                         [](const rs::StageEdge& e) { return e.to == "save"; }),
                          other.edges.end());
        m_page->showLiveGraph(other);
        QCOMPARE(view()->layoutCount(), layouts + 1);
        QCOMPARE(view()->nodeItems().size(), qsizetype(other.nodes.size()));
    }

    void compareMarksTheTrainingStage() {
        QVERIFY(showRun(m_run8));
        QVERIFY(!m_page->isLive());
        QSignalSpy loaded(m_page, &PipelinePage::pipelineLoaded);
        QVERIFY(m_page->setCompareRun(m_run16));
        QVERIFY(loaded.wait(30000));
        QVERIFY(m_page->view(1)->isVisible());
        QCOMPARE(m_page->view(1)->graph(), storedGraph(m_run16));
        QVERIFY(m_page->comparison().has_value());
        for (int pane = 0; pane < 2; ++pane) {
            const PipelineNodeItem* fit = m_page->view(pane)->nodeItem(QStringLiteral("fit"));
            QVERIFY(fit->isMarkedChanged());
            QVERIFY(fit->paramsMarkedChanged());
            // Evaluation produced other metrics with the same parameters.
            const PipelineNodeItem* eval = m_page->view(pane)->nodeItem(QStringLiteral("evaluate"));
            QVERIFY(eval->isMarkedChanged() && !eval->paramsMarkedChanged());
            QVERIFY(!m_page->view(pane)->nodeItem(QStringLiteral("split"))->isMarkedChanged());
            QVERIFY(!m_page->view(pane)->nodeItem(QStringLiteral("load"))->isMarkedChanged());
        }
        const rs::StageNodeDiff* fit = m_page->comparison()->find("fit");
        QVERIFY(fit && fit->param("factors"));
        QCOMPARE(*fit->param("factors")->left, std::string("8"));
        QCOMPARE(*fit->param("factors")->right, std::string("16"));
        QVERIFY(m_page->message()->text().contains(QStringLiteral("fit")));
        clickNode(view(0), QStringLiteral("fit"));
        QTableWidget* table = m_page->details()->table();
        QVERIFY(!table->isColumnHidden(3));
        bool found = false;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 1)->text() == QStringLiteral("factors")) {
                found = true;
                QCOMPARE(table->item(r, 2)->text(), QStringLiteral("8"));
                QCOMPARE(table->item(r, 3)->text(), QStringLiteral("16"));
                QVERIFY(table->item(r, 2)->font().bold());
            }
        QVERIFY(found);
        QCOMPARE(view(1)->selectedNodeId(), QStringLiteral("fit"));
        rs::test::saveScreenshot(m_page, QStringLiteral("pipeline-compare"));
        m_page->setCompareMode(false);
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->view(1)->isVisible(), 30000);
        QTRY_VERIFY(!view(0)->nodeItem(QStringLiteral("fit"))->isMarkedChanged());
    }

    void trainingQueueFeedsTheLiveView() {
        // Queue a real run on the Training page: the Pipeline page follows its stages live.
        auto* training = window()->findChild<TrainingPage*>();
        QVERIFY(training);
        m_page->followLiveCheck()->setChecked(true);
        QVERIFY(training->selectDataset(m_demo.datasetId));
        QVERIFY(training->selectModel(QStringLiteral("biasedmf")));
        training->hyperParameters()->editor(QStringLiteral("epochs"))->setText(QStringLiteral("3"));
        QSignalSpy stages(training->queue(), &TrainingQueue::stageChanged);
        QSignalSpy finished(training->queue(), &TrainingQueue::finished);
        QVERIFY(training->queueRun() > 0);
        QVERIFY(finished.wait(120000));
        QVERIFY(stages.count() >= 6); // at least every stage starting
        QVERIFY(m_page->isLive());
        const auto last = qvariant_cast<rs::StageGraph>(stages.last().at(1));
        const rs::StageNode* fit = last.find("fit");
        QVERIFY(fit);
        QCOMPARE(int(fit->status), int(rs::StageStatus::Done));
    }

    void editAndRerunFillsTheTrainingPage() {
        auto* training = window()->findChild<TrainingPage*>();
        QSignalSpy prefilled(training, &TrainingPage::prefilled);
        emit m_page->rerunRequested(m_run8, QStringLiteral("fit"),
                                    {{QStringLiteral("factors"), QStringLiteral("24")},
                                     {QStringLiteral("seed"), QStringLiteral("7")}});
        QVERIFY(prefilled.wait(20000));
        QVERIFY(prefilled.last().at(0).toBool());
        QCOMPARE(window()->pages()->currentPageId(), QStringLiteral("training"));
        QCOMPARE(training->modelBox()->currentText(), QStringLiteral("biasedmf"));
        QCOMPARE(training->hyperParameters()->editor(QStringLiteral("factors"))->text(),
                 QStringLiteral("24"));
        QCOMPARE(training->hyperParameters()->editor(QStringLiteral("epochs"))->text(),
                 QStringLiteral("6")); // from the run
        QCOMPARE(training->seedBox()->value(), 7);
        // The run's own split is reused (stored split, by id) when only the fit changed.
        QTRY_COMPARE_WITH_TIMEOUT(int(training->splitChooser()->kind()), int(SplitChooser::Stored),
                                  10000);
        rs::test::saveScreenshot(window(), QStringLiteral("pipeline-rerun-prefilled"));
        // A split edit shows the new spec.
        emit m_page->rerunRequested(
            m_run8, QStringLiteral("split"),
            {{QStringLiteral("spec"), QStringLiteral("peruser:0.3:seed=5")}});
        QVERIFY(prefilled.wait(20000));
        QCOMPARE(int(training->splitChooser()->kind()), int(SplitChooser::PerUser));
        QCOMPARE(training->splitChooser()->seedBox()->value(), 5);
    }
};

QTEST_MAIN(TestPipelineView)
#include "tst_pipelineview.moc"
