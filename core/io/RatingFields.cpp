#include "io/RatingFields.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>

namespace rs {

namespace {

std::string_view trimSpaces(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

/// The value as it goes into a message: quoted and cut to a readable length.
std::string quoted(std::string_view s) {
    constexpr std::size_t kMax = 40;
    std::string q = "'";
    q.append(s.substr(0, kMax));
    if (s.size() > kMax)
        q += "...";
    q += '\'';
    return q;
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

/// Reads exactly `n` digits at `s[i]`.
bool digits(std::string_view s, std::size_t& i, int n, int& value) {
    if (i + std::size_t(n) > s.size())
        return false;
    value = 0;
    for (int k = 0; k < n; ++k) {
        const char c = s[i++];
        if (!isDigit(c))
            return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

/// Fast exact path for plain decimals "[-]digits[.digits]" with at most 7 digits: both the
/// mantissa and the power of ten are exact floats, so one division rounds correctly, exactly
/// like std::from_chars would.
inline bool plainDecimal(std::string_view s, float& out) {
    static constexpr float kPow10[8] = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f};
    // The usual rating spellings first: "4" and "4.5".
    const auto d0 =
        static_cast<unsigned>(static_cast<unsigned char>(s.empty() ? 'x' : s[0])) - unsigned('0');
    if (s.size() == 1 && d0 < 10) {
        out = float(d0);
        return true;
    }
    if (s.size() == 3 && d0 < 10 && s[1] == '.') {
        const auto d2 = static_cast<unsigned>(static_cast<unsigned char>(s[2])) - unsigned('0');
        if (d2 < 10) {
            out = float(d0 * 10 + d2) / 10.0f;
            return true;
        }
    }
    std::size_t i = 0;
    const bool neg = !s.empty() && s[0] == '-';
    i += neg ? 1 : 0;
    std::uint32_t m = 0;
    int nDigits = 0;
    int frac = -1; // digits after the point, -1 without a point
    for (; i < s.size(); ++i) {
        const char c = s[i];
        const auto d = static_cast<unsigned>(static_cast<unsigned char>(c)) - unsigned('0');
        if (d < 10) {
            m = m * 10 + d;
            if (++nDigits > 7)
                return false;
            frac += frac >= 0 ? 1 : 0;
        } else if (c == '.' && frac < 0) {
            frac = 0;
        } else {
            return false;
        }
    }
    if (nDigits == 0)
        return false;
    float v = float(m);
    if (frac > 0)
        v /= kPow10[frac];
    out = neg ? -v : v;
    return true;
}

enum class IsoResult { NotIso, BadValue, Ok };

/// Parses an ISO 8601 date or date-time (see parseTimestamp) into epoch seconds.
IsoResult parseIso(std::string_view s, std::int64_t& out) {
    std::size_t i = 0;
    int y = 0, mo = 0, d = 0;
    if (!digits(s, i, 4, y) || i >= s.size() || s[i++] != '-' || !digits(s, i, 2, mo) ||
        i >= s.size() || s[i++] != '-' || !digits(s, i, 2, d))
        return IsoResult::NotIso;
    int hh = 0, mm = 0, ss = 0, offset = 0;
    if (i < s.size()) {
        if (s[i] != ' ' && s[i] != 'T')
            return IsoResult::NotIso;
        ++i;
        if (!digits(s, i, 2, hh) || i >= s.size() || s[i++] != ':' || !digits(s, i, 2, mm) ||
            i >= s.size() || s[i++] != ':' || !digits(s, i, 2, ss))
            return IsoResult::NotIso;
        if (i < s.size() && (s[i] == '.' || s[i] == ',')) { // fractional seconds: dropped
            ++i;
            const std::size_t start = i;
            while (i < s.size() && isDigit(s[i]))
                ++i;
            if (i == start)
                return IsoResult::NotIso;
        }
        if (i < s.size() && s[i] == 'Z') {
            ++i;
        } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
            const int sign = s[i++] == '+' ? 1 : -1;
            int oh = 0, om = 0;
            if (!digits(s, i, 2, oh))
                return IsoResult::NotIso;
            if (i < s.size() && s[i] == ':')
                ++i;
            if (!digits(s, i, 2, om))
                return IsoResult::NotIso;
            if (oh > 23 || om > 59)
                return IsoResult::BadValue;
            offset = sign * (oh * 3600 + om * 60);
        }
        if (i != s.size())
            return IsoResult::NotIso;
        if (hh > 23 || mm > 59 || ss > 60)
            return IsoResult::BadValue;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{y},
                                          std::chrono::month{static_cast<unsigned>(mo)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return IsoResult::BadValue;
    const std::int64_t days = std::chrono::sys_days{ymd}.time_since_epoch().count();
    out = days * 86400 + hh * 3600 + mm * 60 + ss - offset;
    return IsoResult::Ok;
}

/// Everything but plain decimals: spaces, signs, exponents, decimal commas and errors.
[[gnu::noinline]] std::optional<float> parseRatingSlow(std::string_view text, std::string& why) {
    const std::string_view s = trimSpaces(text);
    if (s.empty()) {
        why = "rating is empty";
        return std::nullopt;
    }
    float v = 0;
    if (plainDecimal(s, v))
        return v;
    std::string_view num = s;
    if (num.front() == '+')
        num.remove_prefix(1);
    // A decimal comma ("3,5"): parse a copy with a point, on the stack.
    std::array<char, 64> tmp;
    if (num.find(',') != std::string_view::npos && num.find('.') == std::string_view::npos &&
        num.find(',') == num.rfind(',') && num.size() <= tmp.size()) {
        for (std::size_t k = 0; k < num.size(); ++k)
            tmp[k] = num[k] == ',' ? '.' : num[k];
        num = std::string_view(tmp.data(), num.size());
    }
    const auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), v);
    if (ec == std::errc::result_out_of_range) {
        why = "rating is out of range: " + quoted(s);
        return std::nullopt;
    }
    if (ec != std::errc() || ptr != num.data() + num.size()) {
        why = "rating is not a number: " + quoted(s);
        return std::nullopt;
    }
    if (std::isnan(v)) {
        why = "rating is NaN";
        return std::nullopt;
    }
    if (std::isinf(v)) {
        why = "rating is infinite";
        return std::nullopt;
    }
    return v;
}

/// Value of 8 ASCII digits at `p`, or -1 when one of them is not a digit. Works on all eight
/// bytes at once: combines digit pairs, then pairs of pairs, then the two halves.
inline std::int64_t eightDigits(const char* p) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    constexpr std::uint64_t k30 = 0x3030303030303030ull;
    constexpr std::uint64_t kF0 = 0xF0F0F0F0F0F0F0F0ull;
    constexpr std::uint64_t k06 = 0x0606060606060606ull;
    if ((x & kF0) != k30 || ((x + k06) & kF0) != k30)
        return -1;
    x -= k30;
    if constexpr (std::endian::native == std::endian::big)
        x = __builtin_bswap64(x); // the first character must be the lowest byte
    x = (x * 10 + (x >> 8)) & 0x00FF00FF00FF00FFull;
    x = (x * 100 + (x >> 16)) & 0x0000FFFF0000FFFFull;
    x = (x * 10000 + (x >> 32)) & 0x00000000FFFFFFFFull;
    return static_cast<std::int64_t>(x);
}

/// Plain epoch seconds: 1 to 18 digits, so no overflow is possible.
inline bool plainEpoch(std::string_view s, std::int64_t& out) {
    const std::size_t n = s.size();
    if (n == 0 || n > 18)
        return false;
    const char* p = s.data();
    std::int64_t v = 0;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const std::int64_t chunk = eightDigits(p + i);
        if (chunk < 0)
            return false;
        v = v * 100000000 + chunk;
    }
    for (; i < n; ++i) {
        const auto d = static_cast<unsigned>(static_cast<unsigned char>(p[i])) - unsigned('0');
        if (d >= 10)
            return false;
        v = v * 10 + d;
    }
    out = v;
    return true;
}

[[gnu::noinline]] std::optional<std::int64_t> parseTimestampSlow(std::string_view text,
                                                                 std::string& why) {
    const std::string_view s = trimSpaces(text);
    if (s.empty()) {
        why = "timestamp is empty";
        return std::nullopt;
    }
    std::int64_t out = 0;
    if (plainEpoch(s, out))
        return out;
    if (s.size() >= 10 && s[4] == '-') {
        switch (parseIso(s, out)) {
        case IsoResult::Ok:
            return out;
        case IsoResult::BadValue:
            why = "timestamp is not a valid date/time: " + quoted(s);
            return std::nullopt;
        case IsoResult::NotIso:
            break;
        }
    }
    std::string_view num = s;
    if (num.front() == '+')
        num.remove_prefix(1);
    const auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), out);
    if (ec == std::errc::result_out_of_range) {
        why = "timestamp is out of range: " + quoted(s);
        return std::nullopt;
    }
    const char* rest = ptr;
    const char* const end = num.data() + num.size();
    if (ec == std::errc() && rest < end && *rest == '.') { // "964982703.0": whole seconds kept
        ++rest;
        while (rest < end && isDigit(*rest))
            ++rest;
    }
    if (ec != std::errc() || rest != end) {
        why = "timestamp is neither epoch seconds nor an ISO date: " + quoted(s);
        return std::nullopt;
    }
    return out;
}

} // namespace

std::optional<float> parseRating(std::string_view text, std::string& why) {
    float v = 0;
    if (plainDecimal(text, v))
        return v;
    return parseRatingSlow(text, why);
}

std::optional<std::int64_t> parseTimestamp(std::string_view text, std::string& why) {
    std::int64_t v = 0;
    if (plainEpoch(text, v))
        return v;
    return parseTimestampSlow(text, why);
}

bool validId(std::string_view id, std::string& why) {
    // Fast path: printable ASCII not starting with a space (the reader trims fields).
    if (!id.empty() && id.front() != ' ') {
        bool printable = true;
        for (char ch : id)
            printable &= static_cast<unsigned char>(ch - 0x20) < 0x5F; // 0x20..0x7E
        if (printable)
            return true;
    }
    if (trimSpaces(id).empty()) {
        why = "empty value";
        return false;
    }
    for (std::size_t i = 0; i < id.size(); ++i) {
        const auto c = static_cast<unsigned char>(id[i]);
        const bool c1 = c == 0xC2 && i + 1 < id.size() &&
                        static_cast<unsigned char>(id[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(id[i + 1]) <= 0x9F;
        if (c < 0x20 || c == 0x7F || c1) {
            static const char* hex = "0123456789ABCDEF";
            const unsigned cp = c1 ? static_cast<unsigned char>(id[i + 1]) : c;
            why = "contains a control character (U+00";
            why += hex[cp >> 4];
            why += hex[cp & 15];
            why += ')';
            return false;
        }
    }
    return true;
}

RatingScale detectScale(const float* values, std::size_t n) {
    static constexpr std::array<double, 5> kSteps = {1.0, 0.5, 0.25, 0.1, 0.01};
    std::array<bool, 5> fits{true, true, true, true, true};
    RatingScale r;
    bool any = false;
    bool allOne = true;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = values[i];
        if (!std::isfinite(v))
            continue;
        if (!any) {
            r.min = r.max = values[i];
            any = true;
        }
        r.min = std::min(r.min, values[i]);
        r.max = std::max(r.max, values[i]);
        allOne = allOne && values[i] == 1.0f;
        for (std::size_t k = 0; k < kSteps.size(); ++k) {
            if (!fits[k])
                continue;
            const double q = v / kSteps[k];
            // Floats carry ~7 digits: allow their rounding error, relative to the quotient.
            const double tol = 1e-3 + std::abs(q) * 4e-7;
            fits[k] = std::abs(q - std::round(q)) <= tol;
        }
    }
    if (!any)
        return RatingScale{};
    for (std::size_t k = 0; k < kSteps.size(); ++k) {
        if (fits[k]) {
            r.step = static_cast<float>(kSteps[k]);
            break;
        }
    }
    r.implicit = allOne;
    return r;
}

} // namespace rs
