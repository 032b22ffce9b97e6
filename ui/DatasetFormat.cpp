#include "DatasetFormat.h"

#include <QDateTime>
#include <QLocale>
#include <cmath>

namespace rs::ui {

QString formatRating(double value) {
    const double r2 = std::round(value * 100.0) / 100.0;
    const bool halfStep = std::abs(r2 * 2 - std::round(r2 * 2)) < 1e-9;
    return QLocale().toString(r2, 'f', halfStep ? 1 : 2);
}

QString formatTimestamp(qint64 secondsSinceEpoch) {
    return QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString formatCount(qint64 n) {
    return QLocale().toString(n);
}

QString visibleText(const QString& text) {
    QString out = text;
    for (QChar& c : out) {
        if (c.unicode() < 0x20)
            c = QChar(char16_t(0x2400 + c.unicode()));
        else if (c.unicode() == 0x7f)
            c = QChar(char16_t(0x2421));
    }
    return out;
}

} // namespace rs::ui
