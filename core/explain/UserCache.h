#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace rs::explain {

/// Per-user values an explainer computes once and reuses across calls (an explanation's
/// evidence, then its counterfactual's re-solves, or the columns of an evidence grid): the
/// `capacity` most recently used users. Thread-safe; values are built outside the lock (two
/// threads asking for the same new user may both build it, the first stored wins) and shared
/// read-only, so an entry stays valid for its holder after it is evicted.
template <class T> class UserCache {
public:
    explicit UserCache(std::size_t capacity = 4) : m_capacity(capacity ? capacity : 1) {}

    /// The value of `user`, built by `make()` (returning T) when it is not cached.
    template <class Make> std::shared_ptr<const T> get(std::uint32_t user, Make&& make) const {
        if (auto hit = find(user))
            return hit;
        auto made = std::make_shared<const T>(make());
        std::lock_guard lock(m_mutex);
        for (std::size_t e = 0; e < m_entries.size(); ++e)
            if (m_entries[e].first == user)
                return touch(e);
        if (m_entries.size() >= m_capacity)
            m_entries.pop_back();
        m_entries.insert(m_entries.begin(), {user, made});
        return made;
    }

private:
    std::shared_ptr<const T> find(std::uint32_t user) const {
        std::lock_guard lock(m_mutex);
        for (std::size_t e = 0; e < m_entries.size(); ++e)
            if (m_entries[e].first == user)
                return touch(e);
        return nullptr;
    }
    /// Moves entry `e` to the front (most recent) and returns its value; the lock is held.
    std::shared_ptr<const T> touch(std::size_t e) const {
        auto entry = m_entries[e];
        m_entries.erase(m_entries.begin() + std::ptrdiff_t(e));
        m_entries.insert(m_entries.begin(), entry);
        return entry.second;
    }

    std::size_t m_capacity;
    mutable std::mutex m_mutex;
    mutable std::vector<std::pair<std::uint32_t, std::shared_ptr<const T>>> m_entries;
};

} // namespace rs::explain
