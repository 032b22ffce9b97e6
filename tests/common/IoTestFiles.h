#pragma once
#include "io/CsvDialect.h"
#include "io/DelimitedReader.h"

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <string>
#include <vector>

namespace rs::test {

/// Everything a DelimitedReader produced for one file, copied out of its views.
struct ReadBack {
    bool opened = false;
    std::vector<std::vector<std::string>> records;
    std::vector<std::int64_t> lines; ///< start line of each record
    std::vector<std::string> raws;
    std::string error;
    std::int64_t errorLine = 0;
    TextEncoding encoding = TextEncoding::Auto;
    bool binary = false;
    std::int64_t bytesRead = 0;
    std::int64_t fileSize = 0;
};

/// Reads every record of `path` with `delimiter` (and otherwise default dialect settings,
/// encoding `enc`), using blocks of `blockSize` bytes (0 = the reader's default).
ReadBack readAll(const QString& path, const std::string& delimiter = ",", std::size_t blockSize = 0,
                 TextEncoding enc = TextEncoding::Auto);

/// `s` as a std::string (UTF-8).
std::string u8(const QString& s);

} // namespace rs::test
