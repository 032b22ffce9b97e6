#pragma once
#include <string>

namespace rs {

/// The year in parentheses at the end of a title ("Toy Story (1995)" -> 1995, MovieLens style;
/// trailing spaces allowed), or 0 when there is none or it is not a plausible year.
inline int titleYear(const std::string& title) {
    std::size_t end = title.find_last_not_of(' ');
    if (end == std::string::npos || end < 5 || title[end] != ')' || title[end - 5] != '(')
        return 0;
    int year = 0;
    for (std::size_t k = end - 4; k < end; ++k) {
        if (title[k] < '0' || title[k] > '9')
            return 0;
        year = year * 10 + (title[k] - '0');
    }
    return year >= 1800 && year <= 2200 ? year : 0;
}

} // namespace rs
