#include "pipeline/MermaidText.h"

#include "io/Utf8Text.h"

#include <array>
#include <charconv>

namespace rs {

namespace {

constexpr std::string_view kTextBreak = "<br/>";
constexpr std::string_view kLineBreak = "<br>";

/// Splits on `sep` (every occurrence).
std::vector<std::string_view> splitOn(std::string_view s, std::string_view sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = s.find(sep, start);
        if (at == std::string_view::npos) {
            parts.push_back(s.substr(start));
            return parts;
        }
        parts.push_back(s.substr(start, at - start));
        start = at + sep.size();
    }
}

constexpr std::array<const char*, 6> kStatusStyles = {
    "fill:#eeeeee,stroke:#9e9e9e,color:#424242",                      // pending
    "fill:#dbeafe,stroke:#1d4ed8,color:#1e3a8a,stroke-width:2px",     // running
    "fill:#dcfce7,stroke:#15803d,color:#14532d",                      // done
    "fill:#fee2e2,stroke:#b91c1c,color:#7f1d1d,stroke-width:2px",     // failed
    "fill:#ffedd5,stroke:#c2410c,color:#7c2d12",                      // cancelled
    "fill:#f8fafc,stroke:#94a3b8,color:#64748b,stroke-dasharray:4 3", // skipped
};

/// Entity codes for the characters Mermaid would read, <br/> for newlines.
std::string escapeMermaidCharacters(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "#quot;";
            break;
        case '\n':
            out += kTextBreak;
            break;
        case '#':
        case ';':
        case '&':
        case '<':
        case '>':
        case '|':
        case '%':
        case '`':
            out += '#' + std::to_string(int(c)) + ';';
            break;
        default:
            if (c < 0x20 || c == 0x7f)
                out += '#' + std::to_string(int(c)) + ';';
            else
                out += ch;
        }
    }
    return out;
}

} // namespace

std::string escapeMermaidText(std::string_view text) {
    std::string out = escapeMermaidCharacters(text);
    // Before parsing, Mermaid drops the last ';' of any line matching /style.*:\S*#.*;/ or
    // /classDef.*:\S*#.*;/ (meant for style statements), which would cut an entity code
    // short. Spelling one letter of those words as a code keeps every label line clear of
    // them.
    for (const auto& [word, escaped] :
         {std::pair<std::string_view, std::string_view>{"style", "styl#101;"},
          {"classDef", "classDe#102;"}})
        for (std::size_t at = out.find(word); at != std::string::npos;
             at = out.find(word, at + escaped.size())) {
            out.replace(at, word.size(), escaped);
        }
    return out;
}

bool unescapeMermaidText(std::string_view s, std::string& out, std::string& error) {
    out.clear();
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"') {
            error = "a raw '\"' inside a label (write #quot;)";
            return false;
        }
        if (c == '<') {
            if (s.substr(i, kTextBreak.size()) != kTextBreak) {
                error = "unexpected '<' in a label (write #60;; only <br/> is a tag)";
                return false;
            }
            out += '\n';
            i += kTextBreak.size();
            continue;
        }
        if (c != '#') {
            out += c;
            ++i;
            continue;
        }
        const std::size_t semi = s.find(';', i + 1);
        if (semi == std::string_view::npos || semi == i + 1 || semi - i > 12) {
            error = "a bare '#' in a label (write #35;)";
            return false;
        }
        const std::string_view code = s.substr(i + 1, semi - i - 1);
        if (code == "quot") {
            out += '"';
        } else {
            unsigned cp = 0;
            auto res = std::from_chars(code.data(), code.data() + code.size(), cp);
            if (res.ec != std::errc() || res.ptr != code.data() + code.size() || cp > 0x10FFFF ||
                (cp >= 0xD800 && cp < 0xE000)) {
                error = "unknown entity code '#" + std::string(code) + ";'";
                return false;
            }
            utf8::append(out, cp);
        }
        i = semi + 1;
    }
    return true;
}

std::string mermaidNodeLabel(const StageNode& n) {
    std::string out = escapeMermaidText(n.label);
    for (const auto& [k, v] : n.params) {
        std::string key = escapeMermaidText(k);
        for (std::size_t at = key.find(':'); at != std::string::npos; at = key.find(':', at))
            key.replace(at, 1, "#58;");
        out += kLineBreak;
        out += key;
        out += ": ";
        out += escapeMermaidText(v);
    }
    return out;
}

bool parseMermaidNodeLabel(std::string_view escaped, StageNode& n, std::string& error) {
    const auto lines = splitOn(escaped, kLineBreak);
    if (!unescapeMermaidText(lines[0], n.label, error))
        return false;
    n.params.clear();
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::size_t colon = lines[i].find(": ");
        if (colon == std::string_view::npos) {
            error = "parameter line '" + std::string(lines[i]) + "' has no \"key: value\"";
            return false;
        }
        std::string key, value;
        if (!unescapeMermaidText(lines[i].substr(0, colon), key, error) ||
            !unescapeMermaidText(lines[i].substr(colon + 2), value, error))
            return false;
        n.params.emplace_back(std::move(key), std::move(value));
    }
    return true;
}

std::string mermaidStatusClass(StageStatus s) {
    return std::string("st_") + stageStatusName(s);
}

bool parseMermaidStatusClass(std::string_view name, StageStatus& out) {
    return name.starts_with("st_") && parseStageStatus(name.substr(3), out);
}

const char* mermaidStatusStyle(StageStatus s) {
    return kStatusStyles[std::size_t(s)];
}

std::string mermaidSafeId(std::string_view id) {
    if (isSafeStageId(id))
        return std::string(id);
    std::string out;
    for (char c : id) {
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        out += ok ? c : '_';
    }
    for (const auto& [word, safe] :
         {std::pair<std::string_view, std::string_view>{"style", "styl_e"},
          {"classDef", "classDe_f"}})
        for (std::size_t at = out.find(word); at != std::string::npos; at = out.find(word, at))
            out.replace(at, word.size(), safe);
    if (!isSafeStageId(out))
        out = "n_" + out;
    return out;
}

} // namespace rs
