#include "MetricFormat.h"

#include <QStringList>
#include <cmath>

namespace rs::ui::MetricFormat {

QString value(double v) {
    if (!std::isfinite(v))
        return QStringLiteral("–");
    if (std::abs(v) >= 100)
        return QString::number(v, 'f', 1);
    return QString::number(v, 'g', 4);
}

QString headline(const Metrics& metrics) {
    QStringList parts;
    for (const char* prefix : {"RMSE", "P@", "NDCG@"})
        for (const auto& [name, v] : metrics)
            if (name.rfind(prefix, 0) == 0) {
                parts << QStringLiteral("%1 %2").arg(QString::fromStdString(name), value(v));
                break;
            }
    return parts.join(QStringLiteral(" · "));
}

QString summaryHtml(const Metrics& metrics, int columns) {
    if (metrics.empty())
        return {};
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    for (std::size_t k = 0; k < metrics.size(); ++k) {
        if (k % std::size_t(columns) == 0)
            html += QStringLiteral("<tr>");
        html += QStringLiteral("<td>%1</td><td align='right'><b>%2</b>&nbsp;&nbsp;&nbsp;</td>")
                    .arg(QString::fromStdString(metrics[k].first).toHtmlEscaped(),
                         value(metrics[k].second));
        if (k % std::size_t(columns) == std::size_t(columns) - 1 || k + 1 == metrics.size())
            html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

} // namespace rs::ui::MetricFormat
