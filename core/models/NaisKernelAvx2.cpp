// The float NAIS kernels compiled for AVX2 + FMA; NaisKernel.cpp calls them only when the CPU
// has both. Non-x86 builds compile the same code for their baseline (never called).
#if defined(__x86_64__) || defined(__i386__)
#pragma GCC target("avx2,fma")
#endif
#include "models/NaisKernelImpl.h"

namespace rs::nais::detail {

float forwardAvx2(const Net<float>& net, const History<float>& hist, const float* q,
                  Pass<float>& pass) {
    return forwardImpl(net, hist, q, pass);
}

void backwardAvx2(const Net<float>& net, const History<float>& hist, const float* q,
                  const Pass<float>& pass, float g, Grads<float>& grads) {
    backwardImpl(net, hist, q, pass, g, grads);
}

} // namespace rs::nais::detail
