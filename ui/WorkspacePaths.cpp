#include "WorkspacePaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace rs::ui {

void setApplicationIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("RecScope"));
    QCoreApplication::setApplicationName(QStringLiteral("RecScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
}

QString defaultWorkspacePath() {
    setApplicationIdentity();
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(QStringLiteral("workspace.recscope"));
}

} // namespace rs::ui
