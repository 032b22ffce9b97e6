#pragma once
#include "explain/Explanation.h"

#include <QString>
#include <functional>
#include <vector>

namespace rs::ui {

/// One bar of a score waterfall: it runs from `start` (the sum of the bars
/// before it) to `end`.
struct WaterfallBar {
    enum class Kind { Part, Group, Total };
    Kind kind = Kind::Part;
    QString label;
    double value = 0.0;
    double start = 0.0, end = 0.0;
    int count = 1;  ///< parts behind the bar (a group's size)
    QString detail; ///< more about a part for its tooltip (HTML), e.g. a factor's profile
};

/// Lays the parts of a score decomposition out as waterfall bars. Parts that
/// models produce by the dozen (latent factors, implicit factors, history
/// items) are shown by decreasing |value| up to `maxDetailed` of them, the rest
/// summed into one "other … (n)" bar per kind; every other part is shown as it
/// comes. The last bar is the total, from 0 to the sum of all parts.
class WaterfallBars {
public:
    using Labeler = std::function<QString(const rs::ScorePart&)>;
    /// `detail` (optional) gives each shown part's tooltip detail.
    static std::vector<WaterfallBar> build(const std::vector<rs::ScorePart>& parts, int maxDetailed,
                                           const Labeler& label, const QString& totalLabel,
                                           const Labeler& detail = {});
    /// True for the kinds that are grouped when there are many.
    static bool groupable(rs::ScorePartKind kind);
};

} // namespace rs::ui
