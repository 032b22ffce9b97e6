#pragma once
#include "EmbeddingColors.h"
#include "JobRunner.h"
#include "RunCatalog.h"
#include "explain/Explainer.h"
#include "latent/EmbeddingSpace.h"

#include <QList>
#include <QWidget>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QToolButton;

namespace rs::ui {

class EmbeddingMap;
class EmbeddingSidePanel;
class FactorInspector;
class InlineMessage;
class ItemScoreModel;
class RunContextCache;
class WorkspaceSession;

/// The Latent space page: every item (or user) of a trained factor model as a point of a 2-D
/// map (t-SNE, cached in the workspace, or PCA), coloured by genre, popularity, mean rating or
/// a latent dimension and sized by popularity. Find an item to fly to it; click a point for its
/// nearest neighbours in factor space (cosine, dot or Euclidean); enter a user to see where
/// they sit, their rated items and their top-N; select a region by rectangle or lasso and show
/// it in the heatmap or the dataset browser; open the why panel of (user, item); inspect what
/// each latent dimension means. Layouts and neighbour queries run in workers.
class EmbeddingPage : public QWidget {
    Q_OBJECT
public:
    EmbeddingPage(WorkspaceSession& session, JobRunner& jobs, RunContextCache& contexts,
                  QWidget* parent = nullptr);

    /// Reads the workspace's runs again (in a worker); runsLoaded() follows.
    void refreshRuns();
    bool selectRun(qint64 runId);
    qint64 currentRunId() const;
    void setSide(rs::FactorSide side);
    void setMethod(rs::LayoutMethod method);
    void setColoring(const MapColoring& coloring);
    /// Computes (or loads) the map of the current run, side and method; mapReady() follows.
    void showMap(bool recompute = false);
    /// Flies to the first item whose title or id matches `text`; false when none does.
    bool findItem(const QString& text);
    /// Makes `row` the current point: its neighbours are listed, its factors compared.
    void setCurrentPoint(int row);
    int currentPoint() const { return m_currentPoint; }
    /// The user whose position, rated items and top-N are shown (external id; empty = none).
    void setUserId(const QString& userId);
    /// Selects the current point's listed neighbours on the map.
    void selectNeighbours();
    /// Opens the why panel of (current user, current item).
    void explainCurrent();
    bool exportMap(const QString& path, const QString& format, QString* error = nullptr);

    bool isBusy() const { return m_busy; }
    std::shared_ptr<const rs::EmbeddingSpace> space() const { return m_space; }
    std::shared_ptr<const rs::RunContext> context() const { return m_ctx; }
    qint64 userIndex() const { return m_user; }
    EmbeddingMap* map() const { return m_map; }
    FactorInspector* inspector() const { return m_inspector; }
    ItemScoreModel* neighbourModel() const;
    ItemScoreModel* selectionModel() const;
    QComboBox* runBox() const { return m_run; }
    QComboBox* colorBox() const { return m_color; }
    QLineEdit* findEdit() const { return m_find; }
    QLineEdit* userEdit() const { return m_userEdit; }
    QCheckBox* showRareBox() const { return m_showRare; }
    QPushButton* whyButton() const;
    QLabel* statusLabel() const { return m_status; }
    InlineMessage* message() const { return m_message; }
    QTabWidget* sideTabs() const;

signals:
    void runsLoaded();
    /// A map was shown (ok) or could not be computed (see message()).
    void mapReady(bool ok);
    /// The neighbour list of the current point is filled.
    void neighboursReady();
    /// Open the why panel for (user, item) of a run.
    void explainRequested(qint64 runId, quint32 user, quint32 item);
    /// Show these items of a dataset in the heatmap / the dataset browser (linked selection).
    void showItemsInHeatmap(qint64 runId, qint64 datasetId, QList<quint32> items);
    void showItemsInDatasets(qint64 datasetId, QList<quint32> items);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildControls();
    QWidget* buildSidePanel();
    QList<quint32> selectedItems() const;
    void runsArrived(RunCatalog catalog);
    void spaceArrived(quint64 generation, std::shared_ptr<const rs::RunContext> ctx,
                      std::shared_ptr<const rs::EmbeddingSpace> space,
                      std::vector<rs::FactorProfile> profiles, QString error, bool cancelled);
    void fillColorBox();
    void applyStyle();
    void applyUser();
    void applyHidden();
    void selectionChanged();
    void updateWhyButton();
    void setBusy(bool busy, const QString& status = {});
    QString pointLabel(int row) const;

    WorkspaceSession& m_session;
    JobRunner& m_jobs;
    RunContextCache& m_contexts;
    RunCatalog m_catalog;
    std::shared_ptr<const rs::RunContext> m_ctx;
    std::shared_ptr<const rs::EmbeddingSpace> m_space;
    rs::FactorSide m_side = rs::FactorSide::Items;
    rs::LayoutMethod m_method = rs::LayoutMethod::Tsne;
    MapColoring m_coloring;
    quint64 m_generation = 0, m_runsGeneration = 0, m_userGeneration = 0, m_pointGeneration = 0;
    JobId m_job = 0;
    bool m_busy = false;
    int m_currentPoint = -1;
    qint64 m_user = -1;
    std::vector<int> m_topItems; ///< the user's top-N, ringed on the map

    QComboBox* m_run = nullptr;
    QComboBox* m_sideBox = nullptr;
    QComboBox* m_methodBox = nullptr;
    QComboBox* m_color = nullptr;
    QPushButton* m_recompute = nullptr;
    QLineEdit* m_find = nullptr;
    QCompleter* m_findCompleter = nullptr;
    QLineEdit* m_userEdit = nullptr;
    QCompleter* m_userCompleter = nullptr;
    QCheckBox* m_showRated = nullptr;
    QCheckBox* m_showRare = nullptr;
    QCheckBox* m_showTop = nullptr;
    QSpinBox* m_topN = nullptr;
    QToolButton* m_panTool = nullptr;
    QToolButton* m_rectTool = nullptr;
    QToolButton* m_lassoTool = nullptr;
    QToolButton* m_export = nullptr;
    InlineMessage* m_message = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    EmbeddingMap* m_map = nullptr;
    EmbeddingSidePanel* m_panel = nullptr;
    FactorInspector* m_inspector = nullptr;
};

} // namespace rs::ui
