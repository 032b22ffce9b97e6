#pragma once
#include "store/DatasetStore.h"

#include <QAbstractTableModel>
#include <vector>

namespace rs::ui {

/// Rejected input lines (file, line, reason, content) for the import result page.
class RejectsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { File, Line, Reason, Content, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setRejects(std::vector<rs::RejectedLine> rejects);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<rs::RejectedLine> m_rows;
};

} // namespace rs::ui
