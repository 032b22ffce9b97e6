#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// What one term of a score decomposition stands for.
enum class ScorePartKind {
    GlobalMean,     ///< the training mean
    UserBias,       ///< b_u
    ItemBias,       ///< b_i
    LatentFactor,   ///< p_uf * q_if for one latent dimension f
    ImplicitFactor, ///< SVD++: |N(u)|^-1/2 sum_j y_jf * q_if for one dimension f
    Neighbourhood,  ///< KNN: the weighted neighbour term (its parts are the evidence items)
    HistoryItem,    ///< one history item j's term: s_ij * c_uj (ALS), a_ij p_j . q_i (NAIS)
    Popularity,     ///< most-popular: the item's training count
    Other           ///< anything a model cannot attribute further (named in `label`)
};
const char* scorePartKindName(ScorePartKind kind);

/// One additive term of the score. The parts of an explanation add up to its `decomposedScore`.
struct ScorePart {
    ScorePartKind kind = ScorePartKind::Other;
    std::string label;      ///< "global mean", "user bias", "factor 7", ...
    int factor = -1;        ///< latent dimension for LatentFactor/ImplicitFactor, else -1
    std::uint32_t item = 0; ///< the history item for HistoryItem parts
    double value = 0.0;
};

/// Sum of the values of `parts` (in double precision, in order).
double sumOfParts(const std::vector<ScorePart>& parts);

/// How the evidence contributions were obtained.
enum class EvidenceMethod {
    None,       ///< the model has no per-rating evidence (popularity)
    ExactTerms, ///< the contributions are exact additive terms of the score (KNN, ALS, NAIS)
    Resolve     ///< score(history) - score(history without j), each by re-solving the user
};
const char* evidenceMethodName(EvidenceMethod method);

/// One of the user's training ratings and how much it moved the explained score.
struct EvidenceItem {
    std::uint32_t item = 0;  ///< dense item index
    float rating = 0.0f;     ///< the user's training value
    double contribution = 0; ///< signed score change attributed to this rating
    double attention = -1;   ///< a_ij for attention models (NAIS); negative: none
};

/// The smallest set of the user's ratings (greedy by influence, verified by re-solving) whose
/// removal drops the explained item out of the user's top-K.
struct Counterfactual {
    bool searched = false; ///< false when not requested or the item was not in the top-K
    bool found = false;
    std::vector<std::uint32_t> removed; ///< items whose ratings are removed, in greedy order
    int rankAfter = 0;                  ///< the item's rank once they are removed
    double scoreAfter = 0.0;
    int budget = 0;   ///< at most this many removals were tried
    std::string note; ///< e.g. "no set of up to 20 ratings removes it from the top 10"
};

/// A node of a path through a graph model's user-item graph.
struct PathNode {
    enum class Kind { User, Item };
    Kind kind = Kind::Item;
    std::uint32_t index = 0; ///< dense user or item index
};

/// One walk (prefix) through the user-item graph and the share of the score it carries (graph
/// models such as LightGCN; Explanation::pathNote says exactly what the share is).
struct ExplanationPath {
    std::vector<PathNode> nodes; ///< from the explained user to the explained item
    double contribution = 0.0;
};

/// A user met on the paths of an explanation, with the summed contribution of those paths.
struct PathNeighbour {
    std::uint32_t user = 0;
    double contribution = 0.0;
    int paths = 0; ///< number of paths through this user
};

/// Why a model scores (user, item) as it does: the one value every view and the CLI show.
struct Explanation {
    std::string model; ///< registry name
    std::uint32_t user = 0, item = 0;
    double score = 0.0; ///< the model's score(user, item)
    int rank = 0;       ///< 1-based among the items not rated in training; 0 = rated
    int k = 10;         ///< the top-K the counterfactual refers to
    bool predictsRatings = false;

    std::vector<ScorePart> parts;
    /// Sum of `parts`: equals `score` within 1e-5 when `exactDecomposition`. Models whose
    /// explanation re-solves the user (fold-in) decompose the re-solved score instead and say so
    /// in `decompositionNote`.
    double decomposedScore = 0.0;
    bool exactDecomposition = true;
    std::string decompositionNote;

    EvidenceMethod evidenceMethod = EvidenceMethod::None;
    /// The score the evidence contributions are measured from (the fold-in score for Resolve).
    double evidenceBaseScore = 0.0;
    std::vector<EvidenceItem> evidence; ///< sorted by contribution, largest first
    std::string evidenceNote;

    /// Graph models: the strongest paths (largest |contribution| first), the neighbour users
    /// whose paths carry the most (largest contribution first) and what a path's share means.
    /// Empty for the other models.
    std::vector<ExplanationPath> paths;
    std::vector<PathNeighbour> pathNeighbours;
    std::string pathNote;

    Counterfactual counterfactual;
    double seconds = 0.0; ///< time to compute this explanation
};

/// Options of one explanation.
struct ExplainOptions {
    int k = 10;                 ///< top-K for rank and counterfactual
    bool counterfactual = true; ///< search the counterfactual set
    int counterfactualBudget = 20;
};

} // namespace rs
