#pragma once
#include <bit>
#include <cstring>
#include <span>
#include <vector>

namespace rs {

static_assert(std::endian::native == std::endian::little,
              "workspace BLOBs are little-endian; add byte swapping for this platform");

/// Bytes of a span of trivially copyable values, as stored in workspace BLOBs.
template <typename T> std::span<const unsigned char> asBlob(std::span<const T> values) {
    return {reinterpret_cast<const unsigned char*>(values.data()), values.size_bytes()};
}

/// Values back from a BLOB; a trailing partial value is ignored.
template <typename T> std::vector<T> fromBlob(std::span<const unsigned char> bytes) {
    std::vector<T> out(bytes.size() / sizeof(T));
    if (!out.empty())
        std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
    return out;
}

} // namespace rs
