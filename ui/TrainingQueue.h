#pragma once
#include "JobRunner.h"
#include "TrainingQueueModel.h"
#include "WorkerRelay.h"
#include "pipeline/StageGraph.h"

#include <QHash>
#include <QObject>
#include <memory>

namespace rs::ui {

class WorkspaceSession;

/// Runs queued training requests one after another as JobRunner jobs (each opens its own
/// workspace connection and calls rs::runTraining). Per-epoch records reach the UI thread
/// through an EpochRelay (and its stage graphs through a StageRelay); progress comes from the job
/// runner. A queued run can be cancelled (it never starts) or removed; a running one is cancelled
/// cooperatively (nothing is stored). A finished run that was stored announces itself with
/// WorkspaceSession::notifyRunsChanged.
class TrainingQueue : public QObject {
    Q_OBJECT
public:
    TrainingQueue(WorkspaceSession& session, JobRunner& jobs, QObject* parent = nullptr);
    ~TrainingQueue() override;

    /// Queues `request` (trained on the session's current workspace); returns its number.
    int enqueue(const rs::TrainingRequest& request, const QString& datasetName,
                const QString& splitText);
    /// Cancels a queued or running run; false when it is finished or unknown.
    bool cancel(int id);
    /// Removes a run that is not running; false otherwise.
    bool remove(int id);
    /// The running run's number, or 0.
    int runningId() const { return m_running; }
    TrainingQueueModel* model() const { return m_model; }
    const QueuedRun* run(int id) const { return m_model->find(id); }

signals:
    void started(int id);
    void epochAdded(int id, const rs::EpochRecord& epoch);
    /// The running run's pipeline stage graph changed (a stage started, progressed, ended).
    void stageChanged(int id, const rs::StageGraph& graph);
    void progressChanged(int id, double fraction, const QString& stage);
    void finished(int id);

private:
    void startNext();
    void onEpoch(int id, const rs::EpochRecord& epoch);
    void onOutcome(int id, const rs::TrainingOutcome& outcome);
    void onJobFinished(JobId job, const QString& error);
    void finish(QueuedRun& run);

    WorkspaceSession& m_session;
    JobRunner& m_jobs;
    TrainingQueueModel* m_model;
    int m_nextId = 1;
    int m_running = 0;
    QHash<int, std::shared_ptr<EpochRelay>> m_relays;
    QHash<int, std::shared_ptr<StageRelay>> m_stageRelays;
};

} // namespace rs::ui
