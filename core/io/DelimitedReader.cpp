#include "io/DelimitedReader.h"

#include "io/ByteScan.h"
#include "io/Utf8Text.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace rs {

namespace {

constexpr std::size_t kRawMax = 200;
constexpr std::size_t kNoPos = static_cast<std::size_t>(-1);

std::string mibText(std::size_t bytes) {
    return std::to_string((bytes + (std::size_t(1) << 20) - 1) >> 20) + " MiB";
}

/// Caches "the first interesting byte at or after `from`" over the current buffer contents, so
/// that consecutive records share one scan. No interesting byte lies in [from, at).
struct ByteCursor {
    std::size_t from = kNoPos;
    std::size_t at = 0;
    void reset() { from = kNoPos; }
    /// True when `[a, e)` is known to hold no interesting byte.
    bool covers(std::size_t a, std::size_t e) const {
        return from != kNoPos && a >= from && e <= at;
    }
    template <class Find> std::size_t next(std::size_t pos, Find find) {
        if (from == kNoPos || pos < from || pos > at) {
            from = pos;
            at = find(pos);
        }
        return at;
    }
};

} // namespace

struct DelimitedReader::Impl {
    enum class Step { Record, NeedMore, End, Fail };

    // Settings.
    std::size_t blockSize = kDefaultBlockSize;
    std::size_t maxRecord = kDefaultMaxRecordBytes;
    CsvDialect dialect;
    char d0 = ',';
    char d1 = 0;
    std::size_t dlen = 1;
    char quote = '"';
    bool spaceIsWs = true;
    bool tabIsWs = true;

    // File and buffer: unread bytes are buf[pos, end); kPadding readable bytes follow cap.
    std::FILE* file = nullptr;
    std::int64_t size = 0;
    bool eof = false;
    std::unique_ptr<char[]> buf;
    std::size_t cap = 0;
    std::size_t pos = 0;
    std::size_t end = 0;
    std::int64_t bufOffset = 0; ///< file offset of buf[0]
    std::int64_t line = 1;      ///< physical line of buf[pos]

    // Unescaped and converted field text of the current record. Sized so that one record never
    // makes it reallocate (views into it stay valid while the record is built).
    std::unique_ptr<char[]> scratch;
    std::size_t scratchLen = 0;

    std::string error;
    std::int64_t errorLine = 0;
    TextEncoding encoding = TextEncoding::Utf8;
    bool sawMultibyte = false;
    bool binary = false;
    bool controlBinary = false;
    bool stuckInQuote = false; ///< the last NeedMore stopped inside a quoted field
    ByteCursor high;
    ByteCursor nul;

    ~Impl() { closeFile(); }

    void closeFile() {
        if (file)
            std::fclose(file);
        file = nullptr;
    }

    bool fail(std::string msg, std::int64_t atLine = 0) {
        error = std::move(msg);
        errorLine = atLine;
        return false;
    }

    bool isWs(char c) const { return (c == ' ' && spaceIsWs) || (c == '\t' && tabIsWs); }

    void allocate(std::size_t newCap) {
        std::unique_ptr<char[]> nb(new char[newCap + scan::kPadding]);
        if (end > 0)
            std::memcpy(nb.get(), buf.get(), end);
        std::memset(nb.get() + newCap, 0, scan::kPadding);
        buf = std::move(nb);
        cap = newCap;
        scratch.reset(new char[3 * newCap + 2 * kRawMax + 64]);
    }

    bool refill() {
        if (eof || !file)
            return false;
        const std::size_t keep = end - pos;
        if (pos > 0) {
            std::memmove(buf.get(), buf.get() + pos, keep);
            bufOffset += static_cast<std::int64_t>(pos);
            pos = 0;
            end = keep;
        }
        high.reset();
        nul.reset();
        if (end == cap) {
            if (cap >= maxRecord) {
                if (stuckInQuote)
                    return fail("unterminated quote: the record starting at line " +
                                    std::to_string(line) + " has no closing quote within " +
                                    mibText(maxRecord),
                                line);
                return fail("the record starting at line " + std::to_string(line) +
                                " is longer than " + mibText(maxRecord),
                            line);
            }
            allocate(std::min(cap * 2, maxRecord));
        }
        const std::size_t want = cap - end;
        const std::size_t got = std::fread(buf.get() + end, 1, want, file);
        end += got;
        if (got < want) {
            if (std::ferror(file))
                return fail("read error after byte " +
                            std::to_string(bufOffset + std::int64_t(end)) + ": " +
                            std::strerror(errno));
            eof = true;
        }
        return true;
    }

    std::size_t nextNul(std::size_t from) {
        return nul.next(from, [this](std::size_t f) {
            const void* z = std::memchr(buf.get() + f, 0, end - f);
            return z ? static_cast<std::size_t>(static_cast<const char*>(z) - buf.get()) : end;
        });
    }

    std::size_t nextHigh(std::size_t from) {
        return high.next(from, [this](std::size_t f) {
            return static_cast<std::size_t>(utf8::findNonAscii(buf.get() + f, buf.get() + end) -
                                            buf.get());
        });
    }

    /// Fails if `[rec, upTo)` holds a NUL byte.
    bool checkNul(const char* rec, const char* upTo, std::int64_t recLine) {
        const auto from = static_cast<std::size_t>(rec - buf.get());
        const std::size_t z = nextNul(from);
        if (z >= static_cast<std::size_t>(upTo - buf.get()))
            return true;
        binary = true;
        const auto at = recLine + std::int64_t(scan::countLineBreaks(rec, buf.get() + z));
        return fail("file looks binary (NUL byte at line " + std::to_string(at) + ")", at);
    }

    Step needMore(const char* rec, bool inQuote) {
        if (!checkNul(rec, buf.get() + end, line))
            return Step::Fail;
        stuckInQuote = inQuote;
        return Step::NeedMore;
    }

    /// End of an unquoted run from `f`: a delimiter, CR, LF or `e`. nullptr: more data needed
    /// to decide (a two-character delimiter cut by the end of the buffer).
    const char* runEnd(const char* f, const char* e) const {
        for (;;) {
            f = scan::findFieldEnd(f, e, d0);
            if (f == e || *f != d0 || dlen == 1)
                return f;
            if (f + 1 == e)
                return eof ? e : nullptr;
            if (f[1] == d1)
                return f;
            ++f;
        }
    }

    /// Copies the quoted text `[s, close)` with doubled quotes collapsed, then `[t, te)`.
    std::string_view unescape(const char* s, const char* close, const char* t, const char* te) {
        char* const start = scratch.get() + scratchLen;
        char* o = start;
        while (s < close) {
            const auto* q = static_cast<const char*>(std::memchr(s, quote, std::size_t(close - s)));
            const char* segEnd = q ? q + 1 : close; // keep one quote of a doubled pair
            std::memcpy(o, s, std::size_t(segEnd - s));
            o += segEnd - s;
            s = q ? q + 2 : close;
        }
        std::memcpy(o, t, std::size_t(te - t));
        o += te - t;
        scratchLen += std::size_t(o - start);
        return {start, std::size_t(o - start)};
    }

    std::string_view toUtf8(std::string_view latin1) {
        char* const o = scratch.get() + scratchLen;
        const std::size_t n = utf8::latin1ToUtf8(latin1.data(), latin1.size(), o);
        scratchLen += n;
        return {o, n};
    }

    Step parse(CsvRecord& out);
    Step finish(CsvRecord& out, const char* rec, const char* recEnd, const char* next,
                std::int64_t breaks);
};

DelimitedReader::Impl::Step DelimitedReader::Impl::parse(CsvRecord& out) {
    const char* const b = buf.get();
    const char* const e = b + end;
    const char* p = b + pos;

    // Skip blank lines (empty or only spaces), committing as we go.
    for (;;) {
        const char* q = p;
        while (q < e && isWs(*q))
            ++q;
        if (q == e) {
            if (eof) {
                pos = end;
                return Step::End;
            }
            pos = std::size_t(p - b);
            stuckInQuote = false;
            return Step::NeedMore;
        }
        if (*q == '\n') {
            p = q + 1;
        } else if (*q == '\r') {
            if (q + 1 == e && !eof) {
                pos = std::size_t(p - b);
                stuckInQuote = false;
                return Step::NeedMore;
            }
            p = q + 1;
            if (p < e && *p == '\n')
                ++p;
        } else {
            break;
        }
        ++line;
    }
    pos = std::size_t(p - b);

    const char* const rec = p;
    out.line = line;
    out.fields.clear();
    scratchLen = 0;
    std::int64_t breaks = 1;
    const char* recEnd = e;
    const char* next = e;
    if (dlen == 1 &&
        scan::splitPlainRecord(rec, e, d0, quote, spaceIsWs, tabIsWs, out.fields, recEnd, next))
        return finish(out, rec, recEnd, next, breaks);
    out.fields.clear();
    breaks = 0;
    for (;;) {
        const char* q = p;
        while (q < e && isWs(*q))
            ++q;
        const char* fe = nullptr; // where the field's text ends: delimiter, CR, LF or e
        if (quote != 0 && q < e && *q == quote) {
            const char* const s = q + 1;
            const char* from = s;
            const char* close = nullptr;
            bool doubled = false;
            for (;;) {
                const auto* r =
                    static_cast<const char*>(std::memchr(from, quote, std::size_t(e - from)));
                if (!r) {
                    if (!eof)
                        return needMore(rec, true);
                    if (!checkNul(rec, e, out.line))
                        return Step::Fail;
                    fail("unterminated quote: the record starting at line " +
                             std::to_string(out.line) + " has no closing quote",
                         out.line);
                    return Step::Fail;
                }
                if (r + 1 == e && !eof)
                    return needMore(rec, true);
                if (r + 1 < e && r[1] == quote) {
                    doubled = true;
                    from = r + 2;
                    continue;
                }
                close = r;
                break;
            }
            if (scan::hasLineBreak(s, close))
                breaks += std::int64_t(scan::countLineBreaks(s, close));
            const char* const t = close + 1;
            fe = runEnd(t, e);
            if (!fe || (fe == e && !eof))
                return needMore(rec, false);
            const char* te = fe;
            while (te > t && isWs(te[-1]))
                --te;
            if (!doubled && te == t)
                out.fields.emplace_back(s, std::size_t(close - s));
            else
                out.fields.push_back(unescape(s, close, t, te));
        } else {
            fe = runEnd(q, e);
            if (!fe || (fe == e && !eof))
                return needMore(rec, false);
            const char* te = fe;
            while (te > q && isWs(te[-1]))
                --te;
            out.fields.emplace_back(q, std::size_t(te - q));
        }
        if (fe == e) {
            recEnd = next = e;
            break;
        }
        if (*fe == d0) {
            p = fe + dlen;
            continue;
        }
        recEnd = fe;
        if (*fe == '\r') {
            if (fe + 1 == e && !eof)
                return needMore(rec, false);
            next = fe + 1;
            if (next < e && *next == '\n')
                ++next;
        } else {
            next = fe + 1;
        }
        ++breaks;
        break;
    }
    return finish(out, rec, recEnd, next, breaks);
}

/// Checks and converts a parsed record `[rec, recEnd)` (followed by its line end up to `next`)
/// and moves past it.
DelimitedReader::Impl::Step DelimitedReader::Impl::finish(CsvRecord& out, const char* rec,
                                                          const char* recEnd, const char* next,
                                                          std::int64_t breaks) {
    const char* const b = buf.get();
    const auto recOff = static_cast<std::size_t>(rec - b);
    if (!nul.covers(recOff, static_cast<std::size_t>(next - b)) && !checkNul(rec, next, out.line))
        return Step::Fail;

    // Text encoding: only records with bytes >= 0x80 need a look.
    bool convert = false;
    const auto endOff = static_cast<std::size_t>(recEnd - b);
    const std::size_t h = high.covers(recOff, endOff) ? endOff : nextHigh(recOff);
    if (h < endOff) {
        if (encoding == TextEncoding::Latin1) {
            convert = true;
        } else {
            const auto c = utf8::check(b + h, std::size_t(recEnd - (b + h)));
            if (c == utf8::Check::Invalid) {
                convert = true;
                if (dialect.encoding == TextEncoding::Auto && !sawMultibyte)
                    encoding = TextEncoding::Latin1;
            } else if (c == utf8::Check::Valid) {
                sawMultibyte = true;
            }
        }
    }
    const std::string_view raw(rec, std::size_t(recEnd - rec));
    if (!convert) {
        out.raw = raw.substr(0, utf8::clipLength(raw, kRawMax));
    } else {
        for (auto& f : out.fields) {
            if (utf8::findNonAscii(f.data(), f.data() + f.size()) != f.data() + f.size())
                f = toUtf8(f);
        }
        const auto r = toUtf8(raw.substr(0, kRawMax));
        out.raw = r.substr(0, utf8::clipLength(r, kRawMax));
    }

    pos = std::size_t(next - b);
    line += breaks;
    return Step::Record;
}

DelimitedReader::DelimitedReader() : m(std::make_unique<Impl>()) {}
DelimitedReader::~DelimitedReader() = default;

void DelimitedReader::setBlockSize(std::size_t bytes) {
    m->blockSize = std::max<std::size_t>(bytes, 4);
}

void DelimitedReader::setMaxRecordBytes(std::size_t bytes) {
    m->maxRecord = std::max<std::size_t>(bytes, 4);
}

bool DelimitedReader::open(const std::string& path, const CsvDialect& dialect) {
    Impl& s = *m;
    s.closeFile();
    s.buf.reset();
    s.cap = s.pos = s.end = 0;
    s.bufOffset = 0;
    s.line = 1;
    s.eof = false;
    s.error.clear();
    s.errorLine = 0;
    s.binary = s.controlBinary = s.sawMultibyte = s.stuckInQuote = false;
    s.high.reset();
    s.nul.reset();
    s.dialect = dialect;

    const std::string& d = dialect.delimiter;
    if (d.empty() || d.size() > 2)
        return s.fail("the delimiter must be one or two characters, got '" + d + "'");
    for (char c : d) {
        if (c == '\r' || c == '\n' || c == '\0' || (dialect.quote != '\0' && c == dialect.quote))
            return s.fail("the delimiter cannot be a line break, NUL or the quote character");
    }
    s.d0 = d[0];
    s.d1 = d.size() == 2 ? d[1] : '\0';
    s.dlen = d.size();
    s.quote = dialect.quote;
    s.spaceIsWs = s.d0 != ' ';
    s.tabIsWs = s.d0 != '\t';

    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return s.fail("cannot read '" + path + "': it is a directory");
    s.file = std::fopen(path.c_str(), "rb");
    if (!s.file)
        return s.fail("cannot open '" + path + "': " + std::strerror(errno));
    std::setvbuf(s.file, nullptr, _IONBF, 0);
    const auto sz = std::filesystem::file_size(path, ec);
    s.size = ec ? 0 : static_cast<std::int64_t>(sz);

    s.allocate(std::min(s.blockSize, std::max<std::size_t>(s.maxRecord, 4)));
    if (!s.refill()) {
        s.closeFile();
        return false;
    }
    const auto* u = reinterpret_cast<const unsigned char*>(s.buf.get());
    if (s.end >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        s.pos = 3;
    } else if (s.end >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        s.closeFile();
        return s.fail("the file is UTF-16 encoded; save it as UTF-8 (or Latin-1) text");
    }

    // Binary: any NUL byte in the first block, or mostly control characters.
    const char* head = s.buf.get() + s.pos;
    const std::size_t n = s.end - s.pos;
    if (std::memchr(head, 0, n)) {
        s.binary = true;
    } else {
        std::size_t controls = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = static_cast<unsigned char>(head[i]);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
                ++controls;
        }
        s.binary = s.controlBinary = controls >= 4 && controls * 8 > n;
    }

    if (dialect.encoding != TextEncoding::Auto) {
        s.encoding = dialect.encoding;
    } else {
        const auto c = utf8::check(head, n, !s.eof);
        s.encoding = c == utf8::Check::Invalid ? TextEncoding::Latin1 : TextEncoding::Utf8;
        s.sawMultibyte = c == utf8::Check::Valid;
    }
    return true;
}

bool DelimitedReader::next(CsvRecord& out) {
    Impl& s = *m;
    if (!s.buf || !s.error.empty())
        return false;
    if (s.controlBinary)
        return s.fail("file looks binary (mostly control characters near line " +
                          std::to_string(s.line) + ")",
                      s.line);
    for (;;) {
        switch (s.parse(out)) {
        case Impl::Step::Record:
            return true;
        case Impl::Step::End:
        case Impl::Step::Fail:
            return false;
        case Impl::Step::NeedMore:
            if (!s.refill())
                return false;
            break;
        }
    }
}

const std::string& DelimitedReader::error() const {
    return m->error;
}
std::int64_t DelimitedReader::errorLine() const {
    return m->errorLine;
}
std::int64_t DelimitedReader::bytesRead() const {
    return m->bufOffset + static_cast<std::int64_t>(m->pos);
}
std::int64_t DelimitedReader::fileSize() const {
    return m->size;
}
TextEncoding DelimitedReader::detectedEncoding() const {
    return m->encoding;
}
bool DelimitedReader::looksBinary() const {
    return m->binary;
}

} // namespace rs
