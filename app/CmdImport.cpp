#include "CliArgs.h"
#include "Commands.h"

#include "import/ImportJob.h"
#include "util/JsonWriter.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <sstream>

namespace rs::cli {

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void onSigint(int) {
    g_interrupted = true;
}

bool parseDelimiter(const std::string& s, std::string& out) {
    if (s == "tab" || s == "\\t" || s == "\t")
        out = "\t";
    else if (s == "pipe" || s == "|")
        out = "|";
    else if (s == "," || s == ";" || s == "::")
        out = s;
    else if (s == "comma")
        out = ",";
    else if (s == "semicolon")
        out = ";";
    else
        return false;
    return true;
}

bool parseEncoding(const std::string& s, TextEncoding& out) {
    if (s == "auto")
        out = TextEncoding::Auto;
    else if (s == "utf-8" || s == "utf8")
        out = TextEncoding::Utf8;
    else if (s == "latin-1" || s == "latin1" || s == "iso-8859-1")
        out = TextEncoding::Latin1;
    else
        return false;
    return true;
}

/// "user=0,item=1,rating=2,timestamp=3" (0-based column numbers).
bool parseColumns(const std::string& s, RatingColumns& c, std::string& error) {
    std::stringstream ss(s);
    std::string part;
    while (std::getline(ss, part, ',')) {
        auto eq = part.find('=');
        if (eq == std::string::npos) {
            error = "--columns expects role=index pairs, got '" + part + "'";
            return false;
        }
        const std::string role = part.substr(0, eq);
        int idx = -1;
        try {
            idx = std::stoi(part.substr(eq + 1));
        } catch (...) {
            error = "--columns: '" + part.substr(eq + 1) + "' is not a column number";
            return false;
        }
        if (role == "user")
            c.user = idx;
        else if (role == "item")
            c.item = idx;
        else if (role == "rating")
            c.rating = idx;
        else if (role == "timestamp")
            c.timestamp = idx;
        else {
            error = "--columns: unknown role '" + role + "'";
            return false;
        }
    }
    return true;
}

std::string resultJson(const ImportResult& r, const std::string& name) {
    JsonWriter w;
    w.beginObject();
    w.key("dataset").value(name).key("dataset_id").value(r.datasetId);
    w.key("ratings").value(r.ratings).key("users").value(r.users).key("items").value(r.items);
    w.key("duplicates").value(r.duplicates).key("rejected").value(r.rejected);
    w.key("seconds").value(r.seconds).key("lines").value(r.linesRead);
    w.key("encoding").value(encodingName(r.encoding));
    w.key("rating_scale").beginObject().key("min").value(r.ratingMin).key("max").value(r.ratingMax);
    w.key("step").value(r.ratingStep).key("implicit").value(r.implicit).endObject();
    w.key("items_with_metadata").value(r.itemsWithMetadata);
    w.key("rejects").beginArray();
    for (std::size_t k = 0; k < r.rejects.size() && k < 20; ++k) {
        const auto& j = r.rejects[k];
        w.beginObject().key("file").value(j.file).key("line").value(j.line);
        w.key("reason").value(j.reason).endObject();
    }
    w.endArray();
    w.endObject();
    return w.str();
}

} // namespace

int runImport(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error;
    if (!a.parse(argv, {"strict", "progress"},
                 {"workspace", "ratings", "items", "name", "delimiter", "encoding", "header",
                  "columns", "duplicates", "items-delimiter"},
                 error))
        return fail("import", error, 2);
    ImportOptions o;
    if (!a.require("ratings", o.ratingsPath, error) || !a.require("name", o.datasetName, error))
        return fail("import", error, 2);
    o.itemsPath = a.get("items", "");
    o.strict = a.has("strict");
    if (auto d = a.get("delimiter")) {
        if (!parseDelimiter(*d, o.dialect.delimiter))
            return fail("import", "unknown delimiter '" + *d + "'", 2);
    }
    if (auto e = a.get("encoding")) {
        if (!parseEncoding(*e, o.dialect.encoding))
            return fail("import", "unknown encoding '" + *e + "'", 2);
    }
    if (auto h = a.get("header")) {
        if (*h != "yes" && *h != "no")
            return fail("import", "--header takes yes or no", 2);
        // An explicit header choice means the dialect is given, not sniffed.
        o.detectDialect = false;
        o.dialect.hasHeader = *h == "yes";
        if (o.dialect.delimiter.empty())
            o.dialect.delimiter = ",";
    }
    if (auto c = a.get("columns")) {
        if (!parseColumns(*c, o.columns, error))
            return fail("import", error, 2);
    }
    if (auto d = a.get("duplicates")) {
        if (!parseDuplicatePolicy(*d, o.duplicates))
            return fail("import", "--duplicates takes last, first or mean", 2);
    }
    if (auto d = a.get("items-delimiter")) {
        if (!parseDelimiter(*d, o.itemsDialect.delimiter))
            return fail("import", "unknown delimiter '" + *d + "'", 2);
    }
    const bool showProgress = a.has("progress");
    std::signal(SIGINT, onSigint);
    std::signal(SIGTERM, onSigint);
    Progress progress{[showProgress, last = -1](double f, std::string_view stage) mutable {
        if (showProgress) {
            int pct = int(f * 100);
            if (pct != last) {
                std::fprintf(stderr, "\r%3d%% %.*s        ", pct, int(stage.size()), stage.data());
                last = pct;
            }
        }
        return !g_interrupted.load();
    }};
    try {
        Workspace ws(workspacePathFrom(a.get("workspace", "")));
        ImportResult r = importRatings(ws, o, progress);
        if (showProgress)
            std::fprintf(stderr, "\n");
        if (r.status != ImportStatus::Ok) {
            return fail("import", r.error, r.status == ImportStatus::Cancelled ? 130 : 1);
        }
        std::printf("%s\n", resultJson(r, o.datasetName).c_str());
        return 0;
    } catch (const std::exception& e) {
        return fail("import", e.what());
    }
}

} // namespace rs::cli
