#include "ItemsTableModel.h"

#include "DatasetFormat.h"

#include <QLocale>

namespace rs::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

constexpr Qt::Alignment kNumber = Qt::AlignRight | Qt::AlignVCenter;
constexpr Qt::Alignment kText = Qt::AlignLeft | Qt::AlignVCenter;

} // namespace

QStringList ItemsTableModel::columnTitles() const {
    return {tr("Item"), tr("Title"), tr("Genres"), tr("Ratings"), tr("Mean rating")};
}

PagedTableModel::CountFn ItemsTableModel::countFunction() const {
    return [](const rs::DatasetQueries& q, const rs::TableQuery& t) { return q.countItems(t); };
}

PagedTableModel::FetchFn ItemsTableModel::fetchFunction() const {
    return [](const rs::DatasetQueries& q, const rs::TableQuery& t, qint64 offset, int limit) {
        std::vector<TablePage::Row> rows;
        for (const auto& r : q.items(t, offset, limit))
            rows.push_back(
                {qs(r.itemId), qs(r.title), qs(r.genres), qint64(r.numRatings), r.meanRating});
        return rows;
    };
}

QVariant ItemsTableModel::displayValue(int column, const QVariant& raw) const {
    if (column == NumRatings)
        return QLocale().toString(raw.toLongLong());
    if (column == MeanRating)
        return QLocale().toString(raw.toDouble(), 'f', 2);
    return raw;
}

Qt::Alignment ItemsTableModel::alignment(int column) const {
    return column == NumRatings || column == MeanRating ? kNumber : kText;
}

} // namespace rs::ui
