#include "UiLog.h"

Q_LOGGING_CATEGORY(lcUi, "recscope.ui")
