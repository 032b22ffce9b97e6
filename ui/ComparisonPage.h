#pragma once
#include "JobRunner.h"
#include "RunCatalog.h"

#include "compare/RunComparison.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QTableWidget;
class QTabWidget;
class QToolButton;

namespace rs::ui {

class ComparisonMatrixWidget;
class ComparisonMetricBars;
class ComparisonMetricsModel;
class ComparisonPopularityChart;
class ComparisonScatterChart;
class InlineMessage;
class PopularitySegmentPanel;
class WorkspaceSession;

/// The Compare page: 2-4 runs of one dataset side by side. The analyst ticks runs, picks the
/// top-K and how many users to sample, and Compare runs rs::compareRuns as a job (progress,
/// cancel). Results: the protocol and its warnings; a metrics table (stored values per run,
/// then delta, 95% CI and paired t / Wilcoxon p-values of the chosen pair) with a grouped bar
/// chart; a per-user scatter of the pair (clicking a user emits userActivated); the top-N
/// Jaccard and Kendall tau matrices; the popularity lens (share of recommendations per
/// popularity bin against the share of interactions, ARP, long-tail share, Gini; and the same
/// per user segment by activity or mainstreamness, see PopularitySegmentPanel); the
/// explanation agreement of every pair. The comparison exports as an HTML report or CSV.
class ComparisonPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMinRuns = 2;
    static constexpr int kMaxRuns = 4;

    ComparisonPage(WorkspaceSession& session, JobRunner& jobs, QWidget* parent = nullptr);

    /// Reads the workspace's runs again (in a worker); runsLoaded() follows.
    void refreshRuns();
    /// Ticks exactly these runs (in the list's order); false when one is not listed.
    bool setCheckedRuns(const QList<qint64>& runIds);
    QList<qint64> checkedRuns() const;
    void setK(int k);
    /// Users sampled for the model-based parts (0 = every user).
    void setUserSample(int users);
    /// Users of the sample whose shared recommendations are explained (0 = no explanations).
    void setExplainedUsers(int users);
    /// Quantile bins of the popularity lens (2-50).
    void setPopularityBins(int bins);
    /// Starts the comparison of the ticked runs (errors show inline); comparisonFinished()
    /// follows unless the input is rejected at once (then false).
    bool compare();
    void cancel();
    /// Chooses the pair (positions in the comparison, a < b) of the pair columns and scatter.
    bool setPair(int a, int b);
    /// Writes the HTML report / CSV table of the shown comparison; an error text or empty.
    QString exportHtml(const QString& path);
    QString exportCsv(const QString& path);

    bool isBusy() const { return m_job != 0; }
    /// The comparison shown (nullptr before the first one).
    std::shared_ptr<const rs::ComparisonResult> result() const { return m_result; }
    const RunCatalog& catalog() const { return m_catalog; }

    QListWidget* runList() const { return m_runs; }
    QPushButton* compareButton() const { return m_compare; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }
    QToolButton* exportButton() const { return m_export; }
    InlineMessage* message() const { return m_message; }
    InlineMessage* warnings() const { return m_warnings; }
    QLabel* protocolLabel() const { return m_protocol; }
    QComboBox* pairBox() const { return m_pair; }
    QTabWidget* tabs() const { return m_tabs; }
    QTableView* metricsTable() const { return m_table; }
    ComparisonMetricsModel* metricsModel() const { return m_model; }
    ComparisonMetricBars* metricBars() const { return m_bars; }
    ComparisonScatterChart* scatter() const { return m_scatter; }
    QLabel* scatterUser() const { return m_scatterUser; }
    ComparisonMatrixWidget* jaccardMatrix() const { return m_jaccard; }
    ComparisonMatrixWidget* tauMatrix() const { return m_tau; }
    QLabel* overlapNote() const { return m_overlapNote; }
    ComparisonPopularityChart* popularityChart() const { return m_popularity; }
    QTableWidget* popularityTable() const { return m_popularityTable; }
    /// The popularity tab's views: "By popularity bin" and "By user segment".
    QTabWidget* popularityViews() const { return m_popularityViews; }
    PopularitySegmentPanel* popularitySegments() const { return m_popularitySegments; }
    QTableWidget* explanationTable() const { return m_explanations; }

signals:
    void runsLoaded();
    /// A comparison ended: shown (true), or failed or was cancelled (false, see message()).
    void comparisonFinished(bool ok);
    /// A user's point was clicked on the per-user scatter of runs `runA` and `runB`.
    void userActivated(qint64 runA, qint64 runB, const QString& userId);

private:
    QWidget* buildControls();
    QWidget* buildMetricsTab();
    QWidget* buildScatterTab();
    QWidget* buildOverlapTab();
    QWidget* buildPopularityTab();
    QWidget* buildExplanationsTab();
    void catalogArrived(RunCatalog catalog);
    void updateSelection();
    void resultArrived(quint64 generation, rs::ComparisonResult result);
    void showResult();
    void showPair();
    void scatterClicked(int index);
    void exportAs(const QString& format);
    QString writeFile(const QString& path, const std::string& text);
    QString runLabel(std::size_t position) const;
    void setBusy(bool busy);
    void clearResult();

    WorkspaceSession& m_session;
    JobRunner& m_jobs;
    RunCatalog m_catalog;
    std::shared_ptr<const rs::ComparisonResult> m_result;
    quint64 m_runsGeneration = 0, m_generation = 0;
    JobId m_job = 0;

    QListWidget* m_runs = nullptr;
    QLabel* m_selection = nullptr;
    QSpinBox* m_k = nullptr;
    QSpinBox* m_users = nullptr;
    QSpinBox* m_explained = nullptr;
    QSpinBox* m_bins = nullptr;
    QPushButton* m_compare = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_export = nullptr;
    InlineMessage* m_message = nullptr;
    InlineMessage* m_warnings = nullptr;
    QLabel* m_protocol = nullptr;
    QComboBox* m_pair = nullptr;
    QTabWidget* m_tabs = nullptr;
    ComparisonMetricsModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    ComparisonMetricBars* m_bars = nullptr;
    ComparisonScatterChart* m_scatter = nullptr;
    QLabel* m_scatterUser = nullptr;
    const rs::UserScatter* m_shownScatter = nullptr;
    ComparisonMatrixWidget* m_jaccard = nullptr;
    ComparisonMatrixWidget* m_tau = nullptr;
    QLabel* m_overlapNote = nullptr;
    ComparisonPopularityChart* m_popularity = nullptr;
    QTableWidget* m_popularityTable = nullptr;
    QTabWidget* m_popularityViews = nullptr;
    PopularitySegmentPanel* m_popularitySegments = nullptr;
    QTableWidget* m_explanations = nullptr;
    QLabel* m_explanationNote = nullptr;
};

} // namespace rs::ui
