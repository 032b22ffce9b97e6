#include "ItemScoreModel.h"

#include "DatasetFormat.h"

namespace rs::ui {

ItemScoreModel::ItemScoreModel(bool ranked, const QString& valueTitle, QObject* parent)
    : QAbstractTableModel(parent), m_ranked(ranked), m_valueTitle(valueTitle) {}

void ItemScoreModel::setRows(std::vector<ItemScoreRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

const ItemScoreRow* ItemScoreModel::at(int row) const {
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[std::size_t(row)] : nullptr;
}

int ItemScoreModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ItemScoreModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ItemScoreModel::data(const QModelIndex& index, int role) const {
    const ItemScoreRow* r = index.isValid() ? at(index.row()) : nullptr;
    if (!r || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case Rank:
            return m_ranked ? QVariant(index.row() + 1) : QVariant();
        case ItemId:
            return r->itemId;
        case Title:
            return r->title;
        case Genres:
            return r->genres;
        case Value:
            return m_ranked ? QString::number(double(r->value), 'f', 4)
                            : formatRating(double(r->value));
        case ColumnCount:
            break;
        }
        return {};
    case SortRole:
        if (index.column() == Rank)
            return index.row();
        if (index.column() == Value)
            return double(r->value);
        return data(index, Qt::DisplayRole);
    case ItemRole:
        return r->item;
    case Qt::TextAlignmentRole:
        if (index.column() == Rank || index.column() == Value)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ItemScoreModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Rank:
        return m_ranked ? tr("Rank") : QString();
    case ItemId:
        return tr("Item");
    case Title:
        return tr("Title");
    case Genres:
        return tr("Genres");
    case Value:
        return m_valueTitle;
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace rs::ui
