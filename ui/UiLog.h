#pragma once
#include <QLoggingCategory>

/// Logging category of the user interface ("recscope.ui"): errors shown inline are also logged
/// here.
Q_DECLARE_LOGGING_CATEGORY(lcUi)
