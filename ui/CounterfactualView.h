#pragma once
#include "explain/Explanation.h"
#include "train/RunContext.h"

#include <QWidget>
#include <vector>

class QLabel;
class QListWidget;
class QPushButton;

namespace rs::ui {

/// The counterfactual of an explanation: the smallest set of the user's ratings
/// whose removal drops the item out of the top-K (or why there is none), with a
/// one-click "What if…" that asks to re-score the user without exactly those
/// ratings.
class CounterfactualView : public QWidget {
    Q_OBJECT
public:
    explicit CounterfactualView(QWidget* parent = nullptr);

    void setExplanation(const rs::Explanation& e, const std::vector<rs::ItemLabel>& items);
    void clear();
    void setWhatIfEnabled(bool enabled);

    QString statusText() const;
    QListWidget* list() const { return m_list; }
    QPushButton* whatIfButton() const { return m_whatIf; }
    const std::vector<std::uint32_t>& removed() const { return m_removed; }

signals:
    void whatIfRequested(const std::vector<std::uint32_t>& removed);

private:
    void updateButton();

    QLabel* m_status;
    QListWidget* m_list;
    QPushButton* m_whatIf;
    std::vector<std::uint32_t> m_removed;
    bool m_whatIfAllowed = true;
};

} // namespace rs::ui
