#pragma once
#include "util/Progress.h"
#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// How to read a factor file; everything else is detected.
struct FactorFileOptions {
    /// For files without a header: the first value after the id is the row's bias. (With a
    /// header, a column named "bias" is the bias wherever it is, and this flag is ignored.)
    bool firstValueIsBias = false;
};

/// One side's factors as read from a file: row r is ids[r] with values
/// factors[r * k .. r * k + k) and, when hasBias, bias[r].
struct FactorFile {
    std::string path;
    std::string fileName; ///< the path's last component, as errors name the file
    int k = 0;
    bool hasBias = false;
    bool hasHeader = false;
    std::string layout;    ///< "columns", "array" (bracketed list) or "space" (separated values)
    std::string delimiter; ///< the sniffed field delimiter ("," "\t" ...), " " for "space"
    std::vector<std::string> ids;
    std::vector<std::int64_t> lines; ///< the 1-based line each row starts on
    std::vector<float> factors;      ///< rows x k, row-major
    std::vector<float> bias;         ///< one per row when hasBias

    std::size_t rows() const { return ids.size(); }
};

/// Reads a file of latent factors, one row per user or item:
///   id, f1, ..., fk            columns (comma, tab, semicolon, pipe or "::", sniffed)
///   id, bias, f1, ..., fk      with a header naming the "bias" column, or firstValueIsBias
///   id,"[f1, f2, ..., fk]"     Spark ALS's export: the features as one bracketed array (quoted
///                              or not)
///   id<TAB>f1 f2 ... fk        one id column and one column of space-separated values
///   id f1 f2 ... fk            space-separated (no other delimiter found)
/// Quotes, a UTF-8 BOM and LF, CRLF or CR line endings are handled by DelimitedReader. The
/// first record is a header when one of its values is not a number. Every row must have the
/// same number of values (the first data row sets k).
///
/// Returns false with `error` at the first problem, naming the file and line ("items.csv:7:
/// ..."): a wrong number of values, an empty, non-numeric, NaN or infinite value, an empty or
/// duplicate id (with the line of the first), a file without data rows, or an unreadable file.
bool readFactorFile(const std::string& path, const FactorFileOptions& options, FactorFile& out,
                    std::string& error, const Progress& progress = {});

} // namespace rs
