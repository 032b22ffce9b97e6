#include "WhyDock.h"

#include "WhyPanel.h"

#include <QSplitter>

namespace rs::ui {

WhyDock::WhyDock(ExplainService& service, int number, QWidget* parent)
    : QDockWidget(parent), m_service(service), m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_primary(new WhyPanel(service, m_splitter)) {
    setObjectName(QStringLiteral("whyDock%1").arg(number));
    setWindowTitle(tr("Why"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_splitter->setObjectName(QStringLiteral("whySplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_primary);
    setWidget(m_splitter);
    connect(m_primary, &WhyPanel::titleChanged, this, &WhyDock::updateTitle);
    connect(m_primary, &WhyPanel::pinnedChanged, this, [this](bool pinned) {
        updateTitle();
        emit pinnedChanged(pinned);
    });
    connect(m_primary, &WhyPanel::compareRequested, this,
            [this](qint64 runId) { compareWith(runId); });
    connect(m_primary, &WhyPanel::dataWhatIfRequested, this,
            [this] { emit dataWhatIfRequested(m_primary); });
}

bool WhyDock::isPinned() const {
    return m_primary->isPinned();
}

void WhyDock::showWhy(qint64 runId, quint32 user, quint32 item, std::optional<quint32> focus) {
    m_primary->showWhy(runId, user, item, focus);
    if (m_comparison)
        m_comparison->showWhy(m_comparison->runId(), user, item, focus);
}

WhyPanel* WhyDock::compareWith(qint64 runId) {
    if (!m_comparison) {
        m_comparison = new WhyPanel(m_service, m_splitter);
        m_comparison->setSecondary(true);
        m_splitter->addWidget(m_comparison);
        connect(m_comparison, &WhyPanel::closeRequested, this, &WhyDock::closeComparison);
        WhyPanel* panel = m_comparison;
        connect(panel, &WhyPanel::dataWhatIfRequested, this,
                [this, panel] { emit dataWhatIfRequested(panel); });
        const int half = std::max(m_splitter->width() / 2, 1);
        m_splitter->setSizes({half, half});
        emit comparisonOpened();
    }
    m_comparison->showWhy(runId, m_primary->user(), m_primary->item());
    updateTitle();
    return m_comparison;
}

void WhyDock::closeComparison() {
    if (!m_comparison)
        return;
    m_comparison->hide();
    m_comparison->deleteLater();
    m_comparison = nullptr;
    updateTitle();
}

void WhyDock::updateTitle() {
    QString title = m_primary->title();
    if (m_comparison)
        title += tr(" · compared");
    if (isPinned())
        title += tr(" (pinned)");
    setWindowTitle(title);
}

} // namespace rs::ui
