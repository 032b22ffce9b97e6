#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace rs {

/// One named parameter block of a trained model (a matrix or vector), row-major floats.
struct ParamBlock {
    std::string name;
    std::int64_t rows = 0;
    std::int64_t cols = 0;
    std::vector<float> data; ///< rows * cols values, row-major
};

/// Everything needed to restore a trained model: its kind, a format version, the
/// hyper-parameters as text and its parameter blocks. The workspace stores this as BLOBs.
struct ModelState {
    std::string model; ///< registry name, e.g. "biasedmf"
    int formatVersion = 1;
    std::map<std::string, std::string> hyper;
    std::vector<ParamBlock> blocks;

    const ParamBlock* find(const std::string& blockName) const {
        for (const auto& b : blocks)
            if (b.name == blockName)
                return &b;
        return nullptr;
    }
};

} // namespace rs
