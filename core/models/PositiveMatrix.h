#pragma once
#include "data/Interactions.h"

namespace rs {

/// The entries of `byUser` with value >= minValue, each with value 1 (an implicit-feedback
/// model's positives; same shape as byUser, columns still sorted within a row).
CsrMatrix positiveMatrix(const CsrMatrix& byUser, double minValue);

} // namespace rs
