#include "TrainRun.h"

#include "store/Workspace.h"
#include "train/TrainingJob.h"

#include <QtGlobal>

namespace rs::test {

std::int64_t trainRun(const std::string& workspacePath, std::int64_t datasetId,
                      const TrainSpec& spec) {
    rs::Workspace ws(workspacePath);
    rs::TrainingRequest req;
    req.datasetId = datasetId;
    req.model = spec.model;
    req.params = spec.params;
    req.split = spec.split;
    req.seed = spec.seed;
    req.threads = spec.threads;
    req.debias = spec.debias;
    const rs::TrainingOutcome out = rs::runTraining(ws, req, {});
    if (out.status != rs::TrainingStatus::Done)
        qWarning("training %s: %s", spec.model.c_str(), out.error.c_str());
    return out.run.id;
}

} // namespace rs::test
