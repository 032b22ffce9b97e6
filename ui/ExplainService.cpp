#include "ExplainService.h"

#include "RunContextCache.h"
#include "WorkerCall.h"
#include "WorkspaceSession.h"

#include <chrono>
#include <exception>

namespace rs::ui {

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// Builds the explainer and factor profiles of a loaded context (worker
/// thread).
std::shared_ptr<ExplainService::Runtime> buildRuntime(std::shared_ptr<const rs::RunContext> ctx) {
    auto rt = std::make_shared<ExplainService::Runtime>();
    rt->context = std::move(ctx);
    try {
        std::string error;
        rt->explainer = rs::makeExplainer(*rt->context, error);
        if (!rt->explainer)
            rt->error = QString::fromStdString(error);
        else
            rt->factors = std::make_shared<const std::vector<rs::FactorProfile>>(
                rs::describeFactors(*rt->context));
    } catch (const std::exception& e) {
        rt->explainer.reset();
        rt->error = QString::fromUtf8(e.what());
    }
    return rt;
}

} // namespace

ExplainService::ExplainService(WorkspaceSession& session, RunContextCache& contexts,
                               QObject* parent)
    : QObject(parent), m_session(session), m_contexts(contexts) {
    connect(&session, &WorkspaceSession::workspaceChanged, this, [this] { reset(); });
}

void ExplainService::reset() {
    ++m_epoch;
    m_latest.clear();
    m_runtimes.clear();
    m_building.clear();
    m_pending.clear();
}

quint64 ExplainService::issue(QObject* requester, Kind kind) {
    if (!m_watched.contains(requester)) {
        m_watched.insert(requester);
        connect(requester, &QObject::destroyed, this, [this, requester] {
            cancel(requester);
            m_watched.remove(requester);
        });
    }
    const quint64 ticket = ++m_nextTicket;
    m_latest.insert(Key(requester, int(kind)), ticket);
    return ticket;
}

void ExplainService::cancel(const QObject* requester) {
    for (int k = 0; k < 3; ++k)
        m_latest.remove(Key(requester, k));
}

bool ExplainService::current(const QPointer<QObject>& requester, Kind kind, quint64 ticket) const {
    return requester && m_latest.value(Key(requester.data(), int(kind))) == ticket;
}

void ExplainService::withRuntime(qint64 runId, RuntimeReady ready) {
    if (RuntimePtr rt = m_runtimes.value(runId)) {
        // Kept only while the cache holds the same context (it forgets removed runs).
        if (m_contexts.cached(runId) == rt->context) {
            ready(rt);
            return;
        }
        m_runtimes.remove(runId);
    }
    auto& waiters = m_building[runId];
    waiters.push_back(std::move(ready));
    if (waiters.size() > 1)
        return; // being built
    const quint64 epoch = m_epoch;
    m_contexts.request(
        runId, this,
        [this, runId, epoch](std::shared_ptr<const rs::RunContext> ctx, const QString& error) {
            if (epoch != m_epoch)
                return;
            if (!ctx) {
                auto rt = std::make_shared<Runtime>();
                rt->error = error.isEmpty() ? tr("the run cannot be loaded") : error;
                built(runId, epoch, rt); // not cached: a later request retries
                return;
            }
            runInWorker(
                this, [ctx] { return buildRuntime(ctx); },
                [this, runId, epoch](std::shared_ptr<Runtime> rt) { built(runId, epoch, rt); });
        });
}

void ExplainService::built(qint64 runId, quint64 epoch, RuntimePtr runtime) {
    if (epoch != m_epoch)
        return;
    if (runtime->context)
        m_runtimes.insert(runId, runtime);
    const std::vector<RuntimeReady> waiters = m_building.take(runId);
    for (const RuntimeReady& ready : waiters)
        ready(runtime);
}

template <class Reply, class Work>
void ExplainService::submit(QObject* requester, Kind kind, qint64 runId, Work work,
                            std::function<void(Reply)> done) {
    const quint64 ticket = issue(requester, kind);
    const quint64 epoch = m_epoch;
    QPointer<QObject> who(requester);
    m_pending.insert(ticket);
    auto deliver = [this, who, kind, ticket, epoch, done](Reply reply) {
        m_pending.remove(ticket);
        if (epoch == m_epoch && current(who, kind, ticket))
            done(std::move(reply));
    };
    withRuntime(runId,
                [this, who, kind, ticket, work = std::move(work), deliver](RuntimePtr rt) mutable {
                    if (!current(who, kind, ticket)) {
                        deliver(Reply{}); // superseded before it started: only the count changes
                        return;
                    }
                    if (!rt->explainer) {
                        Reply failed;
                        failed.error = rt->error;
                        deliver(std::move(failed));
                        return;
                    }
                    runInWorker(
                        this,
                        [rt, work = std::move(work)] {
                            try {
                                return work(*rt);
                            } catch (const std::exception& e) {
                                Reply failed;
                                failed.error = QString::fromUtf8(e.what());
                                return failed;
                            }
                        },
                        deliver);
                });
}

void ExplainService::explain(QObject* requester, qint64 runId, quint32 user, quint32 item,
                             const rs::ExplainOptions& options,
                             std::function<void(ExplainReply)> done) {
    auto work = [user, item, options](const Runtime& rt) {
        ExplainReply r;
        r.context = rt.context;
        r.factors = rt.factors;
        r.explanation = rt.explainer->explain(user, item, options);
        return r;
    };
    submit<ExplainReply>(requester, Kind::Explain, runId, std::move(work), std::move(done));
}

void ExplainService::whatIf(QObject* requester, qint64 runId, quint32 user, quint32 item,
                            std::vector<std::uint32_t> removed, int k,
                            std::function<void(WhatIfReply)> done) {
    auto work = [user, item, removed = std::move(removed), k](const Runtime& rt) {
        const auto t0 = std::chrono::steady_clock::now();
        WhatIfReply r;
        r.user = user;
        r.item = item;
        r.k = k;
        r.removed = removed;
        r.before = rt.explainer->topNWithout(user, {}, k);
        r.after = rt.explainer->topNWithout(user, removed, k);
        r.rankBefore = rt.explainer->rankWithout(user, item, {});
        r.rankAfter = rt.explainer->rankWithout(user, item, removed);
        r.seconds = secondsSince(t0);
        return r;
    };
    submit<WhatIfReply>(requester, Kind::WhatIf, runId, std::move(work), std::move(done));
}

void ExplainService::deletionCurve(QObject* requester, qint64 runId, rs::Explanation explanation,
                                   int maxRemoved, int randomDraws,
                                   std::function<void(CurveReply)> done) {
    auto work = [explanation = std::move(explanation), maxRemoved, randomDraws](const Runtime& rt) {
        const auto t0 = std::chrono::steady_clock::now();
        CurveReply r;
        r.curve = rs::deletionCurve(*rt.explainer, explanation, maxRemoved, randomDraws,
                                    std::uint64_t(explanation.user) * 7919u + explanation.item);
        r.seconds = secondsSince(t0);
        return r;
    };
    submit<CurveReply>(requester, Kind::Curve, runId, std::move(work), std::move(done));
}

} // namespace rs::ui
