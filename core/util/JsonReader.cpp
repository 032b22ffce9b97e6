#include "util/JsonReader.h"

#include "io/Utf8Text.h"

#include <charconv>

namespace rs {

JsonValue::JsonValue() = default;

namespace {

/// Recursive-descent reader over the text; depth-limited so hostile input cannot overflow the
/// stack.
class JsonReader {
public:
    explicit JsonReader(std::string_view t) : m_t(t) {}

    bool readDocument(JsonValue& v) {
        skipWs();
        if (!readValue(v, 0))
            return false;
        skipWs();
        if (m_p != m_t.size())
            return failAt("unexpected text after the JSON value");
        return true;
    }

    std::string error;

private:
    static constexpr int kMaxDepth = 64;

    bool failAt(const char* what) {
        if (error.empty())
            error = std::string(what) + " at offset " + std::to_string(m_p);
        return false;
    }
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
    bool literal(std::string_view word) {
        if (m_t.substr(m_p, word.size()) != word)
            return failAt("unknown literal");
        m_p += word.size();
        return true;
    }

    bool readValue(JsonValue& v, int depth) {
        if (depth > kMaxDepth)
            return failAt("nesting too deep");
        switch (peek()) {
        case '{':
            return readObject(v, depth);
        case '[':
            return readArray(v, depth);
        case '"':
            v.type = JsonValue::Type::String;
            return readString(v.text);
        case 't':
            v.type = JsonValue::Type::Bool;
            v.boolean = true;
            return literal("true");
        case 'f':
            v.type = JsonValue::Type::Bool;
            return literal("false");
        case 'n':
            v.type = JsonValue::Type::Null;
            return literal("null");
        default:
            return readNumber(v);
        }
    }

    bool readObject(JsonValue& v, int depth) {
        v.type = JsonValue::Type::Object;
        ++m_p;
        skipWs();
        if (eat('}'))
            return true;
        while (true) {
            skipWs();
            std::string key;
            if (peek() != '"')
                return failAt("expected a member name");
            if (!readString(key))
                return false;
            skipWs();
            if (!eat(':'))
                return failAt("expected ':'");
            skipWs();
            JsonValue member;
            if (!readValue(member, depth + 1))
                return false;
            v.members.emplace_back(std::move(key), std::move(member));
            skipWs();
            if (eat(','))
                continue;
            if (eat('}'))
                return true;
            return failAt("expected ',' or '}'");
        }
    }

    bool readArray(JsonValue& v, int depth) {
        v.type = JsonValue::Type::Array;
        ++m_p;
        skipWs();
        if (eat(']'))
            return true;
        while (true) {
            skipWs();
            JsonValue item;
            if (!readValue(item, depth + 1))
                return false;
            v.items.push_back(std::move(item));
            skipWs();
            if (eat(','))
                continue;
            if (eat(']'))
                return true;
            return failAt("expected ',' or ']'");
        }
    }

    bool readNumber(JsonValue& v) {
        const std::size_t start = m_p;
        if (peek() == '-')
            ++m_p;
        while (m_p < m_t.size() &&
               ((m_t[m_p] >= '0' && m_t[m_p] <= '9') || m_t[m_p] == '.' || m_t[m_p] == 'e' ||
                m_t[m_p] == 'E' || m_t[m_p] == '+' || m_t[m_p] == '-'))
            ++m_p;
        v.type = JsonValue::Type::Number;
        v.text = std::string(m_t.substr(start, m_p - start));
        double d = 0;
        auto res = std::from_chars(v.text.data(), v.text.data() + v.text.size(), d);
        if (v.text.empty() || res.ec != std::errc() || res.ptr != v.text.data() + v.text.size()) {
            m_p = start;
            return failAt("expected a value");
        }
        return true;
    }

    bool readHex4(unsigned& cp) {
        if (m_p + 4 > m_t.size())
            return failAt("short \\u escape");
        auto res = std::from_chars(m_t.data() + m_p, m_t.data() + m_p + 4, cp, 16);
        if (res.ptr != m_t.data() + m_p + 4)
            return failAt("bad \\u escape");
        m_p += 4;
        return true;
    }

    bool readString(std::string& out) {
        ++m_p; // opening quote
        while (m_p < m_t.size()) {
            const char c = m_t[m_p++];
            if (c == '"')
                return true;
            if (static_cast<unsigned char>(c) < 0x20)
                return failAt("control character in a string");
            if (c != '\\') {
                out += c;
                continue;
            }
            const char e = peek();
            ++m_p;
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out += e;
                break;
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
                unsigned cp = 0;
                if (!readHex4(cp))
                    return false;
                if (cp >= 0xD800 && cp < 0xDC00 && m_t.substr(m_p, 2) == "\\u") {
                    m_p += 2;
                    unsigned low = 0;
                    if (!readHex4(low))
                        return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                utf8::append(out, cp);
                break;
            }
            default:
                return failAt("bad escape in a string");
            }
        }
        return failAt("unterminated string");
    }

    std::string_view m_t;
    std::size_t m_p = 0;
};

} // namespace

const JsonValue* JsonValue::member(std::string_view key) const {
    for (const auto& [k, v] : members)
        if (k == key)
            return &v;
    return nullptr;
}

std::optional<double> JsonValue::number() const {
    if (type != Type::Number)
        return std::nullopt;
    double d = 0;
    std::from_chars(text.data(), text.data() + text.size(), d);
    return d;
}

std::optional<std::int64_t> JsonValue::integer() const {
    if (type != Type::Number)
        return std::nullopt;
    std::int64_t i = 0;
    auto res = std::from_chars(text.data(), text.data() + text.size(), i);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size())
        return std::nullopt;
    return i;
}

std::optional<JsonValue> parseJson(std::string_view text, std::string& error) {
    JsonReader reader(text);
    JsonValue v;
    if (!reader.readDocument(v)) {
        error = reader.error;
        return std::nullopt;
    }
    return v;
}

} // namespace rs
