// A run's stage graph: JSON and Mermaid text (escaping, round trips, clear errors), the graph a
// training run stores and reports live, cancelled and failed runs, and the graph reconstructed
// for runs stored without one.
#include "TestFiles.h"
#include "import/ImportJob.h"
#include "pipeline/MermaidParser.h"
#include "pipeline/MermaidText.h"
#include "pipeline/MermaidWriter.h"
#include "pipeline/RunPipeline.h"
#include "pipeline/StageGraphJson.h"
#include "pipeline/StageTracker.h"
#include "pipeline/TrainingPipeline.h"
#include "store/PipelineStore.h"
#include "store/RunStore.h"
#include "store/SplitStore.h"
#include "train/TrainingJob.h"

#include <QtTest>

#include <random>

using namespace rs;

namespace {

const std::string kAwkward = "Am\xC3\xA9lie (2001) | \"quoted\" [x] {y} #1; <b>";

/// A graph that uses every field: statuses, optional numbers, outputs, labelled edges, and
/// texts Mermaid would otherwise misread.
StageGraph sampleGraph() {
    StageGraph g;
    g.runId = 17;
    StageNode a;
    a.id = "load";
    a.kind = StageKind::Data;
    a.label = kAwkward;
    a.params = {{"dataset", "ml: small"}, {"path", "/data/r.csv"}, {"note", "two\nlines"}};
    a.status = StageStatus::Done;
    a.progress = 1.0;
    a.seconds = 0.125;
    a.rowsOut = 100836;
    a.outputs = {{"users", "610"}, {"items", "9724"}};
    StageNode b;
    b.id = "fit_2";
    b.kind = StageKind::Training;
    b.label = "Fit biasedmf";
    b.params = {{"factors", "32"}, {"lr", "0.005"}};
    b.status = StageStatus::Running;
    b.progress = 0.4375;
    b.seconds = 1.0 / 3.0;
    b.rowsIn = 80000;
    StageNode c;
    c.id = "evaluate";
    c.kind = StageKind::Evaluation;
    c.label = "Evaluate";
    c.status = StageStatus::Failed;
    c.error = "out of memory; \"retry\"";
    StageNode d;
    d.id = "explain";
    d.kind = StageKind::Explanation;
    d.label = "Explain";
    d.status = StageStatus::Pending;
    StageNode e;
    e.id = "prep";
    e.kind = StageKind::Preprocessing;
    e.label = "";
    e.status = StageStatus::Skipped;
    e.error = "not requested";
    StageNode f;
    f.id = "split";
    f.kind = StageKind::Split;
    f.label = "Split";
    f.status = StageStatus::Cancelled;
    f.outputs = {{"train", "800"}, {"test", "200"}};
    g.nodes = {a, b, c, d, e, f};
    g.edges = {{"load", "fit_2", "ratings | \"rows\""},
               {"fit_2", "evaluate", ""},
               {"load", "evaluate", "test #2"},
               {"evaluate", "explain", "model"},
               {"load", "prep", ""},
               {"prep", "split", ""}};
    return g;
}

/// The fields the drawing itself carries (no payload): id, label, params, status, edges.
StageGraph drawnFields(const StageGraph& g) {
    StageGraph out;
    for (const auto& n : g.nodes) {
        StageNode m;
        m.id = n.id;
        m.label = n.label;
        m.params = n.params;
        m.status = n.status;
        out.nodes.push_back(m);
    }
    out.edges = g.edges;
    return out;
}

} // namespace

class TestPipeline : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::int64_t m_dataset = 0;

    TrainingRequest request(int epochs) const {
        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = "biasedmf";
        req.params = {{"factors", "4"}, {"epochs", std::to_string(epochs)}};
        req.split = "random:0.25:seed=3";
        return req;
    }

private slots:
    void initTestCase() {
        QByteArray csv = "user,item,rating\n";
        std::mt19937 rng(5);
        for (int u = 0; u < 80; ++u)
            for (int i = 0; i < 60; ++i)
                if (rng() % 3 == 0)
                    csv += QByteArray::number(u) + ',' + QByteArray::number(i) + ',' +
                           QByteArray::number(1 + int(rng() % 5)) + '\n';
        m_ws = std::make_unique<Workspace>(m_dir.filePath("w.recscope").toStdString());
        ImportOptions o;
        o.datasetName = "small";
        o.ratingsPath = test::writeFile(m_dir, "r.csv", csv).toStdString();
        auto r = importRatings(*m_ws, o, {});
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        m_dataset = r.datasetId;
    }

    void jsonRoundTrip() {
        const StageGraph g = sampleGraph();
        std::string error;
        const std::string json = stageGraphToJson(g);
        auto back = stageGraphFromJson(json, error);
        QVERIFY2(back, error.c_str());
        QVERIFY(*back == g);
        QCOMPARE(stageGraphToJson(*back), json);
        QVERIFY(!stageGraphFromJson("{\"nodes\":[{\"id\":\"a\",\"status\":\"bogus\"}]}", error));
        QVERIFY2(QString::fromStdString(error).contains("bogus"), error.c_str());
        QVERIFY(!stageGraphFromJson("{\"nodes\":[{\"id\":\"a\"}],\"edges\":[{\"from\":\"a\","
                                    "\"to\":\"zz\"}]}",
                                    error));
        QVERIFY2(QString::fromStdString(error).contains("zz"), error.c_str());
        QVERIFY(!stageGraphFromJson("{\"nodes\":[", error));
    }

    void mermaidRoundTrip() {
        const StageGraph g = sampleGraph();
        for (auto dir : {FlowDirection::TopDown, FlowDirection::LeftRight}) {
            MermaidOptions o;
            o.direction = dir;
            const std::string text = writeMermaid(g, o);
            QVERIFY(text.starts_with(dir == FlowDirection::TopDown ? "flowchart TD\n"
                                                                   : "flowchart LR\n"));
            auto parsed = parseMermaid(text);
            QVERIFY2(parsed.ok(), parsed.error.c_str());
            QCOMPARE(int(parsed.direction), int(dir));
            QVERIFY(*parsed.graph == g);
            QCOMPARE(writeMermaid(*parsed.graph, o), text);
        }
        // Without the payload the drawing still carries ids, labels, parameters, statuses and
        // the edges; the rest takes default values.
        MermaidOptions plain;
        plain.payload = false;
        const std::string text = writeMermaid(g, plain);
        QVERIFY(text.find("%%") == std::string::npos);
        auto parsed = parseMermaid(text);
        QVERIFY2(parsed.ok(), parsed.error.c_str());
        QVERIFY(*parsed.graph == drawnFields(g));
        QCOMPARE(writeMermaid(*parsed.graph, plain), text);
    }

    void mermaidShape() {
        const std::string text = writeMermaid(sampleGraph());
        // Rounded nodes, quoted labels, plain and labelled edges, status classes.
        QVERIFY(text.find("\n    fit_2(\"Fit biasedmf<br>factors: 32<br>lr: 0.005\")\n") !=
                std::string::npos);
        QVERIFY(text.find("\n    fit_2 --> evaluate\n") != std::string::npos);
        QVERIFY(text.find("\n    load -->|\"test #35;2\"| evaluate\n") != std::string::npos);
        QVERIFY(text.find("\n    classDef st_done fill:") != std::string::npos);
        QVERIFY(text.find("\n    class load st_done\n") != std::string::npos);
        QVERIFY(text.find("\n    class fit_2 st_running\n") != std::string::npos);
        QVERIFY(text.find("\n    class evaluate st_failed\n") != std::string::npos);
        // One statement a line: once entity codes are taken out, no ';' (Mermaid's statement
        // separator), no raw quote inside a label and no '#' are left outside classDef lines.
        const QRegularExpression entity(QStringLiteral("#(quot|[0-9]+);"));
        for (auto line : QString::fromStdString(text).split('\n')) {
            line = line.trimmed();
            if (line.startsWith(QLatin1String("%%")) || line.startsWith(QLatin1String("classDef")))
                continue;
            line.remove(entity);
            QVERIFY2(!line.contains(';') && !line.contains('#'), qPrintable(line));
            QVERIFY2(line.count('"') % 2 == 0, qPrintable(line));
        }
    }

    void escapesAwkwardLabels() {
        const std::string escaped = escapeMermaidText(kAwkward + "\nnext");
        QCOMPARE(escaped, std::string("Am\xC3\xA9lie (2001) #124; #quot;quoted#quot; [x] {y} "
                                      "#35;1#59; #60;b#62;<br/>next"));
        std::string back, error;
        QVERIFY2(unescapeMermaidText(escaped, back, error), error.c_str());
        QCOMPARE(back, kAwkward + "\nnext");
        // Every special character, each control character and multi-byte UTF-8 survive.
        std::string all = "a&b%c`d|e#f;g\"h<i>j\tk\rl\x01m\xE2\x9C\x93\xF0\x9F\x8E\xAC";
        QVERIFY(unescapeMermaidText(escapeMermaidText(all), back, error));
        QCOMPARE(back, all);
        const std::string e = escapeMermaidText(all);
        for (char c : std::string("\"|;<>&%`\t\r"))
            QVERIFY2(e.find(c) == std::string::npos || (c == ';'),
                     (std::string("raw ") + c + " in " + e).c_str());
        // Mermaid strips the last ';' of lines with "style" or "classDef" followed by ':', '#'
        // and ';' before parsing: those words are written with a coded letter.
        QCOMPARE(escapeMermaidText("Lifestyle a:#1;"), std::string("Lifestyl#101; a:#35;1#59;"));
        QCOMPARE(escapeMermaidText("classDef"), std::string("classDe#102;"));
        QVERIFY(unescapeMermaidText(escapeMermaidText("style:#;classDef"), back, error));
        QCOMPARE(back, std::string("style:#;classDef"));
        QVERIFY(!isSafeStageId("mystyle") && !isSafeStageId("end") && isSafeStageId("fit_2"));
        QCOMPARE(mermaidSafeId("my style-2"), std::string("my_styl_e_2"));
        QCOMPARE(mermaidSafeId("end"), std::string("n_end"));
        QCOMPARE(mermaidSafeId("2x"), std::string("n_2x"));
        // In a node label parameter keys keep a ':' (escaped) apart from the separator.
        StageNode n;
        n.id = "x";
        n.label = "two\nlines";
        n.params = {{"a: b", "c: d"}, {"", ""}};
        StageNode parsed;
        QVERIFY2(parseMermaidNodeLabel(mermaidNodeLabel(n), parsed, error), error.c_str());
        QCOMPARE(parsed.label, n.label);
        QVERIFY(parsed.params == n.params);
    }

    void malformedMermaidIsAClearError() {
        struct Case {
            const char* text;
            int line;
            const char* mentions;
        };
        const Case cases[] = {
            {"", 0, "flowchart"},
            {"graph TD\n", 1, "flowchart"},
            {"flowchart TD\n    a(\"A\")\n    a(\"again\")\n", 3, "twice"},
            {"flowchart TD\n    a(\"A\")\n    a --> b\n", 3, "'b'"},
            {"flowchart TD\n\n    a[\"square\"]\n", 3, "node"},
            {"flowchart TD\n    a(\"bad # sign\")\n", 2, "#"},
            {"flowchart TD\n    a(\"<b>bold</b>\")\n", 2, "<"},
            {"flowchart TD\n    a(\"A<br>no colon\")\n", 2, "key: value"},
            {"flowchart TD\n    a(\"A\")\n    class a st_sleeping\n", 3, "st_sleeping"},
            {"flowchart TD\n    a(\"A\")\n    class a,zz st_done\n", 3, "zz"},
            {"flowchart TD\n    a(\"A\")\n    a -->|unquoted| a\n", 3, "label"},
            {"flowchart TD\n    a(\"A\")\n    %% recscope-stage a {\"kind\":\"nope\"}\n", 3,
             "nope"},
            {"flowchart TD\n    a(\"A\")\n    %% recscope-stage a {broken\n", 3, "payload"},
            {"flowchart TD\n    a(\"A\")\n    %% recscope-stage q {}\n", 3, "'q'"},
            {"flowchart TD\n    a(\"A\")\n    b(\"#99999999;\")\n", 3, "#99999999;"},
        };
        for (const auto& c : cases) {
            auto r = parseMermaid(c.text);
            QVERIFY2(!r.ok(), c.text);
            QCOMPARE(r.errorLine, c.line);
            QVERIFY2(QString::fromStdString(r.error).contains(QString::fromUtf8(c.mentions)),
                     r.error.c_str());
            if (c.line > 0)
                QVERIFY2(r.error.starts_with("line " + std::to_string(c.line) + ": "),
                         r.error.c_str());
        }
        // Other comments, blank lines and indentation are fine.
        auto ok = parseMermaid("%% a note\nflowchart LR\n\n a(\"A\")\n%% another\nb(\"B\")\n"
                               "a-->b\n");
        QVERIFY2(ok.ok(), ok.error.c_str());
        QCOMPARE(ok.graph->edges.size(), std::size_t(1));
    }

    void trainingStoresItsGraph() {
        const auto req = request(7);
        auto out = runTraining(*m_ws, req, {});
        QVERIFY2(out.status == TrainingStatus::Done, out.error.c_str());
        QVERIFY(out.pipelineError.empty());
        const StageGraph& g = out.pipeline;
        QCOMPARE(g.runId, out.run.id);
        QCOMPARE(g.nodes.size(), std::size_t(6));
        for (const auto& n : g.nodes) {
            QVERIFY2(n.status == StageStatus::Done, n.id.c_str());
            QCOMPARE(n.progress, 1.0);
            QVERIFY2(n.seconds && *n.seconds >= 0, n.id.c_str());
        }
        const auto split = SplitStore(*m_ws).get(out.run.splitId);
        QVERIFY(split);
        const StageNode* s = g.find(stage::kSplit);
        QVERIFY(s->outputs == (StageValues{{"train", std::to_string(split->numTrain)},
                                           {"test", std::to_string(split->numTest)}}));
        QCOMPARE(std::int64_t(out.trainRows), split->numTrain);
        QCOMPARE(s->params.front().second, std::string("random:0.25:seed=3"));
        const StageNode* fit = g.find(stage::kFit);
        QCOMPARE(fit->outputs.front(), (std::pair<std::string, std::string>{"epochs", "7"}));
        QCOMPARE(fit->label, std::string("Fit biasedmf"));
        const StageNode* load = g.find(stage::kLoad);
        QCOMPARE(load->params.front().second, std::string("small"));
        QCOMPARE(*load->rowsOut, std::int64_t(out.trainRows + out.testRows));
        const StageNode* eval = g.find(stage::kEvaluate);
        QCOMPARE(eval->outputs.front().first, out.run.metrics.front().first);
        QCOMPARE(g.find(stage::kSave)->outputs.front().second, std::to_string(out.run.id));
        // Stored with the run, and given back unchanged.
        std::string error;
        auto stored = PipelineStore(*m_ws).get(out.run.id, &error);
        QVERIFY2(stored, error.c_str());
        QVERIFY(*stored == g);
        auto viaRun = pipelineForRun(*m_ws, out.run.id, error);
        QVERIFY(viaRun && *viaRun == g);
        // Deleting the run deletes its graph.
        RunStore(*m_ws).remove(out.run.id);
        QVERIFY(!PipelineStore(*m_ws).has(out.run.id));
    }

    void stageEventsArriveInOrder() {
        std::vector<std::pair<std::string, StageStatus>> transitions;
        std::map<std::string, StageStatus> last;
        std::map<std::string, int> progressEvents;
        std::map<std::string, double> lastProgress;
        TrainingCallbacks cb;
        cb.onStage = [&](const StageGraph& g) {
            for (const auto& n : g.nodes) {
                auto it = last.find(n.id);
                const StageStatus before = it == last.end() ? StageStatus::Pending : it->second;
                if (n.status != before)
                    transitions.emplace_back(n.id, n.status);
                else if (n.status == StageStatus::Running && n.progress != lastProgress[n.id])
                    ++progressEvents[n.id];
                if (n.status == StageStatus::Running)
                    QVERIFY(n.progress >= lastProgress[n.id]);
                last[n.id] = n.status;
                lastProgress[n.id] = n.progress;
            }
        };
        auto out = runTraining(*m_ws, request(40), cb);
        QVERIFY2(out.status == TrainingStatus::Done, out.error.c_str());
        std::vector<std::pair<std::string, StageStatus>> expected;
        for (const char* id : {stage::kLoad, stage::kSplit, stage::kMatrices, stage::kFit,
                               stage::kEvaluate, stage::kSave}) {
            expected.emplace_back(id, StageStatus::Running);
            expected.emplace_back(id, StageStatus::Done);
        }
        QCOMPARE(transitions.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(transitions[i].first, expected[i].first);
            QCOMPARE(int(transitions[i].second), int(expected[i].second));
        }
        // Progress of the fit arrives (40 epochs), at most once per percent.
        QVERIFY2(progressEvents[stage::kFit] >= 5, std::to_string(progressEvents["fit"]).c_str());
        QVERIFY(progressEvents[stage::kFit] <= 100);
    }

    void progressEventsAreThrottled() {
        // A listener sees a stage's progress only when it moved by >= 1%.
        StageGraph g;
        g.nodes.resize(1);
        g.nodes[0].id = "fit";
        int events = 0;
        StageTracker tracker(g, [&](const StageGraph&) { ++events; });
        tracker.start("fit");
        for (int i = 0; i <= 10000; ++i)
            tracker.progress("fit", i / 10000.0);
        tracker.finish("fit");
        QVERIFY2(events >= 100 && events <= 103, std::to_string(events).c_str());
        QCOMPARE(tracker.graph().nodes[0].progress, 1.0);
    }

    void cancelledRunReportsTheStage() {
        const auto runsBefore = RunStore(*m_ws).list().size();
        TrainingCallbacks cb;
        cb.onEpoch = [](const EpochRecord& e) { return e.epoch < 3; };
        auto out = runTraining(*m_ws, request(30), cb);
        QCOMPARE(int(out.status), int(TrainingStatus::Cancelled));
        const StageGraph& g = out.pipeline;
        QCOMPARE(int(g.find(stage::kLoad)->status), int(StageStatus::Done));
        QCOMPARE(int(g.find(stage::kSplit)->status), int(StageStatus::Done));
        const StageNode* fit = g.find(stage::kFit);
        QCOMPARE(int(fit->status), int(StageStatus::Cancelled));
        QVERIFY(!fit->error.empty());
        QCOMPARE(g.firstWithStatus(StageStatus::Cancelled)->id, std::string(stage::kFit));
        QCOMPARE(int(g.find(stage::kEvaluate)->status), int(StageStatus::Skipped));
        QCOMPARE(int(g.find(stage::kSave)->status), int(StageStatus::Skipped));
        QCOMPARE(RunStore(*m_ws).list().size(), runsBefore);
        QCOMPARE(m_ws->db().scalarInt("SELECT count(*) FROM run_pipelines WHERE run_id NOT IN "
                                      "(SELECT id FROM runs)"),
                 0);
    }

    void cancelDuringEvaluationReportsEvaluation() {
        const auto runsBefore = RunStore(*m_ws).list().size();
        bool evaluating = false;
        TrainingCallbacks cb;
        cb.onStage = [&](const StageGraph& g) {
            evaluating = g.find(stage::kEvaluate)->status == StageStatus::Running;
        };
        cb.progress = Progress{[&](double, std::string_view) { return !evaluating; }};
        auto out = runTraining(*m_ws, request(3), cb);
        QCOMPARE(int(out.status), int(TrainingStatus::Cancelled));
        QCOMPARE(int(out.pipeline.find(stage::kFit)->status), int(StageStatus::Done));
        QCOMPARE(int(out.pipeline.find(stage::kEvaluate)->status), int(StageStatus::Cancelled));
        QCOMPARE(int(out.pipeline.find(stage::kSave)->status), int(StageStatus::Skipped));
        QCOMPARE(RunStore(*m_ws).list().size(), runsBefore);
    }

    void failedRunsNameTheirStage() {
        auto req = request(3);
        req.split = "sideways:0.2";
        auto out = runTraining(*m_ws, req, {});
        QCOMPARE(int(out.status), int(TrainingStatus::Failed));
        const StageNode* failed = out.pipeline.firstWithStatus(StageStatus::Failed);
        QVERIFY(failed);
        QCOMPARE(failed->id, std::string(stage::kSplit));
        QCOMPARE(failed->error, out.error);
        QCOMPARE(int(out.pipeline.find(stage::kFit)->status), int(StageStatus::Skipped));

        req = request(3);
        req.model = "nosuchmodel";
        out = runTraining(*m_ws, req, {});
        QCOMPARE(out.pipeline.firstWithStatus(StageStatus::Failed)->id, std::string(stage::kFit));
        QCOMPARE(int(out.pipeline.find(stage::kLoad)->status), int(StageStatus::Skipped));

        req = request(3);
        req.save = false;
        out = runTraining(*m_ws, req, {});
        QVERIFY2(out.status == TrainingStatus::Done, out.error.c_str());
        QCOMPARE(int(out.pipeline.find(stage::kSave)->status), int(StageStatus::Skipped));
        QCOMPARE(int(out.pipeline.find(stage::kEvaluate)->status), int(StageStatus::Done));
    }

    void runSurvivesAGraphThatCannotBeStored() {
        m_ws->db().exec("CREATE TEMP TRIGGER no_graphs BEFORE INSERT ON run_pipelines BEGIN "
                        "SELECT RAISE(ABORT, 'graphs refused'); END");
        auto out = runTraining(*m_ws, request(4), {});
        m_ws->db().exec("DROP TRIGGER no_graphs");
        QVERIFY2(out.status == TrainingStatus::Done, out.error.c_str());
        QVERIFY(out.run.id > 0);
        QVERIFY2(QString::fromStdString(out.pipelineError).contains("graphs refused"),
                 out.pipelineError.c_str());
        QVERIFY(RunStore(*m_ws).get(out.run.id));
        QVERIFY(!PipelineStore(*m_ws).has(out.run.id));
        std::string error;
        auto g = pipelineForRun(*m_ws, out.run.id, error);
        QVERIFY2(g, error.c_str());
        QCOMPARE(g->find(stage::kSave)->outputs.back().second, std::string("reconstructed"));
    }

    void reconstructsGraphsOfOlderRuns() {
        auto out = runTraining(*m_ws, request(6), {});
        QVERIFY2(out.status == TrainingStatus::Done, out.error.c_str());
        // As a run stored before schema v3: no graph row.
        m_ws->db().exec("DELETE FROM run_pipelines WHERE run_id = " + std::to_string(out.run.id));
        std::string error;
        auto g = pipelineForRun(*m_ws, out.run.id, error);
        QVERIFY2(g, error.c_str());
        QCOMPARE(g->runId, out.run.id);
        QCOMPARE(g->nodes.size(), out.pipeline.nodes.size());
        QVERIFY(g->edges == out.pipeline.edges);
        for (std::size_t i = 0; i < g->nodes.size(); ++i) {
            const auto& n = g->nodes[i];
            QCOMPARE(n.id, out.pipeline.nodes[i].id);
            QCOMPARE(int(n.kind), int(out.pipeline.nodes[i].kind));
            QCOMPARE(n.label, out.pipeline.nodes[i].label);
            QVERIFY2(n.status == StageStatus::Done, n.id.c_str());
        }
        // What the stored run knows matches what the live graph said.
        QVERIFY(g->find(stage::kSplit)->outputs == out.pipeline.find(stage::kSplit)->outputs);
        QVERIFY(g->find(stage::kFit)->outputs == out.pipeline.find(stage::kFit)->outputs);
        QVERIFY(g->find(stage::kFit)->params == out.pipeline.find(stage::kFit)->params);
        QVERIFY(g->find(stage::kLoad)->params == out.pipeline.find(stage::kLoad)->params);
        QCOMPARE(*g->find(stage::kFit)->seconds, out.run.fitSeconds);
        QVERIFY(!g->find(stage::kLoad)->seconds);
        QCOMPARE(g->find(stage::kEvaluate)->outputs.front(),
                 out.pipeline.find(stage::kEvaluate)->outputs.front());
        QVERIFY(!pipelineForRun(*m_ws, 987654, error));
        QVERIFY2(QString::fromStdString(error).contains("987654"), error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
