#include "UserProfileModel.h"

#include "DatasetFormat.h"

namespace rs::ui {

void UserProfileModel::setRows(std::vector<rs::RatingRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int UserProfileModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UserProfileModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserProfileModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto& r = m_rows[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(index.column() == Rating || index.column() == Time
                                       ? Qt::AlignRight | Qt::AlignVCenter
                                       : Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != RawRole && role != Qt::ToolTipRole)
        return {};
    const bool raw = role == RawRole;
    switch (index.column()) {
    // Text shown on one line with control characters visible; RawRole keeps it exact.
    case Item:
        return raw ? QString::fromStdString(r.itemId)
                   : visibleText(QString::fromStdString(r.itemId));
    case Title:
        return raw ? QString::fromStdString(r.title) : visibleText(QString::fromStdString(r.title));
    case Genres:
        return raw ? QString::fromStdString(r.genres)
                   : visibleText(QString::fromStdString(r.genres));
    case Rating:
        return raw ? QVariant(r.rating) : QVariant(formatRating(r.rating));
    case Time:
        if (!r.hasTimestamp)
            return {};
        return raw ? QVariant(qint64(r.timestamp)) : QVariant(formatTimestamp(r.timestamp));
    }
    return {};
}

QVariant UserProfileModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case Item:
        return tr("Item");
    case Title:
        return tr("Title");
    case Genres:
        return tr("Genres");
    case Rating:
        return tr("Rating");
    case Time:
        return tr("Time (UTC)");
    }
    return {};
}

} // namespace rs::ui
