#pragma once
#include <QHash>
#include <QWidget>
#include <memory>
#include <string>
#include <utility>
#include <vector>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace rs {
class Recommender;
}

namespace rs::ui {

/// A form with one text field per hyper-parameter of a model, generated from the model's own
/// list (names and default values). Each edit is checked at once through the model's
/// setHyperParameter, and a bad value shows its error inline under the field.
class HyperParameterForm : public QWidget {
    Q_OBJECT
public:
    explicit HyperParameterForm(QWidget* parent = nullptr);
    ~HyperParameterForm() override;

    /// Rebuilds the form for the registry model `name` (empty form for an unknown name).
    void setModel(const QString& name);
    QString model() const { return m_model; }
    /// Puts every field back to the model's default.
    void resetToDefaults();

    /// Every hyper-parameter with the text in its field, in the model's order.
    std::vector<std::pair<std::string, std::string>> values() const;
    /// The fields whose text differs from the default.
    std::vector<std::pair<std::string, std::string>> changedValues() const;
    bool isValid() const { return m_errors.isEmpty(); }
    /// The inline error of a field (empty when the value is accepted).
    QString errorFor(const QString& key) const { return m_errors.value(key); }
    QLineEdit* editor(const QString& key) const;
    QStringList keys() const;

signals:
    void validityChanged(bool valid);

private:
    void validate(const QString& key);

    QString m_model;
    std::unique_ptr<rs::Recommender> m_probe; ///< a fresh model the values are checked against
    std::vector<std::pair<std::string, std::string>> m_defaults;
    QFormLayout* m_layout;
    QHash<QString, QLineEdit*> m_editors;
    QHash<QString, QLabel*> m_errorLabels;
    QHash<QString, QString> m_errors;
    QLabel* m_empty;
};

} // namespace rs::ui
