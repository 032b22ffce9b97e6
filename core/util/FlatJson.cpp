#include "util/FlatJson.h"

#include "util/JsonReader.h"

namespace rs {

namespace {

/// The members of a JSON object, or nullopt when `text` is not one.
std::optional<JsonValue> flatObject(std::string_view text) {
    std::string error;
    std::optional<JsonValue> v = parseJson(text, error);
    if (!v || !v->isObject())
        return std::nullopt;
    return v;
}

} // namespace

bool parseFlatJsonNumbers(std::string_view text, std::vector<std::pair<std::string, double>>& out) {
    const auto object = flatObject(text);
    if (!object)
        return false;
    for (const auto& [key, value] : object->members)
        if (const auto number = value.number())
            out.emplace_back(key, *number);
    return true;
}

bool parseFlatJsonStrings(std::string_view text,
                          std::vector<std::pair<std::string, std::string>>& out) {
    const auto object = flatObject(text);
    if (!object)
        return false;
    for (const auto& [key, value] : object->members) {
        switch (value.type) {
        case JsonValue::Type::String:
        case JsonValue::Type::Number:
            out.emplace_back(key, value.text);
            break;
        case JsonValue::Type::Bool:
            out.emplace_back(key, value.boolean ? "true" : "false");
            break;
        case JsonValue::Type::Null:
            out.emplace_back(key, "null");
            break;
        default:
            return false; // not flat
        }
    }
    return true;
}

} // namespace rs
