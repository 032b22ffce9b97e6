#include "compare/Distributions.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rs {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The continued fraction of I_x(a, b) (Abramowitz & Stegun 26.5.8), evaluated with the modified
/// Lentz method; converges quickly for x < (a + 1) / (a + b + 2).
double betaContinuedFraction(double a, double b, double x) {
    constexpr double tiny = 1e-300, eps = 1e-15;
    auto guard = [](double v) { return std::abs(v) < tiny ? tiny : v; };
    double c = 1.0;
    double d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
    double f = d;
    for (int m = 1; m <= 1000; ++m) {
        const double m2 = 2.0 * m;
        // Even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)).
        double coef = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 / guard(1.0 + coef * d);
        c = guard(1.0 + coef / c);
        f *= d * c;
        // Odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
        coef = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 / guard(1.0 + coef * d);
        c = guard(1.0 + coef / c);
        const double step = d * c;
        f *= step;
        if (std::abs(step - 1.0) < eps)
            break;
    }
    return f;
}

/// I_x(a, b) with y = 1 - x given by the caller, exactly where x is close to 1 (t tails).
double incompleteBeta(double a, double b, double x, double y) {
    if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0) || !(x <= 1.0))
        return kNaN;
    if (x == 0.0 || y == 0.0)
        return x == 0.0 ? 0.0 : 1.0;
    // x^a y^b / B(a, b), in logs to stay finite for large a and b.
    const double logFront =
        a * std::log(x) + b * std::log(y) + std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b);
    if (x < (a + 1.0) / (a + b + 2.0))
        return std::exp(logFront) * betaContinuedFraction(a, b, x) / a;
    // Symmetry I_x(a, b) = 1 - I_y(b, a) where the fraction converges faster.
    return 1.0 - std::exp(logFront) * betaContinuedFraction(b, a, y) / b;
}

} // namespace

double regularizedIncompleteBeta(double a, double b, double x) {
    return incompleteBeta(a, b, x, 1.0 - x);
}

double normalCdf(double z) {
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

double normalTwoSidedP(double z) {
    if (std::isnan(z))
        return kNaN;
    return std::min(1.0, 2.0 * normalCdf(-std::abs(z)));
}

double studentTTwoSidedP(double t, double df) {
    if (std::isnan(t) || !(df > 0.0))
        return kNaN;
    if (std::isinf(df))
        return normalTwoSidedP(t);
    if (std::isinf(t))
        return 0.0;
    // P(|T| >= |t|) = I_x(df/2, 1/2) with x = df/(df+t^2); 1 - x = t^2/(df+t^2) is passed
    // exactly so that neither tiny p-values (x near 0) nor |t| near 0 (x near 1) lose precision.
    const double denominator = df + t * t;
    return incompleteBeta(df / 2.0, 0.5, df / denominator, t * t / denominator);
}

double studentTCdf(double t, double df) {
    const double twoSided = studentTTwoSidedP(t, df);
    if (std::isnan(twoSided))
        return kNaN;
    return t > 0.0 ? 1.0 - twoSided / 2.0 : twoSided / 2.0;
}

double studentTQuantile(double p, double df) {
    if (!(p > 0.0) || !(p < 1.0) || !(df > 0.0))
        return kNaN;
    double lo = -1.0, hi = 1.0;
    while (studentTCdf(lo, df) > p && lo > -1e300)
        lo *= 2.0;
    while (studentTCdf(hi, df) < p && hi < 1e300)
        hi *= 2.0;
    for (int i = 0; i < 200 && hi - lo > 1e-12 * std::max(1.0, std::abs(lo)); ++i) {
        const double mid = 0.5 * (lo + hi);
        (studentTCdf(mid, df) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

} // namespace rs
