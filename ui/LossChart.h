#pragma once
#include "models/Recommender.h"

#include <QChartView>
#include <QList>
#include <QPointF>
#include <QTimer>
#include <vector>

class QLineSeries;
class QValueAxis;

namespace rs::ui {

/// A learning curve: training and validation loss per epoch. Points are appended live while a
/// model trains (addEpoch) or set at once for a stored run (setEpochs); the axes grow with the
/// data. Validation points are drawn only for epochs that had validation data.
/// Live points are drawn in batches (every kFlushMs at most) and the axes grow in steps: a
/// Qt Charts relayout costs milliseconds, and epochs can arrive every few milliseconds.
class LossChart : public QChartView {
    Q_OBJECT
public:
    static constexpr int kFlushMs = 120;

    explicit LossChart(const QString& title, QWidget* parent = nullptr);

    void clear();
    /// Queues a live point; it is drawn within kFlushMs.
    void addEpoch(const rs::EpochRecord& epoch);
    /// Shows a whole curve at once.
    void setEpochs(const std::vector<rs::EpochRecord>& epochs);
    /// The number of epochs the run will have (0 = unknown): the epoch axis spans it at once.
    void setPlannedEpochs(int epochs);
    /// A line under the title, e.g. the run being shown.
    void setSubtitle(const QString& text);
    /// Draws the queued live points now.
    void flush();

    QLineSeries* trainSeries() const { return m_train; }
    QLineSeries* validationSeries() const { return m_validation; }
    QValueAxis* epochAxis() const { return m_x; }
    QValueAxis* lossAxis() const { return m_y; }
    /// Epochs drawn so far (queued live points not included).
    int epochCount() const { return m_epochs; }

private:
    void appendPoints(const std::vector<rs::EpochRecord>& epochs);
    void updateAxes();

    QString m_title;
    QLineSeries* m_train;
    QLineSeries* m_validation;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QTimer m_flushTimer;
    std::vector<rs::EpochRecord> m_pending;
    int m_epochs = 0;
    int m_planned = 0;
    double m_maxEpoch = 0;
    bool m_hasLoss = false;
    double m_minLoss = 0, m_maxLoss = 0;
};

} // namespace rs::ui
