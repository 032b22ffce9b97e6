#pragma once
#include "models/LightGcnGraph.h"

#include <cstdint>
#include <span>

namespace rs {

/// One BPR training unit: user u should rank positive item i above sampled item j.
struct BprTriple {
    std::uint32_t user = 0, pos = 0, neg = 0;
    float weight = 1.0f; ///< the positive's sample weight: scales the triple's BPR term
};

/// LightGCN's mini-batch objective as a function of the layer-0 embeddings E0 (the model's only
/// parameters; one row per graph node, users first):
///   F = 1/(K+1) sum_{k=0..K} Â^k E0                        (final embeddings)
///   x_uij = F_u . F_i - F_u . F_j
///   loss = 1/|T| sum_T ln(1 + e^-x_uij)                    (the BPR part)
///        + reg/2 1/|T| sum_T (|E0_u|^2 + |E0_i|^2 + |E0_j|^2)
/// over the triples T of the batch (the L2 term on the batch's layer-0 rows, as in the paper's
/// implementation; a row counts once per triple it appears in). The gradient goes back through
/// the propagation: dloss/dE0 = 1/(K+1) sum_k Â^k dloss/dF (Â is symmetric), plus the L2 term.
/// Holds the scratch matrices: one object per fit.
class LightGcnObjective {
public:
    using RowMatrix = LightGcnGraph::RowMatrix;

    LightGcnObjective(const LightGcnGraph& graph, int layers, double reg, int threads)
        : m_graph(graph), m_layers(layers), m_reg(reg), m_threads(threads) {}

    /// The objective at `e0` over `triples`; fills `grad` (resized like e0) when not null and
    /// `bprLoss` with the mean BPR part (sum of ln(1 + e^-x) / |T|) when not null.
    double evaluate(const RowMatrix& e0, std::span<const BprTriple> triples, RowMatrix* grad,
                    double* bprLoss = nullptr);

private:
    const LightGcnGraph& m_graph;
    int m_layers;
    double m_reg;
    int m_threads;
    RowMatrix m_final, m_gradFinal;
    LightGcnGraph::Scratch m_scratch;
};

} // namespace rs
