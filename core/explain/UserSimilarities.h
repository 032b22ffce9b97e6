#pragma once
#include "data/Interactions.h"
#include "models/NeighbourModel.h"
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace rs::explain {

/// One user's similarities to every other user of a user-based neighbourhood model, recomputed
/// from the user's training ratings the way fit() computes them (the model's measure, residuals
/// for pearson_baseline, shrinkage, min_support, positive values only, the same list length)
/// so that ratings can be left out: the co-rating sums of each pair are kept (in double
/// precision, where fit() uses float for cosine) and leaving out a rating subtracts its terms
/// from the pairs that share it. The baselines, and every other user's ratings, stay as trained.
class UserSimilarities {
public:
    UserSimilarities(const NeighbourModel& model, const Interactions& train, std::uint32_t user);

    /// The user's kept similarities (size numUsers, 0 = not a neighbour) with the ratings at
    /// history positions `removed` (unique) left out.
    void without(std::span<const std::size_t> removed, std::vector<float>& sims) const;
    /// The prediction of `item` from neighbour similarities `sims` (as without() returns them),
    /// combined as the model does; `matches` is scratch and ends up holding the used neighbours.
    float predict(std::uint32_t item, const std::vector<float>& sims,
                  std::vector<NeighbourModel::Match>& matches) const;

private:
    struct Sums {
        double n = 0, prod = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
        void add(double a, double b, double sign);
    };
    enum class Kind { Cosine, Pearson };
    float similarity(const Sums& s) const;
    /// The user's value of history position j and another user's value of the same item, as
    /// the similarity compares them (ratings, or residuals from the baselines).
    double ownValue(std::size_t j) const;
    double otherValue(std::uint32_t other, std::uint32_t item, float rating) const;

    const NeighbourModel& m_model;
    const Interactions& m_train;
    std::uint32_t m_user;
    Kind m_kind = Kind::Cosine;
    bool m_residuals = false;
    float m_shrink = 0;
    double m_minSupport = 1;
    std::size_t m_limit = 0;
    std::vector<Sums> m_sums;  ///< per other user
    std::vector<float> m_full; ///< similarities from the full history, before the list limit
};

} // namespace rs::explain
