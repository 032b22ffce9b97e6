#pragma once
#include "store/DatasetQueries.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QVariant>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace rs::ui {

/// One fetched page: raw cell values per row (strings, numbers; formatting is the model's job).
struct TablePage {
    using Row = QList<QVariant>;
    quint64 generation = 0;
    qint64 offset = 0;
    qint64 total = -1; ///< set by the first fetch after a query change
    std::vector<Row> rows;
    QString error;
};

/// A lazy, chunked table over one dataset of the workspace, for millions of rows: rows are
/// fetched in pages of kPageSize on the query pool (each worker opens its own connection and
/// calls rs::DatasetQueries), at most kMaxCachedPages pages are kept, and rows not loaded yet
/// show a "…" placeholder. Sorting and filtering are pushed into SQL through rs::TableQuery;
/// changing either drops every page in flight by a generation id. Subclasses name the columns
/// and say how to count and fetch rows.
class PagedTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kPageSize = 500;
    static constexpr int kMaxCachedPages = 8;
    static constexpr int kMaxFetchesInFlight = 2;
    /// Raw (unformatted) value of a cell.
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit PagedTableModel(QObject* parent = nullptr);

    /// Shows `datasetId` of the workspace at `workspacePath` (empty path: nothing).
    void setSource(const QString& workspacePath, qint64 datasetId);
    void setFilter(const QString& filter);
    /// Items tables only: restrict to these dense item indices (nullopt = all).
    void setOnlyItems(std::optional<std::vector<std::uint32_t>> items);
    QString filter() const { return QString::fromStdString(m_query.filter); }
    rs::TableQuery query() const { return m_query; }

    /// True while the row count (or any page) is being fetched.
    bool isLoading() const { return m_countPending || !m_inFlight.isEmpty(); }
    bool isRowLoaded(int row) const;
    int cachedPageCount() const { return int(m_pages.size()); }
    /// Pages fetched since the last reset (for tests of laziness).
    int fetchCount() const { return m_fetchCount; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    /// The row count for the current query is known (after setSource/setFilter/sort).
    void countReady(qint64 rows);
    void pageLoaded(int page);
    void errorOccurred(const QString& message);
    void loadingChanged(bool loading);

protected:
    using CountFn = std::function<qint64(const rs::DatasetQueries&, const rs::TableQuery&)>;
    using FetchFn = std::function<std::vector<TablePage::Row>(
        const rs::DatasetQueries&, const rs::TableQuery&, qint64 offset, int limit)>;

    virtual QStringList columnTitles() const = 0;
    /// Pure functions run on a worker thread; they must not touch the model.
    virtual CountFn countFunction() const = 0;
    virtual FetchFn fetchFunction() const = 0;
    /// Display text of a raw value (default: as is).
    virtual QVariant displayValue(int column, const QVariant& raw) const;
    virtual Qt::Alignment alignment(int column) const;

private:
    struct CachedPage {
        std::vector<TablePage::Row> rows;
        quint64 lastUse = 0;
    };
    void reload();
    void requestPage(int page) const;
    void pumpQueue();
    void startFetch(int page, bool withCount);
    void onPage(TablePage page, int pageIndex);
    void evict();
    const TablePage::Row* cachedRow(int row) const;

    QString m_path;
    qint64 m_dataset = 0;
    rs::TableQuery m_query;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<quint64>> m_liveGeneration;
    qint64 m_total = 0;
    bool m_countPending = false;
    int m_fetchCount = 0;
    mutable quint64 m_useClock = 0;
    mutable int m_columns = -1;
    mutable QHash<int, CachedPage> m_pages;
    mutable QSet<int> m_inFlight;
    QSet<int> m_failed;
    mutable QList<int> m_queue; ///< requested, not started; most recent last
};

} // namespace rs::ui
