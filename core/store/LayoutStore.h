#pragma once
#include "latent/MapLayout.h"
#include "store/Workspace.h"
#include <cstdint>
#include <optional>

namespace rs {

/// Caches 2-D layouts of a run's factors in the workspace (table run_layouts), one per run,
/// side and method: a t-SNE layout takes seconds, so the map reopens instantly.
class LayoutStore {
public:
    explicit LayoutStore(Workspace& ws) : m_ws(ws) {}

    /// Stores (or replaces) the layout of run `runId`'s `side`.
    void save(std::int64_t runId, FactorSide side, const MapLayout& layout);
    /// The cached layout; nullopt when there is none, or when it was computed with other
    /// settings (`params`, when given, must match) or for another number of points.
    std::optional<MapLayout> load(std::int64_t runId, FactorSide side, LayoutMethod method,
                                  std::size_t points, const std::string* params = nullptr) const;

private:
    Workspace& m_ws;
};

} // namespace rs
