#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace rs::cli {

/// Parsed `--key value`, `--key=value` and `--flag` arguments of one command. Options that may
/// repeat (`--param k=v`) keep every value.
class CliArgs {
public:
    /// `flags` are the options that take no value. Returns false with `error` on a bad argument.
    bool parse(const std::vector<std::string>& args, const std::set<std::string>& flags,
               const std::set<std::string>& options, std::string& error);

    bool has(const std::string& key) const { return m_values.count(key) > 0; }
    std::optional<std::string> get(const std::string& key) const;
    std::string get(const std::string& key, const std::string& fallback) const;
    const std::vector<std::string>& all(const std::string& key) const;
    /// Required option: returns false and sets `error` when missing.
    bool require(const std::string& key, std::string& out, std::string& error) const;

private:
    std::map<std::string, std::vector<std::string>> m_values;
};

} // namespace rs::cli
