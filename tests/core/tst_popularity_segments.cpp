// Popularity bias per user segment on a hand example (8 users, 7 items; every number below is
// worked out in the comments): activity and mainstreamness segments with a tie across a
// quantile boundary, their range texts, the item popularity percentiles, and per segment the
// ARP, long-tail share, exposure Gini, coverage and the mean of a per-user accuracy series.
#include "eval/PopularitySegments.h"

#include <QtTest>
#include <cmath>

using namespace rs;

namespace {

bool near(double a, double b, double eps = 1e-12) {
    return std::abs(a - b) < eps;
}

/// Training data: user -> items.
///   u0 {0,1}  u1 {0,1,2,3,4}  u2 {0,1,2,3,5}  u3 {0}  u4 {0,1,2,4,5}  u5 {0..5}  u6 {0,1,3}
///   u7 {} (no training interactions); item 6 has none either.
/// Popularity: item0 7, item1 6, item2 4, item3 4, item4 3, item5 3, item6 0 (27 in all).
/// Short head (20% = 5.4 interactions): item 0 alone.
Interactions handTrain() {
    const std::vector<std::vector<std::uint32_t>> rated = {
        {0, 1},          {0, 1, 2, 3, 4},    {0, 1, 2, 3, 5}, {0},
        {0, 1, 2, 4, 5}, {0, 1, 2, 3, 4, 5}, {0, 1, 3},       {}};
    RatingTable t;
    for (std::uint32_t u = 0; u < rated.size(); ++u) {
        t.userIds.push_back(std::to_string(u));
        for (std::uint32_t i : rated[u]) {
            t.users.push_back(u);
            t.items.push_back(i);
            t.values.push_back(4.0f);
        }
    }
    for (int i = 0; i < 7; ++i)
        t.itemIds.push_back(std::to_string(100 + i));
    return Interactions::fromTable(t);
}

} // namespace

class TestPopularitySegments : public QObject {
    Q_OBJECT
private:
    Interactions m_train = handTrain();
    ItemPopularity m_pop = ItemPopularity::fromTrain(m_train);
    // Top-2 lists: u0 [2,3], u1 [5,6], u3 [0,2], u5 [6] (short), u6 [2,4], u7 [0,1]
    // (unassigned: only in "all users"); u2 and u4 get none.
    std::vector<std::uint32_t> m_users = {0, 1, 3, 5, 6, 7};
    std::vector<std::vector<std::uint32_t>> m_listData = {{2, 3}, {5, 6}, {0, 2},
                                                          {6},    {2, 4}, {0, 1}};
    std::vector<std::span<const std::uint32_t>> m_lists;

private slots:
    void initTestCase() {
        for (const auto& l : m_listData)
            m_lists.emplace_back(l);
        QCOMPARE(m_pop.count, (std::vector<std::uint32_t>{7, 6, 4, 4, 3, 3, 0}));
        QCOMPARE(m_pop.shortHead, (std::vector<char>{1, 0, 0, 0, 0, 0, 0}));
    }

    void percentilesAreMidRanks() {
        // Six items with interactions, sorted counts 3,3,4,4,6,7: (less + equal / 2) / 6.
        const std::vector<double> p = popularityPercentiles(m_pop);
        QVERIFY(near(p[4], 1.0 / 6) && near(p[5], 1.0 / 6));
        QVERIFY(near(p[2], 0.5) && near(p[3], 0.5));
        QVERIFY(near(p[1], 4.5 / 6));
        QVERIFY(near(p[0], 5.5 / 6));
        QVERIFY(std::isnan(p[6]));
    }

    void activitySegmentsMoveTiesUp() {
        // Activity: u0 2, u1 5, u2 5, u3 1, u4 5, u5 6, u6 3; u7 unassigned. Sorted (7 users):
        // 1 2 3 5 5 5 6. Thresholds at positions 7/3 = 2 (value 3) and 14/3 = 4 (value 5). By
        // position u1 (sorted position 3) would be "medium", but it ties with the threshold 5:
        // the tie moves up whole, so medium = {u6} only.
        const UserSegmentation s = segmentUsers(m_train, m_pop, UserSegmentBy::Activity);
        QCOMPARE(s.segments.size(), std::size_t(3));
        QCOMPARE(s.segmentOf, (std::vector<int>{0, 2, 2, 0, 2, 2, 1, -1}));
        QCOMPARE(s.segments[0].name, std::string("light"));
        QCOMPARE(s.segments[2].name, std::string("heavy"));
        QCOMPARE(s.segments[0].users, std::size_t(2));
        QCOMPARE(s.segments[1].users, std::size_t(1));
        QCOMPARE(s.segments[2].users, std::size_t(4));
        QCOMPARE(s.segments[0].range(s.by), std::string("1\u20132 ratings"));
        QCOMPARE(s.segments[1].range(s.by), std::string("3 ratings"));
        QCOMPARE(s.segments[2].range(s.by), std::string("5\u20136 ratings"));
        QCOMPARE(s.segments[2].range(s.by, false), std::string("5\u20136"));
        QVERIFY(std::isnan(s.value[7]));
    }

    void mainstreamSegments() {
        // Mean percentile of the training items: u0 (11/12 + 9/12) / 2 = .833,
        // u1 = u2 = (5.5 + 4.5 + 3 + 3 + 1) / 6 / 5 = .567, u3 .917, u4 (5.5+4.5+3+1+1)/30 = .5,
        // u5 18/36 = .5, u6 13/18 = .722. Sorted: u4 u5 | u1 u2 | u6 u0 u3 (thresholds at
        // positions 2 and 4: .567 and .722).
        const UserSegmentation s = segmentUsers(m_train, m_pop, UserSegmentBy::Mainstreamness);
        QVERIFY(near(s.value[0], 10.0 / 12));
        QVERIFY(near(s.value[1], 17.0 / 30));
        QVERIFY(near(s.value[6], 13.0 / 18));
        QCOMPARE(s.segmentOf, (std::vector<int>{2, 1, 1, 2, 0, 0, 2, -1}));
        QCOMPARE(s.segments[0].name, std::string("niche"));
        QCOMPARE(s.segments[1].name, std::string("balanced"));
        QCOMPARE(s.segments[2].name, std::string("mainstream"));
        QCOMPARE(s.segments[0].range(s.by), std::string("pct 50"));
        QCOMPARE(s.segments[1].range(s.by), std::string("pct 57"));
        QCOMPARE(s.segments[2].range(s.by), std::string("pct 72\u201392"));
        QCOMPARE(s.segments[2].range(s.by, false), std::string("72\u201392"));
    }

    void quantilesWithAllTiesAndFewUsers() {
        // Equal values share a segment: all three land in the last one; NaN stays out.
        const UserSegmentation s =
            segmentByQuantiles(UserSegmentBy::Activity, {5, std::nan(""), 5, 5}, 3);
        QCOMPARE(s.segmentOf, (std::vector<int>{2, -1, 2, 2}));
        QCOMPARE(s.segments[0].users, std::size_t(0));
        QCOMPARE(s.segments[0].range(s.by), std::string("no users"));
        QCOMPARE(s.segments[0].name, std::string("1"));
        // Two users, four segments: thresholds at positions 1, 1, 1 (value 4) -> segments 0 and 3.
        const UserSegmentation two = segmentByQuantiles(UserSegmentBy::Activity, {4, 1}, 4);
        QCOMPARE(two.segmentOf, (std::vector<int>{3, 0}));
        // No users at all.
        const UserSegmentation none = segmentByQuantiles(UserSegmentBy::Activity, {}, 3);
        QCOMPARE(none.segments.size(), std::size_t(3));
    }

    void measuresPerActivitySegment() {
        const UserSegmentation s = segmentUsers(m_train, m_pop, UserSegmentBy::Activity);
        const std::vector<std::uint32_t> ndcgUsers = {0, 1, 2, 6, 7};
        const std::vector<float> ndcg = {0.5f, 0.25f, 0.75f, 1.0f, 0.1f};
        const std::vector<UserSeriesView> accuracy = {{"NDCG@2", ndcgUsers, ndcg}};
        const SegmentReport r = segmentReport(s, m_pop, m_users, m_lists, accuracy);
        QCOMPARE(r.perSegment.size(), std::size_t(3));
        QCOMPARE(r.accuracy, (std::vector<std::string>{"NDCG@2"}));

        // Light = u3, u0: lists [0,2] (pop 7,4 -> 5.5, tail .5) and [2,3] (4,4 -> 4, tail 1).
        // Exposure over the 6 candidates: item0 1, item2 2, item3 1 -> sorted 0 0 0 1 1 2:
        // Gini = (1*1 + 3*1 + 5*2) / (6 * 4) = 14/24; coverage 3/6.
        const SegmentMeasures& light = r.perSegment[0];
        QCOMPARE(light.users, std::size_t(2));
        QVERIFY(near(light.arp, 4.75));
        QVERIFY(near(light.longTail, 0.75));
        QVERIFY(near(light.exposureGini, 14.0 / 24));
        QVERIFY(near(light.coverage, 0.5));
        QVERIFY(near(light.accuracy[0], 0.5)); // u0 only
        QCOMPARE(light.accuracyUsers[0], std::size_t(1));

        // Medium = u6: [2,4] -> 3.5, tail 1; exposure 0 0 0 0 1 1: (3 + 5) / 12.
        const SegmentMeasures& medium = r.perSegment[1];
        QCOMPARE(medium.users, std::size_t(1));
        QVERIFY(near(medium.arp, 3.5));
        QVERIFY(near(medium.longTail, 1.0));
        QVERIFY(near(medium.exposureGini, 8.0 / 12));
        QVERIFY(near(medium.coverage, 2.0 / 6));
        QVERIFY(near(medium.accuracy[0], 1.0));

        // Heavy = u1 [5,6] (3 and 0 -> 1.5) and u5 [6] (0); both all tail. Exposure: item5
        // alone (item 6 has no interactions, so it is no candidate): Gini 5/6, coverage 1/6.
        // NDCG: u1 .25 and u2 .75 (u2 has no list but a stored value) -> .5.
        const SegmentMeasures& heavy = r.perSegment[2];
        QCOMPARE(heavy.users, std::size_t(2));
        QVERIFY(near(heavy.arp, 0.75));
        QVERIFY(near(heavy.longTail, 1.0));
        QVERIFY(near(heavy.exposureGini, 5.0 / 6));
        QVERIFY(near(heavy.coverage, 1.0 / 6));
        QVERIFY(near(heavy.accuracy[0], 0.5));
        QCOMPARE(heavy.accuracyUsers[0], std::size_t(2));

        // All users (u7 included): ARP (4 + 1.5 + 5.5 + 0 + 3.5 + 6.5) / 6 = 3.5, tail 5/6;
        // exposure item0 2, item1 1, item2 3, item3 1, item4 1, item5 1 -> sorted 1 1 1 1 2 3,
        // Gini = (-5 - 3 - 1 + 1 + 6 + 15) / (6 * 9) = 13/54; coverage 1. NDCG over the
        // assigned users (u7 has no segment): (.5 + .25 + .75 + 1) / 4.
        QCOMPARE(r.overall.users, std::size_t(6));
        QVERIFY(near(r.overall.arp, 3.5));
        QVERIFY(near(r.overall.longTail, 5.0 / 6));
        QVERIFY(near(r.overall.exposureGini, 13.0 / 54));
        QVERIFY(near(r.overall.coverage, 1.0));
        QVERIFY(near(r.overall.accuracy[0], 0.625));
        QCOMPARE(r.overall.accuracyUsers[0], std::size_t(4));
    }

    void measuresPerMainstreamSegment() {
        const UserSegmentation s = segmentUsers(m_train, m_pop, UserSegmentBy::Mainstreamness);
        const SegmentReport r = segmentReport(s, m_pop, m_users, m_lists);
        QVERIFY(r.accuracy.empty());
        // Niche = u4, u5; only u5 has a list, [6]: pop 0, all tail, no candidate exposed.
        QCOMPARE(r.perSegment[0].users, std::size_t(1));
        QVERIFY(near(r.perSegment[0].arp, 0.0));
        QVERIFY(near(r.perSegment[0].longTail, 1.0));
        QVERIFY(near(r.perSegment[0].exposureGini, 0.0));
        QVERIFY(near(r.perSegment[0].coverage, 0.0));
        // Balanced = u1, u2: u1 [5,6] -> 1.5.
        QVERIFY(near(r.perSegment[1].arp, 1.5));
        QVERIFY(near(r.perSegment[1].exposureGini, 5.0 / 6));
        // Mainstream = u6 [2,4], u0 [2,3], u3 [0,2]: ARP (3.5 + 4 + 5.5) / 3, tail 2.5/3;
        // exposure item0 1, item2 3, item3 1, item4 1 -> 0 0 1 1 1 3: (-1 + 1 + 3 + 15) / 36.
        const SegmentMeasures& main = r.perSegment[2];
        QCOMPARE(main.users, std::size_t(3));
        QVERIFY(near(main.arp, 13.0 / 3));
        QVERIFY(near(main.longTail, 2.5 / 3));
        QVERIFY(near(main.exposureGini, 0.5));
        QVERIFY(near(main.coverage, 4.0 / 6));
        // The mainstream users get more popular lists than the niche ones here.
        QVERIFY(main.arp > r.perSegment[0].arp);
    }

    void measureValuesAndRelativeChange() {
        const UserSegmentation s = segmentUsers(m_train, m_pop, UserSegmentBy::Activity);
        const std::vector<std::uint32_t> ndcgUsers = {0};
        const std::vector<float> ndcg = {0.5f};
        const std::vector<UserSeriesView> accuracy = {{"NDCG@2", ndcgUsers, ndcg}};
        const SegmentReport r = segmentReport(s, m_pop, m_users, m_lists, accuracy);
        const SegmentMeasures& light = r.perSegment[0];
        QCOMPARE(segmentMeasureValue(light, SegmentMeasure::Arp), 4.75);
        QCOMPARE(segmentMeasureValue(light, SegmentMeasure::LongTail), 0.75);
        QCOMPARE(segmentMeasureValue(light, SegmentMeasure::ExposureGini), light.exposureGini);
        QCOMPARE(segmentMeasureValue(light, SegmentMeasure::Coverage), 0.5);
        QCOMPARE(segmentMeasureValue(light, SegmentMeasure::Accuracy, 0), 0.5);
        QVERIFY(std::isnan(segmentMeasureValue(light, SegmentMeasure::Accuracy, 1)));
        QVERIFY(std::isnan(segmentMeasureValue(r.perSegment[1], SegmentMeasure::Accuracy)));
        // Heavy vs light ARP: .75 vs 4.75.
        QVERIFY(near(relativeChange(4.75, 0.75), -4.0 / 4.75));
        QVERIFY(near(relativeChange(2.0, 3.0), 0.5));
        QVERIFY(std::isnan(relativeChange(0.0, 1.0)));
        QVERIFY(std::isnan(relativeChange(std::nan(""), 1.0)));
    }

    void storedSeriesPerSegment() {
        // A run's stored series by activity: ARP of users 0, 3, 5, 6 = 4, 5.5, 0, 3.5 and a
        // long tail of u1, u2 = 1, .5 -> light (u0, u3) 4.75, medium (u6) 3.5, heavy (u5) 0.
        const UserSegmentation s = segmentUsers(m_train, m_pop, UserSegmentBy::Activity);
        const std::vector<std::uint32_t> arpUsers = {0, 3, 5, 6}, tailUsers = {1, 2};
        const std::vector<float> arp = {4.0f, 5.5f, 0.0f, 3.5f}, tail = {1.0f, 0.5f};
        const std::vector<UserSeriesView> series = {{"ARP", arpUsers, arp},
                                                    {"LongTail", tailUsers, tail}};
        const SeriesSegmentReport r = segmentSeriesReport(s, series);
        QCOMPARE(r.segments.size(), std::size_t(3));
        QCOMPARE(r.segments[1].range(r.by), std::string("3 ratings"));
        QCOMPARE(r.series.size(), std::size_t(2));
        QCOMPARE(r.series[0].name, std::string("ARP"));
        QVERIFY(near(r.series[0].means[0], 4.75));
        QVERIFY(near(r.series[0].means[1], 3.5));
        QVERIFY(near(r.series[0].means[2], 0.0));
        QCOMPARE(r.series[0].users, (std::vector<std::size_t>{2, 1, 1}));
        QVERIFY(near(r.series[0].overall, 13.0 / 4));
        QVERIFY(std::isnan(r.series[1].means[0]));
        QVERIFY(near(r.series[1].means[2], 0.75));
    }

    void emptySegmentsAreNaN() {
        const UserSegmentation s = segmentUsers(m_train, m_pop, UserSegmentBy::Activity);
        const std::vector<std::uint32_t> users = {7};
        const std::vector<std::uint32_t> list = {0};
        const std::vector<std::span<const std::uint32_t>> lists = {list};
        const SegmentReport r = segmentReport(s, m_pop, users, lists);
        QCOMPARE(r.perSegment[0].users, std::size_t(0));
        QVERIFY(std::isnan(r.perSegment[0].arp));
        QVERIFY(std::isnan(r.perSegment[0].exposureGini));
        QVERIFY(near(r.overall.arp, 7.0));
        // A series whose users have no segment: NaN means.
        const std::vector<std::uint32_t> su = {7};
        const std::vector<float> sv = {1.0f};
        const SegmentedSeries m = segmentSeries(s, {"x", su, sv});
        QCOMPARE(m.overallUsers, std::size_t(0));
        QVERIFY(std::isnan(m.overall));
        QVERIFY(std::isnan(m.means[1]));
    }
};

QTEST_APPLESS_MAIN(TestPopularitySegments)
#include "tst_popularity_segments.moc"
