#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rs {

/// Maps external ids (text) to dense indices 0..n-1 in first-seen order.
/// Canonical small non-negative integers ("0", "42", not "042" or "+4") take an array fast path;
/// every other id goes through a hash map. Both spellings are exact: "042" and "42" differ.
class IdMap {
public:
    /// Index of `id`, inserting it if new.
    std::uint32_t intern(std::string_view id);
    /// Index of `id` or -1.
    std::int64_t find(std::string_view id) const;
    std::size_t size() const { return m_ids.size(); }
    const std::vector<std::string>& ids() const { return m_ids; }
    std::vector<std::string> takeIds() { return std::move(m_ids); }

private:
    static constexpr std::uint32_t kNone = 0xffffffffu;
    static constexpr std::uint64_t kMaxDirect = 1u << 26;
    static bool canonicalInt(std::string_view s, std::uint64_t& v);

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    std::vector<std::uint32_t> m_direct;
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> m_hashed;
    std::vector<std::string> m_ids;
};

} // namespace rs
