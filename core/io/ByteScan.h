#pragma once
#include <cstddef>
#include <cstring>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Byte scanning primitives for the delimited-text reader.
namespace rs::scan {

/// Bytes of readable padding the caller guarantees after `end` for findFieldEnd().
constexpr std::size_t kPadding = 64;

/// First byte in `[p, end)` that is `delim`, '\r' or '\n'; `end` if none. Reads up to 15 bytes
/// past `end` (they must be readable, see kPadding) but never returns a position beyond it.
inline const char* findFieldEnd(const char* p, const char* end, char delim) {
#if defined(__SSE2__)
    const __m128i vd = _mm_set1_epi8(delim);
    const __m128i vn = _mm_set1_epi8('\n');
    const __m128i vr = _mm_set1_epi8('\r');
    while (p < end) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, vd), _mm_cmpeq_epi8(x, vn)),
                                         _mm_cmpeq_epi8(x, vr));
        const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
        if (mask != 0) {
            const char* q = p + __builtin_ctz(mask);
            return q < end ? q : end;
        }
        p += 16;
    }
    return end;
#else
    while (p < end && *p != delim && *p != '\n' && *p != '\r')
        ++p;
    return p;
#endif
}

/// Trims spaces and tabs around `[s, e)` as the flags allow.
inline std::string_view trimmedView(const char* s, const char* e, bool spaceIsWs, bool tabIsWs) {
    auto ws = [&](char c) { return (c == ' ' && spaceIsWs) || (c == '\t' && tabIsWs); };
    while (s < e && ws(*s))
        ++s;
    while (e > s && ws(e[-1]))
        --e;
    return {s, std::size_t(e - s)};
}

/// Fast path for the common record: one line, no quote character anywhere, single-character
/// delimiter. Splits `[p, ...)` into trimmed `fields` (appended) up to a line end inside
/// `[p, end)` and sets `recEnd` (the line end) and `next` (after "\n", "\r\n" or "\r").
/// Returns false, with `fields` in an unspecified state, when the record needs the general
/// parser: a quote, no line end before `end`, or a '\r' as the last byte before `end`.
inline bool splitPlainRecord(const char* p, const char* end, char delim, char quote, bool spaceIsWs,
                             bool tabIsWs, std::vector<std::string_view>& fields,
                             const char*& recEnd, const char*& next) {
#if defined(__SSE2__)
    const __m128i vd = _mm_set1_epi8(delim);
    const __m128i vn = _mm_set1_epi8('\n');
    const __m128i vr = _mm_set1_epi8('\r');
    const __m128i vq = _mm_set1_epi8(quote);
    const char* fs = p; // start of the current field
    for (const char* c = p; c < end; c += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(c));
        auto stops = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, vd), _mm_cmpeq_epi8(x, vn)), _mm_cmpeq_epi8(x, vr))));
        auto quotes =
            quote != '\0' ? static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, vq))) : 0u;
        if (end - c < 16) {
            const unsigned valid = (1u << unsigned(end - c)) - 1u;
            stops &= valid;
            quotes &= valid;
        }
        if (quotes != 0)
            return false;
        while (stops != 0) {
            const char* s = c + __builtin_ctz(stops);
            stops &= stops - 1;
            const char* a = fs;
            const char* b = s;
            if (a < b && ((*a == ' ' && spaceIsWs) || (*a == '\t' && tabIsWs) ||
                          (b[-1] == ' ' && spaceIsWs) || (b[-1] == '\t' && tabIsWs))) {
                fields.push_back(trimmedView(a, b, spaceIsWs, tabIsWs));
            } else {
                fields.emplace_back(a, std::size_t(b - a));
            }
            if (*s == delim) {
                fs = s + 1;
                continue;
            }
            if (*s == '\r') {
                if (s + 1 == end)
                    return false;
                next = s + 1 + (s[1] == '\n' ? 1 : 0);
            } else {
                next = s + 1;
            }
            recEnd = s;
            return true;
        }
    }
    return false;
#else
    (void)p, (void)end, (void)delim, (void)quote, (void)spaceIsWs, (void)tabIsWs, (void)fields,
        (void)recEnd, (void)next;
    return false;
#endif
}

/// Number of line breaks in `[p, end)`: "\r\n", a lone '\n' and a lone '\r' each count once.
/// A '\r' in the last position counts as a lone CR.
inline std::size_t countLineBreaks(const char* p, const char* end) {
    std::size_t n = 0;
    for (; p < end; ++p) {
        if (*p == '\n')
            ++n;
        else if (*p == '\r' && (p + 1 == end || p[1] != '\n'))
            ++n;
    }
    return n;
}

/// True when `[p, end)` holds a '\r' or '\n'.
inline bool hasLineBreak(const char* p, const char* end) {
    const auto n = static_cast<std::size_t>(end - p);
    return std::memchr(p, '\n', n) != nullptr || std::memchr(p, '\r', n) != nullptr;
}

} // namespace rs::scan
