#pragma once
#include <string>
#include <string_view>

namespace rs {

/// `text` made safe inside HTML/SVG element content and quoted attribute values: & < > " ' and
/// tab, line feed and carriage return are replaced by character references; the other control
/// characters (which XML forbids even as references) by their visible Unicode control pictures
/// (U+2400 + c, U+2421 for DEL).
std::string htmlEscape(std::string_view text);

} // namespace rs
