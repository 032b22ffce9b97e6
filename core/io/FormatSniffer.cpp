#include "io/FormatSniffer.h"

#include "io/ColumnGuess.h"
#include "io/DelimitedReader.h"
#include "io/Utf8Text.h"

#include <algorithm>
#include <array>
#include <map>

namespace rs {

namespace {

constexpr std::size_t kSniffBlock = std::size_t(256) << 10;
constexpr std::size_t kSniffMaxRecord = std::size_t(16) << 20;

/// The first records of a file read with one delimiter.
struct Attempt {
    std::string delimiter;
    std::vector<sniff::Row> rows;
    std::string error; ///< reader error hit before any row
    TextEncoding encoding = TextEncoding::Utf8;
    double consistency = 0; ///< share of rows with the most common field count
    std::size_t fields = 0; ///< the most common field count
    double typed = 0;       ///< share of cells that are numbers or dates
};

Attempt readHead(const std::string& path, const CsvDialect& d, std::size_t maxRecords) {
    Attempt a;
    a.delimiter = d.delimiter;
    DelimitedReader reader;
    reader.setBlockSize(kSniffBlock);
    reader.setMaxRecordBytes(kSniffMaxRecord);
    if (!reader.open(path, d)) {
        a.error = reader.error();
        return a;
    }
    CsvRecord rec;
    while (a.rows.size() < maxRecords && reader.next(rec))
        a.rows.emplace_back(rec.fields.begin(), rec.fields.end());
    if (a.rows.empty())
        a.error = reader.error();
    a.encoding = reader.detectedEncoding();
    std::map<std::size_t, int> counts;
    for (const auto& r : a.rows)
        ++counts[r.size()];
    int best = 0;
    for (const auto& [n, c] : counts) {
        if (c > best || (c == best && n > a.fields)) {
            best = c;
            a.fields = n;
        }
    }
    a.consistency = a.rows.empty() ? 0.0 : double(best) / double(a.rows.size());
    std::size_t cells = 0, typed = 0;
    for (const auto& r : a.rows) {
        for (const auto& c : r) {
            ++cells;
            typed += sniff::isNumber(c) || sniff::isDateTime(c) ? 1 : 0;
        }
    }
    a.typed = cells ? double(typed) / double(cells) : 0.0;
    return a;
}

/// Better = more consistent field counts, then more fields, then more cells that read as
/// numbers or dates ("1::Comedy|Drama" split on '|' gives none); only 2+ fields count.
bool better(const Attempt& x, const Attempt& y) {
    if ((x.fields >= 2) != (y.fields >= 2))
        return x.fields >= 2;
    if (x.consistency != y.consistency)
        return x.consistency > y.consistency;
    if (x.fields != y.fields)
        return x.fields > y.fields;
    return x.typed > y.typed;
}

bool anyNonAscii(const std::vector<sniff::Row>& rows) {
    for (const auto& r : rows)
        for (const auto& c : r)
            if (utf8::findNonAscii(c.data(), c.data() + c.size()) != c.data() + c.size())
                return true;
    return false;
}

} // namespace

const char* columnRoleName(ColumnRole r) {
    switch (r) {
    case ColumnRole::Ignore:
        return "ignore";
    case ColumnRole::User:
        return "user";
    case ColumnRole::Item:
        return "item";
    case ColumnRole::Rating:
        return "rating";
    case ColumnRole::Timestamp:
        return "timestamp";
    }
    return "ignore";
}

SniffResult sniffFile(const std::string& path, int maxRows, const CsvDialect* forced) {
    SniffResult res;
    const std::size_t wanted = std::size_t(std::max(maxRows, 1)) + 1; // + a header
    CsvDialect probe;
    if (forced) {
        probe.quote = forced->quote;
        probe.encoding = forced->encoding;
    }
    res.dialect = probe;

    // Readable, not empty, not binary?
    {
        DelimitedReader reader;
        reader.setBlockSize(kSniffBlock);
        reader.setMaxRecordBytes(kSniffMaxRecord);
        if (!reader.open(path, probe)) {
            res.error = reader.error();
            return res;
        }
        if (reader.fileSize() == 0) {
            res.error = "file is empty";
            return res;
        }
        if (reader.looksBinary()) {
            CsvRecord rec;
            while (reader.next(rec)) {
            }
            res.error = reader.error().empty() ? "file looks binary" : reader.error();
            return res;
        }
    }

    std::vector<std::string> candidates = {",", "\t", ";", "|", "::"};
    if (forced && !forced->delimiter.empty())
        candidates = {forced->delimiter};
    Attempt best;
    bool first = true;
    for (const auto& delim : candidates) {
        CsvDialect d = probe;
        d.delimiter = delim;
        Attempt a = readHead(path, d, wanted);
        if (first || better(a, best))
            best = std::move(a);
        first = false;
    }
    if (best.rows.empty()) {
        res.error = best.error.empty() ? "file is empty (only blank lines)" : best.error;
        return res;
    }
    res.dialect.delimiter = best.delimiter;
    if (probe.encoding == TextEncoding::Auto) {
        // Keep Auto for a pure-ASCII head: the reader then decides on the whole first block.
        if (best.encoding == TextEncoding::Latin1)
            res.dialect.encoding = TextEncoding::Latin1;
        else if (anyNonAscii(best.rows))
            res.dialect.encoding = TextEncoding::Utf8;
    }

    res.dialect.hasHeader = sniff::looksLikeHeader(best.rows);
    const std::size_t width = std::max(best.fields, best.rows.front().size());
    if (res.dialect.hasHeader) {
        res.header = best.rows.front();
        best.rows.erase(best.rows.begin());
        if (best.rows.empty()) {
            res.error = "file has a header but no data rows";
            return res;
        }
    }
    for (std::size_t c = 0; c < width; ++c) {
        if (c >= res.header.size())
            res.header.push_back("column " + std::to_string(c + 1));
        else if (res.header[c].empty())
            res.header[c] = "column " + std::to_string(c + 1);
    }
    if (best.rows.size() > std::size_t(std::max(maxRows, 1)))
        best.rows.resize(std::size_t(std::max(maxRows, 1)));
    res.rows = std::move(best.rows);
    res.columns =
        sniff::guessRatingColumns(res.dialect.hasHeader ? res.header : sniff::Row{}, res.rows);
    return res;
}

ItemColumns guessItemColumns(const SniffResult& s) {
    return sniff::guessItemColumnsFrom(s.dialect.hasHeader ? s.header : sniff::Row{}, s.rows);
}

} // namespace rs
