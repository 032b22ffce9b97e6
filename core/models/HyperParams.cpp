#include "models/HyperParams.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace rs {

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool parseLong(std::string_view s, long long& out) {
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool parseDouble(std::string_view s, double& out) {
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && !s.empty() && std::isfinite(out);
}

} // namespace

HyperParams& HyperParams::addInt(std::string name, int& target, int min, int max,
                                 std::string help) {
    m_entries.push_back({std::move(name),
                         Kind::Int,
                         &target,
                         {double(min), double(max), false},
                         {},
                         std::move(help)});
    return *this;
}

HyperParams& HyperParams::addDouble(std::string name, double& target, Range range,
                                    std::string help) {
    m_entries.push_back({std::move(name), Kind::Real, &target, range, {}, std::move(help)});
    return *this;
}

HyperParams& HyperParams::addBool(std::string name, bool& target, std::string help) {
    m_entries.push_back({std::move(name), Kind::Bool, &target, {}, {}, std::move(help)});
    return *this;
}

HyperParams& HyperParams::addChoice(std::string name, std::string& target,
                                    std::vector<std::string> choices, std::string help) {
    m_entries.push_back(
        {std::move(name), Kind::Choice, &target, {}, std::move(choices), std::move(help)});
    return *this;
}

std::string HyperParams::formatReal(double v) {
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, p) : std::string("nan");
}

const HyperParams::Entry* HyperParams::entry(std::string_view key) const {
    for (const auto& e : m_entries)
        if (e.name == key)
            return &e;
    return nullptr;
}

bool HyperParams::contains(std::string_view key) const {
    return entry(key) != nullptr;
}

std::string HyperParams::format(const Entry& e) const {
    switch (e.kind) {
    case Kind::Int:
        return std::to_string(*static_cast<const int*>(e.target));
    case Kind::Real:
        return formatReal(*static_cast<const double*>(e.target));
    case Kind::Bool:
        return *static_cast<const bool*>(e.target) ? "true" : "false";
    case Kind::Choice:
        return *static_cast<const std::string*>(e.target);
    }
    return {};
}

std::string HyperParams::allowedText(const Entry& e) {
    switch (e.kind) {
    case Kind::Int:
        return "[" + std::to_string((long long)e.range.min) + ", " +
               std::to_string((long long)e.range.max) + "]";
    case Kind::Real:
        return std::string(e.range.minExclusive ? "(" : "[") + formatReal(e.range.min) + ", " +
               formatReal(e.range.max) + "]";
    case Kind::Bool:
        return "true|false";
    case Kind::Choice: {
        std::string s;
        for (const auto& c : e.choices)
            s += (s.empty() ? "" : "|") + c;
        return s;
    }
    }
    return {};
}

std::vector<std::pair<std::string, std::string>> HyperParams::values() const {
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(m_entries.size());
    for (const auto& e : m_entries)
        out.emplace_back(e.name, format(e));
    return out;
}

std::map<std::string, std::string> HyperParams::toMap() const {
    std::map<std::string, std::string> out;
    for (const auto& e : m_entries)
        out[e.name] = format(e);
    return out;
}

std::vector<HyperParams::Info> HyperParams::describe() const {
    static const char* kinds[] = {"int", "real", "bool", "choice"};
    std::vector<Info> out;
    for (const auto& e : m_entries)
        out.push_back({e.name, kinds[int(e.kind)], allowedText(e), e.help});
    return out;
}

bool HyperParams::parseInto(const Entry& e, const std::string& value, std::string& error) const {
    const std::string_view s = trimmed(value);
    auto fail = [&](const char* expected) {
        error = e.name + ": expected " + expected + " " + allowedText(e) + ", got '" + value + "'";
        return false;
    };
    switch (e.kind) {
    case Kind::Int: {
        long long v = 0;
        if (!parseLong(s, v) || double(v) < e.range.min || double(v) > e.range.max)
            return fail("an integer in");
        *static_cast<int*>(e.target) = int(v);
        return true;
    }
    case Kind::Real: {
        double v = 0;
        if (!parseDouble(s, v) || (e.range.minExclusive ? v <= e.range.min : v < e.range.min) ||
            v > e.range.max)
            return fail("a number in");
        *static_cast<double*>(e.target) = v;
        return true;
    }
    case Kind::Bool: {
        bool v;
        if (s == "true" || s == "1" || s == "yes" || s == "on")
            v = true;
        else if (s == "false" || s == "0" || s == "no" || s == "off")
            v = false;
        else
            return fail("one of");
        *static_cast<bool*>(e.target) = v;
        return true;
    }
    case Kind::Choice:
        for (const auto& c : e.choices) {
            if (c == s) {
                *static_cast<std::string*>(e.target) = c;
                return true;
            }
        }
        return fail("one of");
    }
    return false;
}

bool HyperParams::set(const std::string& key, const std::string& value, std::string& error) {
    const Entry* e = entry(key);
    if (!e) {
        std::string names;
        for (const auto& x : m_entries)
            names += (names.empty() ? "" : ", ") + x.name;
        error = "unknown hyper-parameter '" + key + "' (known: " + names + ")";
        return false;
    }
    return parseInto(*e, value, error);
}

bool HyperParams::setAll(const std::map<std::string, std::string>& values, std::string& error) {
    // Validate everything first so that a bad entry changes nothing.
    for (const auto& [k, v] : values) {
        const Entry* e = entry(k);
        if (!e)
            return set(k, v, error);
    }
    std::vector<std::pair<const Entry*, std::string>> previous;
    for (const auto& [k, v] : values) {
        const Entry* e = entry(k);
        previous.emplace_back(e, format(*e));
        if (!parseInto(*e, v, error)) {
            std::string ignored;
            for (const auto& [pe, pv] : previous)
                parseInto(*pe, pv, ignored);
            return false;
        }
    }
    return true;
}

} // namespace rs
