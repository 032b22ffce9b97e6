#pragma once
#include "data/Interactions.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rs {

/// One change to a run's training data for a what-if.
struct DataEdit {
    enum class Kind {
        RemoveRating, ///< the user's interaction with the item goes
        AddRating,    ///< the user gets (or changes) an interaction with the item, `value`
        RemoveItem,   ///< every interaction with the item goes
        WeightItem    ///< every interaction with the item counts `weight` times (0..1 down-weights)
    };
    Kind kind = Kind::RemoveRating;
    std::uint32_t user = 0, item = 0;
    float value = 0.0f;
    double weight = 1.0;
    bool operator==(const DataEdit&) const = default;
};
const char* dataEditKindName(DataEdit::Kind kind);

/// True when every edit only changes `user`'s own interactions (so re-solving that user with
/// everything else fixed can answer the what-if).
bool editsOnlyUser(const std::vector<DataEdit>& edits, std::uint32_t user);

/// `train` with the edits applied in order. Weights of untouched entries are kept; an
/// AddRating of an existing pair replaces its value. nullopt with `error` for an edit outside the
/// data (index out of range, removing a rating that does not exist, a negative weight).
std::optional<Interactions> applyDataEdits(const Interactions& train,
                                           const std::vector<DataEdit>& edits, std::string& error);

} // namespace rs
