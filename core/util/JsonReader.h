#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rs {

/// A parsed JSON value (the small reader the stage graph format needs: objects keep their key
/// order and duplicate keys, numbers keep their text so integers read back exactly).
struct JsonValue {
    enum class Type { Null, Bool, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    std::string text; ///< a string's value, or a number's literal text
    std::vector<JsonValue> items;
    std::vector<std::pair<std::string, JsonValue>> members;

    /// Declared here, defaulted in the .cpp: clang cannot otherwise decide whether the
    /// std::pair<std::string, JsonValue> of `members` is default-constructible while JsonValue
    /// is still incomplete (libstdc++'s pair constraints recurse into JsonValue).
    JsonValue();
    bool isObject() const { return type == Type::Object; }
    bool isArray() const { return type == Type::Array; }
    bool isString() const { return type == Type::String; }
    bool isNumber() const { return type == Type::Number; }
    /// The first member named `key`, or nullptr (also when this is not an object).
    const JsonValue* member(std::string_view key) const;
    /// A number's value; nullopt when this is not a number.
    std::optional<double> number() const;
    /// A number's value as an integer; nullopt when it is not a number with an integer literal.
    std::optional<std::int64_t> integer() const;
};

/// Parses one JSON value (the whole text, surrounding white space allowed). On malformed text
/// returns nullopt and sets `error` with the byte offset of the problem.
std::optional<JsonValue> parseJson(std::string_view text, std::string& error);

} // namespace rs
