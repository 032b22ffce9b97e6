#pragma once
#include "ExplainReplies.h"

#include <QHash>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSet>
#include <functional>
#include <memory>
#include <vector>

namespace rs::ui {

class RunContextCache;
class WorkspaceSession;

/// Explanations of stored runs for the why panels. Per run it keeps, next to
/// the shared run context (RunContextCache), the run's rs::Explainer and its
/// factor profiles (describeFactors), both built once in a worker. Every
/// request runs in a worker (runInWorker) and its reply is delivered on the UI
/// thread to the requester, unless the requester made a newer request of the
/// same kind meanwhile (a generation id per requester and kind), was destroyed,
/// or the workspace changed.
class ExplainService : public QObject {
    Q_OBJECT
public:
    /// A run's explainer with what it references: `explainer` uses `*context`,
    /// and both live as long as the last holder of this value.
    struct Runtime {
        std::shared_ptr<const rs::RunContext> context; ///< declared first: destroyed last
        std::unique_ptr<const rs::Explainer> explainer;
        std::shared_ptr<const std::vector<rs::FactorProfile>> factors;
        QString error; ///< why there is no explainer
    };
    using RuntimePtr = std::shared_ptr<const Runtime>;

    ExplainService(WorkspaceSession& session, RunContextCache& contexts, QObject* parent = nullptr);

    /// Explains (user, item) of the run (dense dataset indices).
    void explain(QObject* requester, qint64 runId, quint32 user, quint32 item,
                 const rs::ExplainOptions& options, std::function<void(ExplainReply)> done);
    /// The user's top-k with nothing removed and with `removed` removed
    /// (topNWithout), and the ranks of `item` in both.
    void whatIf(QObject* requester, qint64 runId, quint32 user, quint32 item,
                std::vector<std::uint32_t> removed, int k, std::function<void(WhatIfReply)> done);
    /// The deletion curve of an explanation of the run.
    void deletionCurve(QObject* requester, qint64 runId, rs::Explanation explanation,
                       int maxRemoved, int randomDraws, std::function<void(CurveReply)> done);

    /// Drops the replies of every request `requester` made so far.
    void cancel(const QObject* requester);

    /// The run's explainer when it is built (nullptr otherwise).
    RuntimePtr cached(qint64 runId) const { return m_runtimes.value(runId); }
    WorkspaceSession& session() const { return m_session; }
    /// Requests that are computing (for progress indicators and tests).
    int pendingCount() const { return int(m_pending.size()); }

private:
    enum class Kind { Explain, WhatIf, Curve };
    using Key = QPair<const QObject*, int>;
    using RuntimeReady = std::function<void(RuntimePtr)>;

    /// Calls `ready` on the UI thread with the run's runtime (built on first
    /// use).
    void withRuntime(qint64 runId, RuntimeReady ready);
    void built(qint64 runId, quint64 epoch, RuntimePtr runtime);
    /// A new ticket for (requester, kind); older tickets of the pair become
    /// stale.
    quint64 issue(QObject* requester, Kind kind);
    bool current(const QPointer<QObject>& requester, Kind kind, quint64 ticket) const;
    void reset();

    template <class Reply, class Work>
    void submit(QObject* requester, Kind kind, qint64 runId, Work work,
                std::function<void(Reply)> done);

    WorkspaceSession& m_session;
    RunContextCache& m_contexts;
    quint64 m_epoch = 0; ///< bumped when the workspace changes
    quint64 m_nextTicket = 0;
    QSet<quint64> m_pending; ///< tickets not delivered yet
    QHash<Key, quint64> m_latest;
    QSet<const QObject*> m_watched; ///< requesters whose destruction drops their tickets
    QHash<qint64, RuntimePtr> m_runtimes;
    QHash<qint64, std::vector<RuntimeReady>> m_building;
};

} // namespace rs::ui
