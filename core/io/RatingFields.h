#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/// Per-row value parsers for rating files. They take field views as the reader hands them out,
/// never allocate on success and explain every rejection in `why` (set only on failure).
namespace rs {

/// A rating: a finite decimal number ("4", "3.5", "-1", "2e0"; a decimal comma "3,5" is
/// accepted when there is no point). Surrounding spaces are ignored. Rejects empty text,
/// NaN, infinities, out-of-range values and trailing junk.
std::optional<float> parseRating(std::string_view text, std::string& why);

/// A timestamp as epoch seconds (UTC): an integer ("964982703", a ".0"-style fraction is
/// truncated), an ISO date "YYYY-MM-DD" (midnight UTC) or date-time "YYYY-MM-DD HH:MM:SS" /
/// "YYYY-MM-DDTHH:MM:SS" with optional fractional seconds and an optional "Z" or "+HH:MM" /
/// "-HH:MM" offset. Rejects empty text and anything else.
std::optional<std::int64_t> parseTimestamp(std::string_view text, std::string& why);

/// True when `id` is usable as a user or item id: not empty after trimming spaces and free of
/// control characters (C0, DEL and the C1 range U+0080..U+009F).
bool validId(std::string_view id, std::string& why);

/// The value scale of a set of ratings.
struct RatingScale {
    float min = 0;
    float max = 0;
    float step = 0;        ///< 1, 0.5, 0.25, 0.1 or 0.01 (the largest that fits every value), or 0
    bool implicit = false; ///< every value is 1 (interactions without a rating)
};

/// Minimum, maximum and step of `values` (non-finite values are ignored). All zero for n = 0.
RatingScale detectScale(const float* values, std::size_t n);

} // namespace rs
