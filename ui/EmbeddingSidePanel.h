#pragma once
#include "latent/NeighbourIndex.h"

#include <QTabWidget>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace rs::ui {

class FactorInspector;
class ItemScoreModel;
struct ItemScoreRow;

/// The Latent space page's side tabs: the current point's nearest neighbours (metric, count,
/// Select on map, Why?), the map's selection (send it to the heatmap or the dataset browser,
/// clear it) and the factor inspector. It shows what the page gives it and reports what the
/// user asks for by signals; it computes nothing.
class EmbeddingSidePanel : public QTabWidget {
    Q_OBJECT
public:
    enum Tab { NeighboursTab, SelectionTab, FactorsTab };

    explicit EmbeddingSidePanel(FactorInspector* inspector, QWidget* parent = nullptr);

    rs::FactorMetric metric() const;
    int neighbourCount() const;
    /// The current point's description ("Toy Story (1995) · …"), or the hint to click one.
    void setPointTitle(const QString& text);
    void setNeighbours(std::vector<ItemScoreRow> rows);
    /// The selected points as rows (value = ratings); `linkable` enables sending them on.
    void setSelection(std::vector<ItemScoreRow> rows, bool linkable);
    void setWhyEnabled(bool enabled, const QString& toolTip);

    ItemScoreModel* neighbourModel() const { return m_neighbours; }
    ItemScoreModel* selectionModel() const { return m_selection; }
    QPushButton* whyButton() const { return m_why; }

signals:
    /// The metric or the count changed: the neighbours need computing again.
    void neighbourQueryChanged();
    /// A neighbour or selected row was double-clicked: go to that point.
    void pointActivated(quint32 row);
    void selectNeighboursClicked();
    void whyClicked();
    void toHeatmapClicked();
    void toDatasetsClicked();
    void clearSelectionClicked();

private:
    QWidget* buildNeighboursTab();
    QWidget* buildSelectionTab();

    QLabel* m_pointTitle = nullptr;
    QComboBox* m_metric = nullptr;
    QSpinBox* m_count = nullptr;
    ItemScoreModel* m_neighbours = nullptr;
    QPushButton* m_why = nullptr;
    QLabel* m_selectionLabel = nullptr;
    ItemScoreModel* m_selection = nullptr;
    QPushButton* m_toHeatmap = nullptr;
    QPushButton* m_toDatasets = nullptr;
    QPushButton* m_clear = nullptr;
};

} // namespace rs::ui
