#pragma once
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace rs::ui {

class InlineMessage;
class JobRunner;
class LossChart;
class MetricHistogram;
class RunContextCache;
class RunSegmentTable;
class RunsTableModel;
class WorkspaceSession;
struct RunCatalog;

/// The Runs page: every stored run in a sortable table (dataset, model, split, parameters,
/// seed, fit time, status, protocol and one column per metric), filtered by dataset. The
/// selected run shows its learning curve and the distribution over users of a chosen per-user
/// metric (histogram with mean and median) and its popularity bias by user activity segment
/// (light / medium / heavy users: stored ARP, long-tail share and NDCG@K per segment, from the
/// run's training data loaded through the RunContextCache). Runs can be deleted (as a job) or
/// opened on the Recommendations page. Everything is read by workers; the table refreshes on
/// runsChanged.
class RunsPage : public QWidget {
    Q_OBJECT
public:
    RunsPage(WorkspaceSession& session, JobRunner& jobs, RunContextCache& contexts,
             QWidget* parent = nullptr);

    /// Reads the runs again (in a worker); runsLoaded() follows.
    void refresh();
    /// Selects a run in the table (clearing a dataset filter that hides it); false if absent.
    bool selectRun(qint64 runId);
    qint64 currentRunId() const { return m_currentRun; }
    /// Filters by dataset (0 = all).
    void setDatasetFilter(qint64 datasetId);
    /// Shows the distribution of `metric` for the current run.
    void showUserMetric(const QString& metric);
    /// Asks inline for confirmation, then deletes.
    void requestDelete(qint64 runId);
    /// Deletes at once, as a job.
    void deleteRun(qint64 runId);

    bool isLoading() const { return m_loading; }
    RunsTableModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    QComboBox* datasetFilter() const { return m_datasetFilter; }
    QComboBox* metricBox() const { return m_metric; }
    LossChart* learningCurve() const { return m_curve; }
    MetricHistogram* histogram() const { return m_histogram; }
    QLabel* metricStats() const { return m_stats; }
    RunSegmentTable* segmentTable() const { return m_segments; }
    /// The selected run's detail views: "Per-user metric" and "Popularity by user activity".
    QTabWidget* detailTabs() const { return m_detailTabs; }
    QPushButton* deleteButton() const { return m_delete; }
    QPushButton* confirmDeleteButton() const { return m_confirmYes; }
    QPushButton* recommendationsButton() const { return m_recommend; }
    InlineMessage* message() const { return m_message; }

signals:
    void runsLoaded();
    /// The selected run's learning curve and metric list arrived.
    void detailsLoaded(qint64 runId);
    /// A per-user metric histogram was drawn (or found empty).
    void histogramLoaded(qint64 runId, const QString& metric);
    /// The popularity bias by activity segment was shown (or found unavailable).
    void segmentsLoaded(qint64 runId);
    void showRecommendationsRequested(qint64 runId);

private:
    QWidget* buildToolbar();
    QWidget* buildDetails();
    void catalogArrived(RunCatalog catalog);
    void currentChanged();
    void loadDetails(qint64 runId);
    void loadSegments(qint64 runId, const QStringList& metrics);
    void updateButtons();
    qint64 runAt(const QPoint& viewportPos) const;

    WorkspaceSession& m_session;
    JobRunner& m_jobs;
    RunContextCache& m_contexts;
    RunsTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    InlineMessage* m_message;
    QComboBox* m_datasetFilter = nullptr;
    QPushButton* m_recommend = nullptr;
    QPushButton* m_delete = nullptr;
    QWidget* m_confirm = nullptr;
    QLabel* m_confirmText = nullptr;
    QPushButton* m_confirmYes = nullptr;
    QTableView* m_table = nullptr;
    LossChart* m_curve = nullptr;
    QComboBox* m_metric = nullptr;
    MetricHistogram* m_histogram = nullptr;
    QLabel* m_stats = nullptr;
    RunSegmentTable* m_segments = nullptr;
    QTabWidget* m_detailTabs = nullptr;
    qint64 m_currentRun = 0;
    qint64 m_pendingDelete = 0;
    qint64 m_selectAfterLoad = 0;
    quint64 m_catalogGeneration = 0, m_detailsGeneration = 0, m_metricGeneration = 0,
            m_segmentGeneration = 0;
    bool m_loading = false;
    bool m_columnsSized = false;
};

} // namespace rs::ui
