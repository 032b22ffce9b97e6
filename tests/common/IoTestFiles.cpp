#include "IoTestFiles.h"

namespace rs::test {

ReadBack readAll(const QString& path, const std::string& delimiter, std::size_t blockSize,
                 TextEncoding enc) {
    ReadBack rb;
    DelimitedReader reader;
    if (blockSize > 0)
        reader.setBlockSize(blockSize);
    CsvDialect d;
    d.delimiter = delimiter;
    d.encoding = enc;
    rb.opened = reader.open(path.toStdString(), d);
    rb.fileSize = reader.fileSize();
    rb.binary = reader.looksBinary();
    CsvRecord rec;
    while (rb.opened && reader.next(rec)) {
        rb.records.emplace_back(rec.fields.begin(), rec.fields.end());
        rb.lines.push_back(rec.line);
        rb.raws.emplace_back(rec.raw);
    }
    rb.error = reader.error();
    rb.errorLine = reader.errorLine();
    rb.encoding = reader.detectedEncoding();
    rb.binary = reader.looksBinary();
    rb.bytesRead = reader.bytesRead();
    return rb;
}

std::string u8(const QString& s) {
    return s.toStdString();
}

} // namespace rs::test
