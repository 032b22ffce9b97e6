#pragma once
#include <string>
#include <string_view>

namespace rs {

/// `text` made safe inside HTML/SVG element content and quoted attribute values: & < > " ' are
/// replaced by character references.
std::string htmlEscape(std::string_view text);

} // namespace rs
