#include "PreviewTableModel.h"

#include <QBrush>
#include <QColor>

namespace rs::ui {

void PreviewTableModel::setContent(const QStringList& header,
                                   const std::vector<QStringList>& rows) {
    beginResetModel();
    m_header = header;
    m_rows = rows;
    m_columns = int(header.size());
    for (const auto& r : m_rows)
        m_columns = std::max(m_columns, int(r.size()));
    m_roles.clear();
    endResetModel();
}

void PreviewTableModel::setRoleLabels(const QStringList& labels) {
    m_roles = labels;
    if (m_columns > 0) {
        emit headerDataChanged(Qt::Horizontal, 0, m_columns - 1);
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, m_columns - 1),
                             {Qt::ForegroundRole});
    }
}

void PreviewTableModel::clear() {
    setContent({}, {});
}

int PreviewTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PreviewTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_columns;
}

QVariant PreviewTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QStringList& row = m_rows[std::size_t(index.row())];
    const bool ignored = index.column() < m_roles.size() && m_roles.at(index.column()).isEmpty();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return index.column() < row.size() ? row.at(index.column()) : QString();
    case Qt::ForegroundRole:
        if (ignored)
            return QBrush(QColor(140, 140, 140));
        return {};
    default:
        return {};
    }
}

QVariant PreviewTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    if (section < 0 || section >= m_columns)
        return {};
    const QString name =
        section < m_header.size() ? m_header.at(section) : tr("column %1").arg(section + 1);
    if (section < m_roles.size())
        return m_roles.at(section).isEmpty()
                   ? tr("%1\n(ignored)").arg(name)
                   : QStringLiteral("%1\n→ %2").arg(name, m_roles.at(section));
    return name;
}

} // namespace rs::ui
