#include "CompareRunMenu.h"

#include "RunCatalog.h"
#include "WorkerCall.h"
#include "WorkspaceSession.h"

#include "store/RunStore.h"

#include <QLocale>

namespace rs::ui {

namespace {

struct RunList {
    std::vector<rs::RunInfo> runs;
    QString error;
};

QString runText(const rs::RunInfo& r) {
    QString text = QObject::tr("#%1 %2").arg(r.id).arg(runModelText(r));
    for (const char* metric : {"ndcg@10", "rmse"}) {
        if (auto v = r.metric(metric)) {
            text += QStringLiteral(" · %1 %2")
                        .arg(QString::fromLatin1(metric), QLocale().toString(*v, 'f', 3));
            break;
        }
    }
    if (!r.splitSpec.empty())
        text += QStringLiteral(" · ") + QString::fromStdString(r.splitSpec);
    if (r.status != "done")
        text += QStringLiteral(" (%1)").arg(QString::fromStdString(r.status));
    return text;
}

} // namespace

CompareRunMenu::CompareRunMenu(WorkspaceSession& session, QWidget* parent)
    : QMenu(parent), m_session(session) {
    setObjectName(QStringLiteral("compareRunMenu"));
    connect(&session, &WorkspaceSession::runsChanged, this, [this] { reload(); });
    connect(&session, &WorkspaceSession::workspaceChanged, this, [this] { setRun(0, 0); });
    reload();
}

void CompareRunMenu::setRun(qint64 datasetId, qint64 runId) {
    if (datasetId == m_datasetId && runId == m_runId && !actions().isEmpty())
        return;
    m_datasetId = datasetId;
    m_runId = runId;
    reload();
}

QList<qint64> CompareRunMenu::runIds() const {
    QList<qint64> ids;
    for (QAction* a : actions())
        if (a->data().isValid())
            ids << a->data().toLongLong();
    return ids;
}

void CompareRunMenu::reload() {
    clear();
    const quint64 generation = ++m_generation;
    const QString path = m_session.path();
    if (m_datasetId == 0 || path.isEmpty()) {
        m_loading = false;
        addAction(tr("(no run to compare with)"))->setEnabled(false);
        return;
    }
    m_loading = true;
    addAction(tr("Loading runs…"))->setEnabled(false);
    runInWorker(
        this,
        [path = path.toStdString(), datasetId = m_datasetId] {
            RunList out;
            try {
                rs::Workspace ws(path, rs::Workspace::Mode::ReadOnly);
                out.runs = rs::RunStore(ws).list(datasetId);
            } catch (const std::exception& e) {
                out.error = QString::fromUtf8(e.what());
            }
            return out;
        },
        [this, generation](RunList list) {
            if (generation != m_generation)
                return;
            m_loading = false;
            clear();
            if (!list.error.isEmpty())
                addAction(tr("Cannot list the runs: %1").arg(list.error))->setEnabled(false);
            for (const rs::RunInfo& r : list.runs) {
                if (r.id == m_runId)
                    continue;
                QAction* a = addAction(runText(r));
                a->setData(qint64(r.id));
                connect(a, &QAction::triggered, this, [this, id = r.id] { emit runChosen(id); });
            }
            if (actions().isEmpty())
                addAction(tr("(no other run on this dataset)"))->setEnabled(false);
            emit loaded();
        });
}

} // namespace rs::ui
