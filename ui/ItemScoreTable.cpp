#include "ItemScoreTable.h"

#include "ItemScoreModel.h"

#include <QHeaderView>
#include <QTableView>

namespace rs::ui {

QTableView* itemScoreTable(QAbstractItemModel* model, const QString& objectName, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->setWordWrap(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setColumnWidth(ItemScoreModel::Rank, 48);
    view->setColumnWidth(ItemScoreModel::ItemId, 64);
    view->setColumnWidth(ItemScoreModel::Title, 300);
    view->setColumnWidth(ItemScoreModel::Genres, 190);
    return view;
}

} // namespace rs::ui
