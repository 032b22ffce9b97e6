#include "UiLog.h"

// Debug messages (job starts, page timings) are off unless QT_LOGGING_RULES enables
// "recscope.ui.debug=true".
Q_LOGGING_CATEGORY(lcUi, "recscope.ui", QtInfoMsg)
