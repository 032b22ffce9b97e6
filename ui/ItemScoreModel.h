#pragma once
#include <QAbstractTableModel>
#include <vector>

namespace rs::ui {

/// One item with a value: a recommendation (score, with its rank) or a rating of the user's
/// training history.
struct ItemScoreRow {
    quint32 item = 0; ///< dense item index of the run's dataset
    QString itemId, title, genres;
    float value = 0;
};

/// A list of items with one value column: a top-N list (ranked, value = "Score") or a user's
/// training ratings (value = "Rating"). Rows are given in display order.
class ItemScoreModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Rank, ItemId, Title, Genres, Value, ColumnCount };
    static constexpr int ItemRole = Qt::UserRole + 1; ///< dense item index (quint32)
    static constexpr int SortRole = Qt::UserRole + 2; ///< raw value for sorting

    /// `ranked` shows the Rank column filled; `valueTitle` names the value column.
    ItemScoreModel(bool ranked, const QString& valueTitle, QObject* parent = nullptr);

    void setRows(std::vector<ItemScoreRow> rows);
    void clear() { setRows({}); }
    const ItemScoreRow* at(int row) const;
    const std::vector<ItemScoreRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    bool m_ranked;
    QString m_valueTitle;
    std::vector<ItemScoreRow> m_rows;
};

} // namespace rs::ui
