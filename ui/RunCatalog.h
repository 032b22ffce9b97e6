#pragma once
#include "store/RunStore.h"

#include <QHash>
#include <QString>
#include <functional>
#include <vector>

class QComboBox;
class QObject;

namespace rs::ui {

/// The workspace's stored runs with the names of their datasets, read in one go by a worker
/// (read()) and handed to the views as a value.
struct RunCatalog {
    std::vector<rs::RunInfo> runs; ///< RunStore::list() order
    QHash<qint64, QString> datasetNames;
    QString error;

    /// Reads the runs and dataset names on its own read-only connection; call from a worker.
    static RunCatalog read(const QString& workspacePath);

    QString datasetName(qint64 datasetId) const;
    const rs::RunInfo* find(qint64 runId) const;
    /// A one-line label: "#12 biasedmf · <dataset> · random:0.2:seed=0".
    QString label(const rs::RunInfo& run) const;
};

/// Refills a run chooser (run id as item data) without emitting its signals: every run of
/// `catalog`, labelled by `label` (RunCatalog::label by default); selects `select` when it is
/// listed, else the newest run.
/// A run's model as lists show it: "biasedmf", or "biasedmf + IPS" for a debiased run.
QString runModelText(const rs::RunInfo& run);

void fillRunBox(QComboBox* box, const RunCatalog& catalog, qint64 select,
                const std::function<QString(const rs::RunInfo&)>& label = {});

/// Reads the catalog of the workspace at `path` in a worker and hands it to `done` on
/// `context`'s thread, unless `context` is gone or a later call with the same `generation`
/// counter (owned by `context`) started meanwhile: a view never shows a stale list.
void readRunCatalog(QObject* context, const QString& path, quint64& generation,
                    std::function<void(RunCatalog)> done);

} // namespace rs::ui
