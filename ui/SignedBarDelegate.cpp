#include "SignedBarDelegate.h"

#include <QApplication>
#include <QPainter>
#include <algorithm>

namespace rs::ui {

SignedBarDelegate::SignedBarDelegate(int barRole, QObject* parent)
    : QStyledItemDelegate(parent), m_barRole(barRole) {}

void SignedBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect r = option.rect.adjusted(4, 3, -4, -3);
    const int textWidth = option.fontMetrics.horizontalAdvance(QStringLiteral("+00.000")) + 4;
    const QRect textRect(r.left(), r.top(), textWidth, r.height());
    const QRect barArea(r.left() + textWidth + 4, r.top(), std::max(r.width() - textWidth - 4, 8),
                        r.height());
    const double fraction = std::clamp(index.data(m_barRole).toDouble(), -1.0, 1.0);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(textRect, Qt::AlignRight | Qt::AlignVCenter, text);
    const int zero = barArea.left() + barArea.width() / 2;
    const int length = int(fraction * (barArea.width() / 2));
    QRect bar = fraction >= 0 ? QRect(zero, barArea.top(), std::max(length, 1), barArea.height())
                              : QRect(zero + length, barArea.top(), -length, barArea.height());
    painter->fillRect(bar, fraction >= 0 ? QColor(46, 139, 87) : QColor(200, 70, 70));
    painter->setPen(option.palette.color(QPalette::Mid));
    painter->drawLine(zero, option.rect.top(), zero, option.rect.bottom());
    painter->restore();
}

QSize SignedBarDelegate::sizeHint(const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(
        std::max(s.width(), option.fontMetrics.horizontalAdvance(QStringLiteral("+00.000")) + 70));
    return s;
}

} // namespace rs::ui
