#pragma once
#include "data/ModelState.h"
#include <cstdint>
#include <span>
#include <string>

namespace rs {

/// Decoding of a stored model (tables model_hyper and model_params) into a ModelState, shared by
/// RunStore::loadModel and the fuzz target tests/fuzz/fuzz_model_blob.cpp. Pure: no database.

/// One model_hyper row: the pseudo key "__model" names the model, any other is a
/// hyper-parameter.
void decodeModelHyperRow(ModelState& state, const std::string& key, const std::string& value);

/// One model_params row: appends the block `name` (rows x cols little-endian floats in `data`)
/// to `state` and takes its format version. False with `error` ("'name' are damaged: ...")
/// when the shape is negative or overflows, or `data` does not hold exactly rows * cols values.
bool decodeModelParamRow(ModelState& state, const std::string& name, std::int64_t formatVersion,
                         std::int64_t rows, std::int64_t cols, std::span<const unsigned char> data,
                         std::string& error);

} // namespace rs
