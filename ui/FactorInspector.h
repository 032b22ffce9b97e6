#pragma once
#include "explain/Explainer.h"

#include <QWidget>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace rs {
struct RunContext;
}

namespace rs::ui {

class FactorBars;
class ItemScoreModel;

/// What the latent dimensions of a factor model mean: for the chosen dimension its highest and
/// lowest items and the genres that correlate with it (the same profiles that name factors in
/// the why panel: rs::describeFactors), and a bar chart of the current user's and item's factor
/// values side by side.
class FactorInspector : public QWidget {
    Q_OBJECT
public:
    explicit FactorInspector(QWidget* parent = nullptr);

    /// The run's context and its factor profiles (computed in a worker).
    void setProfiles(std::shared_ptr<const rs::RunContext> ctx,
                     std::vector<rs::FactorProfile> profiles);
    /// Shows nothing, with `note` (or a default text) in place of the genre line.
    void clear(const QString& note = {});
    void setDimension(int dimension);
    int dimension() const;
    /// The vectors compared in the bar chart (either may be empty).
    void setVectors(const QString& userLabel, std::vector<float> user, const QString& itemLabel,
                    std::vector<float> item);

    QComboBox* dimensionBox() const { return m_dimension; }
    ItemScoreModel* topModel() const { return m_topModel; }
    ItemScoreModel* bottomModel() const { return m_bottomModel; }
    QLabel* genreLabel() const { return m_genres; }
    FactorBars* bars() const { return m_bars; }
    QPushButton* colourButton() const { return m_colour; }

signals:
    void dimensionChanged(int dimension);
    /// "Colour the map by this factor".
    void colourByFactorRequested(int dimension);
    /// An item of the top/bottom lists was double-clicked.
    void itemActivated(quint32 item);

private:
    void showDimension(int dimension);

    std::shared_ptr<const rs::RunContext> m_ctx;
    std::vector<rs::FactorProfile> m_profiles;
    QComboBox* m_dimension;
    QPushButton* m_colour;
    ItemScoreModel* m_topModel;
    ItemScoreModel* m_bottomModel;
    QTableView* m_top;
    QTableView* m_bottom;
    QLabel* m_genres;
    FactorBars* m_bars;
};

} // namespace rs::ui
