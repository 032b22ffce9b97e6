#pragma once
#include "explain/Explanation.h"
#include "util/Progress.h"
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace rs {

class Explainer;
class Workspace;
struct RunContext;

/// One row of an evidence grid: an item of the user's training history.
struct EvidenceRow {
    std::uint32_t item = 0; ///< dense item index
    std::string itemId, title, genres;
    float rating = 0.0f; ///< the user's training value (0 when not in this run's history)
    /// False when this run's training history lacks the item (a row that another run of a
    /// comparison has): its values are 0 and mean "not part of this model's input".
    bool inHistory = true;
    std::int64_t timestamp = 0; ///< when the user rated it (see addRatingTimes)
    bool hasTimestamp = false;
};

/// One column of an evidence grid: a target item whose score is explained.
struct EvidenceColumn {
    std::uint32_t item = 0; ///< dense item index
    std::string itemId, title, genres;
    double score = 0.0;             ///< the model's score(user, item)
    int rank = 0;                   ///< 1-based among the user's candidates; 0 = rated in training
    double evidenceBaseScore = 0.0; ///< the score the contributions are measured from
    int evidenceCount = 0;          ///< rows the explanation had evidence for
};

/// Which history items a model relied on for several of a user's items: rows are the user's
/// training items (ascending item index), columns the target items (in the order given, e.g.
/// recommendation order), and value(r, c) is the evidence contribution of row r's rating to
/// column c's score, as Explainer::explain() reports it (0 where it has no evidence for r).
struct EvidenceGrid {
    std::string model; ///< registry name
    std::int64_t runId = 0;
    std::int64_t datasetId = 0;
    std::uint32_t user = 0;
    std::string userId;
    EvidenceMethod method = EvidenceMethod::None;
    /// True when some value is negative (contributions that push scores down as well as up);
    /// false for non-negative values such as attention weights or shares.
    bool signedValues = false;
    std::vector<EvidenceRow> rows;
    std::vector<EvidenceColumn> columns;
    std::vector<double> values; ///< rows x columns, row-major
    /// rows x columns attention weights a_ij (0 where a column has no evidence for a row), like
    /// `values`, when every evidence item of every explanation carried one (attention models
    /// such as NAIS); empty otherwise.
    std::vector<double> attention;
    std::string note;       ///< the first non-empty evidence note of the explanations
    bool cancelled = false; ///< the build was cancelled: values are incomplete
    double seconds = 0.0;   ///< time to build

    std::size_t rowCount() const { return rows.size(); }
    std::size_t columnCount() const { return columns.size(); }
    double value(std::size_t row, std::size_t column) const {
        return values[row * columns.size() + column];
    }
    bool hasAttention() const { return !attention.empty(); }
    /// a_ij of row `row` for column `column`; needs hasAttention().
    double attentionWeight(std::size_t row, std::size_t column) const {
        return attention[row * columns.size() + column];
    }
    /// Column `column` as a vector over the rows.
    std::vector<double> columnValues(std::size_t column) const;
};

/// The user's top-`n` recommendations (training items excluded), best first: the default
/// columns of a grid.
std::vector<std::uint32_t> topColumns(const RunContext& ctx, std::uint32_t user, int n);

/// Explains (user, item) for every item of `columns` (without counterfactuals) and lays the
/// evidence out as a grid whose rows are the user's training items in `explainer`'s context.
/// Progress is reported once per column; a cancel returns the grid with `cancelled` set.
/// Throws std::out_of_range for a user or item outside the run's dataset.
EvidenceGrid buildEvidenceGrid(const Explainer& explainer, std::uint32_t user,
                               std::span<const std::uint32_t> columns, const Progress& progress);

/// As above over given rows (item indices, any order, no duplicates): rows outside the user's
/// training history have `inHistory` false and zero values.
EvidenceGrid buildEvidenceGrid(const Explainer& explainer, std::uint32_t user,
                               std::span<const std::uint32_t> rowItems,
                               std::span<const std::uint32_t> columns, const Progress& progress);

/// Fills the rows' timestamps from the workspace (the user's ratings of the grid's dataset)
/// when the dataset has them; returns whether it did.
bool addRatingTimes(EvidenceGrid& grid, Workspace& ws);

/// The grid with every value replaced by its share of its column's absolute evidence,
/// |v| / sum over rows |v| (0 for an all-zero column): non-negative, each column sums to 1.
EvidenceGrid evidenceShares(const EvidenceGrid& grid);
/// The weights a model itself gives each rating for each column: the attention weights a_ij
/// when the grid has them (attention models), else evidenceShares(). Non-negative.
EvidenceGrid evidenceWeights(const EvidenceGrid& grid);

/// Spearman rank correlation of two equally long series (average ranks for ties). Pairs in
/// which either value is NaN are left out; NaN when fewer than two pairs remain or when either
/// series is constant over them.
double rankCorrelation(std::span<const double> a, std::span<const double> b);

/// Per column of two grids over the same rows and columns: the rank correlation of the
/// column's values over the rows that are in both runs' histories (NaN where undefined).
/// Throws std::invalid_argument when the grids' rows or columns differ.
std::vector<double> columnAgreement(const EvidenceGrid& a, const EvidenceGrid& b);

/// Several runs' grids of one user over the same rows and columns, with their agreement.
struct GridComparison {
    std::vector<EvidenceGrid> grids; ///< one per explainer, in the order given
    struct Pair {
        std::size_t first = 0, second = 0; ///< indices into `grids`
        std::vector<double> perColumn;     ///< columnAgreement(grids[first], grids[second])
        double mean = 0.0; ///< mean over the columns where it is defined (NaN when none)
    };
    std::vector<Pair> pairs; ///< every pair (i < j), in order
    bool cancelled = false;
    std::string error; ///< non-empty when the runs cannot be compared
};

/// Builds the user's grid for every explainer over the same rows (the union of the user's
/// training items in the runs, ascending) and `columns` (dense item indices), then the
/// per-column agreement of every pair. The runs must share one dataset (same item ids);
/// `user` is a dense index of that dataset.
GridComparison compareGrids(std::span<const Explainer* const> explainers, std::uint32_t user,
                            std::span<const std::uint32_t> columns, const Progress& progress);

} // namespace rs
