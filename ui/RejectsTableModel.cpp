#include "RejectsTableModel.h"

#include <QFileInfo>

namespace rs::ui {

void RejectsTableModel::setRejects(std::vector<rs::RejectedLine> rejects) {
    beginResetModel();
    m_rows = std::move(rejects);
    endResetModel();
}

int RejectsTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RejectsTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RejectsTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto& r = m_rows[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case File:
            return QFileInfo(QString::fromStdString(r.file)).fileName();
        case Line:
            return qlonglong(r.line);
        case Reason:
            return QString::fromStdString(r.reason);
        case Content:
            return QString::fromStdString(r.content);
        }
    } else if (role == Qt::ToolTipRole) {
        return index.column() == File ? QString::fromStdString(r.file)
                                      : QString::fromStdString(r.content);
    } else if (role == Qt::TextAlignmentRole && index.column() == Line) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant RejectsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case File:
        return tr("File");
    case Line:
        return tr("Line");
    case Reason:
        return tr("Reason");
    case Content:
        return tr("Content");
    }
    return {};
}

} // namespace rs::ui
