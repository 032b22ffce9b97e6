#include "import/ImportJob.h"

#include "data/RatingOrder.h"
#include "import/ItemMetadataParser.h"
#include "import/RatingFileParser.h"
#include "io/RatingFields.h"
#include "store/DatasetWriter.h"
#include "store/SplitStore.h"
#include "util/JsonWriter.h"

#include <chrono>
#include <optional>
#include <unordered_set>

namespace rs {

namespace {

/// Maps a sub-step's 0..1 progress onto [from, to] of the whole job.
Progress subRange(const Progress& p, double from, double to) {
    return Progress{[&p, from, to](double f, std::string_view stage) {
        return p(from + (to - from) * f, stage);
    }};
}

/// Fills in what the caller left for detection. Returns an error text or "".
std::string resolveDialect(const std::string& path, bool detect, CsvDialect& dialect,
                           const CsvDialect& given) {
    if (!detect) {
        dialect = given;
        return {};
    }
    SniffResult s = sniffFile(path, 50, &given);
    if (!s.error.empty())
        return placeText(path, 0, s.error);
    dialect = s.dialect;
    return {};
}

std::string optionsJson(const ImportOptions& o, const CsvDialect& d, const RatingColumns& c,
                        const CsvDialect& itemDialect, const ItemColumns& ic) {
    JsonWriter w;
    w.beginObject();
    w.key("delimiter").value(d.delimiter).key("header").value(d.hasHeader);
    w.key("encoding").value(encodingName(d.encoding));
    w.key("columns").beginObject();
    w.key("user").value(c.user).key("item").value(c.item).key("rating").value(c.rating);
    w.key("timestamp").value(c.timestamp).endObject();
    w.key("strict").value(o.strict).key("duplicates").value(duplicatePolicyName(o.duplicates));
    if (!o.itemsPath.empty()) {
        w.key("items_file").value(o.itemsPath);
        w.key("items_delimiter").value(itemDialect.delimiter);
        w.key("item_columns").beginObject();
        w.key("id").value(ic.id).key("title").value(ic.title).key("genres").value(ic.genres);
        w.endObject();
    }
    w.endObject();
    return w.str();
}

} // namespace

ImportResult importRatings(Workspace& ws, const ImportOptions& o, const Progress& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    ImportResult res;
    auto failed = [&](std::string msg) {
        res.status = ImportStatus::Failed;
        res.error = std::move(msg);
        return res;
    };
    auto cancelled = [&] {
        res.status = ImportStatus::Cancelled;
        res.error = "import cancelled; the workspace is unchanged";
        return res;
    };
    std::string error;
    // The result to return when a parse step did not succeed.
    auto stopOn = [&](ParseStatus st) -> std::optional<ImportResult> {
        if (st == ParseStatus::Cancelled)
            return cancelled();
        if (st == ParseStatus::Failed)
            return failed(error);
        return std::nullopt;
    };
    if (o.datasetName.empty())
        return failed("the dataset needs a name");
    DatasetStore store(ws);
    if (store.find(o.datasetName))
        return failed("a dataset named '" + o.datasetName + "' already exists in this workspace");
    if (o.ratingsPath.empty())
        return failed("no ratings file given");

    CsvDialect dialect;
    if (auto err = resolveDialect(o.ratingsPath, o.detectDialect, dialect, o.dialect); !err.empty())
        return failed(err);
    RatingColumns cols = o.columns;
    if (cols.user < 0 && cols.item < 0 && cols.rating < 0 && cols.timestamp < 0) {
        SniffResult s = sniffFile(o.ratingsPath, 50, &dialect);
        if (!s.error.empty())
            return failed(placeText(o.ratingsPath, 0, s.error));
        cols = s.columns;
    }
    if (!cols.valid())
        return failed(placeText(o.ratingsPath, 0,
                                "could not tell which columns hold the user and item ids; "
                                "choose the column roles explicitly"));

    RejectCollector rejects(o.strict, o.maxRejectsKept);
    ParsedRatings parsed;
    if (auto stop = stopOn(parseRatingsFile(
            o.ratingsPath, dialect, cols, rejects,
            subRange(progress, 0.0, o.testRatingsPath.empty() ? 0.45 : 0.35), parsed, error)))
        return *stop;
    const std::size_t trainCount = parsed.table.size();
    if (!o.testRatingsPath.empty()) {
        CsvDialect testDialect;
        if (auto err = resolveDialect(o.testRatingsPath, o.detectDialect, testDialect, o.dialect);
            !err.empty())
            return failed(err);
        if (auto stop = stopOn(parseRatingsFile(o.testRatingsPath, testDialect, cols, rejects,
                                                subRange(progress, 0.35, 0.45), parsed, error)))
            return *stop;
    }
    res.linesRead = parsed.linesRead;
    res.encoding = parsed.encoding;
    if (parsed.table.size() == 0) {
        std::string msg = placeText(o.ratingsPath, 0, "no valid rating rows");
        if (rejects.count() > 0)
            msg += " (" + std::to_string(rejects.count()) +
                   " rejected; first: " + rejects.firstError() + ")";
        return failed(msg);
    }
    if (!progress(0.45, "sorting ratings"))
        return cancelled();

    parsed.finish();
    RatingTable& table = parsed.table;
    std::vector<std::uint32_t> itemOldToNew;
    renumberByNaturalIdOrder(table, &itemOldToNew);
    // Rows of the test file, identified by (user, item) so they can be found after sorting.
    std::unordered_set<std::uint64_t> testKeys;
    for (std::size_t r = trainCount; r < table.size(); ++r)
        testKeys.insert((std::uint64_t(table.users[r]) << 32) | table.items[r]);

    ParsedItemMetadata meta;
    CsvDialect itemDialect;
    ItemColumns itemCols = o.itemColumns;
    if (!o.itemsPath.empty()) {
        if (auto err =
                resolveDialect(o.itemsPath, o.detectItemsDialect, itemDialect, o.itemsDialect);
            !err.empty())
            return failed(err);
        if (itemCols.id < 0) {
            SniffResult s = sniffFile(o.itemsPath, 50, &itemDialect);
            if (!s.error.empty())
                return failed(placeText(o.itemsPath, 0, s.error));
            itemCols = guessItemColumns(s);
        }
        const ItemLookup lookup = [&](std::string_view id) -> std::int64_t {
            const auto old = parsed.itemMap.find(id);
            return old < 0 ? -1 : std::int64_t(itemOldToNew[std::size_t(old)]);
        };
        if (auto stop = stopOn(parseItemMetadataFile(o.itemsPath, itemDialect, itemCols, lookup,
                                                     table.itemIds.size(), rejects,
                                                     subRange(progress, 0.45, 0.5), meta, error)))
            return *stop;
        res.itemsWithMetadata = meta.matched;
        res.metadataUnmatched = meta.unmatched;
    }

    const DuplicateReport dups = sortByUserItem(table, o.duplicates);
    res.duplicates = dups.removed;
    for (const auto& [u, i] : dups.examples)
        res.duplicateExamples.emplace_back(table.userIds[u], table.itemIds[i]);
    std::vector<std::uint32_t> testRows;
    if (!o.testRatingsPath.empty()) {
        for (std::size_t r = 0; r < table.size(); ++r)
            if (testKeys.count((std::uint64_t(table.users[r]) << 32) | table.items[r]))
                testRows.push_back(std::uint32_t(r));
        res.testRatings = std::int64_t(testRows.size());
    }
    const RatingScale scale = detectScale(table.values.data(), table.values.size());
    if (!progress(0.5, "writing workspace"))
        return cancelled();

    NewDataset nd;
    nd.info.name = o.datasetName;
    nd.info.source = o.ratingsPath + (o.itemsPath.empty() ? "" : ";" + o.itemsPath);
    nd.info.ratingMin = scale.min;
    nd.info.ratingMax = scale.max;
    nd.info.ratingStep = scale.step;
    nd.info.implicit = scale.implicit || cols.rating < 0;
    nd.info.hasItemMetadata = !o.itemsPath.empty();
    nd.info.extraItemColumns = meta.extraColumns;
    nd.info.duplicates = res.duplicates;
    nd.info.rejected = rejects.count();
    nd.info.options = optionsJson(o, dialect, cols, itemDialect, itemCols);
    nd.table = &table;
    nd.metadata = o.itemsPath.empty() ? nullptr : &meta.metadata;
    nd.rejects = &rejects.kept();
    if (!o.testRatingsPath.empty()) {
        nd.info.source += ";test=" + o.testRatingsPath;
        nd.beforeCommit = [&](std::int64_t datasetId) {
            const auto slash = o.testRatingsPath.find_last_of('/');
            const std::string file = slash == std::string::npos
                                         ? o.testRatingsPath
                                         : o.testRatingsPath.substr(slash + 1);
            res.splitId = SplitStore(ws).save(datasetId, "predefined:" + file,
                                              std::int64_t(table.size()), testRows);
        };
    }
    try {
        if (writeDataset(ws, nd, subRange(progress, 0.5, 1.0)) == WriteStatus::Cancelled)
            return cancelled();
    } catch (const StoreError& e) {
        if (e.interrupted())
            return cancelled();
        if ((e.sqliteCode() & 0xff) == 19 /* SQLITE_CONSTRAINT: the name's UNIQUE */ &&
            store.find(o.datasetName))
            return failed("a dataset named '" + o.datasetName +
                          "' was added to this workspace meanwhile (by another program); "
                          "nothing was saved");
        return failed(std::string("writing the workspace failed, nothing was saved: ") + e.what());
    } catch (const std::exception& e) {
        return failed(std::string("import failed, nothing was saved: ") + e.what());
    }
    res.status = ImportStatus::Ok;
    res.datasetId = nd.info.id;
    res.ratings = nd.info.numRatings;
    res.users = nd.info.numUsers;
    res.items = nd.info.numItems;
    res.rejected = rejects.count();
    const auto& kept = rejects.kept();
    res.rejects.assign(kept.begin(), kept.begin() + std::min<std::size_t>(kept.size(), 500));
    res.ratingMin = scale.min;
    res.ratingMax = scale.max;
    res.ratingStep = scale.step;
    res.implicit = nd.info.implicit;
    res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
}

} // namespace rs
