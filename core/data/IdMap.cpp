#include "data/IdMap.h"

namespace rs {

bool IdMap::canonicalInt(std::string_view s, std::uint64_t& v) {
    if (s.empty() || s.size() > 8 || (s.size() > 1 && s[0] == '0'))
        return false;
    v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + std::uint64_t(c - '0');
    }
    return v < kMaxDirect;
}

std::uint32_t IdMap::intern(std::string_view id) {
    std::uint64_t v;
    if (canonicalInt(id, v)) {
        if (v >= m_direct.size())
            m_direct.resize(std::max<std::size_t>(v + 1, m_direct.size() * 2), kNone);
        auto& slot = m_direct[v];
        if (slot == kNone) {
            slot = static_cast<std::uint32_t>(m_ids.size());
            m_ids.emplace_back(id);
        }
        return slot;
    }
    if (auto it = m_hashed.find(id); it != m_hashed.end())
        return it->second;
    auto idx = static_cast<std::uint32_t>(m_ids.size());
    m_hashed.emplace(std::string(id), idx);
    m_ids.emplace_back(id);
    return idx;
}

std::int64_t IdMap::find(std::string_view id) const {
    std::uint64_t v;
    if (canonicalInt(id, v))
        return v < m_direct.size() && m_direct[v] != kNone ? std::int64_t(m_direct[v]) : -1;
    auto it = m_hashed.find(id);
    return it == m_hashed.end() ? -1 : std::int64_t(it->second);
}

} // namespace rs
