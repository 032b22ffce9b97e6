#pragma once
#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

namespace rs::ui {

/// The first rows of a file as the parser will read them, for the import wizard's preview.
/// Column headers show the file's column name and the role the user mapped it to.
class PreviewTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setContent(const QStringList& header, const std::vector<QStringList>& rows);
    /// Role label per column ("user", "item", ... or empty for ignored columns).
    void setRoleLabels(const QStringList& labels);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    QStringList header() const { return m_header; }

private:
    QStringList m_header;
    QStringList m_roles;
    std::vector<QStringList> m_rows;
    int m_columns = 0;
};

} // namespace rs::ui
