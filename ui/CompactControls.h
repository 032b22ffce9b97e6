#pragma once

// Small builders for the pages' control bars, so every page sizes its combo boxes and lays out
// its bar the same way.

#include <QString>

class QComboBox;
class QHBoxLayout;
class QWidget;

namespace rs::ui {

/// A combo box that is as wide as `minimumChars` characters whatever its items are (long run
/// names elide instead of widening the bar), named `objectName` for tests.
QComboBox* compactComboBox(QWidget* parent, const QString& objectName, int minimumChars);

/// A control bar of two rows, for pages whose controls would not fit one row on a laptop screen
/// with the why panel docked beside them. The bar has no margins of its own.
struct TwoRowBar {
    QWidget* bar = nullptr;
    QHBoxLayout* top = nullptr;
    QHBoxLayout* bottom = nullptr;
};
TwoRowBar twoRowBar(QWidget* parent);

} // namespace rs::ui
