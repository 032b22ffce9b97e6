#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rs {

/// Builds compact JSON text incrementally with correct escaping and shortest round-trip numbers.
/// Usage: JsonWriter w; w.beginObject(); w.key("n").value(3); w.endObject(); w.str();
/// NaN and infinities are written as null (JSON has no such numbers).
class JsonWriter {
public:
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view v);
    JsonWriter& value(const char* v) { return value(std::string_view(v)); }
    JsonWriter& value(const std::string& v) { return value(std::string_view(v)); }
    JsonWriter& value(double v);
    JsonWriter& value(float v) { return value(static_cast<double>(v)); }
    JsonWriter& value(std::int64_t v);
    JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
    JsonWriter& value(std::uint32_t v) { return value(static_cast<std::int64_t>(v)); }
    JsonWriter& value(std::size_t v) { return value(static_cast<std::int64_t>(v)); }
    JsonWriter& value(bool v);
    JsonWriter& null();
    /// Inserts already-valid JSON text as a value.
    JsonWriter& raw(std::string_view json);

    const std::string& str() const { return m_out; }

    static std::string escape(std::string_view s);

private:
    void separator();
    std::string m_out;
    std::vector<bool> m_first; ///< per open container: no element written yet
    bool m_afterKey = false;
};

} // namespace rs
