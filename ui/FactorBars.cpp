#include "FactorBars.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

const QColor kFirst(0x1f, 0x6f, 0xb4);
const QColor kSecond(0xe8, 0x7a, 0x12);

} // namespace

FactorBars::FactorBars(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setMinimumHeight(120);
}

void FactorBars::setVectors(const QString& firstLabel, std::vector<float> first,
                            const QString& secondLabel, std::vector<float> second) {
    m_firstLabel = firstLabel;
    m_secondLabel = secondLabel;
    m_first = std::move(first);
    m_second = std::move(second);
    chooseShown();
    update();
}

void FactorBars::setMaxGroups(int groups) {
    m_maxGroups = std::max(1, groups);
    chooseShown();
    update();
}

void FactorBars::chooseShown() {
    const std::size_t k = std::max(m_first.size(), m_second.size());
    m_shown.clear();
    for (std::size_t f = 0; f < k; ++f)
        m_shown.push_back(int(f));
    if (int(k) <= m_maxGroups)
        return;
    auto weight = [this](int f) {
        const float a = std::size_t(f) < m_first.size() ? m_first[std::size_t(f)] : 1.0f;
        const float b = std::size_t(f) < m_second.size() ? m_second[std::size_t(f)] : 1.0f;
        return std::abs(a * b);
    };
    std::stable_sort(m_shown.begin(), m_shown.end(),
                     [&](int a, int b) { return weight(a) > weight(b); });
    m_shown.resize(std::size_t(m_maxGroups));
    std::sort(m_shown.begin(), m_shown.end());
}

QRectF FactorBars::plotRect() const {
    return QRectF(34, 22, std::max(10, width() - 42), std::max(10, height() - 54));
}

int FactorBars::dimensionAt(QPointF pos) const {
    const QRectF r = plotRect();
    if (m_shown.empty() || pos.x() < r.left() || pos.x() >= r.right())
        return -1;
    const int g = int((pos.x() - r.left()) / (r.width() / double(m_shown.size())));
    return g >= 0 && g < int(m_shown.size()) ? m_shown[std::size_t(g)] : -1;
}

QString FactorBars::toolTipFor(int f) const {
    const QLocale locale;
    QStringList lines{tr("Factor %1").arg(f + 1)};
    const bool a = std::size_t(f) < m_first.size(), b = std::size_t(f) < m_second.size();
    if (a)
        lines << QStringLiteral("%1: %2").arg(m_firstLabel,
                                              locale.toString(m_first[std::size_t(f)], 'f', 3));
    if (b)
        lines << QStringLiteral("%1: %2").arg(m_secondLabel,
                                              locale.toString(m_second[std::size_t(f)], 'f', 3));
    if (a && b)
        lines << tr("product: %1")
                     .arg(locale.toString(m_first[std::size_t(f)] * m_second[std::size_t(f)], 'f',
                                          3));
    return lines.join(u'\n');
}

void FactorBars::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const QRectF r = plotRect();
    if (m_shown.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Click a point to compare its factors with the user's."));
        return;
    }
    float extreme = 1e-6f;
    for (int f : m_shown) {
        if (std::size_t(f) < m_first.size())
            extreme = std::max(extreme, std::abs(m_first[std::size_t(f)]));
        if (std::size_t(f) < m_second.size())
            extreme = std::max(extreme, std::abs(m_second[std::size_t(f)]));
    }
    const double zeroY = r.center().y();
    auto yOf = [&](float v) { return zeroY - double(v) / extreme * (r.height() / 2.0); };
    p.setPen(QPen(palette().color(QPalette::Mid), 1.0));
    p.drawLine(QPointF(r.left(), zeroY), QPointF(r.right(), zeroY));
    const QLocale locale;
    p.setPen(palette().color(QPalette::Text));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    p.drawText(QRectF(0, r.top() - 8, 32, 16), Qt::AlignRight | Qt::AlignVCenter,
               locale.toString(extreme, 'g', 2));
    p.drawText(QRectF(0, r.bottom() - 8, 32, 16), Qt::AlignRight | Qt::AlignVCenter,
               locale.toString(-extreme, 'g', 2));

    const double group = r.width() / double(m_shown.size());
    const bool both = !m_first.empty() && !m_second.empty();
    const double bar = std::max(1.0, group * (both ? 0.38 : 0.7));
    for (std::size_t g = 0; g < m_shown.size(); ++g) {
        const int f = m_shown[g];
        const double left = r.left() + double(g) * group + (group - (both ? 2 * bar : bar)) / 2;
        int series = 0;
        for (const auto* values : {&m_first, &m_second}) {
            if (std::size_t(f) >= values->size())
                continue;
            const double y = yOf((*values)[std::size_t(f)]);
            p.fillRect(QRectF(left + series * bar, std::min(y, zeroY), bar, std::abs(y - zeroY)),
                       values == &m_first ? kFirst : kSecond);
            ++series;
        }
        const std::size_t step = std::size_t(std::ceil(18.0 / std::max(group, 1.0)));
        if (g % step == 0)
            p.drawText(QRectF(r.left() + double(g) * group - 10, r.bottom() + 2, group + 20, 14),
                       Qt::AlignHCenter | Qt::AlignTop, QString::number(f + 1));
    }
    // Legend on top.
    double x = r.left();
    for (const auto& [label, color, values] : {std::tuple{m_firstLabel, kFirst, &m_first},
                                               std::tuple{m_secondLabel, kSecond, &m_second}}) {
        if (values->empty())
            continue;
        p.fillRect(QRectF(x, 5, 10, 10), color);
        const QString text = label.isEmpty() ? tr("values") : label;
        p.drawText(QRectF(x + 14, 0, 400, 20), Qt::AlignLeft | Qt::AlignVCenter, text);
        x += 24 + p.fontMetrics().horizontalAdvance(text);
    }
    const std::size_t k = std::max(m_first.size(), m_second.size());
    if (m_shown.size() < k)
        p.drawText(QRectF(r.left(), height() - 14, r.width(), 14),
                   Qt::AlignRight | Qt::AlignVCenter,
                   tr("%1 of %2 factors (largest products)").arg(m_shown.size()).arg(k));
}

void FactorBars::mouseReleaseEvent(QMouseEvent* event) {
    const int f = dimensionAt(event->position());
    if (f >= 0 && event->button() == Qt::LeftButton)
        emit dimensionClicked(f);
}

bool FactorBars::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int f = dimensionAt(help->pos());
        if (f >= 0)
            QToolTip::showText(help->globalPos(), toolTipFor(f), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace rs::ui
