#pragma once
#include "store/DatasetQueries.h"

#include <QMap>
#include <QWidget>
#include <optional>

class QChartView;
class QCheckBox;
class QGridLayout;
class QLabel;

namespace rs::ui {

class AppSettings;
class InlineMessage;

/// The summary of one dataset: its key numbers (ratings, users, items, density, mean, scale,
/// short-head share, duplicates, rejects) and three charts — rating histogram, long-tail item
/// popularity (log count axis optional) and ratings per user over log2 buckets. The figures are
/// computed by rs::DatasetQueries::summary on a worker thread.
class DatasetSummaryView : public QWidget {
    Q_OBJECT
public:
    explicit DatasetSummaryView(AppSettings* settings, QWidget* parent = nullptr);

    void setDataset(const QString& workspacePath, const rs::DatasetInfo& info);
    void clear();
    /// Shows a new name for the current dataset (after a rename).
    void setTitle(const QString& name);

    bool isLoading() const { return m_loading; }
    /// The figures shown (empty before the first load finished).
    const std::optional<rs::DatasetSummary>& summary() const { return m_summary; }
    /// Text of a key figure: "ratings", "users", "items", "density", "mean", "scale",
    /// "shortHead", "duplicates", "rejected", "feedback".
    QString statText(const QString& key) const;

    QChartView* histogramView() const { return m_histogram; }
    QChartView* popularityView() const { return m_popularity; }
    QChartView* activityView() const { return m_activity; }
    QCheckBox* logScaleCheck() const { return m_logScale; }

signals:
    void summaryLoaded();

private:
    void addStat(const QString& key, const QString& caption, int row, int column);
    void showSummary();
    void rebuildPopularity();

    AppSettings* m_settings;
    std::optional<rs::DatasetInfo> m_info;
    std::optional<rs::DatasetSummary> m_summary;
    quint64 m_generation = 0;
    bool m_loading = false;
    QLabel* m_title;
    QLabel* m_subtitle;
    InlineMessage* m_message;
    QGridLayout* m_stats;
    QMap<QString, QLabel*> m_values;
    QChartView* m_histogram;
    QChartView* m_popularity;
    QChartView* m_activity;
    QCheckBox* m_logScale;
};

} // namespace rs::ui
