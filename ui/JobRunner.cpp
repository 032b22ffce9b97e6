#include "JobRunner.h"

#include "UiLog.h"

namespace rs::ui {

bool JobControl::shouldReport(double fraction) {
    constexpr auto kInterval = std::chrono::milliseconds(50);
    const auto now = std::chrono::steady_clock::now();
    if (fraction < 1.0 && now - lastReport < kInterval)
        return false;
    lastReport = now;
    return true;
}

JobRunner::JobRunner(QObject* parent) : QObject(parent) {}

JobRunner::~JobRunner() {
    for (auto& e : m_jobs) {
        e.superseded = true;
        e.control->cancelRequested = true;
    }
}

JobId JobRunner::registerJob(const QString& title, const QString& key,
                             const std::shared_ptr<JobControl>& control) {
    if (!key.isEmpty()) {
        for (auto& e : m_jobs) {
            if (e.key == key && !e.superseded) {
                e.superseded = true;
                e.control->cancelRequested = true;
            }
        }
    }
    const JobId id = m_nextId++;
    m_jobs.insert(id, Entry{title, key, QString(), 0.0, false, control});
    qCDebug(lcUi) << "job" << id << "started:" << title;
    return id;
}

void JobRunner::onProgress(JobId id, int value, const QString& text) {
    auto it = m_jobs.find(id);
    if (it == m_jobs.end() || it->superseded)
        return;
    it->fraction = double(value) / kProgressScale;
    it->stage = text;
    emit jobProgress(id, it->fraction, text);
}

bool JobRunner::finishJob(JobId id) {
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return false;
    const bool deliver = !it->superseded;
    qCDebug(lcUi) << "job" << id << (deliver ? "finished" : "finished (superseded, dropped)");
    m_jobs.erase(it);
    return deliver;
}

void JobRunner::cancel(JobId id) {
    auto it = m_jobs.find(id);
    if (it != m_jobs.end())
        it->control->cancelRequested = true;
}

void JobRunner::cancelAll() {
    for (auto& e : m_jobs)
        e.control->cancelRequested = true;
}

JobId JobRunner::latestJob() const {
    JobId best = 0;
    for (auto it = m_jobs.cbegin(); it != m_jobs.cend(); ++it)
        if (!it->superseded && it.key() > best)
            best = it.key();
    return best;
}

QString JobRunner::title(JobId id) const {
    return m_jobs.value(id).title;
}
double JobRunner::progress(JobId id) const {
    return m_jobs.value(id).fraction;
}
QString JobRunner::stage(JobId id) const {
    return m_jobs.value(id).stage;
}

} // namespace rs::ui
