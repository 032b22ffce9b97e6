#include "ColumnMappingEditor.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace rs::ui {

ColumnMappingEditor::ColumnMappingEditor(QWidget* parent)
    : QWidget(parent), m_grid(new QGridLayout(this)) {
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(10);
    m_grid->setVerticalSpacing(2);
    m_grid->setAlignment(Qt::AlignLeft | Qt::AlignTop);
}

void ColumnMappingEditor::setRoleNames(const QStringList& names) {
    m_roleNames = names;
}

void ColumnMappingEditor::setColumns(const QStringList& columnNames, const QVector<int>& roles) {
    while (QLayoutItem* item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_combos.clear();
    for (int c = 0; c < m_grid->columnCount(); ++c)
        m_grid->setColumnStretch(c, 0);
    m_roles = roles;
    m_roles.resize(columnNames.size(), 0);
    for (int c = 0; c < columnNames.size(); ++c) {
        auto* label = new QLabel(columnNames.at(c), this);
        label->setToolTip(tr("Column %1 of the file").arg(c + 1));
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        auto* combo = new QComboBox(this);
        combo->setObjectName(QStringLiteral("roleCombo%1").arg(c));
        combo->addItems(m_roleNames);
        combo->setMinimumWidth(110);
        combo->setCurrentIndex(std::clamp(int(m_roles[c]), 0, int(m_roleNames.size()) - 1));
        label->setBuddy(combo);
        connect(combo, &QComboBox::currentIndexChanged, this,
                [this, c](int role) { onComboChanged(c, role); });
        m_grid->addWidget(label, 0, c);
        m_grid->addWidget(combo, 1, c);
        m_combos.append(combo);
    }
    m_grid->setColumnStretch(int(columnNames.size()), 1);
}

void ColumnMappingEditor::setRoles(const QVector<int>& roles) {
    for (int c = 0; c < m_combos.size() && c < roles.size(); ++c) {
        const QSignalBlocker block(m_combos[c]);
        m_combos[c]->setCurrentIndex(roles[c]);
        m_roles[c] = roles[c];
    }
}

QComboBox* ColumnMappingEditor::combo(int column) const {
    return column >= 0 && column < m_combos.size() ? m_combos[column] : nullptr;
}

void ColumnMappingEditor::onComboChanged(int column, int role) {
    m_roles[column] = role;
    emit rolesChanged();
}

QList<int> ColumnMappingEditor::duplicateRoles() const {
    QList<int> out;
    for (int c = 0; c < m_roles.size(); ++c)
        if (m_roles[c] > 0 && m_roles.indexOf(m_roles[c]) != c && !out.contains(m_roles[c]))
            out.append(m_roles[c]);
    return out;
}

} // namespace rs::ui
