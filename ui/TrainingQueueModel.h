#pragma once
#include "JobRunner.h"

#include "train/TrainingJob.h"

#include <QAbstractTableModel>
#include <vector>

namespace rs::ui {

/// One training run of the queue, from the moment it is queued until it is done.
struct QueuedRun {
    enum class State { Queued, Running, Done, Cancelled, Failed };

    int id = 0; ///< number in the queue (1, 2, ...)
    QString workspacePath;
    rs::TrainingRequest request;
    QString datasetName, splitText;
    State state = State::Queued;
    JobId job = 0;
    qint64 runId = 0; ///< the stored run once done
    QString message;  ///< error, cancel or divergence note
    QString stage;    ///< latest progress text while running
    double fraction = 0;
    std::vector<rs::EpochRecord> epochs;
    std::vector<std::pair<std::string, double>> metrics;
    double fitSeconds = 0;

    bool isFinished() const {
        return state == State::Done || state == State::Cancelled || state == State::Failed;
    }
};

/// The training queue as a table: number, model, dataset, split, state and result.
class TrainingQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Number, Model, Dataset, Split, State, Result, ColumnCount };
    static constexpr int IdRole = Qt::UserRole + 1;
    static constexpr int StateRole = Qt::UserRole + 2; ///< QueuedRun::State as int

    using QAbstractTableModel::QAbstractTableModel;

    static QString stateName(QueuedRun::State state);

    void append(QueuedRun run);
    /// Removes the entry with `id`; false when there is none.
    bool remove(int id);
    /// The entry with `id` (nullptr when none); call changed(id) after modifying it.
    QueuedRun* find(int id);
    const QueuedRun* find(int id) const;
    const QueuedRun* at(int row) const;
    int rowOf(int id) const;
    void changed(int id);
    const std::vector<QueuedRun>& runs() const { return m_runs; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString resultText(const QueuedRun& run) const;

    std::vector<QueuedRun> m_runs;
};

} // namespace rs::ui
