#include "ComparisonMatrixWidget.h"

#include <QFontMetrics>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {
constexpr int kMargin = 4;
constexpr int kMinCell = 44;
constexpr int kMaxCell = 96;
} // namespace

ComparisonMatrixWidget::ComparisonMatrixWidget(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMouseTracking(true);
}

void ComparisonMatrixWidget::setMatrix(const QStringList& labels, std::vector<double> values,
                                       double low, double high, ColorMap::Kind kind) {
    m_labels = labels;
    m_values = std::move(values);
    m_values.resize(std::size_t(labels.size() * labels.size()), std::nan(""));
    m_low = low;
    m_high = high > low ? high : low + 1.0;
    m_kind = kind;
    updateGeometry();
    update();
}

void ComparisonMatrixWidget::clear() {
    m_labels.clear();
    m_values.clear();
    update();
}

double ComparisonMatrixWidget::value(int row, int column) const {
    if (row < 0 || column < 0 || row >= size() || column >= size())
        return std::nan("");
    return m_values[std::size_t(row * size() + column)];
}

int ComparisonMatrixWidget::labelWidth() const {
    const QFontMetrics fm(font());
    int w = 0;
    for (const QString& l : m_labels)
        w = std::max(w, fm.horizontalAdvance(l));
    return std::min(w + 8, 220);
}

int ComparisonMatrixWidget::cellSize() const {
    if (m_labels.isEmpty())
        return kMinCell;
    const int n = size();
    const int header = QFontMetrics(font()).height() * 2 + kMargin;
    const int byWidth = (width() - labelWidth() - 2 * kMargin) / n;
    const int byHeight = (height() - header - 2 * kMargin) / n;
    return std::clamp(std::min(byWidth, byHeight), kMinCell / 2, kMaxCell);
}

QRect ComparisonMatrixWidget::cellRect(int row, int column) const {
    if (row < 0 || column < 0 || row >= size() || column >= size())
        return {};
    const int c = cellSize();
    const int top = kMargin + QFontMetrics(font()).height() * 2 + kMargin;
    return QRect(kMargin + labelWidth() + column * c, top + row * c, c, c);
}

QSize ComparisonMatrixWidget::sizeHint() const {
    const int n = std::max(1, size());
    const int header = QFontMetrics(font()).height() * 2 + 3 * kMargin;
    return QSize(labelWidth() + n * 72 + 2 * kMargin, header + n * 72);
}

QSize ComparisonMatrixWidget::minimumSizeHint() const {
    const int n = std::max(1, size());
    const int header = QFontMetrics(font()).height() * 2 + 3 * kMargin;
    return QSize(labelWidth() + n * kMinCell + 2 * kMargin, header + n * kMinCell);
}

void ComparisonMatrixWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (m_labels.isEmpty())
        return;
    const ColorMap& map = ColorMap::forKind(m_kind);
    const QFontMetrics fm(font());
    const int n = size();
    const int c = cellSize();
    for (int col = 0; col < n; ++col) {
        // Column headers: the run label, elided, on two lines when long.
        const QRect cell = cellRect(0, col);
        const QRect header(cell.left(), kMargin, c, fm.height() * 2);
        p.setPen(palette().text().color());
        p.drawText(header.adjusted(1, 0, -1, 0),
                   Qt::AlignHCenter | Qt::AlignBottom | Qt::TextWordWrap,
                   fm.elidedText(m_labels[col], Qt::ElideRight, 2 * c - 4));
    }
    for (int row = 0; row < n; ++row) {
        const QRect first = cellRect(row, 0);
        const QRect label(kMargin, first.top(), labelWidth() - 6, c);
        p.setPen(palette().text().color());
        p.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(m_labels[row], Qt::ElideRight, label.width()));
        for (int col = 0; col < n; ++col) {
            const QRect cell = cellRect(row, col);
            const double v = value(row, col);
            QColor fill(0xd8, 0xd8, 0xd8);
            if (!std::isnan(v))
                fill = QColor::fromRgb(map.at((v - m_low) / (m_high - m_low)));
            p.fillRect(cell.adjusted(0, 0, -1, -1), fill);
            p.setPen(ColorMap::lightness(fill.rgb()) < 0.6 ? Qt::white : Qt::black);
            p.drawText(cell, Qt::AlignCenter,
                       std::isnan(v) ? tr("n/a") : QString::number(v, 'f', 2));
        }
    }
}

bool ComparisonMatrixWidget::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        for (int row = 0; row < size(); ++row)
            for (int col = 0; col < size(); ++col)
                if (cellRect(row, col).contains(help->pos())) {
                    const double v = value(row, col);
                    QToolTip::showText(
                        help->globalPos(),
                        tr("%1 vs %2: %3")
                            .arg(m_labels[row], m_labels[col],
                                 std::isnan(v) ? tr("n/a") : QString::number(v, 'f', 4)),
                        this);
                    return true;
                }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

} // namespace rs::ui
