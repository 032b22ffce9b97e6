#pragma once
#include "data/Interactions.h"
#include "eval/BeyondAccuracy.h"
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace rs {

/// How users are grouped for the per-segment popularity-bias metrics.
enum class UserSegmentBy {
    /// Number of the user's training interactions ("light", "medium", "heavy").
    Activity,
    /// Mean popularity percentile of the user's training items (see popularityPercentiles):
    /// near 0 = the user rates only rarely rated items, near 1 = only the most popular ones
    /// ("niche", "balanced", "mainstream").
    Mainstreamness,
};

/// "activity" / "mainstreamness" (JSON keys, CSV names).
const char* userSegmentByName(UserSegmentBy by);

/// One group of users.
struct UserSegment {
    std::string name;                  ///< e.g. "light", "niche"
    double minValue = 0, maxValue = 0; ///< smallest / largest criterion value of its users
    std::size_t users = 0;             ///< users assigned to it (0 = empty segment)

    /// The boundaries as text: "1–32 ratings" (activity) or "pct 12–45" (mainstreamness, the
    /// mean popularity percentile in percent, rounded); without the unit ("1–32", "12–45") when
    /// `withUnit` is false; "no users" when empty.
    std::string range(UserSegmentBy by, bool withUnit = true) const;
};

/// Users split into segments by a per-user criterion.
struct UserSegmentation {
    UserSegmentBy by = UserSegmentBy::Activity;
    std::vector<UserSegment> segments; ///< ascending criterion (light → heavy, niche → mainstream)
    std::vector<double> value;         ///< per dense user: the criterion (NaN when unassigned)
    std::vector<int> segmentOf;        ///< per dense user: its segment, -1 = unassigned

    /// The segment of dense user `u`; -1 for unassigned or unknown users.
    int segmentOfUser(std::uint32_t u) const { return u < segmentOf.size() ? segmentOf[u] : -1; }
};

/// Popularity percentile of every item among the items with training interactions (mid-rank):
/// (items strictly less popular + half the items exactly as popular) / items with
/// interactions, so in (0, 1); NaN for items without training interactions.
std::vector<double> popularityPercentiles(const ItemPopularity& pop);

/// Splits `values` (one per user; NaN = leave unassigned) into `segments` quantile segments:
/// users sorted by value (ties by lower index), the threshold of segment s (s >= 1) is the value
/// at sorted position max(1, floor(s n / segments)) (clamped to n - 1) and a user belongs to the
/// last segment whose threshold is <= its value. Equal values therefore always share a segment: a
/// tie across a quantile boundary moves up whole (which may leave a segment smaller or empty).
/// `names` name the segments (numbered "1", "2", … when shorter).
UserSegmentation segmentByQuantiles(UserSegmentBy by, std::vector<double> values, int segments,
                                    const std::vector<std::string>& names = {});

/// Segments the users of `train` by activity or mainstreamness (3 segments: light/medium/heavy,
/// niche/balanced/mainstream). Users without training interactions stay unassigned. `pop`
/// must be ItemPopularity::fromTrain(train).
UserSegmentation segmentUsers(const Interactions& train, const ItemPopularity& pop,
                              UserSegmentBy by, int segments = 3);

/// A per-user series (e.g. a run's stored NDCG@10): aligned users and values.
struct UserSeriesView {
    std::string name;
    std::span<const std::uint32_t> users;
    std::span<const float> values;
};

/// A per-user series averaged per segment.
struct SegmentedSeries {
    std::string name;
    double overall = 0.0;           ///< mean over the series' users that have a segment (NaN: none)
    std::size_t overallUsers = 0;   ///< how many those are
    std::vector<double> means;      ///< per segment; NaN when no user of the series is in it
    std::vector<std::size_t> users; ///< per segment: users of the series in it
};

/// Means of `series` per segment of `seg` (users without a segment are left out). Used for a
/// stored run's ARP / LongTail / NDCG@K series, and for the accuracy part of segmentReport.
SegmentedSeries segmentSeries(const UserSegmentation& seg, const UserSeriesView& series);

/// Several per-user series of one run averaged per segment (e.g. its stored ARP, LongTail and
/// NDCG@10 by activity: what the Runs page shows for a selected run).
struct SeriesSegmentReport {
    UserSegmentBy by = UserSegmentBy::Activity;
    std::vector<UserSegment> segments;
    std::vector<SegmentedSeries> series; ///< in the order given
};

/// segmentSeries of every series in `series`.
SeriesSegmentReport segmentSeriesReport(const UserSegmentation& seg,
                                        std::span<const UserSeriesView> series);

/// Popularity bias of the top-K lists of one group of users.
struct SegmentMeasures {
    std::size_t users = 0;        ///< users with a list
    double arp = 0.0;             ///< mean listPopularity
    double longTail = 0.0;        ///< mean listLongTailShare
    double exposureGini = 0.;     ///< gini of how many of the group's lists hold each item with
                                  ///< training interactions (the candidates)
    double coverage = 0.0;        ///< share of those items in at least one of the group's lists
    std::vector<double> accuracy; ///< SegmentReport::accuracy means (NaN: no users)
    std::vector<std::size_t> accuracyUsers;
};

/// Popularity bias of one run's lists per user segment, plus all users together.
struct SegmentReport {
    UserSegmentBy by = UserSegmentBy::Activity;
    std::vector<UserSegment> segments; ///< as segmented (users = all assigned users)
    std::vector<std::string> accuracy; ///< names of the accuracy series given, e.g. "NDCG@10"
    SegmentMeasures overall;           ///< every user with a list (assigned or not)
    std::vector<SegmentMeasures> perSegment;
};

/// One of a SegmentMeasures' figures, for charts and tables.
enum class SegmentMeasure { Arp, LongTail, ExposureGini, Coverage, Accuracy };

/// The figure `measure` of `m`; for Accuracy the mean of accuracy series `accuracyIndex` (NaN
/// when absent). NaN for a group without lists.
double segmentMeasureValue(const SegmentMeasures& m, SegmentMeasure measure,
                           std::size_t accuracyIndex = 0);

/// Relative change from `a` to `b`: (b - a) / a; NaN when `a` is 0 or either is NaN. E.g. an ARP
/// of 200 in run A and 50 in run B gives -0.75 ("75% less popular").
double relativeChange(double a, double b);

/// Measures the lists (`lists[p]` = the top-K list of `users[p]`) per segment of `seg` with
/// core/eval's listPopularity, listLongTailShare and listExposure; lists of unassigned users count
/// only in `overall`. Each accuracy series is averaged with segmentSeries over every user of the
/// series (not only `users`): its overall mean is that over the users with a segment.
SegmentReport segmentReport(const UserSegmentation& seg, const ItemPopularity& pop,
                            std::span<const std::uint32_t> users,
                            std::span<const std::span<const std::uint32_t>> lists,
                            std::span<const UserSeriesView> accuracy = {});

} // namespace rs
