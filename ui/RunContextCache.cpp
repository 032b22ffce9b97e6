#include "RunContextCache.h"

#include "WorkerCall.h"
#include "WorkspaceSession.h"

#include "store/Workspace.h"

namespace rs::ui {

namespace {

struct LoadResult {
    std::shared_ptr<const rs::RunContext> ctx;
    QString error;
};

} // namespace

RunContextCache::RunContextCache(WorkspaceSession& session, QObject* parent)
    : QObject(parent), m_session(session) {
    connect(&session, &WorkspaceSession::workspaceChanged, this, [this] { clear(); });
}

std::shared_ptr<const rs::RunContext> RunContextCache::cached(qint64 runId) const {
    return m_contexts.value(runId);
}

void RunContextCache::forget(qint64 runId) {
    m_contexts.remove(runId);
}

void RunContextCache::clear() {
    ++m_generation;
    m_contexts.clear();
    m_waiting.clear();
}

void RunContextCache::request(qint64 runId, QObject* context, Ready ready) {
    if (auto ctx = m_contexts.value(runId)) {
        ready(ctx, QString());
        return;
    }
    const QString path = m_session.path();
    if (path.isEmpty()) {
        ready(nullptr, tr("no workspace is open"));
        return;
    }
    auto& waiters = m_waiting[runId];
    waiters.push_back({QPointer<QObject>(context), std::move(ready)});
    if (waiters.size() > 1)
        return; // a load is under way
    const quint64 generation = m_generation;
    runInWorker(
        this,
        [path = path.toStdString(), runId] {
            LoadResult r;
            try {
                rs::Workspace ws(path, rs::Workspace::Mode::ReadOnly);
                std::string error;
                r.ctx = rs::loadRunContext(ws, runId, error);
                if (!r.ctx)
                    r.error = QString::fromStdString(error);
            } catch (const std::exception& e) {
                r.error = QString::fromUtf8(e.what());
            }
            return r;
        },
        [this, runId, generation](LoadResult r) { loaded(runId, generation, r.ctx, r.error); });
}

void RunContextCache::loaded(qint64 runId, quint64 generation,
                             std::shared_ptr<const rs::RunContext> ctx, const QString& error) {
    if (generation != m_generation)
        return;
    if (ctx)
        m_contexts.insert(runId, ctx);
    const std::vector<Waiter> waiters = m_waiting.take(runId);
    for (const Waiter& w : waiters)
        if (w.context && w.ready)
            w.ready(ctx, error);
}

} // namespace rs::ui
