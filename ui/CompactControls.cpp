#include "CompactControls.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QWidget>

namespace rs::ui {

QComboBox* compactComboBox(QWidget* parent, const QString& objectName, int minimumChars) {
    auto* box = new QComboBox(parent);
    box->setObjectName(objectName);
    box->setMinimumContentsLength(minimumChars);
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    return box;
}

TwoRowBar twoRowBar(QWidget* parent) {
    TwoRowBar r;
    r.bar = new QWidget(parent);
    auto* rows = new QVBoxLayout(r.bar);
    rows->setContentsMargins(0, 0, 0, 0);
    r.top = new QHBoxLayout;
    r.bottom = new QHBoxLayout;
    rows->addLayout(r.top);
    rows->addLayout(r.bottom);
    return r;
}

} // namespace rs::ui
