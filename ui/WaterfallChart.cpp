#include "WaterfallChart.h"

#include "ExplainText.h"

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

constexpr double kPad = 6.0;
constexpr double kAxisHeightRows = 1.2; ///< the axis below the rows, in row heights

const QColor kUp(46, 139, 87);
const QColor kDown(200, 70, 70);
const QColor kTotal(58, 102, 160);

QColor barColor(const WaterfallBar& b) {
    if (b.kind == WaterfallBar::Kind::Total)
        return kTotal;
    QColor c = b.value >= 0 ? kUp : kDown;
    if (b.kind == WaterfallBar::Kind::Group)
        c = c.lighter(150);
    return c;
}

/// A "nice" tick step (1, 2 or 5 times a power of ten) for about `ticks` ticks
/// over `span`.
double niceStep(double span, int ticks) {
    if (span <= 0)
        return 1.0;
    const double raw = span / std::max(ticks, 1);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * power)
            return m * power;
    return 10.0 * power;
}

} // namespace

WaterfallChart::WaterfallChart(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("waterfallChart"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
}

void WaterfallChart::setBars(std::vector<WaterfallBar> bars) {
    m_bars = std::move(bars);
    updateGeometry();
    update();
}

QSize WaterfallChart::sizeHint() const {
    const double row = fontMetrics().height() + 8;
    const int rows = std::max<int>(int(m_bars.size()), 1);
    return QSize(520, int(std::ceil(row * (rows + kAxisHeightRows) + 2 * kPad)));
}

QSize WaterfallChart::minimumSizeHint() const {
    return QSize(300, sizeHint().height());
}

WaterfallChart::Layout WaterfallChart::layout() const {
    Layout l;
    const QFontMetricsF fm(font());
    l.rowHeight = fm.height() + 8;
    double widest = 0;
    for (const WaterfallBar& b : m_bars)
        widest = std::max(widest, fm.horizontalAdvance(b.label));
    const double w = width();
    l.labelWidth = std::min(widest + 2 * kPad, std::floor(w * 0.48));
    l.valueWidth = fm.horizontalAdvance(QStringLiteral("+00.000")) + 2 * kPad;
    const double rows = double(m_bars.size());
    l.plot = QRectF(l.labelWidth, kPad, std::max(w - l.labelWidth - l.valueWidth, 20.0),
                    rows * l.rowHeight);
    l.low = 0.0;
    l.high = 0.0;
    for (const WaterfallBar& b : m_bars) {
        l.low = std::min({l.low, b.start, b.end});
        l.high = std::max({l.high, b.start, b.end});
    }
    if (l.high - l.low <= 0)
        l.high = l.low + 1.0;
    const double margin = (l.high - l.low) * 0.04;
    l.low -= l.low < 0 ? margin : 0.0;
    l.high += l.high > 0 ? margin : 0.0;
    return l;
}

double WaterfallChart::xOf(double value) const {
    const Layout l = layout();
    return l.plot.left() + (value - l.low) / (l.high - l.low) * l.plot.width();
}

QRectF WaterfallChart::barRect(int index) const {
    if (index < 0 || index >= int(m_bars.size()))
        return {};
    const Layout l = layout();
    const WaterfallBar& b = m_bars[std::size_t(index)];
    const double x0 = xOf(std::min(b.start, b.end)), x1 = xOf(std::max(b.start, b.end));
    const double top = l.plot.top() + index * l.rowHeight + 3;
    return QRectF(x0, top, x1 - x0, l.rowHeight - 6);
}

int WaterfallChart::rowAt(const QPoint& pos) const {
    const Layout l = layout();
    if (pos.y() < l.plot.top())
        return -1;
    const int row = int((pos.y() - l.plot.top()) / l.rowHeight);
    return row < int(m_bars.size()) ? row : -1;
}

QString WaterfallChart::tooltip(int row) const {
    const WaterfallBar& b = m_bars[std::size_t(row)];
    if (b.kind == WaterfallBar::Kind::Total)
        return tr("<b>%1</b> = %2<br>the sum of all %3 parts")
            .arg(b.label.toHtmlEscaped(), ExplainText::number(b.value))
            .arg(b.count);
    QString text = tr("<b>%1</b>: %2<br>running sum %3 → %4")
                       .arg(b.label.toHtmlEscaped(), ExplainText::number(b.value, true),
                            ExplainText::number(b.start), ExplainText::number(b.end));
    if (b.kind == WaterfallBar::Kind::Group)
        text += tr("<br>%1 smaller parts added together").arg(b.count);
    if (!b.detail.isEmpty())
        text += QStringLiteral("<hr>") + b.detail;
    return text;
}

bool WaterfallChart::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const int row = rowAt(help->pos());
        if (row >= 0)
            QToolTip::showText(help->globalPos(), tooltip(row), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

void WaterfallChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    if (m_bars.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No decomposition"));
        return;
    }
    const Layout l = layout();
    const QFontMetricsF fm(font());
    const QColor text = palette().color(QPalette::Text);
    const QColor grid = palette().color(QPalette::Mid);

    // Axis ticks and grid lines.
    const double step = niceStep(l.high - l.low, std::max(2, int(l.plot.width() / 90)));
    const double axisY = l.plot.bottom() + 4;
    p.setPen(grid);
    p.drawLine(QPointF(l.plot.left(), axisY), QPointF(l.plot.right(), axisY));
    for (double v = std::ceil(l.low / step) * step; v <= l.high + 1e-12; v += step) {
        const double x = xOf(v);
        QPen pen(grid, 1, Qt::DotLine);
        p.setPen(pen);
        p.drawLine(QPointF(x, l.plot.top()), QPointF(x, axisY));
        p.setPen(text);
        const QString label = ExplainText::tick(std::abs(v) < step * 1e-6 ? 0.0 : v);
        const double w = fm.horizontalAdvance(label);
        p.drawText(QRectF(x - w / 2 - 2, axisY + 2, w + 4, fm.height()), Qt::AlignCenter, label);
    }
    // The zero line.
    p.setPen(QPen(text, 1));
    p.drawLine(QPointF(xOf(0.0), l.plot.top()), QPointF(xOf(0.0), axisY));

    for (int i = 0; i < int(m_bars.size()); ++i) {
        const WaterfallBar& b = m_bars[std::size_t(i)];
        const double rowTop = l.plot.top() + i * l.rowHeight;
        if (b.kind == WaterfallBar::Kind::Total) {
            p.setPen(QPen(grid, 1));
            p.drawLine(QPointF(kPad, rowTop), QPointF(width() - kPad, rowTop));
        }
        // Label, elided to its column.
        QFont f = font();
        f.setBold(b.kind == WaterfallBar::Kind::Total);
        f.setItalic(b.kind == WaterfallBar::Kind::Group);
        p.setFont(f);
        p.setPen(text);
        const QRectF labelRect(kPad, rowTop, l.labelWidth - 2 * kPad, l.rowHeight);
        p.drawText(labelRect, Qt::AlignRight | Qt::AlignVCenter,
                   QFontMetricsF(f).elidedText(b.label, Qt::ElideRight, labelRect.width()));
        // The bar (at least one pixel wide so tiny parts stay visible).
        QRectF bar = barRect(i);
        if (bar.width() < 1.0)
            bar.setWidth(1.0);
        p.setPen(Qt::NoPen);
        p.setBrush(barColor(b));
        p.drawRect(bar);
        // Connector to the next bar's start.
        if (i + 1 < int(m_bars.size()) &&
            m_bars[std::size_t(i + 1)].kind != WaterfallBar::Kind::Total) {
            p.setPen(QPen(grid, 1));
            const double x = xOf(b.end);
            p.drawLine(QPointF(x, bar.bottom()), QPointF(x, bar.bottom() + 6));
        }
        // Value.
        p.setPen(text);
        const QRectF valueRect(l.plot.right() + kPad, rowTop, l.valueWidth - 2 * kPad, l.rowHeight);
        p.drawText(valueRect, Qt::AlignRight | Qt::AlignVCenter,
                   ExplainText::number(b.value, b.kind != WaterfallBar::Kind::Total));
    }
}

} // namespace rs::ui
