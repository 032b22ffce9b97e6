#include "TestFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace rs::test {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write test file %s", qPrintable(path));
    f.write(bytes);
    return path;
}

QString sharedDir() {
    const QString d = qEnvironmentVariable("RECSCOPE_SHARED_DIR");
    return !d.isEmpty() && QFileInfo(d + QStringLiteral("/datasets")).isDir() ? d : QString();
}

QString screenshotDir() {
    QString d = qEnvironmentVariable("RECSCOPE_SCREENSHOT_DIR");
    if (d.isEmpty())
        d = QDir::temp().filePath(QStringLiteral("recscope-screenshots"));
    QDir().mkpath(d);
    return d;
}

double slowdown() {
    static const double factor = [] {
        bool ok = false;
        const double v = qEnvironmentVariable("RECSCOPE_TEST_SLOWDOWN").toDouble(&ok);
        return ok && v >= 1.0 ? v : 1.0;
    }();
    return factor;
}

int scaledMs(int ms) {
    return int(ms * slowdown());
}

bool stallBoundsAsserted() {
    return slowdown() == 1.0;
}

} // namespace rs::test
