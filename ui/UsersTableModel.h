#pragma once
#include "PagedTableModel.h"

namespace rs::ui {

/// Users of a dataset: id, number of ratings, mean rating.
class UsersTableModel : public PagedTableModel {
    Q_OBJECT
public:
    enum Column { User, NumRatings, MeanRating };
    using PagedTableModel::PagedTableModel;

protected:
    QStringList columnTitles() const override;
    CountFn countFunction() const override;
    FetchFn fetchFunction() const override;
    QVariant displayValue(int column, const QVariant& raw) const override;
    Qt::Alignment alignment(int column) const override;
};

} // namespace rs::ui
