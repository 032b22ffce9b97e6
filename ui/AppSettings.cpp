#include "AppSettings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace rs::ui {

namespace {

const QString kRecent = QStringLiteral("workspaces/recent");
const QString kLast = QStringLiteral("workspaces/last");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kImportDir = QStringLiteral("import/lastDirectory");
const QString kPopularityLog = QStringLiteral("datasets/popularityLogScale");

QString normalized(const QString& path) {
    return path.isEmpty() ? path : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

AppSettings::AppSettings() : m_settings(std::make_unique<QSettings>()) {}

AppSettings::AppSettings(const QString& iniPath)
    : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat)) {}

AppSettings::~AppSettings() = default;

QStringList AppSettings::recentWorkspaces() const {
    return m_settings->value(kRecent).toStringList();
}

void AppSettings::addRecentWorkspace(const QString& path) {
    const QString p = normalized(path);
    if (p.isEmpty())
        return;
    QStringList list = recentWorkspaces();
    list.removeAll(p);
    list.prepend(p);
    while (list.size() > kMaxRecentWorkspaces)
        list.removeLast();
    m_settings->setValue(kRecent, list);
}

void AppSettings::removeRecentWorkspace(const QString& path) {
    QStringList list = recentWorkspaces();
    list.removeAll(normalized(path));
    m_settings->setValue(kRecent, list);
}

QString AppSettings::lastWorkspace() const {
    return m_settings->value(kLast).toString();
}
void AppSettings::setLastWorkspace(const QString& path) {
    m_settings->setValue(kLast, normalized(path));
}

QByteArray AppSettings::windowGeometry() const {
    return m_settings->value(kGeometry).toByteArray();
}
void AppSettings::setWindowGeometry(const QByteArray& geometry) {
    m_settings->setValue(kGeometry, geometry);
}

QByteArray AppSettings::windowState() const {
    return m_settings->value(kState).toByteArray();
}
void AppSettings::setWindowState(const QByteArray& state) {
    m_settings->setValue(kState, state);
}

QString AppSettings::lastImportDirectory() const {
    return m_settings->value(kImportDir).toString();
}
void AppSettings::setLastImportDirectory(const QString& dir) {
    m_settings->setValue(kImportDir, dir);
}

bool AppSettings::popularityLogScale() const {
    return m_settings->value(kPopularityLog, true).toBool();
}
void AppSettings::setPopularityLogScale(bool on) {
    m_settings->setValue(kPopularityLog, on);
}

void AppSettings::sync() {
    m_settings->sync();
}

} // namespace rs::ui
