#pragma once
#include "explain/Explanation.h"
#include "train/RunContext.h"

#include <QWidget>
#include <vector>

class QLabel;
class QPushButton;
class QTreeView;

namespace rs::ui {

class EvidenceListModel;

/// The evidence of an explanation: how much each of the user's ratings moved
/// the score, as sorted signed bars with the item's title, genres and the
/// user's rating (tooltips give the details), and how the contributions were
/// measured (exact terms or re-solved). Rows can be ticked to ask "what if the
/// user had not rated these?".
class EvidenceBarList : public QWidget {
    Q_OBJECT
public:
    explicit EvidenceBarList(QWidget* parent = nullptr);

    void setExplanation(const rs::Explanation& e, const std::vector<rs::ItemLabel>& items);
    void clear();
    /// Selects and scrolls to the row of `item`'s rating; false when it is not listed.
    bool focusItem(std::uint32_t item);
    /// Enables the what-if button (while no what-if runs) when rows are ticked.
    void setWhatIfEnabled(bool enabled);

    EvidenceListModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    QPushButton* whatIfButton() const { return m_whatIf; }
    QString summary() const;

signals:
    /// The user asked to re-score without the ticked ratings.
    void whatIfRequested(const std::vector<std::uint32_t>& removed);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateButton();

    EvidenceListModel* m_model;
    QLabel* m_summary;
    QPushButton* m_whatIf;
    QPushButton* m_clear;
    QTreeView* m_view;
    bool m_whatIfAllowed = true;
};

} // namespace rs::ui
