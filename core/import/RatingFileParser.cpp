#include "import/RatingFileParser.h"

#include "io/DelimitedReader.h"
#include "io/RatingFields.h"

#include <algorithm>

namespace rs {

void ParsedRatings::finish() {
    table.userIds = userMap.takeIds();
    table.itemIds = itemMap.takeIds();
}

namespace {

std::string fieldCountText(std::size_t expected, std::size_t found) {
    return "expected " + std::to_string(expected) + " fields, found " + std::to_string(found);
}

} // namespace

ParseStatus parseRatingsFile(const std::string& path, const CsvDialect& dialect,
                             const RatingColumns& cols, RejectCollector& rejects,
                             const Progress& progress, ParsedRatings& out, std::string& error) {
    if (!cols.valid()) {
        error = placeText(path, 0, "the user and item columns must be two different columns");
        return ParseStatus::Failed;
    }
    DelimitedReader reader;
    if (!reader.open(path, dialect)) {
        error = placeText(path, 0, reader.error());
        return ParseStatus::Failed;
    }
    const bool hasRating = cols.rating >= 0;
    const bool hasTime = cols.timestamp >= 0;
    // Reserve from the file size (MovieLens-like lines are ~25 bytes) to avoid growth copies.
    const auto estimate =
        static_cast<std::size_t>(std::max<std::int64_t>(reader.fileSize() / 24, 16));
    out.table.reserve(estimate, hasTime);

    const std::size_t needed =
        static_cast<std::size_t>(std::max({cols.user, cols.item, cols.rating, cols.timestamp})) + 1;
    std::size_t expectedFields = 0; // from the header or the first data row
    CsvRecord rec;
    std::string why;
    bool first = true;
    std::int64_t sinceReport = 0;
    while (reader.next(rec)) {
        ++out.linesRead;
        if (first) {
            first = false;
            expectedFields = std::max(rec.fields.size(), needed);
            if (dialect.hasHeader)
                continue;
        }
        if (++sinceReport == 65536) {
            sinceReport = 0;
            const double f = reader.fileSize() > 0
                                 ? double(reader.bytesRead()) / double(reader.fileSize())
                                 : 1.0;
            if (!progress(f, "reading ratings"))
                return ParseStatus::Cancelled;
        }
        auto reject = [&](std::string reason) {
            return rejects.add(path, rec.line, std::move(reason), rec.raw);
        };
        if (rec.fields.size() != expectedFields) {
            if (!reject(fieldCountText(expectedFields, rec.fields.size())))
                break;
            continue;
        }
        const auto userText = rec.fields[static_cast<std::size_t>(cols.user)];
        const auto itemText = rec.fields[static_cast<std::size_t>(cols.item)];
        if (!validId(userText, why)) {
            if (!reject("user id: " + why))
                break;
            continue;
        }
        if (!validId(itemText, why)) {
            if (!reject("item id: " + why))
                break;
            continue;
        }
        float value = 1.0f;
        if (hasRating) {
            auto v = parseRating(rec.fields[static_cast<std::size_t>(cols.rating)], why);
            if (!v) {
                if (!reject(why))
                    break;
                continue;
            }
            value = *v;
        }
        std::int64_t ts = 0;
        if (hasTime) {
            auto t = parseTimestamp(rec.fields[static_cast<std::size_t>(cols.timestamp)], why);
            if (!t) {
                if (!reject(why))
                    break;
                continue;
            }
            ts = *t;
        }
        out.table.users.push_back(out.userMap.intern(userText));
        out.table.items.push_back(out.itemMap.intern(itemText));
        out.table.values.push_back(value);
        if (hasTime)
            out.table.timestamps.push_back(ts);
    }
    out.encoding = reader.detectedEncoding();
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
