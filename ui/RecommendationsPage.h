#pragma once
#include "train/RunContext.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace rs::ui {

class InlineMessage;
class ItemScoreModel;
class RunContextCache;
class WorkspaceSession;
struct RunCatalog;

/// The Recommendations page: for a stored run and a user, the user's top-N (rank, item, title,
/// genres, score) next to the user's training history (titles and ratings). The run's context
/// (model + training data + labels) is loaded once through the RunContextCache; each list is
/// computed in a worker, and results of superseded requests are dropped. "Why?" (button,
/// double-click or context menu) on a recommendation emits explainRequested.
class RecommendationsPage : public QWidget {
    Q_OBJECT
public:
    RecommendationsPage(WorkspaceSession& session, RunContextCache& contexts,
                        QWidget* parent = nullptr);

    /// Reads the run list again (in a worker); runsLoaded() follows.
    void refreshRuns();
    /// Shows `runId` (once the run list has it); loads its context.
    void setRun(qint64 runId);
    qint64 currentRunId() const { return m_runId; }
    void setUserId(const QString& userId);
    void setK(int k);
    /// Computes the current user's list (when the run's context is loaded; else once it is).
    void showRecommendations();
    /// Emits explainRequested for the recommendation in `row` of the table.
    void explainRow(int row);

    /// Dense user index of the list shown, or -1.
    qint64 shownUser() const { return m_shownUser; }
    bool isBusy() const { return m_busy; }
    std::shared_ptr<const rs::RunContext> context() const { return m_ctx; }
    QComboBox* runBox() const { return m_run; }
    QLineEdit* userEdit() const { return m_user; }
    QCompleter* userCompleter() const { return m_completer; }
    QSpinBox* kBox() const { return m_k; }
    QPushButton* showButton() const { return m_show; }
    QPushButton* whyButton() const { return m_why; }
    QTableView* table() const { return m_table; }
    QTableView* historyTable() const { return m_historyTable; }
    ItemScoreModel* recommendations() const { return m_recs; }
    ItemScoreModel* history() const { return m_history; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* historyLabel() const { return m_historyTitle; }
    InlineMessage* message() const { return m_message; }

signals:
    void runsLoaded();
    /// The run's context is loaded (or failed: see message()).
    void contextReady(qint64 runId, bool ok);
    /// A list was computed and shown (ok) or the request failed (see message()).
    void recommendationsShown(bool ok);
    /// Explain why `item` is recommended to `user` (dense indices of the run's dataset).
    void explainRequested(qint64 runId, quint32 user, quint32 item);

private:
    QWidget* buildControls();
    void catalogArrived(RunCatalog catalog);
    void runChosen();
    void contextArrived(qint64 runId, std::shared_ptr<const rs::RunContext> ctx,
                        const QString& error);
    void updateWhyButton();

    WorkspaceSession& m_session;
    RunContextCache& m_contexts;
    InlineMessage* m_message;
    ItemScoreModel* m_recs;
    ItemScoreModel* m_history;
    QComboBox* m_run = nullptr;
    QLineEdit* m_user = nullptr;
    QCompleter* m_completer = nullptr;
    QSpinBox* m_k = nullptr;
    QPushButton* m_show = nullptr;
    QPushButton* m_why = nullptr;
    QTableView* m_table = nullptr;
    QTableView* m_historyTable = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_historyTitle = nullptr;
    std::shared_ptr<const rs::RunContext> m_ctx;
    qint64 m_runId = 0;
    qint64 m_pendingRun = 0; ///< asked for before the run list had it
    qint64 m_shownUser = -1;
    qint64 m_shownRun = 0;
    quint64 m_catalogGeneration = 0, m_contextGeneration = 0, m_listGeneration = 0;
    bool m_busy = false;
};

} // namespace rs::ui
