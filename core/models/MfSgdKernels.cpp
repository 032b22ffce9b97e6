#include "models/MfSgdKernels.h"

#include "models/MfSgdKernelsImpl.h"
#include "util/CpuFeatures.h"

namespace rs::mf {

namespace detail {
double biasedMfPassGeneric(const Rating* r, std::size_t n, const Buffers& b, const SgdStep& s) {
    return biasedMfPassImpl(r, n, b, s);
}
double svdppPassGeneric(const SvdppShard& sh, const Buffers& b, const SgdStep& s) {
    return svdppPassImpl(sh, b, s);
}
} // namespace detail

double biasedMfPass(const Rating* ratings, std::size_t n, const Buffers& b, const SgdStep& s) {
    return haveAvx2Fma() ? detail::biasedMfPassAvx2(ratings, n, b, s)
                         : detail::biasedMfPassGeneric(ratings, n, b, s);
}

double svdppPass(const SvdppShard& shard, const Buffers& b, const SgdStep& s) {
    return haveAvx2Fma() ? detail::svdppPassAvx2(shard, b, s)
                         : detail::svdppPassGeneric(shard, b, s);
}

const char* kernelIsa() {
    return haveAvx2Fma() ? "avx2+fma" : "generic";
}

} // namespace rs::mf
