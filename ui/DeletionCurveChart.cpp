#include "DeletionCurveChart.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

const QColor kTop(200, 70, 70);
const QColor kRandom(120, 120, 120);
const QColor kThreshold(58, 102, 160);

QString rankLabel(double rank) {
    return std::abs(rank - std::round(rank)) < 0.05 ? QLocale().toString(qint64(std::llround(rank)))
                                                    : QLocale().toString(rank, 'f', 1);
}

} // namespace

DeletionCurveChart::DeletionCurveChart(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("deletionCurveChart"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void DeletionCurveChart::setCurve(const rs::DeletionCurve& curve, int k) {
    m_curve = curve;
    m_k = k;
    update();
}

void DeletionCurveChart::clear() {
    m_curve = {};
    update();
}

QSize DeletionCurveChart::sizeHint() const {
    return QSize(460, fontMetrics().height() * 13);
}

QSize DeletionCurveChart::minimumSizeHint() const {
    return QSize(260, sizeHint().height());
}

double DeletionCurveChart::maxRank() const {
    double top = std::max(1, m_curve.rankBefore);
    for (int r : m_curve.rankTop)
        top = std::max(top, double(r));
    for (double r : m_curve.rankRandom)
        top = std::max(top, r);
    // Room below the worst rank for its label; at least a decade below the top-K line.
    return std::max(top * 3.0, double(m_k) * 10.0);
}

QRectF DeletionCurveChart::plotRect() const {
    const QFontMetricsF fm(font());
    const double left = fm.horizontalAdvance(QStringLiteral("10,000")) + 14;
    const double top = fm.height() * 1.5 + 8;
    const double bottom = fm.height() * 2.4;
    return QRectF(left, top, std::max(width() - left - 24.0, 40.0),
                  std::max(height() - top - bottom, 30.0));
}

QPointF DeletionCurveChart::pointAt(int removed, double rank) const {
    const QRectF plot = plotRect();
    const int steps = std::max<int>(int(m_curve.rankTop.size()), 1);
    const double x = plot.left() + plot.width() * double(removed) / double(steps);
    const double t = std::log10(std::max(rank, 1.0)) / std::log10(maxRank());
    return QPointF(x, plot.top() + t * plot.height());
}

void DeletionCurveChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const QColor text = palette().color(QPalette::Text);
    const QColor grid = palette().color(QPalette::Mid);
    if (m_curve.rankTop.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No deletion curve"));
        return;
    }
    const QFontMetricsF fm(font());
    const QRectF plot = plotRect();
    const int steps = int(m_curve.rankTop.size());

    // Legend.
    double lx = plot.left();
    auto legend = [&](const QColor& c, const QString& label, Qt::PenStyle style) {
        p.setPen(QPen(c, 2, style));
        const double y = 4 + fm.height() / 2;
        p.drawLine(QPointF(lx, y), QPointF(lx + 18, y));
        p.setPen(text);
        p.drawText(QPointF(lx + 22, 4 + fm.ascent()), label);
        lx += 22 + fm.horizontalAdvance(label) + 16;
    };
    legend(kTop, tr("top-m evidence"), Qt::SolidLine);
    legend(kRandom, tr("m random"), Qt::DashLine);
    legend(kThreshold, tr("top %1").arg(m_k), Qt::DashLine);

    // Rank axis (log): powers of ten, and the top-K line.
    const double maxR = maxRank();
    for (double r = 1; r <= maxR; r *= 10) {
        const double y = pointAt(0, r).y();
        p.setPen(QPen(grid, 1, Qt::DotLine));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(text);
        p.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, rankLabel(r));
    }
    const double ky = pointAt(0, m_k + 0.5).y();
    p.setPen(QPen(kThreshold, 1, Qt::DashLine));
    p.drawLine(QPointF(plot.left(), ky), QPointF(plot.right(), ky));
    p.setPen(QPen(text, 1));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.topLeft(), plot.bottomLeft());
    for (int m = 0; m <= steps; ++m) {
        const double x = pointAt(m, 1).x();
        p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4));
        p.drawText(QRectF(x - 20, plot.bottom() + 4, 40, fm.height()), Qt::AlignCenter,
                   QString::number(m));
    }
    const QString longTitle = tr("ratings removed (m) · the item's rank, log scale");
    p.drawText(QRectF(plot.left(), plot.bottom() + 4 + fm.height(), plot.width(), fm.height()),
               Qt::AlignCenter,
               fm.horizontalAdvance(longTitle) <= plot.width() ? longTitle
                                                               : tr("ratings removed (m)"));

    // The two curves, both starting at the rank before any removal.
    auto series = [&](const QColor& c, Qt::PenStyle style, auto rankAt, bool labelsAbove) {
        QPainterPath path(pointAt(0, m_curve.rankBefore));
        for (int m = 1; m <= steps; ++m)
            path.lineTo(pointAt(m, rankAt(m)));
        p.setPen(QPen(c, 2, style));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(c);
        for (int m = 1; m <= steps; ++m) {
            const QPointF pt = pointAt(m, rankAt(m));
            p.setPen(Qt::NoPen);
            p.drawEllipse(pt, 3, 3);
            p.setPen(c.darker(120));
            const QString label = rankLabel(rankAt(m));
            const double w = fm.horizontalAdvance(label) + 4;
            const double x = std::min(pt.x() - w / 2, double(width()) - w - 2);
            const QRectF box(x, labelsAbove ? pt.y() - fm.height() - 3 : pt.y() + 3, w,
                             fm.height());
            p.drawText(box, Qt::AlignCenter, label);
        }
    };
    const auto& top = m_curve.rankTop;
    const auto& random = m_curve.rankRandom;
    // The curve that ends lower (larger rank) gets its labels below its points.
    const bool topLower = top.back() >= (random.empty() ? 0.0 : random.back());
    if (!random.empty())
        series(
            kRandom, Qt::DashLine, [&random](int m) { return random[std::size_t(m - 1)]; },
            topLower);
    series(
        kTop, Qt::SolidLine, [&top](int m) { return double(top[std::size_t(m - 1)]); }, !topLower);
    p.setBrush(text);
    p.setPen(Qt::NoPen);
    p.drawEllipse(pointAt(0, m_curve.rankBefore), 3, 3);
    p.setPen(text);
    // Above the start, just right of the axis and clear of the m = 1 labels.
    const QPointF start = pointAt(0, m_curve.rankBefore);
    const QString startLabel = rankLabel(m_curve.rankBefore);
    const double sw = fm.horizontalAdvance(startLabel) + 4;
    const QRectF startBox(start.x() + 2, start.y() - fm.height() - 3, sw, fm.height());
    p.fillRect(startBox, palette().base());
    p.drawText(startBox, Qt::AlignCenter, startLabel);
}

} // namespace rs::ui
