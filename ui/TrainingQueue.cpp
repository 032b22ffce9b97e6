#include "TrainingQueue.h"

#include "UiLog.h"
#include "WorkspaceSession.h"

#include "store/Workspace.h"

namespace rs::ui {

TrainingQueue::TrainingQueue(WorkspaceSession& session, JobRunner& jobs, QObject* parent)
    : QObject(parent), m_session(session), m_jobs(jobs), m_model(new TrainingQueueModel(this)) {
    connect(&m_jobs, &JobRunner::jobProgress, this,
            [this](JobId job, double fraction, const QString& stage) {
                QueuedRun* r = m_model->find(m_running);
                if (!r || r->job != job)
                    return;
                r->fraction = fraction;
                r->stage = stage;
                m_model->changed(r->id);
                emit progressChanged(r->id, fraction, stage);
            });
    connect(&m_jobs, &JobRunner::jobFinished, this, &TrainingQueue::onJobFinished);
}

TrainingQueue::~TrainingQueue() {
    for (const auto& relay : std::as_const(m_relays))
        relay->detach();
    for (const auto& relay : std::as_const(m_stageRelays))
        relay->detach();
    if (const QueuedRun* r = m_model->find(m_running))
        m_jobs.cancel(r->job);
}

int TrainingQueue::enqueue(const rs::TrainingRequest& request, const QString& datasetName,
                           const QString& splitText) {
    QueuedRun run;
    run.id = m_nextId++;
    run.workspacePath = m_session.path();
    run.request = request;
    run.datasetName = datasetName;
    run.splitText = splitText;
    const int id = run.id;
    m_model->append(std::move(run));
    startNext();
    return id;
}

bool TrainingQueue::cancel(int id) {
    QueuedRun* r = m_model->find(id);
    if (!r || r->isFinished())
        return false;
    if (r->state == QueuedRun::State::Running) {
        m_jobs.cancel(r->job); // the outcome (cancelled) arrives when the job stops
        r->stage = tr("cancelling…");
        m_model->changed(id);
        return true;
    }
    r->state = QueuedRun::State::Cancelled;
    r->message = tr("cancelled before it started");
    m_model->changed(id);
    emit finished(id);
    return true;
}

bool TrainingQueue::remove(int id) {
    const QueuedRun* r = m_model->find(id);
    if (!r || r->state == QueuedRun::State::Running)
        return false;
    m_relays.remove(id);
    m_stageRelays.remove(id);
    return m_model->remove(id);
}

void TrainingQueue::startNext() {
    if (m_running)
        return;
    QueuedRun* next = nullptr;
    for (const QueuedRun& r : m_model->runs())
        if (r.state == QueuedRun::State::Queued) {
            next = m_model->find(r.id);
            break;
        }
    if (!next)
        return;
    const int id = next->id;
    auto relay = std::make_shared<EpochRelay>(
        this, [this, id](const rs::EpochRecord& e) { onEpoch(id, e); });
    m_relays.insert(id, relay);
    auto stages = std::make_shared<StageRelay>(
        this, [this, id](const rs::StageGraph& g) { emit stageChanged(id, g); });
    m_stageRelays.insert(id, stages);
    std::function<rs::TrainingOutcome(const rs::Progress&)> work =
        [path = next->workspacePath.toStdString(), request = next->request, relay,
         stages](const rs::Progress& progress) {
            rs::TrainingOutcome out;
            try {
                rs::Workspace ws(path);
                rs::TrainingCallbacks callbacks;
                callbacks.progress = progress;
                callbacks.onEpoch = [&relay](const rs::EpochRecord& e) {
                    relay->post(e);
                    return true;
                };
                // Stage graphs reach the UI thread queued; core sends at most ~100 per stage.
                callbacks.onStage = [&stages](const rs::StageGraph& g) { stages->post(g); };
                out = rs::runTraining(ws, request, callbacks);
            } catch (const std::exception& e) {
                out.status = rs::TrainingStatus::Failed;
                out.error = e.what();
            }
            return out;
        };
    next->state = QueuedRun::State::Running;
    m_running = id;
    const QString title = tr("Training %1 on “%2”")
                              .arg(QString::fromStdString(next->request.model), next->datasetName);
    next->job = m_jobs.start<rs::TrainingOutcome>(
        title, std::move(work), this,
        [this, id](rs::TrainingOutcome outcome) { onOutcome(id, outcome); });
    m_model->changed(id);
    qCInfo(lcUi) << "training run" << id << "started:" << title;
    emit started(id);
}

void TrainingQueue::onEpoch(int id, const rs::EpochRecord& epoch) {
    QueuedRun* r = m_model->find(id);
    if (!r || r->state != QueuedRun::State::Running)
        return;
    r->epochs.push_back(epoch);
    emit epochAdded(id, epoch);
}

void TrainingQueue::onOutcome(int id, const rs::TrainingOutcome& outcome) {
    QueuedRun* r = m_model->find(id);
    if (!r)
        return;
    switch (outcome.status) {
    case rs::TrainingStatus::Done:
    case rs::TrainingStatus::Diverged:
        r->state = QueuedRun::State::Done;
        r->runId = outcome.run.id;
        r->metrics = outcome.run.metrics;
        r->fitSeconds = outcome.run.fitSeconds;
        if (outcome.status == rs::TrainingStatus::Diverged)
            r->message = tr("diverged: %1").arg(QString::fromStdString(outcome.run.message));
        // The complete history (the live one may miss nothing, but the stored one is canonical).
        if (!outcome.epochs.empty())
            r->epochs = outcome.epochs;
        break;
    case rs::TrainingStatus::Cancelled:
        r->state = QueuedRun::State::Cancelled;
        r->message = tr("cancelled; nothing was stored");
        break;
    case rs::TrainingStatus::Failed:
        r->state = QueuedRun::State::Failed;
        r->message = QString::fromStdString(outcome.error);
        break;
    }
    finish(*r);
}

void TrainingQueue::onJobFinished(JobId job, const QString& error) {
    // The outcome was not delivered (the job threw): the run failed.
    QueuedRun* r = m_model->find(m_running);
    if (!r || r->job != job || r->state != QueuedRun::State::Running)
        return;
    r->state = QueuedRun::State::Failed;
    r->message = error.isEmpty() ? tr("the training job ended without a result") : error;
    finish(*r);
}

void TrainingQueue::finish(QueuedRun& run) {
    const int id = run.id;
    if (auto relay = m_relays.take(id))
        relay->detach();
    if (auto relay = m_stageRelays.take(id))
        relay->detach();
    if (m_running == id)
        m_running = 0;
    qCInfo(lcUi) << "training run" << id << TrainingQueueModel::stateName(run.state) << run.message;
    m_model->changed(id);
    const qint64 runId = run.runId;
    emit finished(id);
    if (runId > 0)
        m_session.notifyRunsChanged(runId);
    startNext();
}

} // namespace rs::ui
