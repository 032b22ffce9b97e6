#pragma once
#include "explain/Explanation.h"
#include "train/RunContext.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QString>
#include <vector>

namespace rs::ui {

/// The evidence of an explanation as a table: one row per rating of the user,
/// in the order the explanation gives (largest contribution first), with title,
/// genres, the user's rating and the signed contribution. The first column is
/// checkable: ticked rows make a what-if set.
class EvidenceListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Title, Genres, Rating, Contribution, ColumnCount };
    enum Role {
        ItemRole = Qt::UserRole + 1, ///< dense item index (quint32)
        ValueRole,                   ///< the contribution (double)
        BarRole                      ///< contribution / max |contribution| in [-1, 1]
    };
    struct Row {
        std::uint32_t item = 0;
        QString title, genres;
        float rating = 0;
        double contribution = 0;
        bool inCounterfactual = false;
    };

    explicit EvidenceListModel(QObject* parent = nullptr);

    /// Rows of `e.evidence` labelled through `items`; clears the ticks.
    void setExplanation(const rs::Explanation& e, const std::vector<rs::ItemLabel>& items);
    void clear();
    const Row& row(int r) const { return m_rows[std::size_t(r)]; }
    /// The row of `item`'s rating, or -1.
    int rowOf(std::uint32_t item) const;
    rs::EvidenceMethod method() const { return m_method; }

    /// The ticked items, in row order.
    std::vector<std::uint32_t> checkedItems() const;
    void setChecked(std::uint32_t item, bool checked);
    void clearChecks();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void checkedChanged(int count);

private:
    QString tooltip(const Row& r) const;

    std::vector<Row> m_rows;
    QSet<std::uint32_t> m_checked;
    double m_maxAbs = 0;
    rs::EvidenceMethod m_method = rs::EvidenceMethod::None;
};

} // namespace rs::ui
