#pragma once
// The ego graph of one explanation: the explained user, the history items and (graph models)
// neighbour users that carry the most of the score, the recommended item, the edges between
// them with the contributions they aggregate, and a layered left-to-right layout.
#include "explain/Explanation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// What a node of an ego graph stands for (also its layout column, left to right).
enum class EgoNodeKind {
    User,           ///< the explained user
    HistoryItem,    ///< one of the user's rated items
    NeighbourUser,  ///< a user on the drawn paths (may be the explained user again)
    RecommendedItem ///< the explained item
};
const char* egoNodeKindName(EgoNodeKind kind);

struct EgoNode {
    EgoNodeKind kind = EgoNodeKind::HistoryItem;
    std::uint32_t index = 0; ///< dense user or item index
    /// History items: the item's evidence contribution. Neighbour users: the sum of the drawn
    /// paths through them. The user: the sum of its drawn edges. The recommended item: the sum
    /// of the drawn edges into it.
    double contribution = 0.0;
    int paths = 0;       ///< drawn paths through the node (other models: 1 per history item)
    float rating = 0.0f; ///< history items: the user's training value
    /// A neighbour user: the contribution and path count of all its walks (not only the drawn
    /// ones) when the explanation lists it among Explanation::pathNeighbours (allPaths > 0).
    double allPathsContribution = 0.0;
    int allPaths = 0;
    bool returnsToUser = false; ///< a neighbour node that is the explained user itself
    bool viaPath = false;    ///< a history item drawn because a drawn path goes through it (it is
                             ///< not among the top history items by |contribution|)
    int column = 0;          ///< 0-based layout column
    int row = 0;             ///< 0-based row within the column (top first)
    double x = 0.0, y = 0.0; ///< centre of the node in layout units
};

struct EgoEdge {
    int from = 0, to = 0; ///< indices into EgoGraph::nodes (always a column to its right)
    /// User -> history item: the item's evidence contribution. Other edges: the sum of the
    /// contributions of the drawn paths through the edge (other models: the item's evidence).
    double contribution = 0.0;
    int paths = 0;         ///< drawn paths through the edge
    bool evidence = false; ///< a user -> history item edge
};

struct EgoGraphOptions {
    int maxHistory = 8;           ///< history items with the largest |contribution|
    int maxNeighbours = 5;        ///< graph models: neighbour users with the largest |drawn share|
    int maxPaths = 10;            ///< graph models: the strongest paths considered for drawing
    double columnSpacing = 260.0; ///< layout units between column centres
    double rowSpacing = 58.0;     ///< layout units between row centres
};

/// Nodes, edges and layout of an explanation's ego graph; empty when it has no evidence.
struct EgoGraph {
    std::uint32_t user = 0, item = 0;
    bool graphModel = false; ///< built from Explanation::paths (else from the evidence only)
    std::vector<EgoNode> nodes;
    std::vector<EgoEdge> edges;
    int columns = 0;

    double score = 0.0; ///< the score the contributions are measured against
    /// Graph models: sum of the drawn paths' contributions; other models: sum of the drawn
    /// history items' contributions.
    double drawnContribution = 0.0;
    double drawnHistoryContribution = 0.0; ///< sum of the drawn history items' evidence
    double allHistoryContribution = 0.0;   ///< sum of all evidence contributions
    int drawnPaths = 0, totalPaths = 0;    ///< graph models: drawn / listed paths
    int skippedPaths = 0; ///< listed paths of a shape the layout cannot draw (none for LightGCN)
    int drawnHistory = 0, totalHistory = 0;
    /// "the 10 drawn paths carry +0.412 of the score's 0.873 ..." (plain text).
    std::string coverageNote;

    bool empty() const { return nodes.empty(); }
    /// Index of the node of `kind` and `index`, or -1.
    int find(EgoNodeKind kind, std::uint32_t index) const;
};

/// Builds the ego graph of `e` (see EgoNode/EgoEdge for what each value aggregates). Rows: the
/// history items by signed contribution (raising the score on top), neighbour users by the
/// weighted mean row of the history items they are reached from; user and recommended item
/// centred. Deterministic: ties are broken by indices.
EgoGraph buildEgoGraph(const Explanation& e, const EgoGraphOptions& opts = {});

} // namespace rs
