#pragma once
#include <string>

namespace rs {

enum class TextEncoding { Auto, Utf8, Latin1 };

/// How a delimited text file is laid out.
struct CsvDialect {
    std::string delimiter = ","; ///< "," ";" "\t" "|" or the two-character "::"
    char quote = '"';            ///< '\0' disables quoting
    bool hasHeader = true;
    TextEncoding encoding = TextEncoding::Auto; ///< Auto: UTF-8 unless invalid, then Latin-1
};

const char* encodingName(TextEncoding e);

} // namespace rs
