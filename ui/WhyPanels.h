#pragma once
#include <QList>
#include <QObject>
#include <QPointer>
#include <optional>

namespace rs::ui {

class DataWhatIfDialog;
class ExplainService;
class MainWindow;
class WhyDock;
class WhyPanel;

/// The main window's why panels: showWhy() puts an explanation into the current
/// (unpinned) why dock, opening one when there is none; pinned docks keep what
/// they show, so the next request opens a new dock (tabbed with the others).
/// Owns the ExplainService the panels share.
class WhyPanels : public QObject {
    Q_OBJECT
public:
    explicit WhyPanels(MainWindow& window);

    /// Explains (user, item) (dense dataset indices) with the run's model;
    /// returns the panel.
    WhyPanel* showWhy(qint64 runId, quint32 user, quint32 item,
                      std::optional<quint32> focus = std::nullopt);

    /// Open why docks, oldest first.
    QList<WhyDock*> docks() const;
    /// The dock the next showWhy() uses (nullptr: it opens a new one).
    WhyDock* currentDock() const;
    ExplainService& service() const { return *m_service; }
    /// Opens the what-if on the training data for the recommendation `panel` explains; nullptr
    /// while the panel has no explanation yet.
    DataWhatIfDialog* openDataWhatIf(WhyPanel* panel);

signals:
    void dockOpened(rs::ui::WhyDock* dock);

private:
    WhyDock* openDock();

    MainWindow& m_window;
    ExplainService* m_service;
    QList<QPointer<WhyDock>> m_docks;
    int m_opened = 0;
};

} // namespace rs::ui
