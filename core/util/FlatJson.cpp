#include "util/FlatJson.h"

#include <charconv>
#include <cstdlib>

namespace rs {

namespace {

/// Minimal reader for one flat object; values are handed to `onValue(key, rawText, isString)`.
class FlatReader {
public:
    explicit FlatReader(std::string_view t) : m_t(t) {}

    template <typename OnValue> bool read(OnValue onValue) {
        skipWs();
        if (!eat('{'))
            return false;
        skipWs();
        if (eat('}'))
            return true;
        while (true) {
            std::string key, val;
            skipWs();
            if (!readString(key))
                return false;
            skipWs();
            if (!eat(':'))
                return false;
            skipWs();
            bool isString = peek() == '"';
            if (isString) {
                if (!readString(val))
                    return false;
            } else {
                std::size_t start = m_p;
                while (m_p < m_t.size() && m_t[m_p] != ',' && m_t[m_p] != '}' && m_t[m_p] != ' ' &&
                       m_t[m_p] != '\n')
                    ++m_p;
                val = std::string(m_t.substr(start, m_p - start));
                if (val.empty())
                    return false;
            }
            onValue(std::move(key), std::move(val), isString);
            skipWs();
            if (eat(','))
                continue;
            return eat('}');
        }
    }

private:
    char peek() const { return m_p < m_t.size() ? m_t[m_p] : '\0'; }
    bool eat(char c) {
        if (peek() != c)
            return false;
        ++m_p;
        return true;
    }
    void skipWs() {
        while (m_p < m_t.size() &&
               (m_t[m_p] == ' ' || m_t[m_p] == '\n' || m_t[m_p] == '\t' || m_t[m_p] == '\r'))
            ++m_p;
    }
    static void appendUtf8(std::string& s, unsigned cp) {
        if (cp < 0x80) {
            s += char(cp);
        } else if (cp < 0x800) {
            s += char(0xC0 | (cp >> 6));
            s += char(0x80 | (cp & 0x3F));
        } else {
            s += char(0xE0 | (cp >> 12));
            s += char(0x80 | ((cp >> 6) & 0x3F));
            s += char(0x80 | (cp & 0x3F));
        }
    }
    bool readString(std::string& out) {
        if (!eat('"'))
            return false;
        while (m_p < m_t.size()) {
            char c = m_t[m_p++];
            if (c == '"')
                return true;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_p >= m_t.size())
                return false;
            char e = m_t[m_p++];
            switch (e) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'u': {
                if (m_p + 4 > m_t.size())
                    return false;
                unsigned cp = 0;
                auto res = std::from_chars(m_t.data() + m_p, m_t.data() + m_p + 4, cp, 16);
                if (res.ptr != m_t.data() + m_p + 4)
                    return false;
                m_p += 4;
                appendUtf8(out, cp);
                break;
            }
            default:
                out += e;
            }
        }
        return false;
    }

    std::string_view m_t;
    std::size_t m_p = 0;
};

} // namespace

bool parseFlatJsonNumbers(std::string_view text, std::vector<std::pair<std::string, double>>& out) {
    return FlatReader(text).read([&](std::string k, std::string v, bool isString) {
        if (isString || v == "null" || v == "true" || v == "false")
            return;
        out.emplace_back(std::move(k), std::strtod(v.c_str(), nullptr));
    });
}

bool parseFlatJsonStrings(std::string_view text,
                          std::vector<std::pair<std::string, std::string>>& out) {
    return FlatReader(text).read(
        [&](std::string k, std::string v, bool) { out.emplace_back(std::move(k), std::move(v)); });
}

} // namespace rs
