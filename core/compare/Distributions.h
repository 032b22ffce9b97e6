#pragma once

namespace rs {

// Distribution functions the comparison's significance tests need, computed from their
// definitions (no statistics library): the regularised incomplete beta function by its continued
// fraction, the Student-t distribution through it, the normal distribution through erfc.

/// Regularised incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1]; NaN outside.
double regularizedIncompleteBeta(double a, double b, double x);

/// Standard normal cumulative distribution function Phi(z).
double normalCdf(double z);
/// Two-sided p-value of a standard normal statistic: 2 * Phi(-|z|).
double normalTwoSidedP(double z);

/// Student-t cumulative distribution function with `df` > 0 degrees of freedom (df may be
/// fractional; infinite df is the normal distribution). NaN for df <= 0 or NaN t.
double studentTCdf(double t, double df);
/// Two-sided p-value of a t statistic: P(|T| >= |t|) = I_{df/(df+t^2)}(df/2, 1/2).
double studentTTwoSidedP(double t, double df);
/// The t value below which the probability is `p` (0 < p < 1), by bisection on studentTCdf.
double studentTQuantile(double p, double df);

} // namespace rs
