#pragma once
#include "store/DatasetStore.h"
#include "store/Workspace.h"

#include <QObject>
#include <QString>
#include <memory>
#include <vector>

namespace rs::ui {

/// The workspace the window shows: the UI thread's own connection (used only for small,
/// provably fast reads such as the dataset list; writes run as jobs) and the file path that worker
/// jobs open their own connections on. Views listen to its signals instead of polling.
class WorkspaceSession : public QObject {
    Q_OBJECT
public:
    explicit WorkspaceSession(QObject* parent = nullptr);
    ~WorkspaceSession() override;

    /// Opens or creates the workspace at `path`, replacing the current one. Returns an empty
    /// string on success, else a readable error (the previous workspace then stays open).
    /// `created` tells whether the file did not exist before.
    QString open(const QString& path, bool* created = nullptr);
    void close();

    bool isOpen() const { return m_ws != nullptr; }
    /// Absolute path of the open workspace (empty when none).
    QString path() const { return m_path; }
    /// The UI thread's connection; never hand it to another thread.
    rs::Workspace* workspace() const { return m_ws.get(); }

    /// All datasets (a small table: fast enough for the UI thread). Empty on error.
    std::vector<rs::DatasetInfo> datasets(QString* error = nullptr) const;
    /// Tells the views that datasets were added, removed or renamed; `selectId` (when non-zero)
    /// asks the dataset list to select that dataset.
    void notifyDatasetsChanged(std::int64_t selectId = 0);
    /// Tells the views that runs were added or removed; `runId` (when non-zero) is the new run.
    void notifyRunsChanged(std::int64_t runId = 0);

signals:
    void workspaceChanged(const QString& path);
    void datasetsChanged(qint64 selectId);
    void runsChanged(qint64 runId);

private:
    std::unique_ptr<rs::Workspace> m_ws;
    QString m_path;
};

} // namespace rs::ui
