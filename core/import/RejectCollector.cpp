#include "import/RejectCollector.h"

namespace rs {

std::string placeText(const std::string& file, std::int64_t line, std::string_view message) {
    std::string s = file;
    if (line > 0)
        s += ':' + std::to_string(line);
    s += ": ";
    s += message;
    return s;
}

bool RejectCollector::add(const std::string& file, std::int64_t line, std::string reason,
                          std::string_view raw) {
    if (m_count == 0)
        m_firstError = placeText(file, line, reason);
    ++m_count;
    if (static_cast<std::int64_t>(m_kept.size()) < m_keep)
        m_kept.push_back({file, line, std::move(reason), std::string(raw)});
    return !m_strict;
}

} // namespace rs
