#pragma once
#include <cstddef>
#include <cstdint>

namespace rs::mf {

/// One training rating in SGD order.
struct Rating {
    std::uint32_t u;
    std::uint32_t i;
    float r;
    float w = 1.0f; ///< sample weight: the step uses w e (IPS, re-weighting)
};

/// One (item, rating) of a user's row, for user-grouped passes.
struct ItemRating {
    std::uint32_t i;
    float r;
};

/// Step sizes and regularisation for one pass. Factor rows are `stride` floats apart; stride is
/// a multiple of 8 and the padding columns are zero (they stay zero under the updates).
struct SgdStep {
    float mean = 0;
    float lr = 0, reg = 0;         ///< factors
    float lrBias = 0, regBias = 0; ///< biases
    float lrY = 0, regY = 0;       ///< SVD++ implicit factors
    std::size_t stride = 8;
};

/// Parameter buffers updated in place (Y only for SVD++).
struct Buffers {
    float* P = nullptr;  ///< users x stride
    float* Q = nullptr;  ///< items x stride
    float* bu = nullptr; ///< users
    float* bi = nullptr; ///< items
    float* Y = nullptr;  ///< items x stride (SVD++)
};

/// Biased matrix factorisation: one SGD pass over `ratings` in the given order. For each rating
/// e = r - (mean + bu + bi + p.q) and g = w e; biases step by lrBias (g - regBias b); factors by
/// p += lr (g q - reg p), q += lr (g p - reg q) using the old p and q. Returns the sum of w e^2.
double biasedMfPass(const Rating* ratings, std::size_t n, const Buffers& b, const SgdStep& s);

/// A shard of users for an SVD++ pass: users[0..count) in visiting order; user u's ratings are
/// rows[ptr[u] .. ptr[u+1]) (visited in stored order, also the implicit set N(u)); invSqrtN[u] =
/// |N(u)|^-1/2. `scratch` holds 3 * stride floats.
struct SvdppShard {
    const std::uint32_t* users = nullptr;
    std::size_t count = 0;
    const std::uint64_t* ptr = nullptr;
    const ItemRating* rows = nullptr;
    const float* invSqrtN = nullptr;
    float* scratch = nullptr;
};

/// SVD++ pass in Koren's user-grouped form: per user z = |N(u)|^-1/2 sum_j y_j is computed once;
/// each rating uses p_u + z, updates biases, p_u and q_i, moves z by lrY (e q_i - regY z) (what
/// z would do if every y_j stepped now) and accumulates e q_i; afterwards every y_j of N(u) is
/// shrunk by (1 - lrY regY)^|R(u)| and moved by lrY |N(u)|^-1/2 sum(e q_i). Cost O(nnz k) per
/// pass. Returns the sum of e^2.
double svdppPass(const SvdppShard& shard, const Buffers& b, const SgdStep& s);

/// Instruction set the kernels dispatch to on this machine ("avx2+fma" or "generic").
const char* kernelIsa();

namespace detail {
double biasedMfPassGeneric(const Rating*, std::size_t, const Buffers&, const SgdStep&);
double biasedMfPassAvx2(const Rating*, std::size_t, const Buffers&, const SgdStep&);
double svdppPassGeneric(const SvdppShard&, const Buffers&, const SgdStep&);
double svdppPassAvx2(const SvdppShard&, const Buffers&, const SgdStep&);
} // namespace detail

} // namespace rs::mf
