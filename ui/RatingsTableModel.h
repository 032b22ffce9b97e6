#pragma once
#include "PagedTableModel.h"

namespace rs::ui {

/// Ratings of a dataset: user, item, title, rating, time (columns as rs::DatasetQueries sorts
/// them). The raw value of the time column is seconds since 1970 (or null).
class RatingsTableModel : public PagedTableModel {
    Q_OBJECT
public:
    enum Column { User, Item, Title, Rating, Time };
    using PagedTableModel::PagedTableModel;

protected:
    QStringList columnTitles() const override;
    CountFn countFunction() const override;
    FetchFn fetchFunction() const override;
    QVariant displayValue(int column, const QVariant& raw) const override;
    Qt::Alignment alignment(int column) const override;
};

} // namespace rs::ui
