#pragma once
#include <cstddef>
#include <new>
#include <vector>

namespace rs {

/// Allocator returning 64-byte aligned storage (one cache line), for SIMD-friendly rows.
template <class T> struct AlignedAllocator {
    using value_type = T;
    static constexpr std::align_val_t kAlign{64};
    AlignedAllocator() = default;
    template <class U> AlignedAllocator(const AlignedAllocator<U>&) {}
    T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlign)); }
    void deallocate(T* p, std::size_t) { ::operator delete(p, kAlign); }
    template <class U> bool operator==(const AlignedAllocator<U>&) const { return true; }
};

/// A std::vector<float> whose data() is 64-byte aligned.
using AlignedFloats = std::vector<float, AlignedAllocator<float>>;

} // namespace rs
