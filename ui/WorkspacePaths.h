#pragma once
#include <QString>

namespace rs::ui {

/// Organisation and application names used for settings and data locations.
void setApplicationIdentity();
/// The default workspace file: <AppDataLocation>/workspace.recscope (folder created on demand).
QString defaultWorkspacePath();

} // namespace rs::ui
