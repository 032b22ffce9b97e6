#pragma once
#include "RunCatalog.h"

#include "models/Recommender.h"
#include "pipeline/FlowDirection.h"
#include "pipeline/PipelineDiff.h"
#include "pipeline/StageGraph.h"

#include <QList>
#include <QPair>
#include <QWidget>
#include <array>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QSplitter;
class QToolButton;

namespace rs::ui {

class InlineMessage;
class PipelineDetails;
class PipelineView;
class WorkspaceSession;

/// The Pipeline page: a run's stage graph (load → split → matrices → fit → evaluate → save)
/// drawn as a Mermaid-style flowchart with each stage's state, time and rows; clicking a stage
/// shows its parameters and outputs (and the loss per epoch of the fit) beside it. "Compare
/// with" shows a second run's pipeline next to it with the stages, parameters and outputs that
/// differ marked. Export as PNG, SVG or Mermaid text (.mmd), or copy the Mermaid text.
/// showLiveGraph() follows a run while it trains (states and progress update in place).
class PipelinePage : public QWidget {
    Q_OBJECT
public:
    explicit PipelinePage(WorkspaceSession& session, QWidget* parent = nullptr);

    void refreshRuns();
    bool selectRun(qint64 runId);
    qint64 currentRunId() const;
    /// Compares with `runId` (turns compare mode on); false when the run is not listed.
    bool setCompareRun(qint64 runId);
    void setCompareMode(bool on);
    bool compareMode() const;
    void setDirection(rs::FlowDirection direction);
    /// Whether the primary view shows a live (training) graph rather than a stored run.
    bool isLive() const { return m_live; }

    /// Writes the primary pipeline as "png", "svg" or "mmd"; an error text or empty.
    QString exportTo(const QString& path, const QString& format);
    /// The Mermaid text of the primary pipeline (empty when none).
    QString mermaidText() const;
    void copyMermaid();

    PipelineView* view(int pane = 0) const { return m_views[std::size_t(pane)]; }
    QLabel* paneTitle(int pane) const { return m_titles[std::size_t(pane)]; }
    PipelineDetails* details() const { return m_details; }
    InlineMessage* message() const { return m_message; }
    QComboBox* runBox() const { return m_run; }
    QComboBox* compareBox() const { return m_compareRun; }
    QCheckBox* compareCheck() const { return m_compare; }
    QCheckBox* followLiveCheck() const { return m_follow; }
    QComboBox* directionBox() const { return m_direction; }
    QToolButton* exportButton() const { return m_export; }
    /// The differences shown in compare mode.
    const std::optional<rs::StageGraphDiff>& comparison() const { return m_diff; }

public slots:
    /// A training run's stage graph as it changes (connect to the training queue's stage
    /// events): shown in the primary view while "Follow training" is ticked; states and
    /// progress update in place, without a new layout.
    void showLiveGraph(const rs::StageGraph& graph);

signals:
    void runsLoaded();
    /// The chosen run's pipeline (and the compared one's) arrived and is shown, or failed.
    void pipelineLoaded(bool ok);
    /// "Edit and re-run…": train `runId` again with `changedParams` for stage `nodeId`.
    void rerunRequested(qint64 runId, const QString& nodeId,
                        const QList<QPair<QString, QString>>& changedParams);

private:
    struct Loaded {
        qint64 runId = 0;
        std::optional<rs::StageGraph> graph;
        std::vector<rs::EpochRecord> epochs;
        QString error;
    };
    struct LoadResult {
        std::vector<Loaded> runs;
        std::optional<rs::StageGraphDiff> diff;
    };

    QWidget* buildControls();
    void runsArrived(RunCatalog catalog);
    void fillCompareBox();
    void load();
    void loaded(LoadResult result);
    void showDetails(int pane, const QString& nodeId);
    void exportWithDialog(const QString& format);

    WorkspaceSession& m_session;
    RunCatalog m_catalog;
    quint64 m_generation = 0;
    quint64 m_runsGeneration = 0;
    bool m_live = false;
    std::array<Loaded, 2> m_shown;
    std::optional<rs::StageGraphDiff> m_diff;

    QComboBox* m_run = nullptr;
    QCheckBox* m_compare = nullptr;
    QComboBox* m_compareRun = nullptr;
    QCheckBox* m_follow = nullptr;
    QComboBox* m_direction = nullptr;
    QToolButton* m_export = nullptr;
    InlineMessage* m_message = nullptr;
    QSplitter* m_split = nullptr;
    std::array<QWidget*, 2> m_panes{};
    std::array<QLabel*, 2> m_titles{};
    std::array<PipelineView*, 2> m_views{};
    PipelineDetails* m_details = nullptr;
};

} // namespace rs::ui
