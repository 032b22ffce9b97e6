#pragma once
#include <QStringList>
#include <QVector>
#include <QWidget>

class QComboBox;
class QGridLayout;

namespace rs::ui {

/// One combo box per file column to choose its role ("ignore", "user", "item", ...). Role 0
/// is "ignore". Choosing a role never changes another column (stepping through a combo with
/// the keyboard must not lose choices); a role chosen twice is reported by duplicateRoles().
/// Combos are named "roleCombo<N>" for tests and accessibility.
class ColumnMappingEditor : public QWidget {
    Q_OBJECT
public:
    explicit ColumnMappingEditor(QWidget* parent = nullptr);

    /// Role names, index = role (0 must be "ignore").
    void setRoleNames(const QStringList& names);
    /// Rebuilds the combos for `columnNames` with initial `roles` (one per column).
    void setColumns(const QStringList& columnNames, const QVector<int>& roles);
    /// Sets the roles without rebuilding (sizes must match), without emitting rolesChanged.
    void setRoles(const QVector<int>& roles);
    QVector<int> roles() const { return m_roles; }
    /// First column holding `role`, or -1.
    int columnOf(int role) const { return int(m_roles.indexOf(role)); }
    /// Roles (other than "ignore") chosen for more than one column.
    QList<int> duplicateRoles() const;
    QComboBox* combo(int column) const;
    int columnCount() const { return int(m_combos.size()); }
    QStringList roleNames() const { return m_roleNames; }

signals:
    /// The user changed a role.
    void rolesChanged();

private:
    void onComboChanged(int column, int role);

    QGridLayout* m_grid;
    QStringList m_roleNames;
    QVector<QComboBox*> m_combos;
    QVector<int> m_roles;
};

} // namespace rs::ui
