#include "models/SgdSchedule.h"

#include <algorithm>
#include <unistd.h>

namespace rs {

SgdSchedule::SgdSchedule(const CsrMatrix& byUser, std::uint32_t userBegin, std::uint32_t userEnd,
                         std::uint32_t tileUsers, std::uint32_t tileItems, std::uint64_t seed,
                         const std::vector<std::uint32_t>& blockOfItem)
    : m_rng(seed) {
    tileUsers = std::max<std::uint32_t>(tileUsers, 1);
    tileItems = std::max<std::uint32_t>(tileItems, 1);
    std::size_t numBlocks = 1;
    for (std::uint32_t b : blockOfItem)
        numBlocks = std::max<std::size_t>(numBlocks, std::size_t(b) + 1);
    // Position of each item within its block (items keep their relative order).
    std::vector<std::uint32_t> position(byUser.cols), blockSize(numBlocks, 0);
    for (std::uint32_t i = 0; i < byUser.cols; ++i)
        position[i] = blockSize[blockOfItem.empty() ? 0 : blockOfItem[i]]++;
    auto blockOf = [&](std::uint32_t i) -> std::size_t {
        return blockOfItem.empty() ? 0 : blockOfItem[i];
    };
    const std::uint64_t userTiles =
        (std::uint64_t(userEnd - userBegin) + tileUsers - 1) / tileUsers;
    // Tiles are numbered block by block: block b owns [firstTile[b], firstTile[b + 1]).
    std::vector<std::size_t> firstTile(numBlocks + 1, 0), itemTiles(numBlocks);
    for (std::size_t b = 0; b < numBlocks; ++b) {
        itemTiles[b] = (std::size_t(blockSize[b]) + tileItems - 1) / tileItems;
        firstTile[b + 1] = firstTile[b] + std::size_t(userTiles) * itemTiles[b];
    }
    const std::size_t tiles = firstTile[numBlocks];
    auto tileOf = [&](std::uint32_t u, std::uint32_t i) {
        const std::size_t b = blockOf(i);
        return firstTile[b] + std::size_t((u - userBegin) / tileUsers) * itemTiles[b] +
               position[i] / tileItems;
    };
    // Counting sort of the shard's ratings by tile (user-major within a tile).
    std::vector<std::uint64_t> count(tiles + 1, 0);
    for (std::uint32_t u = userBegin; u < userEnd; ++u)
        for (std::uint64_t k = byUser.rowPtr[u]; k < byUser.rowPtr[u + 1]; ++k)
            ++count[tileOf(u, byUser.colIdx[k]) + 1];
    for (std::size_t t = 0; t < tiles; ++t)
        count[t + 1] += count[t];
    m_ratings.resize(count[tiles]);
    std::vector<std::uint64_t> next(count.begin(), count.end() - 1);
    for (std::uint32_t u = userBegin; u < userEnd; ++u)
        for (std::uint64_t k = byUser.rowPtr[u]; k < byUser.rowPtr[u + 1]; ++k)
            m_ratings[next[tileOf(u, byUser.colIdx[k])]++] = {u, byUser.colIdx[k], byUser.values[k],
                                                              byUser.weight(k)};
    // Keep only non-empty tiles, remembering where each block's tiles start.
    m_tilePtr.push_back(0);
    m_blockPtr.push_back(0);
    for (std::size_t b = 0; b < numBlocks; ++b) {
        for (std::size_t t = firstTile[b]; t < firstTile[b + 1]; ++t)
            if (count[t + 1] > count[t])
                m_tilePtr.push_back(count[t + 1]);
        m_blockPtr.push_back(m_tilePtr.size() - 1);
    }
    m_tileOrder.resize(m_tilePtr.size() - 1);
    for (std::uint32_t t = 0; t < m_tileOrder.size(); ++t)
        m_tileOrder[t] = t;
}

std::vector<std::uint32_t> SgdSchedule::balancedItemBlocks(const CsrMatrix& byItem, int blocks) {
    blocks = std::max(1, blocks);
    std::vector<std::uint32_t> order(byItem.rows), block(byItem.rows, 0);
    for (std::uint32_t i = 0; i < byItem.rows; ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&byItem](std::uint32_t a, std::uint32_t b) {
        return byItem.rowSize(a) > byItem.rowSize(b);
    });
    std::vector<std::uint64_t> load(std::size_t(blocks), 0);
    for (std::uint32_t i : order) {
        const auto b = std::size_t(std::min_element(load.begin(), load.end()) - load.begin());
        block[i] = std::uint32_t(b);
        load[b] += byItem.rowSize(i);
    }
    return block;
}

void SgdSchedule::reshuffle() {
    for (std::size_t b = 0; b + 1 < m_blockPtr.size(); ++b)
        m_rng.shuffle(m_tileOrder.data() + m_blockPtr[b], m_blockPtr[b + 1] - m_blockPtr[b]);
    for (std::size_t t = 0; t + 1 < m_tilePtr.size(); ++t)
        m_rng.shuffle(m_ratings.data() + m_tilePtr[t],
                      std::size_t(m_tilePtr[t + 1] - m_tilePtr[t]));
}

std::uint32_t SgdSchedule::tileRows(std::size_t rowBytes, std::size_t totalRows) {
    long l2 = -1, l3 = -1;
#if defined(_SC_LEVEL2_CACHE_SIZE) && defined(_SC_LEVEL3_CACHE_SIZE)
    l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
    l3 = sysconf(_SC_LEVEL3_CACHE_SIZE);
#endif
    if (l2 <= 0)
        l2 = 512 * 1024;
    // Virtual machines sometimes report the whole socket's (or a made-up) L3; a core only ever
    // enjoys its own complex's share, so never assume more than 32 MiB.
    if (l3 <= 0)
        l3 = 8 * 1024 * 1024;
    l3 = std::min<long>(l3, 32L * 1024 * 1024);
    rowBytes = std::max<std::size_t>(rowBytes, 1);
    if (totalRows * rowBytes <= std::size_t(l3) / 2)
        return 0xffffffffu;
    return std::uint32_t(std::max<std::size_t>(1, std::size_t(l2) / 3 / rowBytes));
}

} // namespace rs
