#pragma once
#include "explain/Explainer.h"
#include "explain/Explanation.h"
#include "train/RunContext.h"

#include <QString>
#include <vector>

namespace rs::ui {

/// How the why panel words the values of an explanation (no maths here:
/// formatting only).
namespace ExplainText {

/// An item's title, or "item <id>" when the dataset has no title for it.
QString itemTitle(const rs::ItemLabel& label);
/// The item's title of `items` by dense index ("item #<index>" when out of
/// range).
QString itemTitle(const std::vector<rs::ItemLabel>& items, std::uint32_t item);
/// The genres of an item with " · " between them (empty when none).
QString itemGenres(const std::vector<rs::ItemLabel>& items, std::uint32_t item);

/// A factor's readable name with proper minus signs: "Animation+ / Horror−".
QString factorName(const rs::FactorProfile& profile);
/// The label of one decomposition part: the core label, enriched with the
/// factor's name
/// ("factor 7 · Animation+ / Horror−") or the history item's title ("Toy Story
/// (1995)").
/// A latent factor part's profile for a tooltip (HTML): the genres it correlates with and
/// its top and bottom items; empty for other parts or without a profile.
QString factorDetail(const rs::ScorePart& part, const std::vector<rs::ItemLabel>& items,
                     const std::vector<rs::FactorProfile>& factors);
QString partLabel(const rs::ScorePart& part, const std::vector<rs::ItemLabel>& items,
                  const std::vector<rs::FactorProfile>& factors);

/// A score or contribution with three decimals; `signedValue` adds a "+" to
/// positive values.
QString number(double value, bool signedValue = false);
/// "1 rating", "2,000 ratings".
QString ratings(qsizetype n);
/// An axis tick value: the shortest text ("0.5", "−2", "150").
QString tick(double value);
/// "rank 3 (top-10)", "rank 57 (outside the top 10)" or "rated in training".
QString rankText(int rank, int k);
/// Short and long descriptions of how evidence contributions were measured.
QString methodName(rs::EvidenceMethod method);
QString methodDescription(rs::EvidenceMethod method);

/// A graph model's strongest paths and neighbour users as an HTML list ("user 1 → Toy Story
/// (1995) → user 414 → Heat (1995): +0.052"), at most `maxPaths` and `maxNeighbours`; empty when
/// the explanation has no paths.
QString pathsHtml(const rs::Explanation& e, const rs::RunContext& ctx, int maxPaths = 8,
                  int maxNeighbours = 5);

} // namespace ExplainText

} // namespace rs::ui
