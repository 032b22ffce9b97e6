// Comparing two runs' stage graphs by node id: identical plans, changed hyper-parameters (only
// the fit stage and the outputs that follow differ), keys present on one side only, stages and
// edges missing on either side, and status-only differences that do not count as a change.
#include "pipeline/PipelineDiff.h"
#include "pipeline/TrainingPipeline.h"

#include <QtTest>

using namespace rs;

namespace {

TrainingPlan plan(std::string factors) {
    TrainingPlan p;
    p.datasetName = "ml";
    p.datasetId = 1;
    p.splitSpec = "random:0.2:seed=3";
    p.model = "biasedmf";
    p.hyperParameters = {{"factors", std::move(factors)}, {"epochs", "12"}};
    p.k = 10;
    p.threshold = 4.0;
    return p;
}

} // namespace

class TestPipelineDiff : public QObject {
    Q_OBJECT
private slots:
    void identicalGraphs() {
        const StageGraph g = plannedTrainingGraph(plan("16"));
        const StageGraphDiff d = diffStageGraphs(g, g);
        QVERIFY(d.identical());
        QCOMPARE(d.nodes.size(), g.nodes.size());
        QVERIFY(d.changedIds().empty());
        for (const auto& n : g.nodes) {
            const StageNodeDiff* nd = d.find(n.id);
            QVERIFY(nd);
            QVERIFY(!nd->changed());
        }
        QVERIFY(d.find("nope") == nullptr);
    }

    void changedHyperParameterMarksOnlyTheFitStage() {
        StageGraph a = plannedTrainingGraph(plan("16"));
        StageGraph b = plannedTrainingGraph(plan("32"));
        describeSplit(*a.find(stage::kSplit), 800, 200);
        describeSplit(*b.find(stage::kSplit), 800, 200);
        const StageGraphDiff d = diffStageGraphs(a, b);
        QVERIFY(!d.identical());
        QCOMPARE(d.changedIds(), std::vector<std::string>{stage::kFit});
        const StageNodeDiff* fit = d.find(stage::kFit);
        QVERIFY(fit && fit->changed());
        QCOMPARE(fit->params.size(), std::size_t(1));
        QCOMPARE(fit->params[0].key, std::string("factors"));
        QCOMPARE(fit->params[0].left.value(), std::string("16"));
        QCOMPARE(fit->params[0].right.value(), std::string("32"));
        QVERIFY(fit->param("factors"));
        QVERIFY(!fit->param("epochs"));
        QVERIFY(!fit->labelChanged);
    }

    void outputsAndKeysOnOneSide() {
        StageGraph a = plannedTrainingGraph(plan("16"));
        StageGraph b = a;
        setStageValue(a.find(stage::kEvaluate)->outputs, "rmse", "0.91");
        setStageValue(b.find(stage::kEvaluate)->outputs, "rmse", "0.88");
        setStageValue(b.find(stage::kEvaluate)->outputs, "ndcg@10", "0.05");
        setStageValue(a.find(stage::kFit)->params, "lr", "0.01");
        const StageGraphDiff d = diffStageGraphs(a, b);
        const StageNodeDiff* eval = d.find(stage::kEvaluate);
        QVERIFY(eval && eval->changed());
        QCOMPARE(eval->outputs.size(), std::size_t(2));
        QCOMPARE(eval->outputs[0], (StageValueChange{"rmse", "0.91", "0.88"}));
        QCOMPARE(eval->outputs[1], (StageValueChange{"ndcg@10", std::nullopt, "0.05"}));
        const StageNodeDiff* fit = d.find(stage::kFit);
        QVERIFY(fit);
        QCOMPARE(fit->params.size(), std::size_t(1));
        QCOMPARE(fit->params[0], (StageValueChange{"lr", "0.01", std::nullopt}));
        QCOMPARE(diffStageValues({{"x", "1"}}, {{"x", "1"}}).size(), std::size_t(0));
    }

    void missingStagesAndEdges() {
        StageGraph a = plannedTrainingGraph(plan("16"));
        StageGraph b = a;
        // The right run was not saved: no save stage and no edges into it; it has an extra
        // explanation stage instead.
        b.nodes.erase(b.nodes.begin() + b.indexOf(stage::kSave));
        std::erase_if(b.edges, [](const StageEdge& e) { return e.to == stage::kSave; });
        StageNode explain;
        explain.id = "explain";
        explain.kind = StageKind::Explanation;
        explain.label = "Explain";
        b.nodes.push_back(explain);
        b.edges.push_back({stage::kFit, "explain", ""});
        const StageGraphDiff d = diffStageGraphs(a, b);
        QCOMPARE(d.nodes.size(), a.nodes.size() + 1);
        QCOMPARE(d.find(stage::kSave)->presence, StageNodeDiff::Presence::LeftOnly);
        QCOMPARE(d.find("explain")->presence, StageNodeDiff::Presence::RightOnly);
        QCOMPARE(d.nodes.back().id, std::string("explain"));
        QCOMPARE(d.changedIds(), (std::vector<std::string>{stage::kSave, "explain"}));
        QCOMPARE(d.leftOnlyEdges.size(), std::size_t(2));
        QCOMPARE(d.rightOnlyEdges.size(), std::size_t(1));
        QCOMPARE(d.rightOnlyEdges[0].to, std::string("explain"));
        QVERIFY(!d.identical());
    }

    void statusAloneIsNotAChange() {
        StageGraph a = plannedTrainingGraph(plan("16"));
        StageGraph b = a;
        b.find(stage::kFit)->status = StageStatus::Failed;
        b.find(stage::kFit)->error = "diverged";
        b.find(stage::kFit)->seconds = 2.0;
        a.edges[0].label = "other label";
        const StageGraphDiff d = diffStageGraphs(a, b);
        QVERIFY(d.identical());
        QVERIFY(d.find(stage::kFit)->statusChanged);
        QVERIFY(!d.find(stage::kLoad)->statusChanged);
        b.find(stage::kFit)->label = "Fit als";
        const StageGraphDiff d2 = diffStageGraphs(a, b);
        QVERIFY(d2.find(stage::kFit)->labelChanged);
        QCOMPARE(d2.changedIds(), std::vector<std::string>{stage::kFit});
    }
};

QTEST_GUILESS_MAIN(TestPipelineDiff)
#include "tst_pipeline_diff.moc"
