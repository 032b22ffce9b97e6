#pragma once
#include "data/Interactions.h"
#include <cmath>

namespace rs {

/// Root mean squared error of `predict(user, item)` over every entry of a by-user matrix
/// (0 for an empty matrix).
template <class Predict> double rmseOver(const CsrMatrix& byUser, Predict&& predict) {
    double sse = 0.0;
    for (std::uint32_t u = 0; u < byUser.rows; ++u) {
        const auto cols = byUser.rowCols(u);
        const auto vals = byUser.rowValues(u);
        for (std::size_t k = 0; k < cols.size(); ++k) {
            const double e = double(vals[k]) - double(predict(u, cols[k]));
            sse += e * e;
        }
    }
    return byUser.nnz() ? std::sqrt(sse / double(byUser.nnz())) : 0.0;
}

/// RMSE on FitOptions::validation, or -1 when there is none.
template <class Predict> double validationRmse(const Interactions* validation, Predict&& predict) {
    return validation ? rmseOver(validation->byUser, predict) : -1.0;
}

} // namespace rs
