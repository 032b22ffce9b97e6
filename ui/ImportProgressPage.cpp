#include "ImportProgressPage.h"

#include "ImportWizard.h"
#include "JobRunner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace rs::ui {

ImportProgressPage::ImportProgressPage(QWidget* parent)
    : QWizardPage(parent), m_what(new QLabel(this)), m_stage(new QLabel(this)),
      m_bar(new QProgressBar(this)), m_cancel(new QPushButton(tr("Cancel import"), this)) {
    setTitle(tr("Importing"));
    setSubTitle(tr("The file is parsed and written on a background thread; you can keep "
                   "working in the main window."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("Show result"));
    m_bar->setObjectName(QStringLiteral("importProgressBar"));
    m_bar->setRange(0, kProgressScale);
    m_cancel->setObjectName(QStringLiteral("cancelImportButton"));
    m_stage->setObjectName(QStringLiteral("importStageLabel"));
    m_what->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_what);
    layout->addSpacing(8);
    layout->addWidget(m_bar);
    layout->addWidget(m_stage);
    layout->addLayout(buttons);
    layout->addStretch(1);
    connect(m_cancel, &QPushButton::clicked, this, &ImportProgressPage::cancelRequested);
}

void ImportProgressPage::setRunning(const QString& what) {
    m_finished = false;
    m_what->setText(what);
    m_stage->setText(tr("Starting…"));
    m_bar->setValue(0);
    m_cancel->setEnabled(true);
    emit completeChanged();
}

void ImportProgressPage::setProgress(double fraction, const QString& stage) {
    m_bar->setValue(int(fraction * kProgressScale));
    if (!stage.isEmpty())
        m_stage->setText(stage.at(0).toUpper() + stage.mid(1) + QStringLiteral("…"));
}

void ImportProgressPage::setCancelling() {
    m_cancel->setEnabled(false);
    m_stage->setText(tr("Cancelling… (the workspace will be left unchanged)"));
}

void ImportProgressPage::setFinished() {
    m_finished = true;
    m_cancel->setEnabled(false);
    emit completeChanged();
}

int ImportProgressPage::nextId() const {
    return ImportWizard::ResultPage;
}

} // namespace rs::ui
