#pragma once
#include "store/RunStore.h"
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace rs {

/// Whether runs can be compared and on what footing. Differing datasets make a comparison
/// meaningless (`error`); a differing split or evaluation protocol is allowed but warned about.
struct ProtocolCheck {
    bool sameDataset = true;
    bool sameSplit = true; ///< every run was evaluated on the same test rows
    /// Every run's metrics were computed the same way: the protocol texts agree on every part
    /// both runs have (a ranking-only model lacking the RMSE/MAE part is no difference).
    bool sameProtocol = true;
    std::vector<std::string> warnings;
    std::string error; ///< non-empty when the runs cannot be compared
};

/// Checks `runs` (at least two). `sameTestRows(i, j)` tells whether runs i and j hold the same
/// test rows (the same stored split, or two splits with identical rows); it is only asked for
/// runs with different split ids. Runs not "done" and runs without a test split are warned
/// about too.
ProtocolCheck checkProtocol(std::span<const RunInfo> runs,
                            const std::function<bool(std::size_t, std::size_t)>& sameTestRows);

} // namespace rs
