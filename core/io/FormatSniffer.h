#pragma once
#include "io/CsvDialect.h"
#include <string>
#include <vector>

namespace rs {

/// What a column of a ratings file holds.
enum class ColumnRole { Ignore, User, Item, Rating, Timestamp };
const char* columnRoleName(ColumnRole r);

/// Column mapping of a ratings file. -1 means "absent"; no rating column means implicit data
/// (every interaction counts as 1.0).
struct RatingColumns {
    int user = -1;
    int item = -1;
    int rating = -1;
    int timestamp = -1;
    bool valid() const { return user >= 0 && item >= 0 && user != item; }
};

/// The result of looking at the head of a file: its dialect, header, the first rows as parsed
/// and a guess of the column roles. `error` is set (and the rest may be empty) when the file is
/// empty, binary or unreadable.
struct SniffResult {
    CsvDialect dialect;
    std::vector<std::string> header;            ///< column names (generated if no header)
    std::vector<std::vector<std::string>> rows; ///< first data rows, as parsed
    RatingColumns columns;                      ///< guessed roles
    std::string error;
};

/// Detects delimiter (`,` `;` tab `|` `::`), header presence, encoding and column roles from the
/// first `maxRows` records. `forced` fields that are set override detection (delimiter non-empty,
/// encoding not Auto; its quote character is always used); pass a CsvDialect whose delimiter was
/// cleared to detect everything (the default one says ","). Header presence is always detected.
///
/// Delimiter: the candidate splitting the rows into 2+ fields with the most consistent count
/// (ties: more fields, then more cells that read as numbers or dates). Encoding: Latin1 or Utf8
/// when the head holds non-ASCII text, Auto for a pure-ASCII head (the reader decides later).
/// Errors: "file is empty", "file is empty (only blank lines)", "file has a header but no data
/// rows", "file looks binary (NUL byte at line N)", or the reader's open error.
SniffResult sniffFile(const std::string& path, int maxRows = 50,
                      const CsvDialect* forced = nullptr);

/// Same, for item metadata files: guesses id, title and genres columns.
struct ItemColumns {
    int id = -1;
    int title = -1;
    int genres = -1;
};
ItemColumns guessItemColumns(const SniffResult& s);

} // namespace rs
