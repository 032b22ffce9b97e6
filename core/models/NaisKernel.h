#pragma once
// The arithmetic of the NAIS attention model (He et al., TKDE 2018, "prod" attention) for one
// target item, forward and backward, in float (training and scoring) and double (the gradient
// check). Plain aggregates and function declarations only: NaisKernelAvx2.cpp includes this
// header under another target ISA, so nothing here may define an inline function.
//
// Notation for one user and one target item t with embedding q = q_t (k values):
//   H            the user's history, n items j with embeddings p_j (k values); the target itself
//                is left out when it is in H (the paper's j != i)
//   x_j = p_j (.) q                    element-wise product, k values
//   z_j = W x_j + b                    W is a x k, b has a values
//   r_j = ReLU(z_j),  f_j = h . r_j    attention logit
//   S   = sum_j exp(f_j)
//   a_j = exp(f_j) / S^beta            smoothed softmax, beta in (0, 1]
//   s_j = p_j . q                      similarity
//   Y   = sum_j a_j s_j                the score without the item bias (y = Y + b_t)
// Computed stably with m = max_j f_j: e_j = exp(f_j - m), S' = sum_j e_j,
//   a_j = e_j * c with c = exp((1 - beta) m - beta ln S').
//
// Backward, for g = dL/dy (L the sample's loss) and the softmax w_j = e_j / S':
//   da_j/df_l = a_j (delta_jl - beta w_l), so
//   dL/df_j   = g (a_j s_j - beta w_j Y)                                        =: df_j
//   with dr_j = h (.) [z_j > 0] (the ReLU's derivative, 0 at exactly 0)
//   G_j       = df_j dr_j                                                        (a values)
//   dL/dh     = sum_j df_j r_j
//   dL/db     = sum_j G_j
//   dL/dW     = sum_j G_j x_j^T   (entry (r, c) = q[c] sum_j G_j[r] p_j[c])
//   u_j       = g a_j 1 + W^T G_j                                                (k values)
//   dL/dp_j   = u_j (.) q          (from s_j through a_j s_j and from x_j through z_j)
//   dL/dq     = sum_j u_j (.) p_j
//   dL/db_t   = g
// Regularisation terms are not part of these kernels (the trainer adds them).
#include <cstddef>

namespace rs::nais {

/// The history block is stored transposed and padded to a multiple of this many columns.
inline constexpr std::size_t kLanes = 8;

/// The attention network (read-only views).
template <class T> struct Net {
    const T* w; ///< a x k, row-major
    const T* b; ///< a
    const T* h; ///< a
    int k;
    int a;
    T beta;
};

/// A user's history embeddings, transposed: p_{H[j]}[c] at pt[c * stride + j]; the padding
/// columns n..stride are zero.
template <class T> struct History {
    const T* pt;
    std::size_t n;
    std::size_t stride; ///< a multiple of kLanes, >= n
};

/// Buffers and results of one forward pass (one target). The caller sizes the buffers.
template <class T> struct Pass {
    T* v;                ///< a x k scratch: W diag(q)
    T* z;                ///< a x stride pre-activations z_j, or nullptr (no backward follows)
    T* f;                ///< stride: logits f_j
    T* s;                ///< stride: similarities s_j
    T* e;                ///< stride: e_j = exp(f_j - m); 0 for the skipped item and padding
    std::ptrdiff_t skip; ///< history position left out (the target itself) or -1
    // Outputs of forward():
    T maxLogit; ///< m (0 when no history item is left)
    T sum;      ///< S'
    T scale;    ///< c, so a_j = c e_j
    T total;    ///< Y
};

/// Gradient accumulators (backward() adds to them) and scratch.
template <class T> struct Grads {
    T* dpt; ///< k x stride, dL/dp_j transposed like History::pt
    T* dq;  ///< k
    T* dw;  ///< a x k
    T* db;  ///< a
    T* dh;  ///< a
    T* gz;  ///< (a + 1) x stride + k x kLanes scratch (G_j, df_j, dq partial sums)
};

/// Runs the forward pass for target embedding `q`; returns Y (also in pass.total).
float forward(const Net<float>& net, const History<float>& hist, const float* q,
              Pass<float>& pass);
double forward(const Net<double>& net, const History<double>& hist, const double* q,
               Pass<double>& pass);

/// Adds g times the derivatives of Y to `grads` (see the formulas above). Needs the pass of
/// forward() with a z buffer, the same net, history and q.
void backward(const Net<float>& net, const History<float>& hist, const float* q,
              const Pass<float>& pass, float g, Grads<float>& grads);
void backward(const Net<double>& net, const History<double>& hist, const double* q,
              const Pass<double>& pass, double g, Grads<double>& grads);

/// "avx2+fma" or "generic": which float kernels this CPU runs.
const char* kernelIsa();

namespace detail {
/// The float kernels compiled for AVX2 + FMA (NaisKernelAvx2.cpp); called only on such CPUs.
float forwardAvx2(const Net<float>& net, const History<float>& hist, const float* q,
                  Pass<float>& pass);
void backwardAvx2(const Net<float>& net, const History<float>& hist, const float* q,
                  const Pass<float>& pass, float g, Grads<float>& grads);
} // namespace detail

} // namespace rs::nais
