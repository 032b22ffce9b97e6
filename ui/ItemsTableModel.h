#pragma once
#include "PagedTableModel.h"

namespace rs::ui {

/// Items of a dataset: id, title, genres, number of ratings, mean rating.
class ItemsTableModel : public PagedTableModel {
    Q_OBJECT
public:
    enum Column { Item, Title, Genres, NumRatings, MeanRating };
    using PagedTableModel::PagedTableModel;

protected:
    QStringList columnTitles() const override;
    CountFn countFunction() const override;
    FetchFn fetchFunction() const override;
    QVariant displayValue(int column, const QVariant& raw) const override;
    Qt::Alignment alignment(int column) const override;
};

} // namespace rs::ui
