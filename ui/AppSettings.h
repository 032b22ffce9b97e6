#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>

class QSettings;

namespace rs::ui {

/// Every persistent user setting of the application, typed, in one place. QSettings is an
/// implementation detail: no other class reads or writes settings keys.
class AppSettings {
public:
    /// The application's native settings store (organisation/application names must be set).
    AppSettings();
    /// An INI file at `iniPath` (tests use a file in a temporary folder).
    explicit AppSettings(const QString& iniPath);
    ~AppSettings();
    AppSettings(const AppSettings&) = delete;
    AppSettings& operator=(const AppSettings&) = delete;

    static constexpr int kMaxRecentWorkspaces = 8;

    /// Most recent first, absolute paths, no duplicates.
    QStringList recentWorkspaces() const;
    /// Moves `path` to the front of the recent list (and trims it).
    void addRecentWorkspace(const QString& path);
    void removeRecentWorkspace(const QString& path);

    /// The workspace open when the app last ran (empty the first time).
    QString lastWorkspace() const;
    void setLastWorkspace(const QString& path);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);

    /// Folder the last file dialog of the import wizard was in.
    QString lastImportDirectory() const;
    void setLastImportDirectory(const QString& dir);

    /// Whether the long-tail popularity chart uses a logarithmic count axis.
    bool popularityLogScale() const;
    void setPopularityLogScale(bool on);

    /// Writes pending changes to storage.
    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace rs::ui
