#include "io/Utf8Text.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace rs::utf8 {

namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

inline std::uint64_t load8(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
}

inline bool isCont(unsigned char c) {
    return (c & 0xC0u) == 0x80u;
}

} // namespace

const char* findNonAscii(const char* p, const char* end) {
#if defined(__SSE2__)
    while (end - p >= 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        if (_mm_movemask_epi8(x) != 0)
            break;
        p += 16;
    }
#endif
    while (end - p >= 8) {
        if (load8(p) & kHighBits)
            break;
        p += 8;
    }
    while (p < end && static_cast<unsigned char>(*p) < 0x80u)
        ++p;
    return p;
}

Check check(const char* p, std::size_t n, bool tailMayBeCut) {
    const auto* s = reinterpret_cast<const unsigned char*>(p);
    const auto* end = s + n;
    bool multi = false;
    while (s < end) {
        s = reinterpret_cast<const unsigned char*>(
            findNonAscii(reinterpret_cast<const char*>(s), reinterpret_cast<const char*>(end)));
        if (s == end)
            break;
        const unsigned char c = *s;
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0; // no overlong forms
            else if (c == 0xED)
                hi = 0x9F; // no UTF-16 surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F; // nothing above U+10FFFF
        } else {
            return Check::Invalid; // stray continuation byte, C0/C1 overlong lead, F5..FF
        }
        const auto avail = static_cast<std::size_t>(end - s);
        for (std::size_t k = 1; k < len; ++k) {
            if (k >= avail)
                return tailMayBeCut ? (multi ? Check::Valid : Check::Ascii) : Check::Invalid;
            const unsigned char b = s[k];
            if (k == 1 ? (b < lo || b > hi) : !isCont(b))
                return Check::Invalid;
        }
        multi = true;
        s += len;
    }
    return multi ? Check::Valid : Check::Ascii;
}

std::size_t latin1ToUtf8(const char* p, std::size_t n, char* out) {
    char* o = out;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if (c < 0x80u) {
            *o++ = static_cast<char>(c);
        } else {
            *o++ = static_cast<char>(0xC0u | (c >> 6));
            *o++ = static_cast<char>(0x80u | (c & 0x3Fu));
        }
    }
    return static_cast<std::size_t>(o - out);
}

std::size_t clipLength(std::string_view s, std::size_t max) {
    if (s.size() <= max)
        return s.size();
    std::size_t n = max;
    // Step back over continuation bytes, then over the lead byte they belong to.
    while (n > 0 && isCont(static_cast<unsigned char>(s[n])))
        --n;
    return n;
}

void append(std::string& s, unsigned cp) {
    if (cp < 0x80) {
        s += char(cp);
    } else if (cp < 0x800) {
        s += char(0xC0 | (cp >> 6));
        s += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        s += char(0xE0 | (cp >> 12));
        s += char(0x80 | ((cp >> 6) & 0x3F));
        s += char(0x80 | (cp & 0x3F));
    } else {
        s += char(0xF0 | (cp >> 18));
        s += char(0x80 | ((cp >> 12) & 0x3F));
        s += char(0x80 | ((cp >> 6) & 0x3F));
        s += char(0x80 | (cp & 0x3F));
    }
}

} // namespace rs::utf8
