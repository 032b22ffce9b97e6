// The SGD kernels compiled for AVX2 + FMA; MfSgdKernels.cpp calls them only when the CPU has
// both. Non-x86 builds get forwarding stubs (never called).
#if defined(__x86_64__) || defined(__i386__)
#pragma GCC target("avx2,fma")
#endif
#include "models/MfSgdKernelsImpl.h"

namespace rs::mf::detail {

double biasedMfPassAvx2(const Rating* r, std::size_t n, const Buffers& b, const SgdStep& s) {
    return biasedMfPassImpl(r, n, b, s);
}
double svdppPassAvx2(const SvdppShard& sh, const Buffers& b, const SgdStep& s) {
    return svdppPassImpl(sh, b, s);
}

} // namespace rs::mf::detail
