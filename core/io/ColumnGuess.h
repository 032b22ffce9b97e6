#pragma once
#include "io/FormatSniffer.h"
#include <string>
#include <string_view>
#include <vector>

/// The judgement part of format sniffing: is the first row a header, and which column holds
/// what. Works on rows already split into fields, so it is testable without files.
namespace rs::sniff {

using Row = std::vector<std::string>;

/// Lower-case ASCII letters and digits of `name` only: "User-ID" and "user_id" give "userid".
std::string normalizedName(std::string_view name);

/// The role a header name stands for in a ratings file, or Ignore.
ColumnRole roleForName(std::string_view name);

/// True when `s` is a finite number (spaces around it allowed).
bool isNumber(std::string_view s);

/// True when `s` is an ISO date or date-time (see parseTimestamp).
bool isDateTime(std::string_view s);

/// True when the first of `rows` is a header: it names a known column, or one of its cells is
/// text where the rows below hold numbers or dates in the same column.
bool looksLikeHeader(const std::vector<Row>& rows);

/// Guesses column roles, from header names when `header` is non-empty (filled in from the
/// content when the names do not name a user and an item column), else from `data` alone:
/// two id columns, then a small-range number (rating) and a large integer or date (timestamp).
RatingColumns guessRatingColumns(const Row& header, const std::vector<Row>& data);

/// Guesses id, title and genres columns of an item metadata file.
ItemColumns guessItemColumnsFrom(const Row& header, const std::vector<Row>& data);

} // namespace rs::sniff
