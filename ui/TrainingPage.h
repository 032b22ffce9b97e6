#pragma once
#include "models/Recommender.h"
#include "store/DatasetStore.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>
#include <vector>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace rs::ui {

class DebiasChooser;
class HyperParameterForm;
class InlineMessage;
class JobRunner;
class LossChart;
class SplitChooser;
class TrainingQueue;
class WorkspaceSession;

/// The Training page: choose a dataset, a split, a model with its hyper-parameters, a seed and
/// a thread count, and queue the run. Runs train one after another in the background; the
/// running one draws its train/validation loss per epoch live, with a progress bar, the epoch,
/// the loss and an estimate of the time left, and can be cancelled. A finished run's metrics
/// are shown under the chart; selecting a run in the queue shows its curve and metrics.
class TrainingPage : public QWidget {
    Q_OBJECT
public:
    TrainingPage(WorkspaceSession& session, JobRunner& jobs, QWidget* parent = nullptr);

    /// Queues a run with the current choices; returns its queue number, 0 when the form is
    /// not valid (the reason is shown inline).
    int queueRun();
    bool selectDataset(qint64 datasetId);
    bool selectModel(const QString& name);
    /// Fills the form from stored run `runId` (dataset, model, hyper-parameters, seed, threads,
    /// its split) and applies `changes` made to pipeline stage `stage` ("fit": hyper-parameters,
    /// seed, threads; "split": spec), ready to queue; prefilled() follows (false with the reason
    /// shown inline when the run is gone).
    void prefillFromRun(qint64 runId, const QString& stage,
                        const QList<QPair<QString, QString>>& changes);

    TrainingQueue* queue() const { return m_queue; }
    QComboBox* datasetBox() const { return m_dataset; }
    QComboBox* modelBox() const { return m_model; }
    HyperParameterForm* hyperParameters() const { return m_hyper; }
    SplitChooser* splitChooser() const { return m_split; }
    DebiasChooser* debiasChooser() const { return m_debias; }
    QSpinBox* seedBox() const { return m_seed; }
    QSpinBox* threadsBox() const { return m_threads; }
    QPushButton* runButton() const { return m_run; }
    QTableView* queueView() const { return m_queueView; }
    QPushButton* cancelSelectedButton() const { return m_cancelSelected; }
    QPushButton* removeSelectedButton() const { return m_removeSelected; }
    QPushButton* cancelRunningButton() const { return m_cancelRunning; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* progressLabel() const { return m_progressText; }
    LossChart* lossChart() const { return m_chart; }
    QLabel* summaryLabel() const { return m_summary; }
    InlineMessage* message() const { return m_message; }
    /// The queue number whose curve the chart shows (0: none).
    int shownRun() const { return m_shown; }

signals:
    /// prefillFromRun() filled the form (or could not: see message()).
    void prefilled(bool ok);

private:
    QWidget* buildForm();
    QWidget* buildMonitor();
    void refreshDatasets();
    void datasetChosen();
    void updateRunButton();
    void showRun(int id);
    void onStarted(int id);
    void onEpoch(int id, const rs::EpochRecord& epoch);
    void onProgress(int id, double fraction, const QString& stage);
    void onFinished(int id);
    void updateProgressText(int id);
    static constexpr int kProgressMs = 100;
    /// Shows the running run's progress (bar and text) at most every kProgressMs: a progress
    /// bar repaints the window synchronously, and reports can arrive many times per second.
    void scheduleProgress(int id);
    void applyProgress();
    int selectedRun() const;
    void updateQueueButtons();

    WorkspaceSession& m_session;
    TrainingQueue* m_queue;
    std::vector<rs::DatasetInfo> m_datasets;
    InlineMessage* m_message;
    QComboBox* m_dataset = nullptr;
    SplitChooser* m_split = nullptr;
    DebiasChooser* m_debias = nullptr;
    QComboBox* m_model = nullptr;
    HyperParameterForm* m_hyper = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_threads = nullptr;
    QPushButton* m_run = nullptr;
    QTableView* m_queueView = nullptr;
    QPushButton* m_cancelSelected = nullptr;
    QPushButton* m_removeSelected = nullptr;
    QPushButton* m_cancelRunning = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressText = nullptr;
    LossChart* m_chart = nullptr;
    QLabel* m_summary = nullptr;
    int m_shown = 0;
    int m_progressRun = 0; ///< the run whose progress waits for m_progressTimer
    double m_progressFraction = 0;
    QTimer m_progressTimer;
    QElapsedTimer m_clock; ///< since the running run started
};

} // namespace rs::ui
