#pragma once
#include <QString>

namespace rs::ui {

/// A rating as analysts read it: "4.0", "3.5", or two decimals for averaged values.
QString formatRating(double value);
/// Seconds since 1970 as "yyyy-MM-dd HH:mm" (UTC).
QString formatTimestamp(qint64 secondsSinceEpoch);
/// A count with the locale's digit grouping ("100,836").
QString formatCount(qint64 n);

} // namespace rs::ui
