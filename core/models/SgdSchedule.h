#pragma once
#include "data/Interactions.h"
#include "models/MfSgdKernels.h"
#include "models/Rng.h"
#include <cstdint>
#include <vector>

namespace rs {

/// The order in which one shard of users visits its ratings during SGD.
/// Ratings are grouped into tiles of at most `tileUsers` users x `tileItems` items. Every epoch
/// draws a new order: the tiles in random order and the ratings inside each tile in random order.
/// With one tile this is a plain reshuffle of all ratings every epoch. Tiles sized so that a
/// tile's factor rows fit in the L2 cache keep SGD from streaming factor rows from memory when
/// the factor matrices are larger than the last-level cache; they cost some accuracy (visiting
/// one tile at a time is less random: +0.003 RMSE on MovieLens-small with 100 factors), so
/// tileRows() only asks for them when the factors do not fit in the L3 cache.
class SgdSchedule {
public:
    /// `blockOfItem` (one entry per item, values 0..blocks-1) splits the items into blocks for
    /// stratified parallel SGD: tiles never straddle a block (items are tiled by their position
    /// within their block), and forEachTileInBlock() visits one block's ratings. Empty = one
    /// block of all items.
    SgdSchedule(const CsrMatrix& byUser, std::uint32_t userBegin, std::uint32_t userEnd,
                std::uint32_t tileUsers, std::uint32_t tileItems, std::uint64_t seed,
                const std::vector<std::uint32_t>& blockOfItem = {});

    /// Assigns items to `blocks` blocks with about equal numbers of ratings: items by descending
    /// rating count, each to the block with the fewest ratings so far (ties: lower block). Popular
    /// and rare items are spread over all blocks, so every user shard's ratings split about
    /// evenly too, whatever the order of the ids.
    static std::vector<std::uint32_t> balancedItemBlocks(const CsrMatrix& byItem, int blocks);

    /// Draws the next epoch's order.
    void reshuffle();
    /// Calls f(ratings, count) for every tile in the current order (block by block).
    template <class F> void forEachTile(F&& f) const {
        for (std::size_t b = 0; b + 1 < m_blockPtr.size(); ++b)
            forEachTileInBlock(b, f);
    }
    /// Calls f(ratings, count) for every tile of item block `b`, in the current order.
    template <class F> void forEachTileInBlock(std::size_t b, F&& f) const {
        for (std::size_t k = m_blockPtr[b]; k < m_blockPtr[b + 1]; ++k) {
            const std::uint32_t t = m_tileOrder[k];
            f(m_ratings.data() + m_tilePtr[t], std::size_t(m_tilePtr[t + 1] - m_tilePtr[t]));
        }
    }
    std::size_t blocks() const { return m_blockPtr.size() - 1; }
    std::size_t size() const { return m_ratings.size(); }

    /// Rows per tile side for `totalRows` factor rows (users + items) of `rowBytes` bytes: all of
    /// them (one tile) when they fit in half the L3 cache, else a third of the L2 cache per side.
    /// Cache sizes come from the system (L2 512 KiB and L3 8 MiB assumed when unknown; L3 capped
    /// at 32 MiB).
    static std::uint32_t tileRows(std::size_t rowBytes, std::size_t totalRows);

private:
    std::vector<mf::Rating> m_ratings; ///< grouped by tile
    std::vector<std::uint64_t> m_tilePtr;
    std::vector<std::uint32_t> m_tileOrder; ///< block b's tiles are [m_blockPtr[b], [b+1])
    std::vector<std::size_t> m_blockPtr;
    Rng m_rng;
};

} // namespace rs
