#pragma once
#include "explain/Explanation.h"
#include "train/RunContext.h"

#include <QWidget>

class QLabel;
class QSpinBox;
class QToolButton;

namespace rs::ui {

class CompareRunMenu;
class WorkspaceSession;

/// The top of a why panel: the item (title, genres), the user, score and rank
/// in the top-K, the model and run; and the panel's controls: top-K, Pin,
/// Compare with… and Close.
class WhyHeader : public QWidget {
    Q_OBJECT
public:
    WhyHeader(WorkspaceSession& session, QWidget* parent = nullptr);

    /// Placeholder while the explanation of (user, item) of `runId` is computed.
    void setPending(qint64 runId, quint32 user, quint32 item);
    void setExplanation(const rs::Explanation& e, const rs::RunContext& ctx);

    int k() const;
    void setK(int k);
    bool isPinned() const;
    void setPinned(bool pinned);
    /// Comparison panels show Close instead of Pin and Compare.
    void setSecondary(bool secondary);

    QString titleText() const;
    QString genresText() const;
    QString factsText() const;
    QString runText() const;
    QToolButton* pinButton() const { return m_pin; }
    QToolButton* compareButton() const { return m_compare; }
    QToolButton* closeButton() const { return m_close; }
    CompareRunMenu* compareMenu() const { return m_compareMenu; }
    QSpinBox* kSpin() const { return m_k; }

signals:
    void kChanged(int k);
    void pinToggled(bool pinned);
    void compareRequested(qint64 runId);
    void closeRequested();

private:
    QLabel* m_run;
    QSpinBox* m_k;
    QToolButton* m_pin;
    QToolButton* m_compare;
    QToolButton* m_close;
    CompareRunMenu* m_compareMenu;
    QLabel* m_title;
    QLabel* m_genres;
    QLabel* m_facts;
};

} // namespace rs::ui
