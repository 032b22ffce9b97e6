#include "import/ItemMetadataParser.h"

#include "io/DelimitedReader.h"
#include "io/RatingFields.h"
#include "util/JsonWriter.h"

namespace rs {

ParseStatus parseItemMetadataFile(const std::string& path, const CsvDialect& dialect,
                                  const ItemColumns& cols, const ItemLookup& itemIndex,
                                  std::size_t n, RejectCollector& rejects, const Progress& progress,
                                  ParsedItemMetadata& out, std::string& error) {
    if (cols.id < 0) {
        error = placeText(path, 0, "no item id column chosen in the item metadata file");
        return ParseStatus::Failed;
    }
    DelimitedReader reader;
    if (!reader.open(path, dialect)) {
        error = placeText(path, 0, reader.error());
        return ParseStatus::Failed;
    }
    out.metadata.titles.assign(n, {});
    out.metadata.genres.assign(n, {});
    out.metadata.extra.assign(n, {});
    std::vector<std::size_t> extraIdx;
    std::size_t expected = 0;
    bool first = true;
    CsvRecord rec;
    std::string why;
    std::int64_t sinceReport = 0;
    while (reader.next(rec)) {
        if (first) {
            first = false;
            expected = rec.fields.size();
            for (std::size_t c = 0; c < expected; ++c) {
                if (int(c) == cols.id || int(c) == cols.title || int(c) == cols.genres)
                    continue;
                extraIdx.push_back(c);
                out.extraColumns.push_back(dialect.hasHeader ? std::string(rec.fields[c])
                                                             : "column " + std::to_string(c + 1));
            }
            if (dialect.hasHeader)
                continue;
        }
        if (++sinceReport == 16384) {
            sinceReport = 0;
            if (!progress(double(reader.bytesRead()) /
                              double(std::max<std::int64_t>(1, reader.fileSize())),
                          "reading item metadata"))
                return ParseStatus::Cancelled;
        }
        if (rec.fields.size() != expected) {
            if (!rejects.add(path, rec.line,
                             "expected " + std::to_string(expected) + " fields, found " +
                                 std::to_string(rec.fields.size()),
                             rec.raw))
                break;
            continue;
        }
        const auto id = rec.fields[std::size_t(cols.id)];
        if (!validId(id, why)) {
            if (!rejects.add(path, rec.line, "item id: " + why, rec.raw))
                break;
            continue;
        }
        const auto idx = itemIndex(id);
        if (idx < 0) {
            ++out.unmatched;
            continue;
        }
        ++out.matched;
        const auto i = std::size_t(idx);
        if (cols.title >= 0)
            out.metadata.titles[i] = rec.fields[std::size_t(cols.title)];
        if (cols.genres >= 0)
            out.metadata.genres[i] = rec.fields[std::size_t(cols.genres)];
        if (!extraIdx.empty()) {
            JsonWriter w;
            w.beginObject();
            for (std::size_t k = 0; k < extraIdx.size(); ++k)
                w.key(out.extraColumns[k]).value(rec.fields[extraIdx[k]]);
            w.endObject();
            out.metadata.extra[i] = w.str();
        }
    }
    if (rejects.stopped()) {
        error = rejects.firstError() + " (strict import: nothing was written)";
        return ParseStatus::Failed;
    }
    if (!reader.error().empty()) {
        error = placeText(path, 0, reader.error());
        return ParseStatus::Failed;
    }
    return ParseStatus::Ok;
}

} // namespace rs
