#include "ImportOptionsPage.h"

#include "ImportDraft.h"
#include "ImportWizard.h"
#include "InlineMessage.h"
#include "WorkspaceSession.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace rs::ui {

ImportOptionsPage::ImportOptionsPage(ImportDraft& draft, WorkspaceSession& session, QWidget* parent)
    : QWizardPage(parent), m_draft(draft), m_session(session), m_name(new QLineEdit(this)),
      m_lenient(new QRadioButton(tr("&Lenient: skip bad lines and list them in a report"), this)),
      m_strict(new QRadioButton(tr("&Strict: stop at the first bad line, import nothing"), this)),
      m_duplicates(new QComboBox(this)), m_summary(new QLabel(this)),
      m_message(new InlineMessage(this)) {
    setTitle(tr("Dataset"));
    setSubTitle(tr("Name the dataset and choose how bad lines and repeated ratings are handled."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Import"));
    m_name->setObjectName(QStringLiteral("datasetNameEdit"));
    m_lenient->setObjectName(QStringLiteral("lenientRadio"));
    m_strict->setObjectName(QStringLiteral("strictRadio"));
    m_duplicates->setObjectName(QStringLiteral("duplicatesCombo"));
    m_lenient->setChecked(true);
    auto* group = new QButtonGroup(this);
    group->addButton(m_lenient);
    group->addButton(m_strict);
    m_duplicates->addItem(tr("Keep the last rating"), int(rs::DuplicatePolicy::KeepLast));
    m_duplicates->addItem(tr("Keep the first rating"), int(rs::DuplicatePolicy::KeepFirst));
    m_duplicates->addItem(tr("Average the ratings"), int(rs::DuplicatePolicy::Mean));
    m_summary->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("importSummary"));

    auto* form = new QFormLayout;
    form->addRow(tr("Dataset &name:"), m_name);
    auto* modes = new QVBoxLayout;
    modes->addWidget(m_lenient);
    modes->addWidget(m_strict);
    form->addRow(tr("Bad lines:"), modes);
    form->addRow(tr("&Repeated user–item pairs:"), m_duplicates);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addSpacing(8);
    layout->addWidget(m_summary);
    layout->addStretch(1);
    connect(m_name, &QLineEdit::textChanged, this, &ImportOptionsPage::check);
}

QStringList ImportOptionsPage::takenNames() const {
    QStringList names;
    for (const auto& d : m_session.datasets())
        names.append(QString::fromStdString(d.name));
    return names;
}

void ImportOptionsPage::initializePage() {
    m_taken = takenNames();
    if (m_name->text().trimmed().isEmpty() || m_taken.contains(m_name->text().trimmed()))
        m_name->setText(suggestDatasetName(m_draft.ratingsPath, m_taken));
    QString summary = tr("Ratings: %1").arg(QFileInfo(m_draft.ratingsPath).fileName());
    const auto& c = m_draft.ratingColumns;
    summary += tr(" (user = column %1, item = column %2").arg(c.user + 1).arg(c.item + 1);
    summary += c.rating >= 0 ? tr(", rating = column %1").arg(c.rating + 1)
                             : tr(", no rating column: implicit feedback");
    if (c.timestamp >= 0)
        summary += tr(", timestamp = column %1").arg(c.timestamp + 1);
    summary += QLatin1Char(')');
    if (!m_draft.itemsPath.isEmpty())
        summary += tr("\nItem metadata: %1").arg(QFileInfo(m_draft.itemsPath).fileName());
    summary += tr("\nThe import runs in one transaction: if it fails or is cancelled, the "
                  "workspace is left exactly as it was.");
    m_summary->setText(summary);
    check();
}

void ImportOptionsPage::check() {
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        m_message->showMessage(InlineMessage::Kind::Warning, tr("The dataset needs a name."));
    else if (m_taken.contains(name))
        m_message->showError(
            tr("A dataset named “%1” already exists in this workspace.").arg(name));
    else
        m_message->clear();
    emit completeChanged();
}

bool ImportOptionsPage::isComplete() const {
    const QString name = m_name->text().trimmed();
    return !name.isEmpty() && !m_taken.contains(name);
}

bool ImportOptionsPage::validatePage() {
    m_draft.datasetName = m_name->text().trimmed();
    m_draft.strict = m_strict->isChecked();
    m_draft.duplicates = rs::DuplicatePolicy(m_duplicates->currentData().toInt());
    return isComplete();
}

int ImportOptionsPage::nextId() const {
    return ImportWizard::ProgressPage;
}

} // namespace rs::ui
