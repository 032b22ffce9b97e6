#include "UsersTableModel.h"

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

QStringList UsersTableModel::columnTitles() const {
    return {tr("User"), tr("Ratings"), tr("Mean rating")};
}

PagedTableModel::CountFn UsersTableModel::countFunction() const {
    return [](const rs::DatasetQueries& q, const rs::TableQuery& t) { return q.countUsers(t); };
}

PagedTableModel::FetchFn UsersTableModel::fetchFunction() const {
    return [](const rs::DatasetQueries& q, const rs::TableQuery& t, qint64 offset, int limit) {
        std::vector<TablePage::Row> rows;
        for (const auto& r : q.users(t, offset, limit))
            rows.push_back({qs(r.userId), qint64(r.numRatings), r.meanRating});
        return rows;
    };
}

QVariant UsersTableModel::displayValue(int column, const QVariant& raw) const {
    if (column == NumRatings)
        return QLocale().toString(raw.toLongLong());
    if (column == MeanRating)
        return QLocale().toString(raw.toDouble(), 'f', 2);
    return raw;
}

Qt::Alignment UsersTableModel::alignment(int column) const {
    return column == NumRatings || column == MeanRating ? kNumber : kText;
}

} // namespace rs::ui
