#include "RatingsTableModel.h"

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

QStringList RatingsTableModel::columnTitles() const {
    return {tr("User"), tr("Item"), tr("Title"), tr("Rating"), tr("Time (UTC)")};
}

PagedTableModel::CountFn RatingsTableModel::countFunction() const {
    return [](const rs::DatasetQueries& q, const rs::TableQuery& t) { return q.countRatings(t); };
}

PagedTableModel::FetchFn RatingsTableModel::fetchFunction() const {
    return [](const rs::DatasetQueries& q, const rs::TableQuery& t, qint64 offset, int limit) {
        std::vector<TablePage::Row> rows;
        for (const auto& r : q.ratings(t, offset, limit))
            rows.push_back({qs(r.userId), qs(r.itemId), qs(r.title), r.rating,
                            r.hasTimestamp ? QVariant(qint64(r.timestamp)) : QVariant()});
        return rows;
    };
}

QVariant RatingsTableModel::displayValue(int column, const QVariant& raw) const {
    if (column == Rating)
        return formatRating(raw.toDouble());
    if (column == Time)
        return raw.isNull() ? QString() : formatTimestamp(raw.toLongLong());
    return raw;
}

Qt::Alignment RatingsTableModel::alignment(int column) const {
    return column == Rating || column == Time ? kNumber : kText;
}

} // namespace rs::ui
