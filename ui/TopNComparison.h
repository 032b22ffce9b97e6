#pragma once
#include "ExplainReplies.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace rs::ui {

/// A what-if's answer: the user's top-N now and without the removed ratings,
/// side by side, the explained item highlighted in both lists, and a line
/// saying where it moved.
class TopNComparison : public QWidget {
    Q_OBJECT
public:
    explicit TopNComparison(QWidget* parent = nullptr);

    void setResult(const WhatIfReply& reply, const std::vector<rs::ItemLabel>& items);
    void clear();

    QString summary() const;
    QTableWidget* table() const { return m_table; }
    /// Rows (0-based) where the explained item appears in the "before" / "after"
    /// column; -1.
    int highlightedBefore() const { return m_rowBefore; }
    int highlightedAfter() const { return m_rowAfter; }

    enum Column { Rank, Before, BeforeScore, After, AfterScore, ColumnCount };

private:
    QLabel* m_summary;
    QTableWidget* m_table;
    int m_rowBefore = -1, m_rowAfter = -1;
};

} // namespace rs::ui
