#include "models/NaisKernel.h"

#include "models/NaisKernelImpl.h"
#include "util/CpuFeatures.h"

// The vector helpers return 32-byte vectors by value; they are inlined (internal linkage), so
// the ABI note GCC gives at the end of the translation unit does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace rs::nais {

float forward(const Net<float>& net, const History<float>& hist, const float* q,
              Pass<float>& pass) {
    return haveAvx2Fma() ? detail::forwardAvx2(net, hist, q, pass)
                         : forwardImpl(net, hist, q, pass);
}

double forward(const Net<double>& net, const History<double>& hist, const double* q,
               Pass<double>& pass) {
    return forwardImpl(net, hist, q, pass);
}

void backward(const Net<float>& net, const History<float>& hist, const float* q,
              const Pass<float>& pass, float g, Grads<float>& grads) {
    if (haveAvx2Fma())
        detail::backwardAvx2(net, hist, q, pass, g, grads);
    else
        backwardImpl(net, hist, q, pass, g, grads);
}

void backward(const Net<double>& net, const History<double>& hist, const double* q,
              const Pass<double>& pass, double g, Grads<double>& grads) {
    backwardImpl(net, hist, q, pass, g, grads);
}

const char* kernelIsa() {
    return haveAvx2Fma() ? "avx2+fma" : "generic";
}

} // namespace rs::nais
