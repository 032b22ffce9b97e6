// libFuzzer target: the delimited-file reader (core/io) on arbitrary bytes.
//
// The input is written to a temporary file (the reader streams from a path), then:
//  1. sniffFile() guesses its dialect; every record is read with the sniffed dialect;
//  2. every record is read with fixed dialects (comma, tab, semicolon, pipe, "::", space, no
//     quoting, forced UTF-8 / Latin-1) in one block;
//  3. for dialects with a fixed encoding the file is read again with tiny blocks (4..64 bytes, so
//     records, CRLF pairs, quotes and "::" are cut by block ends): the records must be the same;
//  4. every field must be valid UTF-8 (the reader promises it), the record's line numbers must
//     grow, and the rating field parsers run on each field;
//  5. with the sniffed dialect and guessed columns, parseRatingsFile() imports the file leniently.
// Any broken promise aborts (a crash for libFuzzer), as do ASan/UBSan reports.
#include "import/RatingFileParser.h"
#include "import/RejectCollector.h"
#include "io/DelimitedReader.h"
#include "io/FormatSniffer.h"
#include "io/RatingFields.h"
#include "io/Utf8Text.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

[[noreturn]] void failCheck(const char* what, const std::string& detail = {}) {
    std::fprintf(stderr, "fuzz_delimited_reader: %s %s\n", what, detail.c_str());
    std::abort();
}

/// Removes the temporary file at exit.
struct TempFileCleanup {
    std::string path;
    ~TempFileCleanup() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

const std::string& tempPath() {
    static const std::string path =
        (std::filesystem::temp_directory_path() /
         ("recscope-fuzz-reader-" + std::to_string(::getpid()) + ".csv"))
            .string();
    static const TempFileCleanup cleanup{path}; // destroyed before `path`
    return path;
}

/// Larger than any input the fuzzer makes: the whole file is one block.
constexpr std::size_t kWholeBlock = std::size_t(1) << 16;

struct Record {
    std::vector<std::string> fields;
    std::int64_t line = 0;
    bool operator==(const Record&) const = default;
};

struct ReadResult {
    std::vector<Record> records;
    std::string error;
};

void checkUtf8(std::string_view s, const char* what) {
    if (rs::utf8::check(s.data(), s.size()) == rs::utf8::Check::Invalid)
        failCheck("invalid UTF-8 in", what);
}

ReadResult readAll(const std::string& path, const rs::CsvDialect& d, std::size_t blockSize,
                   bool parseFields) {
    ReadResult res;
    rs::DelimitedReader reader;
    reader.setBlockSize(blockSize);
    reader.setMaxRecordBytes(std::size_t(1) << 20);
    if (!reader.open(path, d)) {
        res.error = reader.error();
        if (res.error.empty())
            failCheck("open failed without an error");
        return res;
    }
    rs::CsvRecord rec;
    std::int64_t lastLine = 0;
    std::string why;
    while (reader.next(rec)) {
        if (rec.line <= lastLine)
            failCheck("record line numbers do not grow",
                      std::to_string(lastLine) + " -> " + std::to_string(rec.line));
        lastLine = rec.line;
        checkUtf8(rec.raw, "raw");
        Record r;
        r.line = rec.line;
        for (const auto f : rec.fields) {
            checkUtf8(f, "field");
            r.fields.emplace_back(f);
            if (parseFields) {
                if (auto v = rs::parseRating(f, why); v && !std::isfinite(*v))
                    failCheck("parseRating returned a non-finite value");
                (void)rs::parseTimestamp(f, why);
                (void)rs::validId(f, why);
            }
        }
        res.records.push_back(std::move(r));
        if (res.records.size() > 100000)
            break;
    }
    res.error = reader.error();
    if (reader.bytesRead() > reader.fileSize() && reader.fileSize() > 0)
        failCheck("bytesRead beyond the file size");
    return res;
}

rs::CsvDialect dialect(const char* delim, char quote, rs::TextEncoding enc) {
    rs::CsvDialect d;
    d.delimiter = delim;
    d.quote = quote;
    d.encoding = enc;
    return d;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& path = tempPath();
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        if (!f)
            failCheck("cannot write", path);
        if (size && std::fwrite(data, 1, size, f) != size)
            failCheck("short write", path);
        std::fclose(f);
    }

    // 1. Sniff, then read with the sniffed dialect.
    const rs::SniffResult sniff = rs::sniffFile(path, 20);
    if (sniff.error.empty()) {
        (void)rs::guessItemColumns(sniff);
        readAll(path, sniff.dialect, kWholeBlock, true);
        if (sniff.columns.valid()) {
            rs::RejectCollector rejects(false, 5);
            rs::ParsedRatings parsed;
            std::string error;
            rs::parseRatingsFile(path, sniff.dialect, sniff.columns, rejects, rs::Progress{},
                                 parsed, error);
            parsed.finish();
            if (parsed.table.users.size() != parsed.table.items.size() ||
                parsed.table.users.size() != parsed.table.values.size())
                failCheck("parsed rating columns differ in length");
        }
    }

    // 2./3. Fixed dialects; block-size independence where the encoding is fixed.
    using E = rs::TextEncoding;
    const rs::CsvDialect fixed[] = {
        dialect(",", '"', E::Auto),    dialect("\t", '"', E::Utf8), dialect(";", '"', E::Latin1),
        dialect("|", '"', E::Utf8),    dialect("::", '"', E::Auto), dialect("::", '"', E::Utf8),
        dialect(",", '\0', E::Latin1), dialect(" ", '\'', E::Utf8),
    };
    const std::size_t tiny = 4 + (size ? data[size / 2] % 61 : 0);
    for (const auto& d : fixed) {
        const ReadResult whole = readAll(path, d, kWholeBlock, false);
        if (d.encoding == E::Auto)
            continue;
        const ReadResult cut = readAll(path, d, tiny, false);
        const std::size_t common = std::min(whole.records.size(), cut.records.size());
        for (std::size_t k = 0; k < common; ++k)
            if (!(whole.records[k] == cut.records[k]))
                failCheck("records differ with block size", std::to_string(tiny) + " at record " +
                                                                std::to_string(k) + " delimiter '" +
                                                                d.delimiter + "'");
        // A record longer than the tiny block is fine: the buffer grows. Only a fatal error may
        // end one reading earlier than the other (NUL or mostly-control heads are decided on
        // the first block).
        if (whole.error.empty() && cut.error.empty() &&
            whole.records.size() != cut.records.size())
            failCheck("record counts differ with block size", std::to_string(tiny));
    }
    return 0;
}
