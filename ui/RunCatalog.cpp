#include "RunCatalog.h"

#include "debias/DebiasSpec.h"

#include "WorkerCall.h"

#include <QComboBox>
#include <QSignalBlocker>

#include "store/DatasetStore.h"
#include "store/Workspace.h"

#include <QObject>

namespace rs::ui {

RunCatalog RunCatalog::read(const QString& workspacePath) {
    RunCatalog c;
    if (workspacePath.isEmpty())
        return c;
    try {
        rs::Workspace ws(workspacePath.toStdString(), rs::Workspace::Mode::ReadOnly);
        c.runs = rs::RunStore(ws).list();
        for (const rs::DatasetInfo& d : rs::DatasetStore(ws).list())
            c.datasetNames.insert(d.id, QString::fromStdString(d.name));
    } catch (const std::exception& e) {
        c.error = QString::fromUtf8(e.what());
    }
    return c;
}

QString RunCatalog::datasetName(qint64 datasetId) const {
    return datasetNames.value(datasetId, QObject::tr("dataset %1").arg(datasetId));
}

const rs::RunInfo* RunCatalog::find(qint64 runId) const {
    for (const rs::RunInfo& r : runs)
        if (r.id == runId)
            return &r;
    return nullptr;
}

QString runModelText(const rs::RunInfo& run) {
    return QString::fromStdString(rs::modelWithDebias(run.model, run.debias));
}

QString RunCatalog::label(const rs::RunInfo& run) const {
    QString text = QStringLiteral("#%1 %2 · %3")
                       .arg(run.id)
                       .arg(runModelText(run), datasetName(run.datasetId));
    if (!run.splitSpec.empty())
        text += QStringLiteral(" · ") + QString::fromStdString(run.splitSpec);
    return text;
}

void fillRunBox(QComboBox* box, const RunCatalog& catalog, qint64 select,
                const std::function<QString(const rs::RunInfo&)>& label) {
    const QSignalBlocker block(box);
    box->clear();
    for (const auto& r : catalog.runs)
        box->addItem(label ? label(r) : catalog.label(r), qlonglong(r.id));
    const int index = box->findData(qlonglong(select));
    box->setCurrentIndex(index >= 0 ? index : box->count() - 1);
}

void readRunCatalog(QObject* context, const QString& path, quint64& generation,
                    std::function<void(RunCatalog)> done) {
    const quint64 mine = ++generation;
    quint64* counter = &generation; // lives in `context`, which outlives any delivery
    runInWorker(
        context, [path] { return RunCatalog::read(path); },
        [counter, mine, done = std::move(done)](RunCatalog catalog) {
            if (*counter == mine)
                done(std::move(catalog));
        });
}

} // namespace rs::ui
