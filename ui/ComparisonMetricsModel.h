#pragma once
#include "compare/RunComparison.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <memory>

namespace rs::ui {

/// The comparison's metrics as a table: one row per stored aggregate metric, one column per
/// compared run (the values as each run stored them), then the paired comparison of the chosen
/// pair of runs over the users both evaluated: mean delta (B − A), its 95% confidence interval
/// and the two-sided p-values of the paired t-test and the Wilcoxon signed-rank test. The pair
/// columns stay empty for a metric without a per-user series in both runs.
class ComparisonMetricsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    /// The number behind a cell (NaN when it has none), for tests and sorting.
    static constexpr int ValueRole = Qt::UserRole + 1;
    enum PairColumn { Delta = 0, Interval, PT, PWilcoxon, PairColumns };

    explicit ComparisonMetricsModel(QObject* parent = nullptr);

    /// Shows `result` (kept alive by the model); `runLabels` name its runs in order.
    void setResult(std::shared_ptr<const rs::ComparisonResult> result,
                   const QStringList& runLabels);
    /// Selects the pair of run positions (a < b) whose paired statistics fill the pair columns.
    void setPair(std::size_t a, std::size_t b);
    std::size_t pairA() const { return m_a; }
    std::size_t pairB() const { return m_b; }

    /// The column of a pair statistic (after the run columns).
    int pairColumn(PairColumn which) const { return runCount() + int(which); }
    int runCount() const { return m_result ? int(m_result->runs.size()) : 0; }
    /// The row of a metric by display name, or -1.
    int rowOf(const QString& metric) const;
    /// The stored per-user series that carries an aggregate metric ("MAP@10" -> "AP@10").
    static std::string seriesFor(const std::string& metric);
    /// +1 when a larger value of the metric is better (accuracy), -1 when smaller is (errors),
    /// 0 when neither (novelty, diversity, popularity).
    static int betterDirection(const std::string& metric);
    /// The paired comparison of `row`'s metric for the selected pair, or nullptr.
    const rs::PairedMetric* paired(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const rs::ComparisonResult> m_result;
    QStringList m_labels;
    std::size_t m_a = 0, m_b = 1;
};

} // namespace rs::ui
