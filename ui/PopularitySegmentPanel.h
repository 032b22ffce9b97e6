#pragma once
#include "compare/RunComparison.h"

#include <QStringList>
#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QTableWidget;

namespace rs::ui {

class PopularitySegmentChart;

/// The Compare page's popularity lens by user segment: a headline comparing the first two runs
/// (how much less popular run B's recommendations are than run A's, long-tail share and NDCG
/// A → B, overall and per segment), combos for the segmentation (activity / mainstreamness) and
/// the measure (ARP, long-tail share, exposure Gini, coverage, the stored accuracy series), the
/// grouped bar chart and a table of every figure. Shows the reports core computed
/// (ComparisonResult::activitySegments / mainstreamSegments).
class PopularitySegmentPanel : public QWidget {
    Q_OBJECT
public:
    explicit PopularitySegmentPanel(QWidget* parent = nullptr);

    void setResult(std::shared_ptr<const rs::ComparisonResult> result, const QStringList& labels);
    void clear();
    /// Picks the segmentation / measure (as the combos do).
    void setSegmentation(rs::UserSegmentBy by);
    /// `measure` with `accuracyIndex` for SegmentMeasure::Accuracy; false when not offered.
    bool setMeasure(rs::SegmentMeasure measure, int accuracyIndex = 0);

    rs::UserSegmentBy segmentation() const;
    rs::SegmentMeasure measure() const;
    int accuracyIndex() const;

    QComboBox* segmentationBox() const { return m_by; }
    QComboBox* measureBox() const { return m_measure; }
    QLabel* headline() const { return m_headline; }
    PopularitySegmentChart* chart() const { return m_chart; }
    QTableWidget* table() const { return m_table; }

private:
    void fillMeasures();
    void redraw();
    void updateHeadline();

    std::shared_ptr<const rs::ComparisonResult> m_result;
    QStringList m_labels;
    QComboBox* m_by;
    QComboBox* m_measure;
    QLabel* m_headline;
    PopularitySegmentChart* m_chart;
    QTableWidget* m_table;
};

} // namespace rs::ui
