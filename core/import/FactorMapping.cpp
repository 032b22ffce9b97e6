#include "import/FactorMapping.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace rs {

FactorSideReport mapFactorRows(const FactorFile& file, const std::vector<std::string>& datasetIds,
                               AlignedFloats& factors, std::size_t stride, std::vector<float>& bias,
                               std::size_t maxExamples) {
    FactorSideReport report;
    report.file = file.fileName;
    report.rows = std::int64_t(file.rows());
    report.hasBias = file.hasBias;
    report.layout = file.layout;
    std::unordered_map<std::string_view, std::uint32_t> indexOf;
    indexOf.reserve(datasetIds.size());
    for (std::uint32_t i = 0; i < datasetIds.size(); ++i)
        indexOf.emplace(datasetIds[i], i);
    const std::size_t k = std::size_t(file.k);
    for (std::size_t r = 0; r < file.rows(); ++r) {
        const auto it = indexOf.find(file.ids[r]);
        if (it == indexOf.end()) {
            if (report.unknownExamples.size() < maxExamples)
                report.unknownExamples.push_back(file.ids[r] + " (line " +
                                                 std::to_string(file.lines[r]) + ")");
            ++report.unknown;
            continue;
        }
        const std::size_t row = it->second;
        std::copy_n(file.factors.begin() + std::ptrdiff_t(r * k), k,
                    factors.begin() + std::ptrdiff_t(row * stride));
        if (file.hasBias)
            bias[row] = file.bias[r];
        ++report.mapped;
    }
    report.missing = std::int64_t(datasetIds.size()) - report.mapped;
    return report;
}

} // namespace rs
