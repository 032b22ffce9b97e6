#include "io/ColumnGuess.h"

#include "io/RatingFields.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace rs::sniff {

namespace {

constexpr std::array<std::string_view, 6> kUserNames = {"userid",   "user",       "uid",
                                                        "username", "customerid", "reviewerid"};
constexpr std::array<std::string_view, 13> kItemNames = {
    "movieid", "item", "itemid", "iid",     "movie",  "product", "productid",
    "isbn",    "asin", "bookid", "trackid", "songid", "artistid"};
constexpr std::array<std::string_view, 6> kRatingNames = {"rating", "score",      "stars",
                                                          "value",  "bookrating", "ratings"};
constexpr std::array<std::string_view, 7> kTimeNames = {
    "timestamp", "time", "ts", "date", "datetime", "unixtime", "unixreviewtime"};

constexpr std::array<std::string_view, 9> kItemIdNames = {
    "movieid", "itemid", "item", "id", "iid", "isbn", "asin", "productid", "bookid"};
constexpr std::array<std::string_view, 5> kTitleNames = {"title", "name", "movietitle", "booktitle",
                                                         "itemname"};
constexpr std::array<std::string_view, 5> kGenreNames = {"genres", "genre", "categories",
                                                         "category", "tags"};

template <std::size_t N>
bool inList(const std::array<std::string_view, N>& list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

bool isInteger(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    if (!s.empty() && (s.front() == '-' || s.front() == '+'))
        s.remove_prefix(1);
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

double numberOf(std::string_view s) {
    std::string why;
    const auto v = parseRating(s, why);
    return v ? double(*v) : 0.0;
}

/// What the sample values of one column look like. A column is "numeric" (or integral, or
/// dates) when more than half of its non-empty cells are: a few bad rows must not hide a
/// rating column, they become rejects at import.
struct ColumnStats {
    int values = 0; ///< non-empty cells
    int numbers = 0;
    int integers = 0;
    int dates = 0;
    bool anyFraction = false;
    bool anyBar = false;                                  ///< a '|' (genre lists)
    double min = std::numeric_limits<double>::infinity(); ///< over the numbers
    double max = -std::numeric_limits<double>::infinity();
    double minInteger = std::numeric_limits<double>::infinity();
    double meanLength = 0;

    bool mostly(int n) const { return values > 0 && 2 * n > values; }
    bool numeric() const { return mostly(numbers); }
    bool integral() const { return mostly(integers) && !anyFraction; }
    bool timestampLike() const { return mostly(dates) || (integral() && minInteger >= 1e8); }
    bool ratingLike() const {
        return numeric() && !timestampLike() && min >= -1000 && max <= 1000 && max - min <= 100;
    }
    bool text() const { return values > 0 && !numeric() && !mostly(dates); }
};

std::vector<ColumnStats> columnStats(const std::vector<Row>& data) {
    std::size_t width = 0;
    for (const auto& r : data)
        width = std::max(width, r.size());
    std::vector<ColumnStats> st(width);
    for (const auto& r : data) {
        for (std::size_t c = 0; c < r.size(); ++c) {
            const std::string& v = r[c];
            if (v.empty())
                continue;
            ColumnStats& s = st[c];
            ++s.values;
            s.meanLength += double(v.size());
            s.dates += isDateTime(v) ? 1 : 0;
            s.anyBar = s.anyBar || v.find('|') != std::string::npos;
            if (!isNumber(v))
                continue;
            ++s.numbers;
            const double x = numberOf(v);
            s.min = std::min(s.min, x);
            s.max = std::max(s.max, x);
            s.anyFraction = s.anyFraction || x != std::floor(x);
            if (isInteger(v)) {
                ++s.integers;
                s.minInteger = std::min(s.minInteger, x);
            }
        }
    }
    for (auto& s : st)
        if (s.values > 0)
            s.meanLength /= s.values;
    return st;
}

} // namespace

std::string normalizedName(std::string_view name) {
    std::string n;
    for (char c : name) {
        if (c >= 'A' && c <= 'Z')
            n += char(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            n += c;
    }
    return n;
}

ColumnRole roleForName(std::string_view name) {
    const std::string n = normalizedName(name);
    if (inList(kUserNames, n))
        return ColumnRole::User;
    if (inList(kItemNames, n))
        return ColumnRole::Item;
    if (inList(kRatingNames, n))
        return ColumnRole::Rating;
    if (inList(kTimeNames, n))
        return ColumnRole::Timestamp;
    return ColumnRole::Ignore;
}

bool isNumber(std::string_view s) {
    std::string why;
    return parseRating(s, why).has_value();
}

bool isDateTime(std::string_view s) {
    std::string why;
    return s.size() >= 10 && s[4] == '-' && parseTimestamp(s, why).has_value();
}

bool looksLikeHeader(const std::vector<Row>& rows) {
    if (rows.empty())
        return false;
    const Row& first = rows.front();
    for (const auto& cell : first) {
        const std::string n = normalizedName(cell);
        if (!isNumber(cell) &&
            (roleForName(cell) != ColumnRole::Ignore || inList(kItemIdNames, n) ||
             inList(kTitleNames, n) || inList(kGenreNames, n)))
            return true;
    }
    // A text cell above a column of numbers or dates.
    for (std::size_t c = 0; c < first.size(); ++c) {
        if (first[c].empty() || isNumber(first[c]) || isDateTime(first[c]))
            continue;
        int typed = 0, other = 0;
        for (std::size_t r = 1; r < rows.size(); ++r) {
            if (c >= rows[r].size() || rows[r][c].empty())
                continue;
            (isNumber(rows[r][c]) || isDateTime(rows[r][c]) ? typed : other)++;
        }
        if (typed > 0 && typed >= 4 * other)
            return true;
    }
    return false;
}

RatingColumns guessRatingColumns(const Row& header, const std::vector<Row>& data) {
    RatingColumns cols;
    for (std::size_t c = 0; c < header.size(); ++c) {
        const int ci = int(c);
        switch (roleForName(header[c])) {
        case ColumnRole::User:
            cols.user = cols.user < 0 ? ci : cols.user;
            break;
        case ColumnRole::Item:
            cols.item = cols.item < 0 ? ci : cols.item;
            break;
        case ColumnRole::Rating:
            cols.rating = cols.rating < 0 ? ci : cols.rating;
            break;
        case ColumnRole::Timestamp:
            cols.timestamp = cols.timestamp < 0 ? ci : cols.timestamp;
            break;
        case ColumnRole::Ignore:
            break;
        }
    }
    const bool named = !header.empty() && cols.user >= 0 && cols.item >= 0;
    const auto st = columnStats(data);
    auto taken = [&](std::size_t c) {
        const int ci = int(c);
        return ci == cols.user || ci == cols.item || ci == cols.rating || ci == cols.timestamp;
    };
    // Timestamp: the last epoch-like or date column after the two id columns.
    if (cols.timestamp < 0) {
        for (std::size_t c = st.size(); c-- > 2;) {
            if (!taken(c) && st[c].timestampLike()) {
                cols.timestamp = int(c);
                break;
            }
        }
    }
    if (named) // with a header, a rating column must be named: other numbers may be counts
        return cols;
    // Rating: a small-range number after the id columns, a decimal one first.
    if (cols.rating < 0) {
        for (int pass = 0; pass < 2 && cols.rating < 0; ++pass) {
            for (std::size_t c = 2; c < st.size(); ++c) {
                if (!taken(c) && st[c].ratingLike() && (pass == 1 || st[c].anyFraction)) {
                    cols.rating = int(c);
                    break;
                }
            }
        }
    }
    // Ids: the first free columns holding no fractions.
    for (std::size_t c = 0; c < st.size() && (cols.user < 0 || cols.item < 0); ++c) {
        if (taken(c) || st[c].values == 0 || st[c].anyFraction)
            continue;
        (cols.user < 0 ? cols.user : cols.item) = int(c);
    }
    return cols;
}

ItemColumns guessItemColumnsFrom(const Row& header, const std::vector<Row>& data) {
    ItemColumns ic;
    for (std::size_t c = 0; c < header.size(); ++c) {
        const std::string n = normalizedName(header[c]);
        if (ic.id < 0 && inList(kItemIdNames, n))
            ic.id = int(c);
        else if (ic.title < 0 && inList(kTitleNames, n))
            ic.title = int(c);
        else if (ic.genres < 0 && inList(kGenreNames, n))
            ic.genres = int(c);
    }
    const auto st = columnStats(data);
    auto taken = [&](std::size_t c) {
        const int ci = int(c);
        return ci == ic.id || ci == ic.title || ci == ic.genres;
    };
    if (ic.id < 0) {
        for (std::size_t c = 0; c < st.size() && ic.id < 0; ++c)
            if (!taken(c) && st[c].integral())
                ic.id = int(c);
        if (ic.id < 0 && !st.empty() && !taken(0))
            ic.id = 0;
    }
    if (ic.genres < 0) {
        for (std::size_t c = 0; c < st.size() && ic.genres < 0; ++c)
            if (!taken(c) && st[c].text() && st[c].anyBar)
                ic.genres = int(c);
    }
    if (ic.title < 0) {
        double best = 0;
        for (std::size_t c = 0; c < st.size(); ++c) {
            if (!taken(c) && st[c].text() && st[c].meanLength > best) {
                best = st[c].meanLength;
                ic.title = int(c);
            }
        }
    }
    return ic;
}

} // namespace rs::sniff
