#pragma once
#include "data/ModelState.h"
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// Helpers to write and read ModelState parameter blocks with shape checks.
namespace blocks {

/// A rows x cols block copied from row-major `data` whose rows are `stride` floats apart.
ParamBlock make(std::string name, std::int64_t rows, std::int64_t cols, const float* data,
                std::size_t stride);
/// A rows x 1 block from a vector.
ParamBlock column(std::string name, const std::vector<float>& v);
/// A 1 x 1 block.
ParamBlock scalar(std::string name, float v);

/// The block `name` when present with the expected shape (a negative expectation accepts any
/// size); otherwise nullptr and an `error` naming the block and the mismatch.
const ParamBlock* require(const ModelState& state, const std::string& name, std::int64_t rows,
                          std::int64_t cols, std::string& error);
/// Copies a rows x cols block into `out` with row stride `stride` (padding columns zeroed).
void copyOut(const ParamBlock& b, std::vector<float>& out, std::size_t stride);
/// Checks the model name and format version of a saved state.
bool checkHeader(const ModelState& state, const std::string& model, int formatVersion,
                 std::string& error);

} // namespace blocks
} // namespace rs
