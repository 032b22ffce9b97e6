#include "TestFiles.h"
#include "UiTestUtil.h"

#include <QDir>
#include <QPixmap>
#include <QWidget>
#include <QtTest/QTest>

namespace rs::test {

QString saveScreenshot(QWidget* widget, const QString& name) {
    QTest::qWait(50);
    const QString path = QDir(screenshotDir()).filePath(name + QStringLiteral(".png"));
    const QPixmap pixmap = widget->grab();
    if (pixmap.isNull() || !pixmap.save(path))
        qWarning("could not save screenshot %s", qPrintable(path));
    else
        qInfo("screenshot: %s (%dx%d)", qPrintable(path), pixmap.width(), pixmap.height());
    return path;
}

} // namespace rs::test
