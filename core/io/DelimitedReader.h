#pragma once
#include "io/CsvDialect.h"
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rs {

/// One parsed record. Field views stay valid until the next call to DelimitedReader::next().
/// Field text is UTF-8 (Latin-1 input is converted); a leading UTF-8 BOM is never part of a field.
struct CsvRecord {
    std::vector<std::string_view> fields;
    std::int64_t line = 0; ///< 1-based physical line where the record starts
    std::string_view raw;  ///< the record's text (UTF-8) for reject reports, may be truncated
};

/// Streaming reader for delimited text: quotes with embedded delimiters, doubled quotes and
/// newlines; LF, CRLF and CR-only line endings; UTF-8 with or without BOM, Latin-1 fallback.
/// Reads in large blocks; memory does not grow with the file size (only with the longest record).
///
/// Unquoted fields are trimmed of spaces (and tabs, unless tab is the delimiter); quoted fields
/// keep their text exactly, including CR/LF. A quote only opens a quoted field at the start of
/// a field; text after a closing quote is appended to the field. Encoding Auto decides from the
/// first block (UTF-8 unless it holds an invalid sequence, then Latin-1). A later record that is
/// not valid UTF-8 is converted as Latin-1, so field views are always valid UTF-8; if no valid
/// multi-byte UTF-8 was seen before it, the rest of the file is taken as Latin-1.
class DelimitedReader {
public:
    static constexpr std::size_t kDefaultBlockSize = std::size_t(4) << 20;
    static constexpr std::size_t kDefaultMaxRecordBytes = std::size_t(64) << 20;

    DelimitedReader();
    ~DelimitedReader();
    DelimitedReader(const DelimitedReader&) = delete;
    DelimitedReader& operator=(const DelimitedReader&) = delete;

    /// Opens `path`. Returns false and sets error() when the file cannot be read.
    bool open(const std::string& path, const CsvDialect& dialect);
    /// Size of each read (default 4 MiB); set before open(). Small values are for tests.
    void setBlockSize(std::size_t bytes);
    /// Longest record accepted (default 64 MiB): a longer one, usually a runaway quote, is a
    /// fatal error instead of an unbounded buffer. Set before open().
    void setMaxRecordBytes(std::size_t bytes);
    /// Reads the next record (the header too, if any: the caller decides what to do with it).
    /// Returns false at end of file or on a fatal error (see error()). Blank lines are skipped.
    /// Fatal errors: "file looks binary (NUL byte at line N)", "unterminated quote: the record
    /// starting at line N has no closing quote", a record longer than setMaxRecordBytes(), a
    /// read error.
    bool next(CsvRecord& out);

    const std::string& error() const; ///< fatal error text, with line number; empty if none
    std::int64_t errorLine() const;   ///< line the fatal error names, 0 if none
    std::int64_t bytesRead() const;   ///< bytes of the file consumed so far
    std::int64_t fileSize() const;
    TextEncoding detectedEncoding() const; ///< Utf8 or Latin1 once known
    bool looksBinary() const;              ///< NUL bytes or mostly control characters were seen

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace rs
