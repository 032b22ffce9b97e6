#include "UiTestUtil.h"

#include <QFile>
#include <QLocale>
#include <QStandardPaths>

namespace rs::test {

bool writeLines(const QString& path, const QStringList& lines) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    for (const QString& line : lines) {
        f.write(line.toUtf8());
        f.write("\n");
    }
    return true;
}

qint64 writeSyntheticRatings(const QString& path, qint64 rows, int perUser) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return -1;
    QByteArray buf;
    buf.reserve(1 << 20);
    buf += "user,item,rating,timestamp\n";
    char line[96];
    for (qint64 r = 0; r < rows; ++r) {
        const qint64 user = r / perUser + 1;
        // 20,000 items; a user's items are distinct while perUser * 97 < 20,000.
        const qint64 item = (user * 31 + (r % perUser) * 97) % 20000 + 1;
        const int halfStars = int(r % 9) + 2; // 1.0 .. 5.0
        const int n = std::snprintf(line, sizeof line, "%lld,%lld,%d.%d,%lld\n", qlonglong(user),
                                    qlonglong(item), halfStars / 2, (halfStars % 2) * 5,
                                    qlonglong(1000000000 + r));
        buf.append(line, n);
        if (buf.size() > (1 << 20) - 128) {
            if (f.write(buf) != buf.size())
                return -1;
            buf.clear();
        }
    }
    if (f.write(buf) != buf.size())
        return -1;
    f.close();
    return f.size();
}

namespace {

QtMessageHandler g_previousHandler = nullptr;

/// Drops one offscreen-platform warning that QWizard triggers on every page change.
void filterNoise(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (type == QtWarningMsg &&
        message.startsWith(QLatin1String("This plugin does not support propagateSizeHints")))
        return;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

void initUiTestEnvironment() {
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true);
    if (!g_previousHandler)
        g_previousHandler = qInstallMessageHandler(filterNoise);
}

} // namespace rs::test
