#include "io/CsvDialect.h"

namespace rs {

const char* encodingName(TextEncoding e) {
    switch (e) {
    case TextEncoding::Auto:
        return "auto";
    case TextEncoding::Utf8:
        return "UTF-8";
    case TextEncoding::Latin1:
        return "Latin-1";
    }
    return "auto";
}

} // namespace rs
