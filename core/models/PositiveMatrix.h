#pragma once
#include "data/Interactions.h"
#include "models/Recommender.h"

namespace rs {

/// The entries of `byUser` with value >= minValue, each with value 1 (an implicit-feedback
/// model's positives; same shape as byUser, columns still sorted within a row). Sample weights
/// of `byUser` are kept for the positives.
CsrMatrix positiveMatrix(const CsrMatrix& byUser, double minValue);

/// The positives of `data` for a pairwise (positive vs sampled negative) model. False, with
/// `result` marked Failed ("<model> needs at least one positive interaction and two items"),
/// when there is nothing to sample from.
bool pairwisePositives(const Interactions& data, double minValue, const char* model,
                       CsrMatrix& positives, FitResult& result);

} // namespace rs
