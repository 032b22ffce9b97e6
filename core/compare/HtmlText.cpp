#include "compare/HtmlText.h"

#include <string>

namespace rs {

std::string htmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        case '\t':
        case '\n':
        case '\r':
            // As references: kept exactly, also inside attribute values (which XML would
            // otherwise normalise to spaces).
            out += "&#" + std::to_string(int(c)) + ';';
            break;
        default:
            if ((c >= 0 && c < 0x20) || c == 0x7f) {
                // Other control characters are not allowed in XML (SVG), not even as
                // references: shown as their visible Unicode "control picture" (U+2400 + c,
                // U+2421 for DEL).
                const unsigned cp = c == 0x7f ? 0x2421u : 0x2400u + unsigned(c);
                out += char(0xE0 | (cp >> 12));
                out += char(0x80 | ((cp >> 6) & 0x3F));
                out += char(0x80 | (cp & 0x3F));
            } else {
                out += c;
            }
        }
    }
    return out;
}

} // namespace rs
