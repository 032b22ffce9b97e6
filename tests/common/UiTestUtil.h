#pragma once
// Helpers for the GUI tests (tests/ui). The functions declared first use only QtCore and live in
// UiTestUtil.cpp; the ones below use widgets and live in the GUI tests' library (common/gui).
#include <QString>
#include <QStringList>

namespace rs::test {

/// Writes `lines` (joined with '\n', one trailing newline) to `path`; returns false on error.
bool writeLines(const QString& path, const QStringList& lines);

/// Writes a synthetic ratings CSV with a header "user,item,rating,timestamp" and `rows` rows:
/// user k/`perUser`, a distinct item (of 20,000) per row of a user, ratings cycling 1..5 in half
/// steps. Fast (a few hundred ms for millions of rows). Returns the file size, or -1 on error.
qint64 writeSyntheticRatings(const QString& path, qint64 rows, int perUser = 200);

/// Makes the locale deterministic ("100,836") and QStandardPaths point at test locations.
void initUiTestEnvironment();

} // namespace rs::test

#ifdef QT_WIDGETS_LIB
#include "TestFiles.h"

#include <QDir>
#include <QWidget>
#include <QtTest/QTest>

namespace rs::test {

/// Lets pending layout and show events run, then saves `widget->grab()` as
/// `<screenshot dir>/<name>.png` and returns the path. (tests/common/gui: the GUI tests only.)
QString saveScreenshot(QWidget* widget, const QString& name);

} // namespace rs::test
#endif
