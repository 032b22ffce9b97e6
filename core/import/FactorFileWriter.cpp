#include "import/FactorFileWriter.h"

#include "latent/ModelFactors.h"
#include "store/DatasetQueries.h"
#include "store/RunStore.h"
#include "train/TrainingJob.h"
#include "util/CsvText.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>

namespace rs {

namespace {

void appendFloat(std::string& line, float v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    line.append(buf, r.ptr);
}

/// The saved block `name` as a column of `rows` values; empty when absent or of another shape.
std::vector<float> biasColumn(const ModelState& state, const char* name, Eigen::Index rows) {
    const ParamBlock* b = state.find(name);
    if (!b || b->cols != 1 || b->rows != rows || b->data.size() != std::size_t(rows))
        return {};
    return b->data;
}

} // namespace

bool writeFactorFile(const std::string& path, const std::vector<std::string>& ids,
                     const Eigen::MatrixXf& factors, const std::vector<float>* bias,
                     std::string& error) {
    if (factors.rows() != Eigen::Index(ids.size()) || (bias && bias->size() != ids.size())) {
        error = "internal: " + std::to_string(ids.size()) + " ids for " +
                std::to_string(factors.rows()) + " factor rows";
        return false;
    }
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"),
                                                         &std::fclose);
    if (!file) {
        error = "cannot write '" + path + "': " + std::strerror(errno);
        return false;
    }
    std::string line = bias ? "id,bias" : "id";
    for (Eigen::Index f = 0; f < factors.cols(); ++f)
        line += ",f" + std::to_string(f + 1);
    line += '\n';
    bool ok = std::fwrite(line.data(), 1, line.size(), file.get()) == line.size();
    for (std::size_t r = 0; ok && r < ids.size(); ++r) {
        line = csvField(ids[r]);
        if (bias) {
            line += ',';
            appendFloat(line, (*bias)[r]);
        }
        for (Eigen::Index f = 0; f < factors.cols(); ++f) {
            line += ',';
            appendFloat(line, factors(Eigen::Index(r), f));
        }
        line += '\n';
        ok = std::fwrite(line.data(), 1, line.size(), file.get()) == line.size();
    }
    if (std::fclose(file.release()) != 0)
        ok = false;
    if (!ok) {
        error = "writing '" + path + "' failed: " + std::strerror(errno);
        return false;
    }
    return true;
}

bool exportRunFactors(Workspace& ws, std::int64_t runId, const std::string& itemsPath,
                      const std::string& usersPath, FactorExport& out, std::string& error) {
    out = FactorExport{};
    out.runId = runId;
    const auto run = RunStore(ws).get(runId);
    if (!run) {
        error = "no run " + std::to_string(runId) + " in the workspace";
        return false;
    }
    const auto model = loadTrainedModel(ws, runId, error);
    if (!model)
        return false;
    out.model = model->name();
    const Eigen::MatrixXf itemFactors = itemFactorsOf(*model);
    const Eigen::MatrixXf userFactors = userFactorsOf(*model);
    if (itemFactors.size() == 0) {
        error = "model '" + out.model + "' of run " + std::to_string(runId) +
                " has no latent factors to export";
        return false;
    }
    out.k = int(itemFactors.cols());

    // External ids by dense index.
    DatasetQueries queries(ws, run->datasetId);
    const TableQuery all;
    std::vector<std::string> itemIds(std::size_t(queries.countItems(all)));
    for (const ItemRow& row : queries.items(all, 0, int(itemIds.size())))
        if (row.index >= 0 && std::size_t(row.index) < itemIds.size())
            itemIds[std::size_t(row.index)] = row.itemId;
    if (itemFactors.rows() != Eigen::Index(itemIds.size())) {
        error = "run " + std::to_string(runId) + " has " + std::to_string(itemFactors.rows()) +
                " item factor rows but its dataset has " + std::to_string(itemIds.size()) +
                " items";
        return false;
    }

    const ModelState state = model->save();
    const std::vector<float> itemBias = biasColumn(state, "item_bias", itemFactors.rows());
    const std::vector<float> userBias = biasColumn(state, "user_bias", userFactors.rows());
    out.hasBias = !itemBias.empty() && !userBias.empty();
    if (const ParamBlock* m = state.find("global_mean"); m && m->data.size() == 1) {
        out.hasMean = true;
        out.mean = m->data[0];
    }
    if (!writeFactorFile(itemsPath, itemIds, itemFactors, out.hasBias ? &itemBias : nullptr, error))
        return false;
    out.items = std::int64_t(itemIds.size());
    if (usersPath.empty())
        return true;

    std::vector<std::string> userIds(std::size_t(queries.countUsers(all)));
    for (const UserRow& row : queries.users(all, 0, int(userIds.size())))
        if (row.index >= 0 && std::size_t(row.index) < userIds.size())
            userIds[std::size_t(row.index)] = row.userId;
    if (userFactors.rows() != Eigen::Index(userIds.size())) {
        error = "run " + std::to_string(runId) + " has " + std::to_string(userFactors.rows()) +
                " user factor rows but its dataset has " + std::to_string(userIds.size()) +
                " users";
        return false;
    }
    if (!writeFactorFile(usersPath, userIds, userFactors, out.hasBias ? &userBias : nullptr, error))
        return false;
    out.users = std::int64_t(userIds.size());
    return true;
}

} // namespace rs
