#pragma once
#include <QDockWidget>
#include <optional>

class QSplitter;

namespace rs::ui {

class ExplainService;
class WhyPanel;

/// A dock with one why panel, or two side by side in a splitter when the first
/// is compared with another run: the second explains the same (user, item) with
/// that run's model and follows the first when it moves to another explanation.
class WhyDock : public QDockWidget {
    Q_OBJECT
public:
    /// `number` makes the dock's object name unique ("whyDock3").
    WhyDock(ExplainService& service, int number, QWidget* parent = nullptr);

    void showWhy(qint64 runId, quint32 user, quint32 item,
                 std::optional<quint32> focus = std::nullopt);
    /// Shows the primary panel's (user, item) with `runId` next to it (replacing
    /// a previous comparison); returns the comparison panel.
    WhyPanel* compareWith(qint64 runId);
    void closeComparison();

    WhyPanel* primary() const { return m_primary; }
    WhyPanel* comparison() const { return m_comparison; }
    QSplitter* splitter() const { return m_splitter; }
    bool isPinned() const;

signals:
    void pinnedChanged(bool pinned);
    /// A comparison panel was opened (the window may widen the dock).
    void comparisonOpened();
    /// A panel of this dock asked for a what-if on the training data.
    void dataWhatIfRequested(rs::ui::WhyPanel* panel);

private:
    void updateTitle();

    ExplainService& m_service;
    QSplitter* m_splitter;
    WhyPanel* m_primary;
    WhyPanel* m_comparison = nullptr;
};

} // namespace rs::ui
