#pragma once
#include <QString>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace rs::ui {

/// A read-only, row-selecting table view for an ItemScoreModel (rank, id, title, genres, value),
/// with the column widths every item list of the app uses.
QTableView* itemScoreTable(QAbstractItemModel* model, const QString& objectName, QWidget* parent);

} // namespace rs::ui
