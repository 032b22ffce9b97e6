#pragma once
#include <QMenu>

namespace rs::ui {

class WorkspaceSession;

/// "Compare with…": the workspace's other runs on a dataset, read in a worker
/// each time the dataset or the runs change. Choosing one emits runChosen().
class CompareRunMenu : public QMenu {
    Q_OBJECT
public:
    CompareRunMenu(WorkspaceSession& session, QWidget* parent = nullptr);

    /// Lists the runs of `datasetId` other than `runId` (0, 0: nothing to compare
    /// with).
    void setRun(qint64 datasetId, qint64 runId);
    /// Run ids currently offered, in menu order.
    QList<qint64> runIds() const;
    bool isLoading() const { return m_loading; }

signals:
    void runChosen(qint64 runId);
    void loaded();

private:
    void reload();

    WorkspaceSession& m_session;
    qint64 m_datasetId = 0, m_runId = 0;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace rs::ui
