#include "WorkspaceSession.h"

#include "UiLog.h"

#include <QDir>
#include <QFileInfo>

namespace rs::ui {

WorkspaceSession::WorkspaceSession(QObject* parent) : QObject(parent) {}
WorkspaceSession::~WorkspaceSession() = default;

QString WorkspaceSession::open(const QString& path, bool* created) {
    const QString abs = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    const bool existed = QFileInfo::exists(abs);
    if (created)
        *created = false;
    QDir().mkpath(QFileInfo(abs).absolutePath());
    try {
        auto ws = std::make_unique<rs::Workspace>(abs.toStdString());
        m_ws = std::move(ws);
    } catch (const std::exception& e) {
        const QString msg = QString::fromUtf8(e.what());
        qCWarning(lcUi) << "cannot open workspace" << abs << ":" << msg;
        return msg;
    }
    m_path = abs;
    if (created)
        *created = !existed;
    qCInfo(lcUi) << "workspace open:" << abs << (existed ? "" : "(new)");
    emit workspaceChanged(m_path);
    emit datasetsChanged(0);
    return {};
}

void WorkspaceSession::close() {
    m_ws.reset();
    m_path.clear();
    emit workspaceChanged(m_path);
    emit datasetsChanged(0);
}

void WorkspaceSession::notifyRunsChanged(std::int64_t runId) {
    emit runsChanged(qint64(runId));
}

std::vector<rs::DatasetInfo> WorkspaceSession::datasets(QString* error) const {
    if (!m_ws)
        return {};
    try {
        return rs::DatasetStore(*m_ws).list();
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        qCWarning(lcUi) << "listing datasets failed:" << e.what();
        return {};
    }
}

void WorkspaceSession::notifyDatasetsChanged(std::int64_t selectId) {
    emit datasetsChanged(selectId);
}

} // namespace rs::ui
