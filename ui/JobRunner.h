#pragma once
#include "WorkerPools.h"
#include "util/Progress.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>

namespace rs::ui {

using JobId = quint64;

/// Cancellation flag and progress throttle shared between a job and its runner.
struct JobControl {
    std::atomic<bool> cancelRequested{false};
    /// Worker side only: when progress was last passed on (throttling to ~20 reports/s).
    std::chrono::steady_clock::time_point lastReport{};
    /// Worker side: true when a report at `fraction` should reach the UI now.
    bool shouldReport(double fraction);
};

/// Runs long core jobs (imports, deletions, later training) on a worker thread and brings
/// their results back to the UI thread, in the manner of a job tracker:
/// - progress arrives through queued signals, throttled to about 20 per second;
/// - cancel(id) sets a flag the job's rs::Progress callback returns, so the core stops at its
///   next safe point and still returns its (cancelled) result;
/// - a job started with a `supersedeKey` replaces a running job with the same key: the old one
///   is cancelled and its result dropped, so a view never shows a stale answer.
/// The UI thread never waits for a job.
class JobRunner : public QObject {
    Q_OBJECT
public:
    explicit JobRunner(QObject* parent = nullptr);
    /// Cancels every running job; their results are dropped.
    ~JobRunner() override;

    /// Starts `work(progress)` on the job pool; `done(result)` then runs on the UI thread if
    /// the job was not superseded and `context` still exists. `work` must capture only values
    /// it owns (open its own rs::Workspace), must be safe to run on another thread, and should
    /// not throw (an escaping exception is reported through jobFinished as an error).
    template <class Result>
    JobId start(const QString& title, std::function<Result(const rs::Progress&)> work,
                QObject* context, std::function<void(Result)> done,
                const QString& supersedeKey = QString());

    /// Asks a job to stop; its result (normally a "cancelled" status) is still delivered.
    void cancel(JobId id);
    void cancelAll();
    bool isRunning(JobId id) const { return m_jobs.contains(id); }
    int runningCount() const { return int(m_jobs.size()); }
    /// The most recently started job still running, or 0.
    JobId latestJob() const;
    QString title(JobId id) const;
    double progress(JobId id) const;
    QString stage(JobId id) const;

signals:
    void jobStarted(rs::ui::JobId id, const QString& title);
    void jobProgress(rs::ui::JobId id, double fraction, const QString& stage);
    /// After the result was delivered (or dropped: superseded, context gone, or `error`).
    void jobFinished(rs::ui::JobId id, const QString& error);

private:
    struct Entry {
        QString title;
        QString key;
        QString stage;
        double fraction = 0;
        bool superseded = false;
        std::shared_ptr<JobControl> control;
    };
    JobId registerJob(const QString& title, const QString& key,
                      const std::shared_ptr<JobControl>& control);
    void onProgress(JobId id, int value, const QString& text);
    /// Removes the job; true when its result should be delivered.
    bool finishJob(JobId id);

    JobId m_nextId = 1;
    QHash<JobId, Entry> m_jobs;
};

/// Progress values travel through QFutureInterface as 0..kProgressScale.
inline constexpr int kProgressScale = 1000;

template <class Result>
JobId JobRunner::start(const QString& title, std::function<Result(const rs::Progress&)> work,
                       QObject* context, std::function<void(Result)> done,
                       const QString& supersedeKey) {
    auto control = std::make_shared<JobControl>();
    const JobId id = registerJob(title, supersedeKey, control);
    auto run = [work = std::move(work), control](QPromise<Result>& promise) {
        runAsBackgroundThread();
        promise.setProgressRange(0, kProgressScale);
        rs::Progress progress{[&promise, &control](double fraction, std::string_view stage) {
            if (control->shouldReport(fraction))
                promise.setProgressValueAndText(
                    int(std::clamp(fraction, 0.0, 1.0) * kProgressScale),
                    QString::fromUtf8(stage.data(), qsizetype(stage.size())));
            return !control->cancelRequested.load(std::memory_order_relaxed);
        }};
        try {
            promise.addResult(work(progress));
        } catch (...) {
            promise.setException(std::current_exception());
        }
    };
    QFuture<Result> future = QtConcurrent::run(jobPool(), std::move(run));
    auto* watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this, id, watcher](int value) { onProgress(id, value, watcher->progressText()); });
    QPointer<QObject> ctx(context);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, id, watcher, ctx, done = std::move(done)] {
                watcher->deleteLater();
                const bool deliver = finishJob(id);
                QString error;
                try {
                    QFuture<Result> f = watcher->future();
                    if (f.resultCount() > 0) {
                        if (deliver && ctx && done)
                            done(f.result());
                    } else {
                        f.waitForFinished(); // already finished: rethrows a stored exception
                        error = tr("the job ended without a result");
                    }
                } catch (const std::exception& e) {
                    error = QString::fromUtf8(e.what());
                } catch (...) {
                    error = tr("the job failed with an unknown error");
                }
                emit jobFinished(id, error);
            });
    watcher->setFuture(future);
    emit jobStarted(id, title);
    return id;
}

} // namespace rs::ui
