#include "models/UserKnn.h"

namespace rs {

std::string UserKnn::name() const {
    return "userknn";
}

} // namespace rs
