#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace rs {

/// Small, fast, portable pseudo-random generator (xoshiro256** seeded through splitmix64).
/// Unlike std:: distributions its streams are identical with every standard library, so a
/// seed reproduces a fit exactly on any platform.
class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& s : m_s) {
            seed += 0x9e3779b97f4a7c15ull;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
            s = z ^ (z >> 31);
        }
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    /// 32 random bits (each 64-bit draw serves two calls).
    std::uint32_t next32() {
        if (m_hasHalf) {
            m_hasHalf = false;
            return m_half;
        }
        const std::uint64_t r = next();
        m_half = std::uint32_t(r);
        m_hasHalf = true;
        return std::uint32_t(r >> 32);
    }

    /// Uniform integer in [0, n) by multiply-shift (relative bias below n / 2^32).
    std::uint32_t below(std::uint32_t n) {
        return std::uint32_t((std::uint64_t(next32()) * n) >> 32);
    }

    /// Uniform double in [0, 1).
    double uniform() { return double(std::int64_t(next() >> 11)) * (1.0 / 9007199254740992.0); }

    /// Standard normal deviate (ziggurat with 128 layers: one draw and a multiply for about 99%
    /// of the values; the base strip's tail and the wedges are sampled exactly).
    double normal() {
        const Ziggurat& z = ziggurat();
        for (;;) {
            const std::uint64_t r = next();
            const unsigned layer = unsigned(r & 127);
            const double sign = 1.0 - double((r >> 6) & 2); // bit 7: +1 or -1, no branch
            const double x =
                double(std::int64_t(r >> 11)) * (1.0 / 9007199254740992.0) * z.x[layer];
            if (x < z.x[layer + 1] || edge(layer, x))
                return sign * (layer == 0 && x >= z.x[1] ? m_tail : x);
        }
    }

    /// Standard normal deviate in single precision (the same ziggurat with float arithmetic on
    /// the fast path and 24 random bits for the position in the layer).
    float normalFloat() {
        const Ziggurat& z = ziggurat();
        for (;;) {
            const std::uint64_t r = next();
            const unsigned layer = unsigned(r & 127);
            const float sign = 1.0f - float((r >> 6) & 2);
            const float x = float(std::int32_t(r >> 40)) * 0x1p-24f * z.xf[layer];
            if (x < z.xf[layer + 1] || edge(layer, double(x)))
                return sign * (layer == 0 && double(x) >= z.x[1] ? float(m_tail) : x);
        }
    }

    /// Fisher-Yates shuffle of data[0..n) (n < 2^32). The random targets of a few steps ahead
    /// are drawn first and prefetched, which hides the cache misses of large arrays; the
    /// permutation is the same as with one step at a time.
    template <class T> void shuffle(T* data, std::size_t n) {
        constexpr std::size_t kAhead = 32;
        std::size_t k = n;
        while (k > 1) {
            std::uint32_t target[kAhead];
            std::size_t m = 0;
            for (; m < kAhead && k - m > 1; ++m) {
                target[m] = below(std::uint32_t(k - m));
                __builtin_prefetch(data + target[m], 1);
            }
            for (std::size_t t = 0; t < m; ++t)
                std::swap(data[k - 1 - t], data[target[t]]);
            k -= m;
        }
    }

private:
    /// Layer edges x[0..128] (x[0] the base strip's pseudo-width V / f(R), x[1] = R, x[128] = 0)
    /// and f(x) = exp(-x^2 / 2) at each edge, for layers of equal area V.
    struct Ziggurat {
        double x[129];
        double f[129];
        float xf[129];
        Ziggurat() {
            const double r = 3.442619855899, v = 9.91256303526217e-3;
            auto f0 = [](double t) { return std::exp(-0.5 * t * t); };
            x[0] = v / f0(r);
            x[1] = r;
            for (int i = 1; i < 127; ++i)
                x[i + 1] = std::sqrt(-2.0 * std::log(v / x[i] + f0(x[i])));
            x[128] = 0.0;
            for (int i = 0; i <= 128; ++i) {
                f[i] = f0(x[i]);
                xf[i] = float(x[i]);
            }
        }
    };

    /// Slow path of the ziggurat for a point x outside the layer's inner rectangle: in the base
    /// layer, draws a tail value beyond R into m_tail (Marsaglia 1964) and accepts; elsewhere
    /// accepts x when a uniform height in the layer's wedge falls under the density.
    bool edge(unsigned layer, double x) {
        const Ziggurat& z = ziggurat();
        if (layer == 0) {
            if (x < z.x[1])
                return true;
            double a, b;
            do {
                a = -std::log(1.0 - uniform()) / z.x[1];
                b = -std::log(1.0 - uniform());
            } while (b + b < a * a);
            m_tail = z.x[1] + a;
            return true;
        }
        const double y = z.f[layer] + uniform() * (z.f[layer + 1] - z.f[layer]);
        return y < std::exp(-0.5 * x * x);
    }
    static const Ziggurat& ziggurat() {
        static const Ziggurat z;
        return z;
    }
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4];
    std::uint32_t m_half = 0;
    bool m_hasHalf = false;
    double m_tail = 0.0;
};

} // namespace rs
