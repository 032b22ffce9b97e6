#include "CliArgs.h"

namespace rs::cli {

bool CliArgs::parse(const std::vector<std::string>& args, const std::set<std::string>& flags,
                    const std::set<std::string>& options, std::string& error) {
    for (std::size_t k = 0; k < args.size(); ++k) {
        std::string a = args[k];
        if (a.rfind("--", 0) != 0 && !(a.size() == 2 && a[0] == '-')) {
            error = "unexpected argument '" + a + "'";
            return false;
        }
        std::string key = a.substr(a[1] == '-' ? 2 : 1);
        std::optional<std::string> value;
        if (auto eq = key.find('='); eq != std::string::npos) {
            value = key.substr(eq + 1);
            key = key.substr(0, eq);
        }
        if (flags.count(key)) {
            if (value) {
                error = "option --" + key + " takes no value";
                return false;
            }
            m_values[key].push_back("1");
            continue;
        }
        if (!options.count(key)) {
            error = "unknown option '" + a + "'";
            return false;
        }
        if (!value) {
            if (k + 1 >= args.size()) {
                error = "option --" + key + " needs a value";
                return false;
            }
            value = args[++k];
        }
        m_values[key].push_back(*value);
    }
    return true;
}

std::optional<std::string> CliArgs::get(const std::string& key) const {
    auto it = m_values.find(key);
    if (it == m_values.end() || it->second.empty())
        return std::nullopt;
    return it->second.back();
}

std::string CliArgs::get(const std::string& key, const std::string& fallback) const {
    auto v = get(key);
    return v ? *v : fallback;
}

const std::vector<std::string>& CliArgs::all(const std::string& key) const {
    static const std::vector<std::string> empty;
    auto it = m_values.find(key);
    return it == m_values.end() ? empty : it->second;
}

bool CliArgs::require(const std::string& key, std::string& out, std::string& error) const {
    auto v = get(key);
    if (!v || v->empty()) {
        error = "missing required option --" + key;
        return false;
    }
    out = *v;
    return true;
}

} // namespace rs::cli
