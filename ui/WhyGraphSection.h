#pragma once
#include "explain/EgoGraph.h"
#include "explain/Explanation.h"
#include "train/RunContext.h"

#include <QGroupBox>
#include <QPointer>
#include <memory>

class QLabel;
class QPushButton;

namespace rs::ui {

class EgoGraphDialog;
class EgoGraphView;

/// The why panel's "Graph of this recommendation": the explanation's ego graph
/// (rs::buildEgoGraph) in an EgoGraphView with fit and export buttons and "Open larger…",
/// which shows the same graph in an EgoGraphDialog (kept up to date while open). Hidden when
/// the explanation has no evidence (nothing to draw).
class WhyGraphSection : public QGroupBox {
    Q_OBJECT
public:
    explicit WhyGraphSection(QWidget* parent = nullptr);

    /// Builds and shows the graph of `e` (labels from `ctx`); `title` names it in exports and
    /// the larger window.
    void setExplanation(const rs::Explanation& e, std::shared_ptr<const rs::RunContext> ctx,
                        const QString& title);
    void clear();

    const rs::EgoGraph& graph() const { return m_graph; }
    EgoGraphView* view() const { return m_view; }
    QPushButton* openButton() const { return m_open; }
    /// The larger window (nullptr until opened, or after it was closed).
    EgoGraphDialog* dialog() const;
    /// Opens (or raises) the larger window.
    EgoGraphDialog* openLarger();

signals:
    void historyItemClicked(quint32 item);
    void userClicked(quint32 user);

private:
    rs::EgoGraph m_graph;
    std::shared_ptr<const rs::RunContext> m_context;
    QString m_title;
    EgoGraphView* m_view;
    QLabel* m_hint;
    QPushButton* m_open;
    QPointer<EgoGraphDialog> m_dialog;
};

} // namespace rs::ui
