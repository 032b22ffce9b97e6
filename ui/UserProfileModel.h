#pragma once
#include "store/DatasetQueries.h"

#include <QAbstractTableModel>
#include <vector>

namespace rs::ui {

/// One user's ratings with item titles, genres and times (small: loaded whole).
class UserProfileModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Item, Title, Genres, Rating, Time, ColumnCount };
    /// Raw (sortable) value of a cell.
    static constexpr int RawRole = Qt::UserRole + 1;
    using QAbstractTableModel::QAbstractTableModel;

    void setRows(std::vector<rs::RatingRow> rows);
    const std::vector<rs::RatingRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<rs::RatingRow> m_rows;
};

} // namespace rs::ui
