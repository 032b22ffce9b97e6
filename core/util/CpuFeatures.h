#pragma once

namespace rs {

/// True when the CPU runs AVX2 and FMA instructions: the kernels compiled for them
/// (…Avx2.cpp) may be called. Checked once.
inline bool haveAvx2Fma() {
#if defined(__x86_64__) || defined(__i386__)
    static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return yes;
#else
    return false;
#endif
}

} // namespace rs
