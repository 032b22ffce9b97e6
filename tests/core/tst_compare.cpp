// Comparing runs end to end on a small imported workspace: the metric table equals the stored
// metrics, the paired tests' means equal the stored aggregates, a run compared with itself
// gives Jaccard 1, zero deltas and p = 1; overlap from the models matches a direct recount and
// does not depend on the thread count; popularity bins add up to 1 (and most-popular has the
// highest average popularity, as it must); explanation agreement (hand values, and runs without
// evidence reported as such); protocol checks (other split: warning, other dataset: error,
// unknown run: error); cancel; the CSV and the HTML report (names escaped, SVG well-formed).
#include "TestFiles.h"
#include "compare/ComparisonCsv.h"
#include "compare/ComparisonJson.h"
#include "compare/ComparisonReport.h"
#include "compare/ExplanationAgreement.h"
#include "compare/HtmlText.h"
#include "compare/ListOverlap.h"
#include "compare/OverlapMatrix.h"
#include "compare/PopularityProfile.h"
#include "compare/RunComparison.h"
#include "compare/TopLists.h"
#include "eval/PopularitySegments.h"
#include "import/ImportJob.h"
#include "store/RunStore.h"
#include "train/RunContext.h"
#include "train/TrainingJob.h"
#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>
#include <random>

using namespace rs;

namespace {

constexpr int kUsers = 40, kItems = 60;
const char* const kHostileName = "tiny <script>alert(\"x\")</script> & 'q'";

std::int64_t importDataset(Workspace& ws, const QTemporaryDir& dir, const std::string& name,
                           unsigned seed) {
    QByteArray csv = "user,item,rating,timestamp\n";
    std::mt19937 rng(seed);
    for (int u = 0; u < kUsers; ++u)
        for (int i = 0; i < kItems; ++i) {
            // Popular items (low i) are rated more often: a long tail to bin.
            if (int(rng() % 100) >= 70 - i)
                continue;
            const int r = (u % 2) == (i % 2) ? 4 + int(rng() % 2) : 1 + int(rng() % 3);
            csv += QByteArray::number(u + 1) + ',' + QByteArray::number(100 + i) + ',' +
                   QByteArray::number(r) + ',' + QByteArray::number(1000 + u * kItems + i) + '\n';
        }
    ImportOptions o;
    o.datasetName = name;
    o.ratingsPath =
        test::writeFile(dir, QString::fromStdString("r" + std::to_string(seed) + ".csv"), csv)
            .toStdString();
    const auto r = importRatings(ws, o, {});
    if (r.status != ImportStatus::Ok)
        qFatal("import failed: %s", r.error.c_str());
    return r.datasetId;
}

std::int64_t train(Workspace& ws, std::int64_t dataset, const std::string& model,
                   const std::string& split, std::int64_t splitId,
                   std::vector<std::pair<std::string, std::string>> params = {}) {
    TrainingRequest req;
    req.datasetId = dataset;
    req.model = model;
    req.params = std::move(params);
    req.split = split;
    req.splitId = splitId;
    const auto out = runTraining(ws, req, {});
    if (out.status != TrainingStatus::Done || out.run.id <= 0)
        qFatal("training %s failed: %s", model.c_str(), out.error.c_str());
    return out.run.id;
}

const PairedMetric* findPaired(const ComparisonResult& r, const std::string& metric, std::size_t a,
                               std::size_t b) {
    for (const auto& p : r.paired)
        if (p.metric == metric && p.a == a && p.b == b)
            return &p;
    return nullptr;
}

/// Splits one CSV line (RFC 4180 quotes, no embedded newlines) into fields.
QStringList csvFields(const QString& line) {
    QStringList out;
    QString field;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            field += c;
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            out << field;
            field.clear();
        } else {
            field += c;
        }
    }
    out << field;
    return out;
}

} // namespace

class TestCompare : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::int64_t m_dataset = 0, m_otherDataset = 0;
    std::int64_t m_mf = 0, m_pop = 0, m_knn = 0, m_mfOtherSplit = 0, m_otherDatasetRun = 0;

    ComparisonResult compare(std::vector<std::int64_t> ids, CompareOptions o = {}) {
        return compareRuns(*m_ws, ids, o);
    }

private slots:
    void initTestCase() {
        m_ws = std::make_unique<Workspace>(m_dir.filePath("w.recscope").toStdString());
        m_dataset = importDataset(*m_ws, m_dir, kHostileName, 7);
        m_otherDataset = importDataset(*m_ws, m_dir, "other", 8);
        m_mf = train(*m_ws, m_dataset, "biasedmf", "random:0.25:seed=2", 0,
                     {{"factors", "4"}, {"epochs", "8"}});
        const std::int64_t split = RunStore(*m_ws).get(m_mf)->splitId;
        m_pop = train(*m_ws, m_dataset, "popularity", "", split);
        m_knn = train(*m_ws, m_dataset, "itemknn", "", split);
        m_mfOtherSplit = train(*m_ws, m_dataset, "biasedmf", "random:0.25:seed=3", 0,
                               {{"factors", "4"}, {"epochs", "8"}});
        m_otherDatasetRun = train(*m_ws, m_otherDataset, "popularity", "random:0.25:seed=2", 0);
    }

    void metricsAreTheStoredMetrics() {
        const auto r = compare({m_mf, m_pop, m_knn});
        QVERIFY2(r.error.empty(), r.error.c_str());
        QVERIFY(r.protocol.sameDataset && r.protocol.sameSplit && r.protocol.sameProtocol);
        QVERIFY(r.protocol.warnings.empty());
        QCOMPARE(r.datasetName, std::string(kHostileName));
        QCOMPARE(r.runs.size(), std::size_t(3));
        std::size_t checked = 0;
        for (std::size_t i = 0; i < 3; ++i) {
            const RunInfo stored = *RunStore(*m_ws).get(r.runs[i].id);
            for (const auto& [name, value] : stored.metrics) {
                const auto row = std::find_if(r.metrics.begin(), r.metrics.end(),
                                              [&](const MetricRow& m) { return m.name == name; });
                QVERIFY(row != r.metrics.end());
                QVERIFY(row->values[i].has_value());
                QCOMPARE(*row->values[i], value);
                ++checked;
            }
        }
        QVERIFY(checked >= 30);
        // Same split and protocol: the paired means over the common users are the stored means
        // (the stored series are float, the aggregates double).
        for (const auto& [a, b] : {std::pair<std::size_t, std::size_t>{0, 1}, {0, 2}, {1, 2}}) {
            const PairedMetric* p = findPaired(r, "NDCG@10", a, b);
            QVERIFY(p);
            QVERIFY(p->users > 10);
            QVERIFY(std::abs(p->meanA - *r.runs[a].metric("NDCG@10")) < 1e-6);
            QVERIFY(std::abs(p->meanB - *r.runs[b].metric("NDCG@10")) < 1e-6);
            QVERIFY(std::abs(p->t.meanDelta - (p->meanB - p->meanA)) < 1e-12);
            QVERIFY(p->t.ciLow <= p->t.meanDelta && p->t.meanDelta <= p->t.ciHigh);
            QVERIFY(p->t.p >= 0 && p->t.p <= 1 && p->wilcoxon.p >= 0 && p->wilcoxon.p <= 1);
        }
        QVERIFY(findPaired(r, "RMSE", 0, 2));            // biasedmf and itemknn predict ratings
        QVERIFY(findPaired(r, "RMSE", 0, 1) == nullptr); // popularity stores no RMSE series
        // Scatter: every pair, aligned with the per-user series.
        QCOMPARE(r.scatter.size(), std::size_t(3));
        const auto series = RunStore(*m_ws).userMetric(m_mf, "NDCG@10");
        QCOMPARE(r.scatter[0].userIds.size(), series->users.size());
        QCOMPARE(r.scatter[0].valuesA[0], double(series->values[0]));
    }

    void sameRunTwiceAgreesCompletely() {
        CompareOptions o;
        o.explainUsers = 8;
        const auto r = compare({m_mf, m_mf}, o);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.overlap.jaccardAt(0, 1), 1.0);
        QCOMPARE(r.overlap.kendallTauAt(0, 1), 1.0);
        QCOMPARE(r.overlap.kendallTauSharedAt(0, 1), 1.0);
        QVERIFY(!r.paired.empty());
        for (const PairedMetric& p : r.paired) {
            QCOMPARE(p.t.meanDelta, 0.0);
            QCOMPARE(p.t.p, 1.0);
            QCOMPARE(p.wilcoxon.p, 1.0);
            QCOMPARE(p.wilcoxon.n, std::size_t(0));
        }
        QCOMPARE(r.scatter.size(), std::size_t(1));
        QCOMPARE(r.scatter[0].valuesA, r.scatter[0].valuesB);
        QCOMPARE(r.explanations.pairs.size(), std::size_t(1));
        const auto& e = r.explanations.pairs[0];
        QVERIFY(e.comparable);
        QVERIFY(e.pairs > 0);
        QCOMPARE(e.top3Jaccard, 1.0);
        QCOMPARE(e.top5Jaccard, 1.0);
        QVERIFY(std::abs(e.spearman - 1.0) < 1e-12);
        QCOMPARE(r.popularity[0].averagePopularity, r.popularity[1].averagePopularity);
    }

    void overlapMatchesADirectRecount() {
        CompareOptions o;
        o.explanations = false;
        o.k = 5;
        const auto two = compare({m_mf, m_knn, m_pop}, o);
        o.threads = 1;
        const auto one = compare({m_mf, m_knn, m_pop}, o);
        QCOMPARE(two.overlap.jaccard, one.overlap.jaccard);
        QCOMPARE(two.overlap.users, one.overlap.users);
        QVERIFY(!one.options.explanations && one.explanations.pairs.empty());
        // No explained users is no explanation part either, and the result says so.
        CompareOptions none;
        none.explainUsers = 0;
        const auto skipped = compare({m_mf, m_knn}, none);
        QVERIFY(!skipped.options.explanations);
        QVERIFY(skipped.explanations.pairs.empty());
        // Recount from the runs' contexts: every user with training data in all runs.
        std::string error;
        auto a = loadRunContext(*m_ws, m_mf, error), b = loadRunContext(*m_ws, m_knn, error);
        QVERIFY(a && b);
        double sum = 0;
        std::size_t users = 0;
        for (std::uint32_t u = 0; u < a->numUsers(); ++u) {
            if (a->trainItems(u).empty() || b->trainItems(u).empty())
                continue;
            std::vector<std::uint32_t> la, lb;
            for (const auto& s : a->recommend(u, 5))
                la.push_back(s.item);
            for (const auto& s : b->recommend(u, 5))
                lb.push_back(s.item);
            sum += listJaccard(la, lb);
            ++users;
        }
        QCOMPARE(two.overlap.users, users);
        QVERIFY(std::abs(two.overlap.jaccardAt(0, 1) - sum / double(users)) < 1e-12);
        for (std::size_t i = 0; i < 3; ++i) {
            QCOMPARE(two.overlap.jaccardAt(i, i), 1.0);
            for (std::size_t j = 0; j < 3; ++j) {
                QCOMPARE(two.overlap.jaccardAt(i, j), two.overlap.jaccardAt(j, i));
                QVERIFY(two.overlap.jaccardAt(i, j) >= 0 && two.overlap.jaccardAt(i, j) <= 1);
                const double tau = two.overlap.kendallTauAt(i, j);
                QVERIFY(tau >= -1 && tau <= 1);
            }
        }
        QVERIFY(two.explanations.runs.empty()); // not asked for
    }

    void userSampleLimit() {
        CompareOptions o;
        o.users = 7;
        o.explainUsers = 3;
        const auto r = compare({m_mf, m_knn}, o);
        QCOMPARE(r.overlap.users, std::size_t(7));
        QCOMPARE(r.popularity[0].lists, std::size_t(7));
        QCOMPARE(r.explanations.usersSampled, std::size_t(3));
        const auto again = compare({m_mf, m_knn}, o);
        QCOMPARE(again.overlap.jaccard, r.overlap.jaccard); // the seed fixes the sample
    }

    void popularityProfilesAddUp() {
        CompareOptions o;
        o.explanations = false;
        const auto r = compare({m_mf, m_pop, m_knn}, o);
        QCOMPARE(r.popularity.size(), std::size_t(3));
        for (const PopularityProfile& p : r.popularity) {
            QCOMPARE(p.bins.size(), std::size_t(10));
            double rec = 0, inter = 0;
            std::size_t items = 0;
            for (const PopularityBin& b : p.bins) {
                rec += b.recommendationShare;
                inter += b.interactionShare;
                items += b.items;
                QVERIFY(b.minPopularity <= b.maxPopularity);
            }
            QVERIFY(std::abs(rec - 1.0) < 1e-12);
            QVERIFY(std::abs(inter - 1.0) < 1e-12);
            QCOMPARE(items, std::size_t(kItems));
            for (std::size_t b = 1; b < p.bins.size(); ++b)
                QVERIFY(p.bins[b].maxPopularity <= p.bins[b - 1].minPopularity);
            QCOMPARE(p.recommendations, p.lists * 10);
        }
        // Most-popular picks, for each user, the unrated items with the highest counts: no list
        // of the same candidates has a higher mean popularity.
        QVERIFY(r.popularity[1].averagePopularity >= r.popularity[0].averagePopularity);
        QVERIFY(r.popularity[1].averagePopularity >= r.popularity[2].averagePopularity);
    }

    void segmentsUseTheSameListsAsTheProfile() {
        // Per-segment reports of both segmentations: "all users" equals the popularity profile
        // of the same lists; the segments' lists add up to the overall ones; the stored NDCG
        // series averaged per segment (weighted by users) gives back the overall mean; the
        // segment ranges ascend; recomputing from the models' lists gives the same numbers.
        CompareOptions o;
        o.explanations = false;
        o.users = 40;
        const auto r = compare({m_mf, m_pop}, o);
        QVERIFY2(r.error.empty(), r.error.c_str());
        for (UserSegmentBy by : {UserSegmentBy::Activity, UserSegmentBy::Mainstreamness}) {
            QCOMPARE(r.segments(by).size(), std::size_t(2));
            for (std::size_t i = 0; i < 2; ++i) {
                const SegmentReport& s = r.segments(by)[i];
                const PopularityProfile& p = r.popularity[i];
                QCOMPARE(s.by, by);
                QCOMPARE(s.segments.size(), std::size_t(3));
                QCOMPARE(s.overall.users, p.lists);
                QVERIFY(std::abs(s.overall.arp - p.averagePopularity) < 1e-9);
                QVERIFY(std::abs(s.overall.longTail - p.longTailShare) < 1e-12);
                QVERIFY(std::abs(s.overall.exposureGini - p.exposureGini) < 1e-12);
                QVERIFY(std::abs(s.overall.coverage - p.coverage) < 1e-12);
                QCOMPARE(s.accuracy, (std::vector<std::string>{"NDCG@10", "R@10"}));
                std::size_t users = 0, ndcgUsers = 0;
                double arpSum = 0.0, ndcgSum = 0.0;
                for (std::size_t g = 0; g < 3; ++g) {
                    const SegmentMeasures& m = s.perSegment[g];
                    users += m.users;
                    if (m.users)
                        arpSum += m.arp * double(m.users);
                    ndcgUsers += m.accuracyUsers[0];
                    if (m.accuracyUsers[0])
                        ndcgSum += m.accuracy[0] * double(m.accuracyUsers[0]);
                    if (g > 0 && s.segments[g].users && s.segments[g - 1].users)
                        QVERIFY(s.segments[g].minValue > s.segments[g - 1].maxValue);
                }
                QCOMPARE(users, s.overall.users); // every sampled user has training data
                QVERIFY(std::abs(arpSum / double(users) - s.overall.arp) < 1e-9);
                QCOMPARE(ndcgUsers, s.overall.accuracyUsers[0]);
                QVERIFY(std::abs(ndcgSum / double(ndcgUsers) - s.overall.accuracy[0]) < 1e-9);
                // The stored series holds every evaluated user; all have training data here.
                const auto stored = RunStore(*m_ws).userMetric(r.runs[i].id, "NDCG@10");
                QVERIFY(stored);
                QCOMPARE(s.overall.accuracyUsers[0], stored->users.size());
                QVERIFY(std::abs(s.overall.accuracy[0] - *r.runs[i].metric("NDCG@10")) < 1e-6);
            }
        }
        // Direct recomputation for the popularity run by activity from its model's lists.
        std::string error;
        const auto ctx = loadRunContext(*m_ws, m_pop, error);
        const auto mfCtx = loadRunContext(*m_ws, m_mf, error);
        QVERIFY2(ctx && mfCtx, error.c_str());
        const ItemPopularity pop = ItemPopularity::fromTrain(ctx->train);
        const UserSegmentation seg = segmentUsers(ctx->train, pop, UserSegmentBy::Activity);
        std::vector<std::vector<std::uint32_t>> lists(seg.segments.size());
        std::vector<std::size_t> counts(seg.segments.size(), 0);
        std::vector<double> arp(seg.segments.size(), 0.0);
        // The users compareRuns sampled (same contexts, limit and seed).
        const std::vector<const RunContext*> contexts = {mfCtx.get(), ctx.get()};
        const std::vector<std::uint32_t> users = commonUsers(contexts, o.users, o.seed);
        QCOMPARE(users.size(), std::size_t(40));
        for (std::uint32_t u : users) {
            std::vector<std::uint32_t> list;
            for (const ScoredItem& s : ctx->recommend(u, 10))
                list.push_back(s.item);
            const int g = seg.segmentOfUser(u);
            QVERIFY(g >= 0);
            arp[std::size_t(g)] += listPopularity(list, pop);
            ++counts[std::size_t(g)];
        }
        const SegmentReport& shown = r.activitySegments[1];
        for (std::size_t g = 0; g < seg.segments.size(); ++g) {
            QCOMPARE(shown.perSegment[g].users, counts[g]);
            if (counts[g])
                QVERIFY(std::abs(shown.perSegment[g].arp - arp[g] / double(counts[g])) < 1e-9);
        }
        // The popularity model recommends more popular items than biasedmf in every segment
        // with users (it takes the most popular unrated items).
        for (std::size_t g = 0; g < 3; ++g)
            if (r.activitySegments[0].perSegment[g].users)
                QVERIFY(r.activitySegments[1].perSegment[g].arp >=
                        r.activitySegments[0].perSegment[g].arp);
    }

    void popularityProfileByHand() {
        // Counts 5,3,0,2,10,1 (21 interactions); 3 bins of 2 items by popularity: {4,0} holds
        // 15, {1,3} 5, {5,2} 1. Lists [4,0] [4,1] [2,5]: 3, 1 and 2 of 6 recommendations.
        ItemPopularity pop;
        pop.count = {5, 3, 0, 2, 10, 1};
        pop.interactions = 21;
        pop.shortHead = {0, 0, 0, 0, 1, 0};
        pop.activeUsers = 5;
        const std::vector<std::uint32_t> l1 = {4, 0}, l2 = {4, 1}, l3 = {2, 5};
        const std::vector<std::span<const std::uint32_t>> lists = {l1, l2, l3};
        const PopularityProfile p = popularityProfile(pop, lists, 3);
        QCOMPARE(p.bins.size(), std::size_t(3));
        QCOMPARE(p.bins[0].maxPopularity, 10u);
        QCOMPARE(p.bins[0].minPopularity, 5u);
        QCOMPARE(p.bins[2].minPopularity, 0u);
        QVERIFY(std::abs(p.bins[0].interactionShare - 15.0 / 21) < 1e-15);
        QVERIFY(std::abs(p.bins[1].interactionShare - 5.0 / 21) < 1e-15);
        QVERIFY(std::abs(p.bins[2].interactionShare - 1.0 / 21) < 1e-15);
        QVERIFY(std::abs(p.bins[0].recommendationShare - 3.0 / 6) < 1e-15);
        QVERIFY(std::abs(p.bins[1].recommendationShare - 1.0 / 6) < 1e-15);
        QVERIFY(std::abs(p.bins[2].recommendationShare - 2.0 / 6) < 1e-15);
        // ARP: (7.5 + 6.5 + 0.5) / 3; long tail: (.5 + .5 + 1) / 3; exposure of the items with
        // interactions (0,1,3,4,5) = 1,1,0,2,1: Gini = (0 - 2 + 0 + 2 + 8) / (5 * 5) = 0.32.
        QVERIFY(std::abs(p.averagePopularity - 14.5 / 3) < 1e-12);
        QVERIFY(std::abs(p.longTailShare - 2.0 / 3) < 1e-12);
        QVERIFY(std::abs(p.exposureGini - 0.32) < 1e-12);
        QVERIFY(std::abs(p.coverage - 0.8) < 1e-12);
    }

    void overlapMatrixByHand() {
        TopLists lists;
        lists.k = 3;
        lists.users = {0, 1};
        constexpr std::uint32_t none = TopLists::kNoItem;
        lists.items = {{1, 2, 3, 4, 5, 6}, {1, 2, 4, 4, 5, none}};
        const OverlapMatrix m = overlapMatrix(lists);
        // User 0: {1,2,3} vs {1,2,4}: 2/4. User 1: {4,5,6} vs {4,5}: 2/3.
        QVERIFY(std::abs(m.jaccardAt(0, 1) - (0.5 + 2.0 / 3) / 2) < 1e-15);
        // Union tau: user 0 ranks 1,2,3,4 as 1,2,3,4 and 1,2,4,3 (5 concordant pairs, 1
        // discordant: 2/3); user 1 as 1,2,3 and 1,2,3 (6 missing from b ranks 3): 1.
        QVERIFY(std::abs(m.kendallTauAt(0, 1) - (2.0 / 3 + 1) / 2) < 1e-12);
        // The shared items come in the same order for both users: tau 1.
        QCOMPARE(m.kendallTauSharedAt(0, 1), 1.0);
        QCOMPARE(m.sharedTauUsers[1], std::size_t(2));
        QCOMPARE(m.jaccardAt(1, 0), m.jaccardAt(0, 1));
        QCOMPARE(m.jaccardAt(0, 0), 1.0);
        QCOMPARE(m.users, std::size_t(2));
    }

    void evidenceAgreementByHand() {
        // Contributions a: 1:.5 2:.4 3:.3 4:.2 5:.1 6:-.1; b: 1:.2 2:.9 3:-.2 4:.6 5:.1 6:.3.
        // Top-3 {1,2,3} vs {2,4,6}: 1/5; top-5 {1..5} vs {2,4,6,1,5}: 4/6. Ranks of a 6..1,
        // of b 3,6,1,5,2,4: sum d^2 = 32, rho = 1 - 6*32/(6*35).
        const std::vector<EvidenceItem> a = {{1, 4, 0.5}, {2, 4, 0.4}, {3, 4, 0.3},
                                             {4, 4, 0.2}, {5, 4, 0.1}, {6, 4, -0.1}};
        const std::vector<EvidenceItem> b = {{1, 4, 0.2}, {2, 4, 0.9}, {3, 4, -0.2},
                                             {4, 4, 0.6}, {5, 4, 0.1}, {6, 4, 0.3}};
        const EvidenceAgreement g = evidenceAgreement(a, b);
        QVERIFY(std::abs(g.top3Jaccard - 0.2) < 1e-15);
        QVERIFY(std::abs(g.top5Jaccard - 4.0 / 6) < 1e-15);
        QVERIFY(std::abs(g.spearman - (1 - 192.0 / 210)) < 1e-12);
        QCOMPARE(g.sharedItems, std::size_t(6));
        // The largest contributions are cited: a's top 3 {1,2,3}, b's {1,2,4} share 2 of 4 (the
        // smallest ones, {4,3,2} and {3,4,2}, would agree completely).
        const std::vector<EvidenceItem> c = {{1, 4, 0.9}, {2, 4, 0.8}, {3, 4, 0.7}, {4, 4, -0.5}};
        const std::vector<EvidenceItem> d = {{1, 4, 0.9}, {2, 4, 0.8}, {3, 4, -0.6}, {4, 4, 0.7}};
        QCOMPARE(evidenceAgreement(c, d).top3Jaccard, 0.5);
        // Shared history only: b without items 5 and 6.
        const std::vector<EvidenceItem> b4(b.begin(), b.begin() + 4);
        QCOMPARE(evidenceAgreement(a, b4).sharedItems, std::size_t(4));
    }

    void runsWithoutEvidenceAreReported() {
        CompareOptions o;
        o.explainUsers = 10;
        const auto r = compare({m_mf, m_pop, m_knn}, o);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.explanations.runs.size(), std::size_t(3));
        QVERIFY(r.explanations.runs[0].available && r.explanations.runs[0].evidence);
        QVERIFY(r.explanations.runs[1].available);
        QVERIFY(!r.explanations.runs[1].evidence);
        QVERIFY(!r.explanations.runs[1].note.empty());
        QCOMPARE(r.explanations.pairs.size(), std::size_t(3));
        for (const auto& p : r.explanations.pairs) {
            if (p.a == 1 || p.b == 1) {
                QVERIFY(!p.comparable);
                QVERIFY(QString::fromStdString(p.note).contains(QString::number(m_pop)));
                continue;
            }
            QVERIFY(p.comparable); // biasedmf and itemknn share recommendations here
            QVERIFY(p.top3Jaccard >= 0 && p.top3Jaccard <= 1);
            QVERIFY(p.top5Jaccard >= 0 && p.top5Jaccard <= 1);
            QVERIFY(std::isnan(p.spearman) || (p.spearman >= -1 && p.spearman <= 1));
        }
    }

    void protocolChecks() {
        const auto other = compare({m_mf, m_mfOtherSplit});
        QVERIFY2(other.error.empty(), other.error.c_str());
        QVERIFY(!other.protocol.sameSplit);
        QVERIFY(!other.protocol.warnings.empty());
        QVERIFY(QString::fromStdString(other.protocol.warnings[0]).contains("seed=3"));
        QVERIFY(!other.paired.empty()); // still compared, over the users both evaluated

        const auto dataset = compare({m_mf, m_otherDatasetRun});
        QVERIFY(!dataset.error.empty());
        QVERIFY(!dataset.protocol.sameDataset);
        QVERIFY(QString::fromStdString(dataset.error).contains("dataset"));

        const auto unknown = compare({m_mf, 999});
        QCOMPARE(unknown.error, std::string("no run 999 in the workspace"));
        const auto single = compare({m_mf});
        QVERIFY(!single.error.empty());
    }

    void protocolTexts() {
        RunInfo a, b;
        a.id = 1;
        b.id = 2;
        a.datasetId = b.datasetId = 5;
        a.splitId = b.splitId = 3;
        a.status = b.status = "done";
        const std::string ranking = "full ranking over unrated train items, relevant = rating "
                                    ">= 4.0, K=10";
        a.protocol = "RMSE/MAE over 100 test pairs; " + ranking;
        b.protocol = ranking; // a ranking-only model: no RMSE part, no difference
        const auto never = [](std::size_t, std::size_t) { return false; };
        std::vector<RunInfo> runs = {a, b};
        QVERIFY(checkProtocol(runs, never).sameProtocol);
        QVERIFY(checkProtocol(runs, never).warnings.empty());
        runs[1].protocol = "full ranking over unrated train items, relevant = rating >= 3.5, K=10";
        const auto threshold = checkProtocol(runs, never);
        QVERIFY(!threshold.sameProtocol);
        QCOMPARE(threshold.warnings.size(), std::size_t(1));
        runs[1].protocol = ranking;
        runs[1].splitId = 4; // another split with the same rows counts as the same split
        QVERIFY(checkProtocol(runs, [](std::size_t, std::size_t) { return true; }).sameSplit);
        QVERIFY(!checkProtocol(runs, never).sameSplit);
        runs[1].status = "diverged";
        QCOMPARE(checkProtocol(runs, never).warnings.size(), std::size_t(2));
    }

    void cancelStops() {
        // One thread: the first user's report is the cancel point, before the others started.
        CompareOptions o;
        o.threads = 1;
        const std::vector<std::int64_t> ids = {m_mf, m_knn};
        for (const char* at : {"loading runs", "recommending", "explaining"}) {
            int calls = 0;
            const Progress cancel{[&calls, at](double, std::string_view stage) {
                ++calls;
                return stage != at;
            }};
            const auto r = compareRuns(*m_ws, ids, o, cancel);
            QVERIFY2(r.cancelled, at);
            QVERIFY(r.error.empty());
            QVERIFY(calls >= 1);
            if (std::string_view(at) != "explaining")
                QVERIFY(r.popularity.empty());
        }
    }

    void csvHoldsTheNumbers() {
        CompareOptions o;
        o.explainUsers = 5;
        const auto r = compare({m_mf, m_knn}, o);
        const QStringList lines = QString::fromStdString(comparisonCsv(r)).split("\r\n");
        QCOMPARE(lines[0],
                 QStringLiteral("section,name,run_a,model_a,run_b,model_b,statistic,value"));
        bool foundMetric = false, foundOverlap = false;
        for (int i = 1; i < lines.size(); ++i) {
            if (lines[i].isEmpty())
                continue;
            const QStringList f = csvFields(lines[i]);
            QCOMPARE(f.size(), 8);
            if (f[0] == "metric" && f[1] == "NDCG@10" && f[2] == QString::number(m_mf)) {
                QCOMPARE(f[3], QStringLiteral("biasedmf"));
                QCOMPARE(f[7].toDouble(), *r.runs[0].metric("NDCG@10"));
                foundMetric = true;
            }
            if (f[0] == "overlap" && f[6] == "jaccard") {
                QCOMPARE(f[7].toDouble(), r.overlap.jaccardAt(0, 1));
                foundOverlap = true;
            }
        }
        QVERIFY(foundMetric && foundOverlap);
        // Per-segment rows: "all users" ARP of each run and each segment's range.
        int segmentRows = 0;
        for (int i = 1; i < lines.size(); ++i) {
            const QStringList f = csvFields(lines[i]);
            if (f.size() < 8 || !f[0].startsWith("segment_"))
                continue;
            ++segmentRows;
            const UserSegmentBy by = f[0] == "segment_activity" ? UserSegmentBy::Activity
                                                                : UserSegmentBy::Mainstreamness;
            const std::size_t run = f[2] == QString::number(m_mf) ? 0 : 1;
            const SegmentReport& s = r.segments(by)[run];
            if (f[1] == "all users" && f[6] == "average_popularity")
                QCOMPARE(f[7].toDouble(), s.overall.arp);
            if (f[1] == QString::fromStdString(s.segments[2].name) && f[6] == "min")
                QCOMPARE(f[7].toDouble(), s.segments[2].minValue);
            if (f[1] == QString::fromStdString(s.segments[0].name) && f[6] == "NDCG@10")
                QCOMPARE(f[7].toDouble(), s.perSegment[0].accuracy[0]);
        }
        // 2 segmentations x 2 runs x (all: 5 + 2 accuracy; 3 segments: 2 + 5 + 2).
        QCOMPARE(segmentRows, 2 * 2 * (7 + 3 * 9));
    }

    void htmlEscapesNamesAndDrawsValidSvg() {
        QCOMPARE(htmlEscape("<a href=\"x\">'&'</a>"),
                 std::string("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"));
        CompareOptions o;
        o.explainUsers = 5;
        ComparisonResult r = compare({m_mf, m_knn}, o);
        QVERIFY2(r.error.empty(), r.error.c_str());
        r.runs[1].model = "knn\"><script>alert('m')</script>"; // as if a model had such a name
        const QString html = QString::fromStdString(comparisonHtml(r));
        QVERIFY(!html.contains("<script"));
        QVERIFY(html.contains("tiny &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                              "&#39;q&#39;"));
        QVERIFY(html.contains("knn&quot;&gt;&lt;script&gt;"));
        QVERIFY(html.startsWith("<!DOCTYPE html>"));
        // Every inline SVG is well-formed XML; bar charts and scatter plots are present.
        int svgs = 0, rects = 0, circles = 0;
        for (qsizetype from = html.indexOf("<svg"); from >= 0; from = html.indexOf("<svg", from)) {
            const qsizetype to = html.indexOf("</svg>", from) + 6;
            QXmlStreamReader xml(html.mid(from, to - from));
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == QLatin1String("rect"))
                    ++rects;
                if (xml.isStartElement() && xml.name() == QLatin1String("circle"))
                    ++circles;
            }
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            ++svgs;
            from = to;
        }
        // Accuracy bars, popularity bins, ARP per activity / mainstreamness segment, one scatter.
        QCOMPARE(svgs, 5);
        QVERIFY(html.contains("Popularity bias per user segment"));
        QVERIFY(html.contains(QString::fromStdString(
            r.activitySegments[0].segments[0].range(UserSegmentBy::Activity))));
        QVERIFY(rects > 20);
        QCOMPARE(circles, int(r.scatter[0].userIds.size()));
    }

    void jsonIsValid() {
        CompareOptions o;
        o.explainUsers = 5;
        const auto r = compare({m_mf, m_pop, m_knn}, o);
        JsonWriter w;
        writeComparisonJson(w, r);
        QJsonParseError e;
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(w.str()), &e);
        QCOMPARE(e.error, QJsonParseError::NoError);
        const QJsonObject obj = doc.object();
        QCOMPARE(obj["runs"].toArray().size(), 3);
        QCOMPARE(obj["overlap"].toObject()["jaccard"].toArray().size(), 3);
        QCOMPARE(obj["popularity"].toArray().size(), 3);
        QCOMPARE(obj["explanations"].toObject()["pairs"].toArray().size(), 3);
        // One segment object per run and segmentation, with the engine's numbers.
        const QJsonArray segments = obj["user_segments"].toArray();
        QCOMPARE(segments.size(), 6);
        const QJsonObject knnMain = segments[5].toObject();
        QCOMPARE(knnMain["by"].toString(), QStringLiteral("mainstreamness"));
        QCOMPARE(knnMain["run"].toInteger(), m_knn);
        const SegmentReport& s = r.mainstreamSegments[2];
        QCOMPARE(knnMain["all"].toObject()["average_popularity"].toDouble(), s.overall.arp);
        const QJsonArray groups = knnMain["segments"].toArray();
        QCOMPARE(groups.size(), 3);
        QCOMPARE(groups[0].toObject()["name"].toString(), QStringLiteral("niche"));
        QCOMPARE(groups[0].toObject()["range"].toString(),
                 QString::fromStdString(s.segments[0].range(UserSegmentBy::Mainstreamness)));
        QCOMPARE(groups[1].toObject()["exposure_gini"].toDouble(), s.perSegment[1].exposureGini);
        QCOMPARE(groups[2].toObject()["accuracy"].toObject()["NDCG@10"].toDouble(),
                 s.perSegment[2].accuracy[0]);
        QCOMPARE(obj["dataset"].toString(), QString::fromUtf8(kHostileName));
    }
};

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
