#pragma once
#include "store/DatasetStore.h"
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rs {

/// Collects bad input lines for one import. Strict mode: the first one becomes the fatal error.
/// Lenient mode: all are counted, the first `keep` are kept for the reject report.
class RejectCollector {
public:
    RejectCollector(bool strict, std::int64_t keep) : m_strict(strict), m_keep(keep) {}

    /// Records a bad line; returns false when the import must stop (strict mode).
    bool add(const std::string& file, std::int64_t line, std::string reason, std::string_view raw);

    std::int64_t count() const { return m_count; }
    /// True when a strict-mode reject has stopped the import.
    bool stopped() const { return m_strict && m_count > 0; }
    const std::vector<RejectedLine>& kept() const { return m_kept; }
    std::vector<RejectedLine>& kept() { return m_kept; }
    /// "file:line: reason" of the first reject (the strict-mode error).
    const std::string& firstError() const { return m_firstError; }

private:
    bool m_strict;
    std::int64_t m_keep;
    std::int64_t m_count = 0;
    std::vector<RejectedLine> m_kept;
    std::string m_firstError;
};

/// "file:line: message" — how every import error names its place.
std::string placeText(const std::string& file, std::int64_t line, std::string_view message);

} // namespace rs
