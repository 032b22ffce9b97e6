#pragma once
#include "train/RunContext.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

namespace rs::ui {

class WorkspaceSession;

/// Loaded run contexts (trained model + training data + item labels), shared by every view that
/// uses a stored run: recommendation lists, why panels, heatmaps. A context is loaded once, in a
/// worker on its own connection, and then shared read-only. Cleared when the workspace changes
/// or a run is removed.
class RunContextCache : public QObject {
    Q_OBJECT
public:
    using Ready = std::function<void(std::shared_ptr<const rs::RunContext>, const QString& error)>;

    explicit RunContextCache(WorkspaceSession& session, QObject* parent = nullptr);

    /// Calls `ready` on the UI thread with the run's context (at once when cached, else after
    /// loading it in the background); not at all when `context` is destroyed meanwhile. Several
    /// requests for a run that is loading share one load.
    void request(qint64 runId, QObject* context, Ready ready);
    /// The cached context, or nullptr when it is not loaded (yet).
    std::shared_ptr<const rs::RunContext> cached(qint64 runId) const;
    void forget(qint64 runId);
    void clear();

private:
    struct Waiter {
        QPointer<QObject> context;
        Ready ready;
    };
    void loaded(qint64 runId, quint64 generation, std::shared_ptr<const rs::RunContext> ctx,
                const QString& error);

    WorkspaceSession& m_session;
    quint64 m_generation = 0; ///< bumped on clear(): loads started before are dropped
    QHash<qint64, std::shared_ptr<const rs::RunContext>> m_contexts;
    QHash<qint64, std::vector<Waiter>> m_waiting;
};

} // namespace rs::ui
