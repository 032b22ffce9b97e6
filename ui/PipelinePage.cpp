#include "PipelinePage.h"

#include "CompactControls.h"
#include "InlineMessage.h"
#include "PipelineDetails.h"
#include "PipelineView.h"
#include "WorkerCall.h"
#include "WorkspaceSession.h"

#include "pipeline/MermaidWriter.h"
#include "pipeline/RunPipeline.h"
#include "store/RunStore.h"
#include "store/Workspace.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace rs::ui {

PipelinePage::PipelinePage(WorkspaceSession& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_message(new InlineMessage(this)),
      m_split(new QSplitter(Qt::Horizontal, this)), m_details(new PipelineDetails(this)) {
    setObjectName(QStringLiteral("pipelinePage"));
    auto* views = new QSplitter(Qt::Horizontal, m_split);
    views->setObjectName(QStringLiteral("pipelinePanes"));
    for (int i = 0; i < 2; ++i) {
        auto* pane = new QWidget(views);
        auto* layout = new QVBoxLayout(pane);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2);
        auto* title = new QLabel(pane);
        title->setObjectName(QStringLiteral("pipelineTitle%1").arg(i));
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        title->setWordWrap(true);
        title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        auto* view = new PipelineView(pane);
        view->setObjectName(QStringLiteral("pipelineView%1").arg(i));
        layout->addWidget(title);
        layout->addWidget(view, 1);
        views->addWidget(pane);
        views->setStretchFactor(i, 1);
        m_panes[std::size_t(i)] = pane;
        m_titles[std::size_t(i)] = title;
        m_views[std::size_t(i)] = view;
        pane->setVisible(i == 0);
        connect(view, &PipelineView::nodeSelected, this,
                [this, i](const QString& id) { showDetails(i, id); });
    }
    m_views[0]->setPlaceholderText(tr("Pick a run to see its pipeline."));
    m_split->addWidget(views);
    m_split->addWidget(m_details);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 1);
    m_split->setSizes({900, 340});
    connect(m_details, &PipelineDetails::rerunRequested, this, &PipelinePage::rerunRequested);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(buildControls());
    layout->addWidget(m_message);
    layout->addWidget(m_split, 1);

    connect(&m_session, &WorkspaceSession::workspaceChanged, this, [this] {
        ++m_generation;
        m_live = false;
        m_shown = {};
        m_diff.reset();
        for (PipelineView* v : m_views)
            v->clear();
        m_details->clear();
        m_message->clear();
        refreshRuns();
    });
    connect(&m_session, &WorkspaceSession::runsChanged, this, [this] { refreshRuns(); });
    refreshRuns();
}

QWidget* PipelinePage::buildControls() {
    // Two rows: the runs, then the view's controls.
    const TwoRowBar rows = twoRowBar(this);
    QWidget* bar = rows.bar;
    QHBoxLayout* row = rows.top;
    QHBoxLayout* viewRow = rows.bottom;
    m_run = compactComboBox(bar, QStringLiteral("pipelineRun"), 18);
    m_compare = new QCheckBox(tr("Compare with"), bar);
    m_compare->setObjectName(QStringLiteral("pipelineCompare"));
    m_compareRun = compactComboBox(bar, QStringLiteral("pipelineCompareRun"), 14);
    m_compareRun->setEnabled(false);
    m_follow = new QCheckBox(tr("Follow training"), bar);
    m_follow->setObjectName(QStringLiteral("pipelineFollow"));
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Show the pipeline of the run being trained, live"));
    m_direction = new QComboBox(bar);
    m_direction->setObjectName(QStringLiteral("pipelineDirection"));
    m_direction->addItem(tr("Top-down"), int(rs::FlowDirection::TopDown));
    m_direction->addItem(tr("Left-right"), int(rs::FlowDirection::LeftRight));

    auto tool = [bar](const QString& text, const QString& tip) {
        auto* b = new QToolButton(bar);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    QToolButton* zoomOut = tool(QStringLiteral("−"), tr("Zoom out (−, wheel)"));
    QToolButton* zoomIn = tool(QStringLiteral("+"), tr("Zoom in (+, wheel)"));
    QToolButton* fit = tool(tr("Fit"), tr("Fit the whole pipeline in view (0)"));
    fit->setObjectName(QStringLiteral("pipelineFit"));
    m_export = tool(tr("Export"), tr("Save the pipeline as PNG, SVG or Mermaid text"));
    m_export->setObjectName(QStringLiteral("pipelineExport"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_export);
    menu->addAction(tr("PNG image…"), this, [this] { exportWithDialog(QStringLiteral("png")); });
    menu->addAction(tr("SVG drawing…"), this, [this] { exportWithDialog(QStringLiteral("svg")); });
    menu->addAction(tr("Mermaid text (.mmd)…"), this,
                    [this] { exportWithDialog(QStringLiteral("mmd")); });
    menu->addSeparator();
    menu->addAction(tr("Copy Mermaid"), this, &PipelinePage::copyMermaid);
    m_export->setMenu(menu);

    row->addWidget(new QLabel(tr("Run:"), bar));
    row->addWidget(m_run, 2);
    row->addWidget(m_compare);
    row->addWidget(m_compareRun, 1);
    viewRow->addWidget(m_follow);
    viewRow->addStretch(1);
    viewRow->addWidget(m_direction);
    viewRow->addWidget(zoomOut);
    viewRow->addWidget(zoomIn);
    viewRow->addWidget(fit);
    viewRow->addWidget(m_export);

    connect(m_run, &QComboBox::currentIndexChanged, this, [this] {
        m_live = false;
        fillCompareBox();
        load();
    });
    connect(m_compare, &QCheckBox::toggled, this, [this](bool on) {
        m_compareRun->setEnabled(on);
        if (on)
            m_live = false;
        load();
    });
    connect(m_compareRun, &QComboBox::currentIndexChanged, this, [this] {
        if (m_compare->isChecked())
            load();
    });
    connect(m_direction, &QComboBox::currentIndexChanged, this, [this] {
        for (PipelineView* v : m_views)
            v->setDirection(rs::FlowDirection(m_direction->currentData().toInt()));
    });
    connect(zoomOut, &QToolButton::clicked, this, [this] {
        for (PipelineView* v : m_views)
            v->zoomBy(0.8);
    });
    connect(zoomIn, &QToolButton::clicked, this, [this] {
        for (PipelineView* v : m_views)
            v->zoomBy(1.25);
    });
    connect(fit, &QToolButton::clicked, this, [this] {
        for (PipelineView* v : m_views)
            v->fitToView();
    });
    return bar;
}

void PipelinePage::refreshRuns() {
    readRunCatalog(this, m_session.path(), m_runsGeneration,
                   [this](RunCatalog catalog) { runsArrived(std::move(catalog)); });
}

void PipelinePage::runsArrived(RunCatalog catalog) {
    if (!catalog.error.isEmpty())
        m_message->showError(tr("Cannot list the runs: %1").arg(catalog.error));
    const qint64 keep = currentRunId();
    m_catalog = std::move(catalog);
    fillRunBox(m_run, m_catalog, keep);
    if (m_catalog.runs.empty())
        m_views[0]->setPlaceholderText(tr("No trained runs in this workspace yet. Train a model "
                                          "to see its pipeline here."));
    fillCompareBox();
    // A run that arrived while a live graph is followed does not take the view away from it.
    if (!m_live && currentRunId() != m_shown[0].runId)
        load();
    emit runsLoaded();
}

void PipelinePage::fillCompareBox() {
    const qint64 keep =
        m_compareRun->currentIndex() >= 0 ? m_compareRun->currentData().toLongLong() : 0;
    const QSignalBlocker block(m_compareRun);
    m_compareRun->clear();
    const qint64 current = currentRunId();
    for (const auto& r : m_catalog.runs)
        if (r.id != current)
            m_compareRun->addItem(m_catalog.label(r), qlonglong(r.id));
    const int index = m_compareRun->findData(qlonglong(keep));
    m_compareRun->setCurrentIndex(index >= 0 ? index : (m_compareRun->count() > 0 ? 0 : -1));
}

qint64 PipelinePage::currentRunId() const {
    return m_run->currentIndex() >= 0 ? m_run->currentData().toLongLong() : 0;
}

bool PipelinePage::selectRun(qint64 runId) {
    const int index = m_run->findData(qlonglong(runId));
    if (index < 0)
        return false;
    if (index == m_run->currentIndex()) {
        m_live = false;
        load();
    } else {
        m_run->setCurrentIndex(index);
    }
    return true;
}

bool PipelinePage::setCompareRun(qint64 runId) {
    const int index = m_compareRun->findData(qlonglong(runId));
    if (index < 0)
        return false;
    {
        const QSignalBlocker block(m_compareRun);
        m_compareRun->setCurrentIndex(index);
    }
    if (m_compare->isChecked())
        load();
    else
        m_compare->setChecked(true);
    return true;
}

void PipelinePage::setCompareMode(bool on) {
    m_compare->setChecked(on);
}

bool PipelinePage::compareMode() const {
    return m_compare->isChecked();
}

void PipelinePage::setDirection(rs::FlowDirection direction) {
    m_direction->setCurrentIndex(m_direction->findData(int(direction)));
}

void PipelinePage::load() {
    const quint64 generation = ++m_generation;
    const qint64 runId = currentRunId();
    const qint64 otherId = m_compare->isChecked() && m_compareRun->currentIndex() >= 0
                               ? m_compareRun->currentData().toLongLong()
                               : 0;
    if (runId <= 0) {
        m_views[0]->clear();
        m_panes[1]->hide();
        m_details->clear();
        return;
    }
    runInWorker(
        this,
        [path = m_session.path(), runId, otherId] {
            LoadResult result;
            try {
                rs::Workspace ws(path.toStdString(), rs::Workspace::Mode::ReadOnly);
                for (qint64 id : {runId, otherId}) {
                    if (id <= 0)
                        continue;
                    Loaded l;
                    l.runId = id;
                    std::string error;
                    l.graph = rs::pipelineForRun(ws, id, error);
                    l.error = QString::fromStdString(error);
                    if (l.graph)
                        l.epochs = rs::RunStore(ws).epochs(id);
                    result.runs.push_back(std::move(l));
                }
            } catch (const std::exception& e) {
                Loaded l;
                l.runId = runId;
                l.error = QString::fromUtf8(e.what());
                result.runs.assign(1, std::move(l));
            }
            if (result.runs.size() == 2 && result.runs[0].graph && result.runs[1].graph)
                result.diff = rs::diffStageGraphs(*result.runs[0].graph, *result.runs[1].graph);
            return result;
        },
        [this, generation](LoadResult result) {
            if (generation != m_generation)
                return;
            loaded(std::move(result));
        });
}

void PipelinePage::loaded(LoadResult result) {
    m_message->clear();
    m_live = false;
    m_diff = result.diff;
    bool ok = true;
    m_shown = {};
    for (std::size_t i = 0; i < 2; ++i) {
        PipelineView* view = m_views[i];
        if (i >= result.runs.size()) {
            view->clear();
            m_panes[i]->setVisible(i == 0);
            continue;
        }
        Loaded& l = result.runs[i];
        m_panes[i]->show();
        if (!l.graph) {
            ok = false;
            view->clear();
            m_message->showError(
                tr("Cannot read the pipeline of run #%1: %2").arg(l.runId).arg(l.error));
            m_titles[i]->setText(tr("Run #%1").arg(l.runId));
            continue;
        }
        const rs::RunInfo* info = m_catalog.find(l.runId);
        m_titles[i]->setText(info ? m_catalog.label(*info) : tr("Run #%1").arg(l.runId));
        view->setGraph(*l.graph);
        if (m_diff)
            view->setComparison(*m_diff, i == 0);
        else
            view->clearComparison();
        m_shown[i] = std::move(l);
    }
    m_titles[0]->setVisible(result.runs.size() > 1 || m_compare->isChecked());
    // Comparing: the details panel shows two value columns.
    const int total = m_split->sizes().value(0) + m_split->sizes().value(1);
    const int detailsWidth = m_diff ? 430 : 340;
    if (total > detailsWidth * 2)
        m_split->setSizes({total - detailsWidth, detailsWidth});
    if (m_diff) {
        const auto changed = m_diff->changedIds();
        QStringList ids;
        for (const auto& id : changed)
            ids << QString::fromStdString(id);
        m_message->showInfo(ids.isEmpty()
                                ? tr("The two pipelines have the same stages and parameters.")
                                : tr("Stages that differ: %1").arg(ids.join(QStringLiteral(", "))));
    }
    // Keep the details of the stage shown, else show the training stage.
    QString keep = m_details->nodeId();
    if (keep.isEmpty() || !m_views[0]->nodeItem(keep))
        keep.clear();
    if (keep.isEmpty() && m_views[0]->hasGraph()) {
        // Open on the stage that matters most: the one that failed, else the training stage.
        const rs::StageGraph& g = m_views[0]->graph();
        const rs::StageNode* focus = g.firstWithStatus(rs::StageStatus::Failed);
        for (const rs::StageNode& n : g.nodes)
            if (!focus && n.kind == rs::StageKind::Training)
                focus = &n;
        if (focus)
            keep = QString::fromStdString(focus->id);
    }
    if (keep.isEmpty() || !m_views[0]->selectNode(keep))
        m_details->clear();
    else
        showDetails(0, keep); // the selection may not have changed, the graph has
    emit pipelineLoaded(ok);
}

void PipelinePage::showDetails(int pane, const QString& nodeId) {
    if (nodeId.isEmpty())
        return;
    const Loaded& shown = m_shown[std::size_t(pane)];
    const rs::StageGraph& graph = m_views[std::size_t(pane)]->graph();
    const rs::StageNode* node = graph.find(nodeId.toStdString());
    if (!node)
        return;
    const rs::StageNodeDiff* diff = nullptr;
    const rs::StageNode* other = nullptr;
    std::optional<rs::StageGraphDiff> mirrored;
    if (m_diff && !m_live) {
        diff = m_diff->find(node->id);
        other = m_views[std::size_t(1 - pane)]->graph().find(node->id);
    }
    if (diff && pane == 1) {
        // The diff is from the left run's side: recompute from this side so "left" is this run.
        mirrored = rs::diffStageGraphs(graph, m_views[0]->graph());
        diff = mirrored->find(node->id);
    }
    m_details->showNode(*node, m_live ? graph.runId : shown.runId,
                        m_live ? std::vector<rs::EpochRecord>{} : shown.epochs, diff, other);
    // The other pane follows the selection, so both sides of a difference are visible.
    PipelineView* otherView = m_views[std::size_t(1 - pane)];
    if (m_panes[std::size_t(1 - pane)]->isVisible() && otherView->selectedNodeId() != nodeId) {
        const QSignalBlocker block(otherView);
        if (!otherView->selectNode(nodeId))
            otherView->scene()->clearSelection();
    }
}

void PipelinePage::showLiveGraph(const rs::StageGraph& graph) {
    if (!m_follow->isChecked())
        return;
    if (!m_live) {
        ++m_generation; // a stored run still loading must not replace the live graph
        m_live = true;
        m_diff.reset();
        m_shown = {};
        m_views[1]->clear();
        m_panes[1]->hide();
        m_views[0]->clearComparison();
        m_message->clear();
    }
    m_titles[0]->setText(graph.runId > 0 ? tr("Training run #%1 (live)").arg(graph.runId)
                                         : tr("Training (live)"));
    m_titles[0]->show();
    m_views[0]->updateGraph(graph);
    // The details of the selected stage follow its state.
    const QString selected = m_views[0]->selectedNodeId();
    if (!selected.isEmpty() && selected == m_details->nodeId())
        if (const rs::StageNode* node = graph.find(selected.toStdString()))
            m_details->showNode(*node, graph.runId);
}

QString PipelinePage::mermaidText() const {
    if (!m_views[0]->hasGraph())
        return {};
    rs::MermaidOptions options;
    options.direction = m_views[0]->direction();
    return QString::fromStdString(rs::writeMermaid(m_views[0]->graph(), options));
}

void PipelinePage::copyMermaid() {
    const QString text = mermaidText();
    if (text.isEmpty()) {
        m_message->showError(tr("There is no pipeline to copy."));
        return;
    }
    QGuiApplication::clipboard()->setText(text);
    m_message->showMessage(InlineMessage::Kind::Success,
                           tr("Mermaid text copied: paste it into any Mermaid renderer."));
}

QString PipelinePage::exportTo(const QString& path, const QString& format) {
    QString error;
    if (format == QLatin1String("png")) {
        error = m_views[0]->exportPng(path);
    } else if (format == QLatin1String("svg")) {
        error = m_views[0]->exportSvg(path, m_titles[0]->text());
    } else if (format == QLatin1String("mmd")) {
        const QString text = mermaidText();
        QFile file(path);
        if (text.isEmpty())
            error = tr("There is no pipeline to export.");
        else if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
                 file.write(text.toUtf8()) < 0 || !file.flush())
            error = tr("Cannot write %1: %2").arg(QFileInfo(path).fileName(), file.errorString());
    } else {
        error = tr("Unknown export format %1.").arg(format);
    }
    if (error.isEmpty())
        m_message->showMessage(InlineMessage::Kind::Success,
                               tr("Saved %1.").arg(QFileInfo(path).fileName()));
    else
        m_message->showError(error);
    return error;
}

void PipelinePage::exportWithDialog(const QString& format) {
    const QString filter = format == QLatin1String("png")   ? tr("PNG image (*.png)")
                           : format == QLatin1String("svg") ? tr("SVG drawing (*.svg)")
                                                            : tr("Mermaid text (*.mmd)");
    const qint64 runId = m_views[0]->graph().runId;
    const QString name = runId > 0 ? QStringLiteral("pipeline-run%1.%2").arg(runId).arg(format)
                                   : QStringLiteral("pipeline.%1").arg(format);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export pipeline"), name, filter);
    if (!path.isEmpty())
        exportTo(path, format);
}

} // namespace rs::ui
