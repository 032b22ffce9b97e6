#pragma once
#include "HeatmapJob.h"
#include "JobRunner.h"
#include "RunCatalog.h"

#include <QHash>
#include <QWidget>
#include <array>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QToolButton;

namespace rs::ui {

class HeatmapWidget;
class InlineMessage;
class RunContextCache;
class WorkspaceSession;

/// The Heatmaps page: for a trained run and a user, which history items the model relied on
/// for each of the user's top-N recommendations (rows = history, columns = recommendations).
/// Values are the explanations' evidence contributions (signed) or each column's shares of
/// |evidence| (weights). "Compare models" shows the same user's grids from 2-3 runs of the
/// same dataset side by side over the same rows and columns, with the per-column agreement
/// (Spearman rank correlation) under each compared grid. Everything is computed in a job; the
/// explainer of a run is built once and kept (together with its context) for the next user.
class HeatmapPage : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Contribution, Weight };
    static constexpr int kMaxCompared = 3;

    HeatmapPage(WorkspaceSession& session, JobRunner& jobs, RunContextCache& contexts,
                QWidget* parent = nullptr);

    /// Reads the workspace's runs again (in a worker); runsLoaded() follows.
    void refreshRuns();
    /// Selects a run in the run list; false when it is not listed.
    bool selectRun(qint64 runId);
    qint64 currentRunId() const;
    void setUserId(const QString& userId);
    void setTopN(int n);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /// Compare mode with the given other runs (1 or 2, same dataset as the current run).
    bool setCompareRuns(const QList<qint64>& runIds);
    void setCompareMode(bool on);
    bool compareMode() const;
    /// Computes and shows the heatmap(s) of the current run(s) and user.
    void showHeatmap();
    /// Limits the history rows to `items` of dataset `datasetId` (linked selection from the
    /// latent-space map), with a note and a way to clear it; an empty list clears the limit.
    void limitRowsToItems(qint64 datasetId, const QList<quint32>& items);
    bool rowsLimited() const;

    bool isBusy() const { return m_busy; }
    HeatmapWidget* heatmap(int pane = 0) const { return m_maps[std::size_t(pane)]; }
    QLabel* paneTitle(int pane) const { return m_titles[std::size_t(pane)]; }
    InlineMessage* message() const { return m_message; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* agreementLabel() const { return m_agreement; }
    QComboBox* runBox() const { return m_run; }
    QComboBox* rowSortBox() const { return m_rowSort; }
    QComboBox* columnSortBox() const { return m_columnSort; }
    QLineEdit* rowFilterEdit() const { return m_filter; }
    QPushButton* showButton() const { return m_show; }
    /// The last result shown (grids, shares, agreement pairs).
    const HeatmapResult& result() const { return m_result; }
    /// Explainers kept per run (built once per run).
    int cachedExplainers() const { return int(m_explainers.size()); }

signals:
    void runsLoaded();
    /// A heatmap (or comparison) was computed and shown, or failed (see message()).
    void heatmapFinished(bool ok);
    /// A cell was clicked or activated with Enter: explain (user, columnItem) of `runId`.
    void cellActivated(qint64 runId, quint32 user, quint32 rowItem, quint32 columnItem);

private:
    QWidget* buildControls();
    QWidget* buildViewControls();
    void runsArrived(RunCatalog catalog);
    void currentRunChanged();
    void fillCompareBoxes();
    void contextsReady(quint64 generation, QList<qint64> runIds,
                       std::vector<std::shared_ptr<const rs::RunContext>> contexts);
    void resultArrived(quint64 generation, QList<qint64> runIds, HeatmapResult result);
    void applyMode();
    void syncFollowers();
    void exportHeatmap(const QString& format);
    QString runLabel(const rs::RunInfo& run) const;
    QList<qint64> selectedRuns() const;
    void setBusy(bool busy);

    WorkspaceSession& m_session;
    JobRunner& m_jobs;
    RunContextCache& m_contexts;
    RunCatalog m_catalog; ///< the stored runs and their datasets' names
    QHash<qint64, std::shared_ptr<const rs::Explainer>> m_explainers;
    HeatmapResult m_result;
    QList<qint64> m_resultRuns;
    Mode m_mode = Mode::Contribution;
    quint64 m_generation = 0;
    quint64 m_runsGeneration = 0;
    qint64 m_completerRun = 0;
    bool m_busy = false;

    QComboBox* m_run = nullptr;
    QLineEdit* m_user = nullptr;
    QCompleter* m_userCompleter = nullptr;
    QSpinBox* m_topN = nullptr;
    QPushButton* m_show = nullptr;
    QComboBox* m_modeBox = nullptr;
    QCheckBox* m_compare = nullptr;
    std::array<QComboBox*, kMaxCompared - 1> m_compareRuns{};
    QComboBox* m_rowSort = nullptr;
    QComboBox* m_columnSort = nullptr;
    QLineEdit* m_filter = nullptr;
    QToolButton* m_export = nullptr;
    InlineMessage* m_message = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_agreement = nullptr;
    QWidget* m_limitBar = nullptr;
    QLabel* m_limitLabel = nullptr;
    qint64 m_limitDataset = 0;
    QSplitter* m_panes = nullptr;
    std::array<QWidget*, kMaxCompared> m_paneWidgets{};
    std::array<QLabel*, kMaxCompared> m_titles{};
    std::array<HeatmapWidget*, kMaxCompared> m_maps{};
};

} // namespace rs::ui
