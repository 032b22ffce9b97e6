#pragma once
#include <QStyledItemDelegate>

namespace rs::ui {

/// Paints a signed value as a bar from a centred zero line (green right for
/// positive, red left for negative) with the value's text beside it. Reads the
/// bar length in [-1, 1] from `barRole` and the text from the display role.
class SignedBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit SignedBarDelegate(int barRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_barRole;
};

} // namespace rs::ui
