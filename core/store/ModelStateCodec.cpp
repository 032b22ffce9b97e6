#include "store/ModelStateCodec.h"

#include "store/BlobCodec.h"

namespace rs {

void decodeModelHyperRow(ModelState& state, const std::string& key, const std::string& value) {
    if (key == "__model")
        state.model = value;
    else
        state.hyper[key] = value;
}

bool decodeModelParamRow(ModelState& state, const std::string& name, std::int64_t formatVersion,
                         std::int64_t rows, std::int64_t cols, std::span<const unsigned char> data,
                         std::string& error) {
    ParamBlock b;
    b.name = name;
    state.formatVersion = int(formatVersion);
    b.rows = rows;
    b.cols = cols;
    b.data = fromBlob<float>(data);
    // A damaged row may hold any shape: negative or overflowing sizes are damage too.
    std::int64_t count = 0;
    if (rows < 0 || cols < 0 || __builtin_mul_overflow(rows, cols, &count)) {
        error = "('" + b.name + "') are damaged: shape " + std::to_string(rows) + " x " +
                std::to_string(cols) + ", found " + std::to_string(b.data.size()) + " values";
        return false;
    }
    if (std::int64_t(b.data.size()) != count) {
        error = "('" + b.name + "') are damaged: expected " + std::to_string(count) +
                " values, found " + std::to_string(b.data.size());
        return false;
    }
    state.blocks.push_back(std::move(b));
    return true;
}

} // namespace rs
