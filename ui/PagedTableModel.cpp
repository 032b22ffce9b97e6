#include "PagedTableModel.h"

#include "DatasetFormat.h"
#include "UiLog.h"
#include "WorkerCall.h"

#include <QElapsedTimer>
#include <algorithm>

namespace rs::ui {

namespace {

constexpr int kMaxQueuedPages = 6;

} // namespace

PagedTableModel::PagedTableModel(QObject* parent)
    : QAbstractTableModel(parent), m_liveGeneration(std::make_shared<std::atomic<quint64>>(0)) {}

void PagedTableModel::setSource(const QString& workspacePath, qint64 datasetId) {
    m_path = workspacePath;
    m_dataset = datasetId;
    reload();
}

void PagedTableModel::setFilter(const QString& filter) {
    const std::string f = filter.trimmed().toStdString();
    if (f == m_query.filter)
        return;
    m_query.filter = f;
    reload();
}

void PagedTableModel::setOnlyItems(std::optional<std::vector<std::uint32_t>> items) {
    if (items == m_query.onlyItems)
        return;
    m_query.onlyItems = std::move(items);
    reload();
}

void PagedTableModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= columnCount())
        return;
    const bool descending = order == Qt::DescendingOrder;
    if (column == m_query.sortColumn && descending == m_query.descending && m_total > 0)
        return;
    m_query.sortColumn = column;
    m_query.descending = descending;
    reload();
}

void PagedTableModel::reload() {
    beginResetModel();
    ++m_generation;
    m_liveGeneration->store(m_generation);
    m_pages.clear();
    m_inFlight.clear();
    m_queue.clear();
    m_failed.clear();
    m_total = 0;
    m_fetchCount = 0;
    m_countPending = !m_path.isEmpty() && m_dataset > 0;
    endResetModel();
    if (m_countPending)
        startFetch(0, true);
    emit loadingChanged(isLoading());
}

void PagedTableModel::startFetch(int page, bool withCount) {
    m_inFlight.insert(page);
    ++m_fetchCount;
    const quint64 generation = m_generation;
    auto live = m_liveGeneration;
    const std::string path = m_path.toStdString();
    const qint64 dataset = m_dataset;
    const rs::TableQuery query = m_query;
    const qint64 offset = qint64(page) * kPageSize;
    CountFn count = withCount ? countFunction() : CountFn();
    FetchFn fetch = fetchFunction();
    runInWorker(
        this,
        [=]() {
            TablePage out;
            out.generation = generation;
            out.offset = offset;
            if (live->load() != generation)
                return out; // superseded before it started: skip the query
            QElapsedTimer timer;
            timer.start();
            try {
                rs::Workspace ws(path);
                const rs::DatasetQueries q(ws, dataset);
                if (count)
                    out.total = count(q, query);
                out.rows = fetch(q, query, offset, kPageSize);
            } catch (const std::exception& e) {
                out.error = QString::fromUtf8(e.what());
            }
            qCDebug(lcUi) << "page at" << offset << (count ? "with count" : "") << "took"
                          << timer.elapsed() << "ms";
            return out;
        },
        [this, page](TablePage result) { onPage(std::move(result), page); });
}

void PagedTableModel::onPage(TablePage page, int pageIndex) {
    if (page.generation != m_generation)
        return;
    m_inFlight.remove(pageIndex);
    const bool wasCount = page.total >= 0 || (m_countPending && pageIndex == 0);
    if (!page.error.isEmpty()) {
        qCWarning(lcUi) << "table page" << pageIndex << "failed:" << page.error;
        m_failed.insert(pageIndex);
        if (wasCount)
            m_countPending = false;
        emit errorOccurred(page.error);
        emit loadingChanged(isLoading());
        pumpQueue();
        return;
    }
    const int first = int(page.offset);
    const int n = int(page.rows.size());
    // Cached before the rows appear, so whoever reads them on rowsInserted finds them.
    m_pages.insert(pageIndex, CachedPage{std::move(page.rows), ++m_useClock});
    evict();
    if (wasCount) {
        m_countPending = false;
        const qint64 total = std::min<qint64>(page.total, std::numeric_limits<int>::max());
        if (total > 0) {
            QElapsedTimer t;
            t.start();
            beginInsertRows({}, 0, int(total) - 1);
            m_total = total;
            endInsertRows();
            qCDebug(lcUi) << "showing" << total << "rows took" << t.elapsed() << "ms";
        }
    }
    if (wasCount)
        emit countReady(m_total);
    if (n > 0 && first < m_total)
        emit dataChanged(index(first, 0),
                         index(std::min<int>(first + n, int(m_total)) - 1, columnCount() - 1));
    emit pageLoaded(pageIndex);
    pumpQueue();
    emit loadingChanged(isLoading());
}

void PagedTableModel::evict() {
    while (m_pages.size() > kMaxCachedPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it)
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        m_pages.erase(oldest);
    }
}

void PagedTableModel::requestPage(int page) const {
    if (m_inFlight.contains(page) || m_failed.contains(page) || m_countPending)
        return;
    m_queue.removeAll(page);
    m_queue.append(page);
    // Only the latest requests matter: a view asks for what it paints, so pages requested
    // earlier and pushed out here were scrolled past (the latest paint re-requested the rest).
    while (m_queue.size() > kMaxQueuedPages)
        m_queue.removeFirst();
    const_cast<PagedTableModel*>(this)->pumpQueue();
}

void PagedTableModel::pumpQueue() {
    while (!m_queue.isEmpty() && m_inFlight.size() < kMaxFetchesInFlight) {
        const int page = m_queue.takeLast(); // most recent request first: what the user sees
        if (m_pages.contains(page) || m_inFlight.contains(page))
            continue;
        const bool wasLoading = isLoading();
        startFetch(page, false);
        if (!wasLoading)
            emit loadingChanged(true);
    }
}

const TablePage::Row* PagedTableModel::cachedRow(int row) const {
    auto it = m_pages.find(row / kPageSize);
    if (it == m_pages.end())
        return nullptr;
    it->lastUse = ++m_useClock;
    const auto k = std::size_t(row % kPageSize);
    return k < it->rows.size() ? &it->rows[k] : nullptr;
}

bool PagedTableModel::isRowLoaded(int row) const {
    return m_pages.contains(row / kPageSize);
}

int PagedTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_total);
}

int PagedTableModel::columnCount(const QModelIndex& parent) const {
    if (m_columns < 0)
        m_columns = int(columnTitles().size()); // fixed per model class: ask once
    return parent.isValid() ? 0 : m_columns;
}

QVariant PagedTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != RawRole && role != Qt::TextAlignmentRole &&
        role != Qt::ToolTipRole)
        return {};
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(alignment(index.column()));
    const TablePage::Row* row = cachedRow(index.row());
    if (!row) {
        requestPage(index.row() / kPageSize);
        return role == Qt::DisplayRole ? QVariant(QStringLiteral("…")) : QVariant();
    }
    const QVariant raw = index.column() < row->size() ? row->at(index.column()) : QVariant();
    if (role == RawRole)
        return raw;
    const QVariant shown = displayValue(index.column(), raw);
    // One line per cell: control characters in ids, titles, genres shown as visible pictures
    // (RawRole keeps the exact text).
    if (role == Qt::DisplayRole && shown.typeId() == QMetaType::QString)
        return visibleText(shown.toString());
    return shown;
}

QVariant PagedTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    const QStringList titles = columnTitles();
    return section >= 0 && section < titles.size() ? QVariant(titles.at(section)) : QVariant();
}

QVariant PagedTableModel::displayValue(int, const QVariant& raw) const {
    return raw;
}

Qt::Alignment PagedTableModel::alignment(int) const {
    return Qt::AlignLeft | Qt::AlignVCenter;
}

} // namespace rs::ui
