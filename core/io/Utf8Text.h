#pragma once
#include <cstddef>
#include <string>
#include <string_view>

/// Small byte-level helpers for UTF-8 and Latin-1 text, used by the delimited-text reader.
namespace rs::utf8 {

/// What a byte range holds.
enum class Check {
    Ascii,   ///< only bytes below 0x80
    Valid,   ///< well-formed UTF-8 with at least one multi-byte sequence
    Invalid, ///< some byte sequence is not UTF-8 (stray continuation, overlong, surrogate, ...)
};

/// Checks `[p, p + n)`. When `tailMayBeCut` is true, an incomplete sequence at the very end
/// (a block cut in the middle of a character) is not counted as invalid.
Check check(const char* p, std::size_t n, bool tailMayBeCut = false);

/// Pointer to the first byte >= 0x80 in `[p, end)`, or `end`.
const char* findNonAscii(const char* p, const char* end);

/// Writes the Latin-1 bytes `[p, p + n)` as UTF-8 to `out`, which must have room for `2 * n`
/// bytes. Returns the number of bytes written.
std::size_t latin1ToUtf8(const char* p, std::size_t n, char* out);

/// Length of the longest prefix of `s` that is at most `max` bytes and does not end inside a
/// multi-byte UTF-8 sequence.
std::size_t clipLength(std::string_view s, std::size_t max);

/// Appends code point `cp` (below 0x110000) to `s` as UTF-8.
void append(std::string& s, unsigned cp);

} // namespace rs::utf8
