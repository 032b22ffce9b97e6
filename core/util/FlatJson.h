#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rs {

/// Reads a flat JSON object of numbers ({"rmse":0.87,"ndcg@10":0.1}) in key order; non-number
/// values (null, strings) are skipped. Returns false on malformed text.
bool parseFlatJsonNumbers(std::string_view text, std::vector<std::pair<std::string, double>>& out);
/// Reads a flat JSON object of strings ({"factors":"100"}) in key order.
bool parseFlatJsonStrings(std::string_view text,
                          std::vector<std::pair<std::string, std::string>>& out);

} // namespace rs
