#include "JobStatusWidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace rs::ui {

JobStatusWidget::JobStatusWidget(JobRunner& runner, QWidget* parent)
    : QWidget(parent), m_runner(runner), m_label(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_cancel(new QToolButton(this)) {
    setObjectName(QStringLiteral("jobStatus"));
    m_bar->setRange(0, kProgressScale);
    m_bar->setFixedWidth(180);
    m_bar->setTextVisible(true);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Cancel the running job"));
    m_cancel->setObjectName(QStringLiteral("jobCancelButton"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        if (m_shown) {
            m_runner.cancel(m_shown);
            m_cancelling = m_shown;
            refresh();
        }
    });
    connect(&m_runner, &JobRunner::jobStarted, this, &JobStatusWidget::refresh);
    connect(&m_runner, &JobRunner::jobFinished, this, &JobStatusWidget::refresh);
    connect(&m_runner, &JobRunner::jobProgress, this, [this](JobId id) {
        if (id == m_shown)
            refresh();
    });
    refresh();
}

void JobStatusWidget::refresh() {
    m_shown = m_runner.latestJob();
    setVisible(m_shown != 0);
    if (!m_shown)
        return;
    m_bar->setValue(int(m_runner.progress(m_shown) * kProgressScale));
    QString text = m_runner.title(m_shown);
    if (!m_runner.stage(m_shown).isEmpty())
        text += QStringLiteral(" — ") + m_runner.stage(m_shown);
    if (m_shown == m_cancelling)
        text += tr(" — cancelling…");
    const int more = m_runner.runningCount() - 1;
    if (more > 0)
        text += tr(" (+%1 more)").arg(more);
    m_label->setText(text);
    m_cancel->setEnabled(m_shown != m_cancelling);
}

} // namespace rs::ui
