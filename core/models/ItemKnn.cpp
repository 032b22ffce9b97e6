#include "models/ItemKnn.h"

namespace rs {

std::string ItemKnn::name() const {
    return "itemknn";
}

} // namespace rs
