#pragma once
#include "data/Interactions.h"
#include "models/NaisGradients.h"
#include "models/NaisHistory.h"
#include "models/NaisOptimizer.h"
#include "models/NaisParameters.h"
#include "models/NaisTargetPass.h"
#include "models/Rng.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace rs {

/// What one NAIS training step optimises (see Nais for the objective).
struct NaisTrainSettings {
    bool bpr = false;   ///< pairwise BPR loss instead of the pointwise log loss
    int negatives = 4;  ///< sampled negatives per positive (BPR: pairs per positive)
    int batch = 1;      ///< units (instances or pairs) per optimiser step, within one user
    float beta = 0.5f;  ///< smoothing exponent of the attention softmax
    float reg = 0.0f;   ///< L2 weight on p and q rows
    float regAtt = 0.0f;  ///< L2 weight on W and h
    float regBias = 0.0f; ///< L2 weight on the item biases
    bool bias = true;     ///< learn the item biases
};

/// One thread's NAIS trainer. trainUser() runs all training units of one user: the history rows
/// p_j and the attention network (W, b, h) with their optimiser state are copied into private
/// buffers, every unit reads and updates those, and at the end of the user the private copies
/// are written back (mergeDeltas = false: copied, exact for a single thread) or their changes
/// are added to the shared values (mergeDeltas = true: several threads, so that concurrent
/// changes by other threads are kept). Target rows q_i and biases b_i are updated in place
/// (Hogwild). A unit is, for the log loss, one positive (u, i) with i left out of the history or
/// one sampled negative (u, j); for BPR, one (u, i, j) triple.
class NaisTrainer {
public:
    NaisTrainer(NaisParameters<float>& params, NaisOptimizerState& state, NaisOptimizer optimizer,
                const CsrMatrix& positives, const NaisTrainSettings& settings, bool mergeDeltas);

    /// Trains on user u's units in a random order; adds their losses (before each step) to
    /// `lossSum` and their number to `units`.
    void trainUser(std::uint32_t u, Rng& rng, double& lossSum, std::size_t& units);

private:
    struct Unit {
        std::uint32_t first;  ///< log loss: target item; BPR: the positive's history position
        std::uint32_t second; ///< log loss: history position left out (kNone: negative); BPR:
                              ///< the negative item
    };
    struct TargetGrad {
        std::uint32_t item;
        float bias;
        std::vector<float> dq;
    };
    static constexpr std::uint32_t kNone = 0xffffffffu;

    std::uint32_t sampleNegative(std::uint32_t u, Rng& rng) const;
    void buildUnits(std::uint32_t u, Rng& rng);
    void loadUser(std::span<const std::uint32_t> hist);
    void storeUser(std::span<const std::uint32_t> hist);
    nais::Net<float> net() const;
    /// y = Y + b_t for target `item` (its q copied into `q`), leaving out history position skip.
    float forwardTarget(NaisTargetPass<float>& pass, std::vector<float>& q, std::uint32_t item,
                        std::ptrdiff_t skip);
    /// Adds g dy/dtheta of a forward pass to the step's gradients.
    void backwardTarget(const NaisTargetPass<float>& pass, const std::vector<float>& q,
                        std::uint32_t item, float g);
    /// Applies the accumulated gradients of the current batch and clears them.
    void applyStep();

    NaisParameters<float>& m_params;
    NaisOptimizerState& m_state;
    NaisOptimizer m_opt;
    const CsrMatrix& m_pos;
    NaisTrainSettings m_set;
    bool m_merge;

    // Private copies for the current user.
    NaisHistory<float> m_hist, m_m1, m_m2;
    std::vector<float> m_histStart, m_m1Start, m_m2Start;
    std::vector<std::uint32_t> m_steps, m_stepsStart;
    /// The attention network flat: W (a x k), then b (a), then h (a); with its moments.
    std::vector<float> m_net, m_netM1, m_netM2, m_netStart, m_netM1Start, m_netM2Start;
    std::uint32_t m_netSteps = 0, m_netStepsStart = 0;

    // Scratch.
    std::vector<Unit> m_units;
    NaisTargetPass<float> m_pass0, m_pass1;
    NaisGradients<float> m_grads;
    std::vector<TargetGrad> m_targets;
    std::size_t m_targetCount = 0;
    std::vector<float> m_q0, m_q1;
};

} // namespace rs
