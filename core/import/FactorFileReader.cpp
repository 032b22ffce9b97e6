#include "import/FactorFileReader.h"

#include "io/DelimitedReader.h"
#include "io/FormatSniffer.h"
#include "io/RatingFields.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace rs {

namespace {

/// One record cut into an id and its value cells (text views into the record or `scratch`).
struct Cells {
    std::string_view id;
    std::vector<std::string_view> values;
    bool bracketed = false;  ///< a value field was a bracketed array
    bool multiValue = false; ///< a field held several space/comma-separated values
};

bool isSeparator(char c) {
    return c == ' ' || c == '\t' || c == ',' || c == ';';
}

/// Appends the values of one field: brackets at its edges are dropped and the rest is split on
/// spaces, tabs, commas and semicolons. An empty field is kept as one empty value (an error).
void splitField(std::string_view field, Cells& cells) {
    std::size_t b = 0, e = field.size();
    while (b < e && (field[b] == ' ' || field[b] == '['))
        cells.bracketed |= field[b++] == '[';
    while (e > b && (field[e - 1] == ' ' || field[e - 1] == ']'))
        cells.bracketed |= field[--e] == ']';
    field = field.substr(b, e - b);
    if (field.empty()) {
        cells.values.push_back(field);
        return;
    }
    std::size_t count = 0;
    for (std::size_t i = 0; i < field.size();) {
        while (i < field.size() && isSeparator(field[i]))
            ++i;
        const std::size_t start = i;
        while (i < field.size() && !isSeparator(field[i]))
            ++i;
        if (i > start) {
            cells.values.push_back(field.substr(start, i - start));
            ++count;
        }
    }
    cells.multiValue |= count > 1;
}

/// `spaceSeparated`: the file has no field delimiter, the record is one field of
/// whitespace-separated id and values.
Cells cellsOf(const CsvRecord& rec, bool spaceSeparated) {
    Cells cells;
    if (rec.fields.empty())
        return cells;
    if (spaceSeparated) {
        std::string_view line = rec.fields[0];
        const std::size_t idEnd = line.find_first_of(" \t");
        cells.id = line.substr(0, idEnd);
        if (idEnd != std::string_view::npos)
            splitField(line.substr(idEnd + 1), cells);
        for (std::size_t f = 1; f < rec.fields.size(); ++f)
            splitField(rec.fields[f], cells);
        cells.multiValue = true;
        return cells;
    }
    cells.id = rec.fields[0];
    for (std::size_t f = 1; f < rec.fields.size(); ++f)
        splitField(rec.fields[f], cells);
    return cells;
}

/// A finite float, or nullopt with `why`.
std::optional<float> parseValue(std::string_view text, std::string& why) {
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec == std::errc::invalid_argument || end != text.data() + text.size()) {
        why = "is not a number";
        return std::nullopt;
    }
    if (ec == std::errc::result_out_of_range || !std::isfinite(v) ||
        std::abs(v) > double(std::numeric_limits<float>::max())) {
        why = "is not a finite single-precision number";
        return std::nullopt;
    }
    return float(v);
}

bool allNumbers(const std::vector<std::string_view>& values) {
    std::string why;
    for (auto v : values)
        if (!parseValue(v, why))
            return false;
    return !values.empty();
}

bool isBiasName(std::string_view name) {
    if (name.size() != 4)
        return false;
    for (std::size_t i = 0; i < 4; ++i)
        if (char(std::tolower(static_cast<unsigned char>(name[i]))) != "bias"[i])
            return false;
    return true;
}

std::string fileNameOf(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

bool readFactorFile(const std::string& path, const FactorFileOptions& options, FactorFile& out,
                    std::string& error, const Progress& progress) {
    out = FactorFile{};
    out.path = path;
    out.fileName = fileNameOf(path);
    auto fail = [&](std::int64_t line, const std::string& what) {
        error = out.fileName;
        if (line > 0)
            error.append(":").append(std::to_string(line));
        error.append(": ").append(what);
        return false;
    };

    const SniffResult sniff = sniffFile(path, 50);
    if (!sniff.error.empty())
        return fail(0, sniff.error);
    // A single column under every delimiter: the values are separated by spaces.
    const bool spaceSeparated = sniff.header.size() < 2;
    CsvDialect dialect = sniff.dialect;
    dialect.hasHeader = false; // decided below from the first record
    out.delimiter = spaceSeparated ? " " : dialect.delimiter;

    DelimitedReader reader;
    if (!reader.open(path, dialect))
        return fail(0, reader.error());

    std::unordered_map<std::string, std::int64_t> seen;
    std::size_t expectedValues = 0; // values per data row, set by the first one
    std::size_t headerValues = 0;   // value names in the header, when it names more than one
    int biasAt = -1;                // position of the bias among a row's values
    bool first = true;
    CsvRecord rec;
    std::string why;
    while (reader.next(rec)) {
        const Cells cells = cellsOf(rec, spaceSeparated);
        if (first) {
            first = false;
            if (!allNumbers(cells.values)) {
                out.hasHeader = true;
                for (std::size_t c = 0; c < cells.values.size(); ++c)
                    if (isBiasName(cells.values[c]))
                        biasAt = int(c);
                headerValues = cells.values.size() > 1 || biasAt >= 0 ? cells.values.size() : 0;
                continue;
            }
            if (options.firstValueIsBias)
                biasAt = 0;
        }
        if (expectedValues == 0) {
            expectedValues = cells.values.size();
            if (headerValues > 0 && headerValues != expectedValues)
                return fail(rec.line, "the header names " + std::to_string(headerValues) +
                                          " value columns but this row has " +
                                          std::to_string(expectedValues) + " values");
            out.hasBias = biasAt >= 0;
            out.k = int(expectedValues) - (out.hasBias ? 1 : 0);
            if (out.k < 1)
                return fail(rec.line, "no factor values after the id" +
                                          std::string(out.hasBias ? " and the bias" : ""));
            out.layout = cells.bracketed                      ? "array"
                         : spaceSeparated || cells.multiValue ? "space-separated"
                                                              : "columns";
        } else if (cells.values.size() != expectedValues) {
            return fail(rec.line, "expected " + std::to_string(expectedValues) +
                                      " values after the id (as on line " +
                                      std::to_string(out.lines.front()) + "), got " +
                                      std::to_string(cells.values.size()));
        }
        if (!validId(cells.id, why))
            return fail(rec.line, "bad id: " + why);
        std::string id(cells.id);
        const auto [it, inserted] = seen.emplace(id, rec.line);
        if (!inserted)
            return fail(rec.line, "duplicate id '" + id + "' (first on line " +
                                      std::to_string(it->second) + ")");
        for (std::size_t c = 0; c < cells.values.size(); ++c) {
            const auto v = parseValue(cells.values[c], why);
            if (!v)
                return fail(rec.line, "value " + std::to_string(c + 1) + " ('" +
                                          std::string(cells.values[c]) + "') " + why);
            (int(c) == biasAt ? out.bias : out.factors).push_back(*v);
        }
        out.ids.push_back(std::move(id));
        out.lines.push_back(rec.line);
        if (out.ids.size() % 4096 == 0 && reader.fileSize() > 0 &&
            !progress(double(reader.bytesRead()) / double(reader.fileSize()), "reading factors"))
            return fail(0, "cancelled");
    }
    if (!reader.error().empty())
        return fail(0, reader.error());
    if (out.ids.empty())
        return fail(0, out.hasHeader ? "the file has a header but no data rows"
                                     : "the file has no data rows");
    return true;
}

} // namespace rs
