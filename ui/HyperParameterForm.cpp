#include "HyperParameterForm.h"

#include "models/Recommender.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace rs::ui {

HyperParameterForm::HyperParameterForm(QWidget* parent)
    : QWidget(parent), m_layout(new QFormLayout), m_empty(new QLabel(this)) {
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_empty->setEnabled(false);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(m_layout);
    outer->addWidget(m_empty);
}

HyperParameterForm::~HyperParameterForm() = default;

void HyperParameterForm::setModel(const QString& name) {
    const bool wasValid = isValid();
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_editors.clear();
    m_errorLabels.clear();
    m_errors.clear();
    m_model = name;
    m_probe = rs::createRecommender(name.toStdString());
    m_defaults =
        m_probe ? m_probe->hyperParameters() : std::vector<std::pair<std::string, std::string>>{};
    for (const auto& [key, value] : m_defaults) {
        const QString k = QString::fromStdString(key);
        auto* edit = new QLineEdit(QString::fromStdString(value), this);
        edit->setObjectName(QStringLiteral("hyper_") + k);
        edit->setPlaceholderText(QString::fromStdString(value));
        edit->setToolTip(tr("Default: %1").arg(QString::fromStdString(value)));
        auto* error = new QLabel(this);
        error->setObjectName(QStringLiteral("hyperError_") + k);
        error->setWordWrap(true);
        error->setStyleSheet(QStringLiteral("color:#b3261e;"));
        error->hide();
        auto* field = new QWidget(this);
        auto* fieldLayout = new QVBoxLayout(field);
        fieldLayout->setContentsMargins(0, 0, 0, 0);
        fieldLayout->setSpacing(1);
        fieldLayout->addWidget(edit);
        fieldLayout->addWidget(error);
        m_layout->addRow(k, field);
        m_editors.insert(k, edit);
        m_errorLabels.insert(k, error);
        connect(edit, &QLineEdit::textChanged, this, [this, k] { validate(k); });
    }
    m_empty->setText(m_probe ? tr("This model has no hyper-parameters.")
                             : tr("Unknown model “%1”.").arg(name));
    m_empty->setVisible(m_defaults.empty());
    if (wasValid != isValid())
        emit validityChanged(isValid());
}

void HyperParameterForm::resetToDefaults() {
    for (const auto& [key, value] : m_defaults)
        if (QLineEdit* e = editor(QString::fromStdString(key)))
            e->setText(QString::fromStdString(value));
}

void HyperParameterForm::validate(const QString& key) {
    QLineEdit* edit = m_editors.value(key);
    if (!edit || !m_probe)
        return;
    const bool wasValid = isValid();
    std::string error;
    const QString text = edit->text().trimmed();
    if (!m_probe->setHyperParameter(key.toStdString(), text.toStdString(), error)) {
        const QString message = error.empty() ? tr("invalid value") : QString::fromStdString(error);
        m_errors.insert(key, message);
        m_errorLabels.value(key)->setText(message);
        m_errorLabels.value(key)->show();
        edit->setStyleSheet(QStringLiteral("QLineEdit{border:1px solid #b3261e;}"));
    } else {
        m_errors.remove(key);
        m_errorLabels.value(key)->hide();
        edit->setStyleSheet(QString());
    }
    if (wasValid != isValid())
        emit validityChanged(isValid());
}

std::vector<std::pair<std::string, std::string>> HyperParameterForm::values() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [key, value] : m_defaults) {
        const QLineEdit* e = editor(QString::fromStdString(key));
        out.emplace_back(key, e ? e->text().trimmed().toStdString() : value);
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> HyperParameterForm::changedValues() const {
    std::vector<std::pair<std::string, std::string>> out;
    const auto current = values();
    for (std::size_t k = 0; k < current.size(); ++k)
        if (current[k].second != m_defaults[k].second)
            out.push_back(current[k]);
    return out;
}

QLineEdit* HyperParameterForm::editor(const QString& key) const {
    return m_editors.value(key);
}

QStringList HyperParameterForm::keys() const {
    QStringList out;
    for (const auto& entry : m_defaults)
        out << QString::fromStdString(entry.first);
    return out;
}

} // namespace rs::ui
