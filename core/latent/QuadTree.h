#pragma once
#include <cstdint>
#include <vector>

namespace rs {

/// A Barnes–Hut quadtree over 2-D points for t-SNE's repulsive forces. Built by recursive
/// partitioning of an index array (each node covers a contiguous range of it), so a build is
/// O(n log n) without per-point allocation. Cells are squares; a node with one point (or at the
/// depth limit, where coincident points end up) is a leaf.
class QuadTree {
public:
    /// `xy` holds n points as x0, y0, x1, y1, ...; it must outlive the tree.
    QuadTree(const std::vector<float>& xy, std::uint32_t n);

    /// The repulsive term of point i: sums over every other point j (or over cells far enough
    /// away to stand for their points, when cell width / distance < theta) of
    ///   q_ij = 1 / (1 + |y_i - y_j|^2)   into `sumQ`, and
    ///   q_ij^2 (y_i - y_j)               into (fx, fy).
    /// theta = 0 visits every point (exact).
    void repulsion(std::uint32_t i, double theta, double& fx, double& fy, double& sumQ) const;

    std::size_t nodeCount() const { return m_nodes.size(); }

private:
    struct Node {
        double comX = 0, comY = 0; ///< centre of mass
        double width = 0;          ///< side of the square cell
        std::uint32_t begin = 0, end = 0;
        std::int32_t firstChild = -1; ///< four consecutive children, or -1 for a leaf
    };

    void build(std::uint32_t node, double cx, double cy, double half, int depth);

    const std::vector<float>& m_xy;
    std::vector<std::uint32_t> m_order; ///< point indices, grouped by node
    std::vector<Node> m_nodes;
};

} // namespace rs
