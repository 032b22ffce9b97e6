#pragma once
#include "RunCatalog.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace rs::ui {

/// The workspace's stored runs as a table: fixed columns (run, dataset, model, split,
/// hyper-parameters, seed, fit seconds, status, protocol) and then one column per metric found
/// in any run (RMSE, MAE, P@10, ..., in first-seen order). SortRole gives raw values (numbers
/// for numeric columns, nothing for a metric a run lacks) so a proxy sorts numerically.
class RunsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Run,
        Dataset,
        Model,
        Split,
        Params,
        Seed,
        FitSeconds,
        Status,
        Protocol,
        FixedColumns
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int RunIdRole = Qt::UserRole + 2;
    static constexpr int DatasetIdRole = Qt::UserRole + 3;

    using QAbstractTableModel::QAbstractTableModel;

    void setCatalog(RunCatalog catalog);
    const RunCatalog& catalog() const { return m_catalog; }
    const rs::RunInfo* at(int row) const;
    int rowOf(qint64 runId) const;
    /// Column of a metric, or -1.
    int metricColumn(const QString& metric) const;
    QStringList metricNames() const { return m_metrics; }
    /// "factors=100, epochs=20, ..." for a run's hyper-parameters.
    static QString paramsText(const rs::RunInfo& run);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const rs::RunInfo& run, int column) const;
    QVariant sortValue(const rs::RunInfo& run, int column) const;

    RunCatalog m_catalog;
    QStringList m_metrics;
};

} // namespace rs::ui
