#include "latent/QuadTree.h"

#include <algorithm>
#include <cmath>

namespace rs {

namespace {

/// Deeper than this, cells are narrower than float resolution of any sane layout: the points
/// left together (duplicates) form one leaf.
constexpr int kMaxDepth = 48;

} // namespace

QuadTree::QuadTree(const std::vector<float>& xy, std::uint32_t n) : m_xy(xy), m_order(n) {
    for (std::uint32_t i = 0; i < n; ++i)
        m_order[i] = i;
    if (n == 0)
        return;
    float minX = xy[0], maxX = xy[0], minY = xy[1], maxY = xy[1];
    for (std::uint32_t i = 1; i < n; ++i) {
        minX = std::min(minX, xy[2 * i]);
        maxX = std::max(maxX, xy[2 * i]);
        minY = std::min(minY, xy[2 * i + 1]);
        maxY = std::max(maxY, xy[2 * i + 1]);
    }
    const double half = std::max(double(maxX - minX), double(maxY - minY)) / 2 * 1.0001 + 1e-9;
    m_nodes.reserve(std::size_t(n) * 2);
    m_nodes.push_back({});
    m_nodes[0].begin = 0;
    m_nodes[0].end = n;
    build(0, (double(minX) + maxX) / 2, (double(minY) + maxY) / 2, half, 0);
}

void QuadTree::build(std::uint32_t node, double cx, double cy, double half, int depth) {
    const std::uint32_t begin = m_nodes[node].begin, end = m_nodes[node].end;
    double sx = 0, sy = 0;
    for (std::uint32_t k = begin; k < end; ++k) {
        sx += m_xy[2 * m_order[k]];
        sy += m_xy[2 * m_order[k] + 1];
    }
    m_nodes[node].comX = sx / double(end - begin);
    m_nodes[node].comY = sy / double(end - begin);
    m_nodes[node].width = 2 * half;
    if (end - begin <= 1 || depth >= kMaxDepth)
        return;

    // Partition the range into the quadrants (x < cx, y < cy) = 0, (>=, <) = 1, (<, >=) = 2, 3.
    auto quadrant = [&](std::uint32_t p) {
        return (m_xy[2 * p] >= cx ? 1 : 0) + (m_xy[2 * p + 1] >= cy ? 2 : 0);
    };
    auto first = m_order.begin() + begin, last = m_order.begin() + end;
    auto midY = std::partition(first, last, [&](std::uint32_t p) { return quadrant(p) < 2; });
    auto midLow = std::partition(first, midY, [&](std::uint32_t p) { return quadrant(p) == 0; });
    auto midHigh = std::partition(midY, last, [&](std::uint32_t p) { return quadrant(p) == 2; });
    const std::uint32_t bounds[5] = {begin, std::uint32_t(midLow - m_order.begin()),
                                     std::uint32_t(midY - m_order.begin()),
                                     std::uint32_t(midHigh - m_order.begin()), end};

    const std::int32_t child = std::int32_t(m_nodes.size());
    m_nodes[node].firstChild = child;
    for (int q = 0; q < 4; ++q) {
        Node c;
        c.begin = bounds[q];
        c.end = bounds[q + 1];
        m_nodes.push_back(c);
    }
    const double h = half / 2;
    for (int q = 0; q < 4; ++q) {
        if (m_nodes[std::size_t(child + q)].begin == m_nodes[std::size_t(child + q)].end)
            continue;
        build(std::uint32_t(child + q), cx + ((q & 1) ? h : -h), cy + ((q & 2) ? h : -h), h,
              depth + 1);
    }
}

void QuadTree::repulsion(std::uint32_t i, double theta, double& fx, double& fy,
                         double& sumQ) const {
    fx = fy = sumQ = 0;
    if (m_nodes.empty())
        return;
    const double x = m_xy[2 * i], y = m_xy[2 * i + 1];
    const double theta2 = theta * theta;
    std::uint32_t stack[4 * kMaxDepth + 8];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
        const Node& node = m_nodes[stack[--top]];
        const std::uint32_t count = node.end - node.begin;
        if (count == 0)
            continue;
        const double dx = x - node.comX, dy = y - node.comY;
        const double d2 = dx * dx + dy * dy;
        const bool leaf = node.firstChild < 0;
        if (!leaf && node.width * node.width < theta2 * d2) {
            // Far enough: the cell's points act as one at their centre of mass.
            const double q = 1.0 / (1.0 + d2);
            sumQ += double(count) * q;
            fx += double(count) * q * q * dx;
            fy += double(count) * q * q * dy;
            continue;
        }
        if (leaf) {
            for (std::uint32_t k = node.begin; k < node.end; ++k) {
                const std::uint32_t j = m_order[k];
                if (j == i)
                    continue;
                const double ex = x - m_xy[2 * j], ey = y - m_xy[2 * j + 1];
                const double q = 1.0 / (1.0 + ex * ex + ey * ey);
                sumQ += q;
                fx += q * q * ex;
                fy += q * q * ey;
            }
            continue;
        }
        for (int c = 0; c < 4; ++c) {
            const auto child = std::uint32_t(node.firstChild + c);
            if (m_nodes[child].end > m_nodes[child].begin)
                stack[top++] = child;
        }
    }
}

} // namespace rs
