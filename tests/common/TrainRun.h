#pragma once
// Test setup: trains a model on a stored dataset through the real training job and stores the
// run (what the Training page does), returning the run id (0 and a warning on failure).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rs::test {

struct TrainSpec {
    std::string model;
    std::vector<std::pair<std::string, std::string>> params;
    std::string split = "random:0.2:seed=3";
    std::uint64_t seed = 42;
    int threads = 2;
    std::string debias = {}; ///< DebiasSpec text (empty: none)
};

std::int64_t trainRun(const std::string& workspacePath, std::int64_t datasetId,
                      const TrainSpec& spec);

} // namespace rs::test
