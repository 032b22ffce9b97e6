#pragma once
#include "explain/EgoGraph.h"
#include "train/RunContext.h"

#include <QDialog>
#include <memory>

class QLabel;
class QPushButton;

namespace rs::ui {

class EgoGraphView;

/// A recommendation's ego graph in its own resizable window ("Open larger…" of the why panel):
/// the same view with zoom, fit and export buttons. Not modal; clicks on history items and
/// neighbour users are passed on (the why panel selects the evidence row).
class EgoGraphDialog : public QDialog {
    Q_OBJECT
public:
    explicit EgoGraphDialog(QWidget* parent = nullptr);

    /// Shows `graph` (labels from `ctx`); `title` names the recommendation ("Why X for user 1").
    void setGraph(const rs::EgoGraph& graph, std::shared_ptr<const rs::RunContext> ctx,
                  const QString& title);

    EgoGraphView* view() const { return m_view; }
    QString title() const { return m_title; }

signals:
    void historyItemClicked(quint32 item);
    void userClicked(quint32 user);

private:
    EgoGraphView* m_view;
    QLabel* m_heading;
    QString m_title;
    std::shared_ptr<const rs::RunContext> m_context;
};

} // namespace rs::ui
