#include "whatif/DataEdit.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace rs {

const char* dataEditKindName(DataEdit::Kind kind) {
    switch (kind) {
    case DataEdit::Kind::RemoveRating:
        return "remove rating";
    case DataEdit::Kind::AddRating:
        return "add rating";
    case DataEdit::Kind::RemoveItem:
        return "remove item";
    case DataEdit::Kind::WeightItem:
        return "weight item";
    }
    return "edit";
}

bool editsOnlyUser(const std::vector<DataEdit>& edits, std::uint32_t user) {
    return std::all_of(edits.begin(), edits.end(), [user](const DataEdit& e) {
        return (e.kind == DataEdit::Kind::RemoveRating || e.kind == DataEdit::Kind::AddRating) &&
               e.user == user;
    });
}

std::optional<Interactions> applyDataEdits(const Interactions& train,
                                           const std::vector<DataEdit>& edits, std::string& error) {
    // The entries as an ordered map (user, item) -> (value, weight): edits change it, then the
    // matrices are rebuilt once.
    struct Entry {
        float value, weight;
    };
    std::map<std::pair<std::uint32_t, std::uint32_t>, Entry> entries;
    const CsrMatrix& m = train.byUser;
    for (std::uint32_t u = 0; u < m.rows; ++u)
        for (std::uint64_t k = m.rowPtr[u]; k < m.rowPtr[u + 1]; ++k)
            entries.emplace(std::make_pair(u, m.colIdx[k]), Entry{m.values[k], m.weight(k)});
    bool weighted = train.weighted();
    for (const DataEdit& e : edits) {
        const std::string where =
            "user " + std::to_string(e.user) + ", item " + std::to_string(e.item);
        if (e.item >= train.numItems() ||
            ((e.kind == DataEdit::Kind::RemoveRating || e.kind == DataEdit::Kind::AddRating) &&
             e.user >= train.numUsers())) {
            error = std::string(dataEditKindName(e.kind)) + ": " + where + " is outside the data";
            return std::nullopt;
        }
        switch (e.kind) {
        case DataEdit::Kind::RemoveRating:
            if (entries.erase({e.user, e.item}) == 0) {
                error = "remove rating: " + where + " has no training interaction";
                return std::nullopt;
            }
            break;
        case DataEdit::Kind::AddRating:
            if (!std::isfinite(e.value)) {
                error = "add rating: the value for " + where + " is not a number";
                return std::nullopt;
            }
            entries[{e.user, e.item}] = Entry{e.value, 1.0f};
            break;
        case DataEdit::Kind::RemoveItem:
        case DataEdit::Kind::WeightItem: {
            const bool remove = e.kind == DataEdit::Kind::RemoveItem || e.weight == 0.0;
            if (!remove && !(e.weight > 0.0 && std::isfinite(e.weight))) {
                error = "weight item: the weight of item " + std::to_string(e.item) +
                        " must be a positive number";
                return std::nullopt;
            }
            for (auto it = entries.begin(); it != entries.end();) {
                if (it->first.second != e.item) {
                    ++it;
                } else if (remove) {
                    it = entries.erase(it);
                } else {
                    it->second.weight = float(double(it->second.weight) * e.weight);
                    weighted = true;
                    ++it;
                }
            }
            break;
        }
        }
    }
    std::vector<std::uint32_t> us, is;
    std::vector<float> vs, ws;
    for (const auto& [key, entry] : entries) {
        us.push_back(key.first);
        is.push_back(key.second);
        vs.push_back(entry.value);
        ws.push_back(entry.weight);
    }
    Interactions out;
    out.byUser = CsrMatrix::fromTriplets(train.numUsers(), train.numItems(), us, is, vs);
    // fromTriplets sorts by (user, item), the map's order: the weights line up.
    out.setWeights(weighted ? std::move(ws) : std::vector<float>{});
    return out;
}

} // namespace rs
