#pragma once
#include "store/Workspace.h"
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// Writes one side's factors as CSV: a header "id,bias,f1,...,fk" ("id,f1,...,fk" when `bias`
/// is null), then one row per id with values in the shortest text that reads back to exactly
/// the same float. Ids are quoted when they need it. `factors` has one row per id; `bias`, when
/// given, one value per id. Returns false with `error` when the file cannot be written.
bool writeFactorFile(const std::string& path, const std::vector<std::string>& ids,
                     const Eigen::MatrixXf& factors, const std::vector<float>* bias,
                     std::string& error);

/// What exportRunFactors() wrote.
struct FactorExport {
    std::int64_t runId = 0;
    std::string model;
    int k = 0;
    bool hasBias = false;   ///< the model has user and item biases (written as the bias column)
    bool hasMean = false;   ///< the model has a global mean (not in the files: pass it back
    double mean = 0.0;      ///< as the import's mean to reproduce the scores)
    std::int64_t items = 0; ///< rows written to the items file
    std::int64_t users = 0; ///< rows written to the users file (0 when none was asked for)
};

/// Exports a stored run's factors with the dataset's external ids: any model with factors
/// (itemFactorsOf / userFactorsOf), plus the "user_bias"/"item_bias" blocks of its saved state
/// as the bias column and its "global_mean" block as `mean` when it has them. `usersPath` may
/// be empty (items only). Returns false with `error` for a run without a model, a model without
/// factors, or a file that cannot be written.
/// Note: for SVD++ the user file holds p_u alone, without the implicit-feedback term.
bool exportRunFactors(Workspace& ws, std::int64_t runId, const std::string& itemsPath,
                      const std::string& usersPath, FactorExport& out, std::string& error);

} // namespace rs
