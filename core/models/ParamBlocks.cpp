#include "models/ParamBlocks.h"

#include <algorithm>

namespace rs::blocks {

ParamBlock make(std::string name, std::int64_t rows, std::int64_t cols, const float* data,
                std::size_t stride) {
    ParamBlock b;
    b.name = std::move(name);
    b.rows = rows;
    b.cols = cols;
    b.data.resize(std::size_t(rows * cols));
    for (std::int64_t r = 0; r < rows; ++r)
        std::copy_n(data + std::size_t(r) * stride, cols, b.data.begin() + r * cols);
    return b;
}

ParamBlock column(std::string name, const std::vector<float>& v) {
    return make(std::move(name), std::int64_t(v.size()), 1, v.data(), 1);
}

ParamBlock scalar(std::string name, float v) {
    return make(std::move(name), 1, 1, &v, 1);
}

const ParamBlock* require(const ModelState& state, const std::string& name, std::int64_t rows,
                          std::int64_t cols, std::string& error) {
    const ParamBlock* b = state.find(name);
    if (!b) {
        error = "missing parameter block '" + name + "'";
        return nullptr;
    }
    std::int64_t count = 0;
    if ((rows >= 0 && b->rows != rows) || (cols >= 0 && b->cols != cols) || b->rows < 0 ||
        b->cols < 0 || __builtin_mul_overflow(b->rows, b->cols, &count) ||
        std::size_t(count) != b->data.size()) {
        error = "parameter block '" + name + "' has shape " + std::to_string(b->rows) + "x" +
                std::to_string(b->cols) + " (" + std::to_string(b->data.size()) + " values)";
        if (rows >= 0 || cols >= 0)
            error += ", expected " + (rows >= 0 ? std::to_string(rows) : std::string("n")) + "x" +
                     (cols >= 0 ? std::to_string(cols) : std::string("n"));
        return nullptr;
    }
    return b;
}

void copyOut(const ParamBlock& b, std::vector<float>& out, std::size_t stride) {
    out.assign(std::size_t(b.rows) * stride, 0.0f);
    for (std::int64_t r = 0; r < b.rows; ++r)
        std::copy_n(b.data.begin() + r * b.cols, b.cols, out.begin() + std::size_t(r) * stride);
}

bool checkHeader(const ModelState& state, const std::string& model, int formatVersion,
                 std::string& error) {
    if (state.model != model) {
        error = "saved model is '" + state.model + "', not '" + model + "'";
        return false;
    }
    if (state.formatVersion != formatVersion) {
        error = "unsupported " + model + " format version " + std::to_string(state.formatVersion) +
                " (this build reads " + std::to_string(formatVersion) + ")";
        return false;
    }
    return true;
}

} // namespace rs::blocks
