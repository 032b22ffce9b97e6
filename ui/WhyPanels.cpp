#include "WhyPanels.h"

#include "DataWhatIfDialog.h"
#include "ExplainService.h"
#include "ImportWizard.h" // MainWindow.h's inline importWizard() needs the complete type
#include "MainWindow.h"
#include "WhyDock.h"
#include "WhyPanel.h"

namespace rs::ui {

namespace {

constexpr int kDockWidth = 600;

} // namespace

WhyPanels::WhyPanels(MainWindow& window)
    : QObject(&window), m_window(window),
      m_service(new ExplainService(window.session(), window.runContexts(), this)) {
    setObjectName(QStringLiteral("whyPanels"));
}

QList<WhyDock*> WhyPanels::docks() const {
    QList<WhyDock*> out;
    for (const QPointer<WhyDock>& d : m_docks)
        if (d)
            out << d.data();
    return out;
}

WhyDock* WhyPanels::currentDock() const {
    // The most recent unpinned dock.
    const QList<WhyDock*> open = docks();
    for (auto it = open.rbegin(); it != open.rend(); ++it)
        if (!(*it)->isPinned())
            return *it;
    return nullptr;
}

WhyPanel* WhyPanels::showWhy(qint64 runId, quint32 user, quint32 item,
                             std::optional<quint32> focus) {
    WhyDock* dock = currentDock();
    if (!dock)
        dock = openDock();
    dock->showWhy(runId, user, item, focus);
    dock->show();
    dock->raise();
    return dock->primary();
}

WhyDock* WhyPanels::openDock() {
    const QList<WhyDock*> open = docks();
    auto* dock = new WhyDock(*m_service, ++m_opened, &m_window);
    m_window.addDock(dock, Qt::RightDockWidgetArea);
    if (!open.isEmpty())
        m_window.tabifyDockWidget(open.back(), dock);
    else
        m_window.resizeDocks({dock}, {kDockWidth}, Qt::Horizontal);
    connect(dock, &WhyDock::dataWhatIfRequested, this,
            [this](WhyPanel* panel) { openDataWhatIf(panel); });
    connect(dock, &WhyDock::comparisonOpened, this,
            [this, dock] { m_window.resizeDocks({dock}, {2 * kDockWidth}, Qt::Horizontal); });
    m_docks << QPointer<WhyDock>(dock);
    emit dockOpened(dock);
    return dock;
}

DataWhatIfDialog* WhyPanels::openDataWhatIf(WhyPanel* panel) {
    if (!panel || !panel->context() || !panel->explanation())
        return nullptr;
    auto* dialog = new DataWhatIfDialog(m_window.jobs(), panel->context(), panel->user(),
                                        panel->item(), &m_window);
    dialog->setWindowFlag(Qt::Window);
    dialog->show();
    return dialog;
}

} // namespace rs::ui
