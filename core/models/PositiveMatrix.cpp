#include "models/PositiveMatrix.h"

namespace rs {

CsrMatrix positiveMatrix(const CsrMatrix& byUser, double minValue) {
    CsrMatrix m;
    m.rows = byUser.rows;
    m.cols = byUser.cols;
    m.rowPtr.assign(std::size_t(byUser.rows) + 1, 0);
    for (std::uint32_t u = 0; u < byUser.rows; ++u) {
        const auto cols = byUser.rowCols(u);
        const auto vals = byUser.rowValues(u);
        const auto ws = byUser.rowWeights(u);
        for (std::size_t j = 0; j < cols.size(); ++j)
            if (double(vals[j]) >= minValue) {
                m.colIdx.push_back(cols[j]);
                m.values.push_back(1.0f);
                if (!ws.empty())
                    m.weights.push_back(ws[j]);
            }
        m.rowPtr[u + 1] = m.colIdx.size();
    }
    return m;
}

bool pairwisePositives(const Interactions& data, double minValue, const char* model,
                       CsrMatrix& positives, FitResult& result) {
    positives = positiveMatrix(data.byUser, minValue);
    if (positives.nnz() > 0 && data.numItems() >= 2)
        return true;
    result.status = FitStatus::Failed;
    result.message = std::string(model) + " needs at least one positive interaction and two items";
    return false;
}

} // namespace rs
