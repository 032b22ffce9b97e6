#pragma once
// The input format of fuzz_model_blob (and of the seeds model_blob_seeds writes): a stored model
// as the workspace holds it, i.e. the rows of its model_hyper and model_params tables.
//
//   u8  model      index into recommenderNames() (modulo their count)
//   u8  H          number of model_hyper rows, then H times: u8 len, key; u8 len, value
//   then model_params rows until the input ends, each:
//       u8 len, name; i64 format_version; i64 rows; i64 cols; u32 n; n bytes of BLOB
//       (a BLOB cut short by the end of the input is taken as it is: a truncated row)
// Integers are little-endian. A row whose fixed-size header is cut off is dropped.
#include "data/ModelState.h"
#include "store/BlobCodec.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

namespace rs::fuzz {

inline void putU8(std::string& out, unsigned v) {
    out += char(std::uint8_t(v));
}
template <class T> void putInt(std::string& out, T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out.append(b, sizeof(T));
}
inline void putText(std::string& out, const std::string& s) {
    putU8(out, unsigned(std::min<std::size_t>(s.size(), 255)));
    out.append(s, 0, std::min<std::size_t>(s.size(), 255));
}

/// A model state as fuzz input; `modelIndex` is its index in recommenderNames().
inline std::string encodeModelInput(unsigned modelIndex, const ModelState& s) {
    std::string out;
    putU8(out, modelIndex);
    putU8(out, unsigned(std::min<std::size_t>(s.hyper.size(), 255)));
    std::size_t n = 0;
    for (const auto& [k, v] : s.hyper) {
        if (n++ == 255)
            break;
        putText(out, k);
        putText(out, v);
    }
    for (const auto& b : s.blocks) {
        putText(out, b.name);
        putInt<std::int64_t>(out, s.formatVersion);
        putInt<std::int64_t>(out, b.rows);
        putInt<std::int64_t>(out, b.cols);
        const auto bytes = asBlob(std::span<const float>(b.data));
        putInt<std::uint32_t>(out, std::uint32_t(bytes.size()));
        out.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }
    return out;
}

/// Reads the input format above.
class InputReader {
public:
    InputReader(const std::uint8_t* p, std::size_t n) : m_p(p), m_end(p + n) {}
    bool done() const { return m_p == m_end; }
    bool u8(unsigned& v) {
        if (m_p == m_end)
            return false;
        v = *m_p++;
        return true;
    }
    template <class T> bool integer(T& v) {
        if (std::size_t(m_end - m_p) < sizeof(T))
            return false;
        std::memcpy(&v, m_p, sizeof(T));
        m_p += sizeof(T);
        return true;
    }
    bool text(std::string& s) {
        unsigned n = 0;
        if (!u8(n) || std::size_t(m_end - m_p) < n)
            return false;
        s.assign(reinterpret_cast<const char*>(m_p), n);
        m_p += n;
        return true;
    }
    /// Up to `n` bytes (fewer when the input ends first).
    std::span<const unsigned char> bytes(std::size_t n) {
        n = std::min(n, std::size_t(m_end - m_p));
        std::span<const unsigned char> s(m_p, n);
        m_p += n;
        return s;
    }

private:
    const std::uint8_t* m_p;
    const std::uint8_t* m_end;
};

} // namespace rs::fuzz
