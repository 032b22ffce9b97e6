#pragma once
#include <QString>

namespace rs::ui {

/// A rating as analysts read it: "4.0", "3.5", or two decimals for averaged values.
QString formatRating(double value);
/// Seconds since 1970 as "yyyy-MM-dd HH:mm" (UTC).
QString formatTimestamp(qint64 secondsSinceEpoch);
/// A count with the locale's digit grouping ("100,836").
QString formatCount(qint64 n);
/// `text` for a one-line label: control characters (tab, line breaks, U+0000-U+001F, DEL)
/// shown as their Unicode control pictures (U+2400 + c, U+2421 for DEL) instead of being
/// drawn as nothing, as boxes or as extra lines. Everything else is kept as it is.
QString visibleText(const QString& text);

} // namespace rs::ui
