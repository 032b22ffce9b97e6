#pragma once
#include "eval/PopularitySegments.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace rs::ui {

/// A selected run's popularity bias by activity segment on the Runs page: one column per segment
/// (light, medium, heavy users, then all users); rows: its range of training ratings, the users
/// the run evaluated and the means of its stored per-user series (ARP, long-tail share, NDCG@K,
/// …) as core's segmentSeriesReport computed them.
class RunSegmentTable : public QWidget {
    Q_OBJECT
public:
    explicit RunSegmentTable(QWidget* parent = nullptr);
    void setReport(const rs::SeriesSegmentReport& report);
    /// Empties the table and shows `note` instead (e.g. why there is nothing to show).
    void clear(const QString& note = QString());

    QTableWidget* table() const { return m_table; }
    QLabel* note() const { return m_note; }

private:
    QLabel* m_note;
    QTableWidget* m_table;
};

} // namespace rs::ui
