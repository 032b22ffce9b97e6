#include "EmbeddingPage.h"

#include "CompactControls.h"
#include "EmbeddingMap.h"
#include "EmbeddingSidePanel.h"
#include "EmbeddingWork.h"
#include "FactorInspector.h"
#include "InlineMessage.h"
#include "ItemScoreModel.h"
#include "ItemScoreTable.h"
#include "RunContextCache.h"
#include "WorkerCall.h"
#include "WorkspaceSession.h"
#include "latent/LayoutCsv.h"
#include "store/Workspace.h"
#include "train/RunContext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QStringListModel>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <sstream>

namespace rs::ui {

EmbeddingPage::EmbeddingPage(WorkspaceSession& session, JobRunner& jobs, RunContextCache& contexts,
                             QWidget* parent)
    : QWidget(parent), m_session(session), m_jobs(jobs), m_contexts(contexts),
      m_message(new InlineMessage(this)), m_status(new QLabel(this)),
      m_progress(new QProgressBar(this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_map(new EmbeddingMap(this)), m_inspector(new FactorInspector(this)) {
    setObjectName(QStringLiteral("embeddingPage"));
    m_map->setObjectName(QStringLiteral("embeddingMap"));
    m_status->setObjectName(QStringLiteral("embeddingStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(180);
    m_progress->setTextVisible(false);
    m_cancel->setObjectName(QStringLiteral("embeddingCancel"));

    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_cancel);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_map);
    split->addWidget(buildSidePanel());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    split->setSizes({800, 440});

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(m_message);
    layout->addLayout(statusRow);
    layout->addWidget(split, 1);
    setBusy(false);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_jobs.cancel(m_job);
    });
    connect(&m_jobs, &JobRunner::jobProgress, this,
            [this](JobId id, double fraction, const QString&) {
                if (id == m_job)
                    m_progress->setValue(int(fraction * 1000));
            });
    connect(m_map, &EmbeddingMap::pointActivated, this, &EmbeddingPage::setCurrentPoint);
    connect(m_map, &EmbeddingMap::selectionChanged, this, &EmbeddingPage::selectionChanged);
    connect(m_inspector, &FactorInspector::colourByFactorRequested, this, [this](int f) {
        MapColoring c;
        c.kind = MapColoring::Kind::Factor;
        c.factor = f;
        setColoring(c);
    });
    connect(m_inspector, &FactorInspector::itemActivated, this, [this](quint32 item) {
        if (m_side == rs::FactorSide::Items) {
            setCurrentPoint(int(item));
            m_map->flyTo(int(item));
        }
    });
    connect(&m_session, &WorkspaceSession::workspaceChanged, this, [this] {
        m_ctx.reset();
        m_space.reset();
        m_map->setPoints({});
        refreshRuns();
    });
    connect(&m_session, &WorkspaceSession::runsChanged, this, [this] { refreshRuns(); });
    refreshRuns();
}

QWidget* EmbeddingPage::buildControls() {
    const TwoRowBar rows = twoRowBar(this);
    QWidget* bar = rows.bar;
    QHBoxLayout* first = rows.top;
    QHBoxLayout* second = rows.bottom;

    m_run = new QComboBox(bar);
    m_run->setObjectName(QStringLiteral("embeddingRun"));
    m_run->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_run->setMinimumContentsLength(24);
    m_sideBox = new QComboBox(bar);
    m_sideBox->setObjectName(QStringLiteral("embeddingSide"));
    m_sideBox->addItem(tr("Items"), int(rs::FactorSide::Items));
    m_sideBox->addItem(tr("Users"), int(rs::FactorSide::Users));
    m_methodBox = new QComboBox(bar);
    m_methodBox->setObjectName(QStringLiteral("embeddingMethod"));
    m_methodBox->addItem(tr("t-SNE"), int(rs::LayoutMethod::Tsne));
    m_methodBox->addItem(tr("PCA"), int(rs::LayoutMethod::Pca));
    m_methodBox->setToolTip(tr("t-SNE keeps neighbourhoods (computed once per run, then cached in "
                               "the workspace); PCA shows the two directions of largest variance"));
    m_color = new QComboBox(bar);
    m_color->setObjectName(QStringLiteral("embeddingColor"));
    m_color->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_recompute = new QPushButton(tr("Recompute"), bar);
    m_recompute->setObjectName(QStringLiteral("embeddingRecompute"));
    m_recompute->setToolTip(tr("Compute the layout again instead of using the cached one"));
    first->addWidget(new QLabel(tr("Run"), bar));
    first->addWidget(m_run, 1);
    first->addWidget(new QLabel(tr("Map"), bar));
    first->addWidget(m_sideBox);
    first->addWidget(m_methodBox);
    first->addWidget(new QLabel(tr("Colour"), bar));
    first->addWidget(m_color);
    first->addWidget(m_recompute);

    m_find = new QLineEdit(bar);
    m_find->setObjectName(QStringLiteral("embeddingFind"));
    m_find->setPlaceholderText(tr("Find item by title or id…"));
    m_find->setClearButtonEnabled(true);
    m_findCompleter = new QCompleter(new QStringListModel(this), this);
    m_findCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    m_findCompleter->setFilterMode(Qt::MatchContains);
    m_find->setCompleter(m_findCompleter);
    m_userEdit = new QLineEdit(bar);
    m_userEdit->setObjectName(QStringLiteral("embeddingUser"));
    m_userEdit->setPlaceholderText(tr("User id"));
    m_userEdit->setMaximumWidth(110);
    m_userCompleter = new QCompleter(new QStringListModel(this), this);
    m_userEdit->setCompleter(m_userCompleter);
    m_showRated = new QCheckBox(tr("Rated"), bar);
    m_showRated->setObjectName(QStringLiteral("embeddingShowRated"));
    m_showRated->setChecked(true);
    m_showTop = new QCheckBox(tr("Top"), bar);
    m_showTop->setObjectName(QStringLiteral("embeddingShowTop"));
    m_showTop->setChecked(true);
    m_showRare = new QCheckBox(tr("Rare"), bar);
    m_showRare->setObjectName(QStringLiteral("embeddingShowRare"));
    m_showRare->setToolTip(
        tr("Also show items (users) with fewer than 5 ratings: their factors are "
           "mostly noise, so they are placed next to their nearest neighbours "
           "instead of taking part in the layout"));
    m_topN = new QSpinBox(bar);
    m_topN->setRange(1, 100);
    m_topN->setValue(10);
    auto tool = [bar](const QString& text, const QString& tip) {
        auto* b = new QToolButton(bar);
        b->setText(text);
        b->setToolTip(tip);
        b->setCheckable(true);
        b->setAutoExclusive(true);
        return b;
    };
    m_panTool = tool(tr("Pan"), tr("Drag to pan (wheel zooms)"));
    m_rectTool = tool(tr("Box"), tr("Drag a rectangle to select points (Shift adds)"));
    m_lassoTool = tool(tr("Lasso"), tr("Draw around points to select them (Shift adds)"));
    m_panTool->setObjectName(QStringLiteral("embeddingPanTool"));
    m_rectTool->setObjectName(QStringLiteral("embeddingRectTool"));
    m_lassoTool->setObjectName(QStringLiteral("embeddingLassoTool"));
    m_panTool->setChecked(true);
    m_export = new QToolButton(bar);
    m_export->setObjectName(QStringLiteral("embeddingExport"));
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(m_export);
    for (const auto& [format, label] : {std::pair{QStringLiteral("png"), tr("Image (PNG)…")},
                                        std::pair{QStringLiteral("svg"), tr("Drawing (SVG)…")},
                                        std::pair{QStringLiteral("csv"), tr("Coordinates (CSV)…")}})
        exportMenu->addAction(label, this, [this, format = format] {
            if (!m_space) {
                m_message->showError(tr("Show a map before exporting it."));
                return;
            }
            const QString path = QFileDialog::getSaveFileName(
                this, tr("Export map"),
                QStringLiteral("map-run%1-%2.%3")
                    .arg(currentRunId())
                    .arg(QLatin1String(rs::factorSideName(m_side)), format));
            if (path.isEmpty())
                return;
            QString error;
            if (exportMap(path, format, &error))
                m_message->showMessage(InlineMessage::Kind::Success, tr("Saved %1").arg(path));
            else
                m_message->showError(tr("Export failed: %1").arg(error));
        });
    m_export->setMenu(exportMenu);
    second->addWidget(m_find, 2);
    second->addWidget(new QLabel(tr("User"), bar));
    second->addWidget(m_userEdit);
    second->addWidget(m_showRated);
    second->addWidget(m_showTop);
    second->addWidget(m_topN);
    second->addWidget(m_showRare);
    second->addSpacing(8);
    second->addWidget(m_panTool);
    second->addWidget(m_rectTool);
    second->addWidget(m_lassoTool);
    second->addWidget(m_export);

    connect(m_run, &QComboBox::currentIndexChanged, this, [this] { showMap(); });
    connect(m_sideBox, &QComboBox::currentIndexChanged, this, [this] {
        m_side = rs::FactorSide(m_sideBox->currentData().toInt());
        m_coloring = {};
        if (m_side == rs::FactorSide::Users)
            m_coloring.kind = MapColoring::Kind::Popularity;
        showMap();
    });
    connect(m_methodBox, &QComboBox::currentIndexChanged, this, [this] {
        m_method = rs::LayoutMethod(m_methodBox->currentData().toInt());
        showMap();
    });
    connect(m_color, &QComboBox::activated, this, [this](int index) {
        MapColoring c;
        const QVariantList v = m_color->itemData(index).toList();
        if (v.size() == 2) {
            c.kind = MapColoring::Kind(v[0].toInt());
            c.genre = v[1].toString();
            c.factor = m_inspector->dimension() < 0 ? 0 : m_inspector->dimension();
        }
        setColoring(c);
    });
    connect(m_recompute, &QPushButton::clicked, this, [this] { showMap(true); });
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        if (!findItem(m_find->text()))
            m_message->showError(tr("No item matches \"%1\".").arg(m_find->text()));
    });
    connect(m_findCompleter, qOverload<const QString&>(&QCompleter::activated), this,
            [this](const QString& text) { findItem(text); });
    connect(m_userEdit, &QLineEdit::editingFinished, this,
            [this] { setUserId(m_userEdit->text().trimmed()); });
    for (QCheckBox* box : {m_showRated, m_showTop})
        connect(box, &QCheckBox::toggled, this, [this] { applyUser(); });
    connect(m_topN, &QSpinBox::valueChanged, this, [this] { applyUser(); });
    connect(m_showRare, &QCheckBox::toggled, this, [this] {
        applyHidden();
        setCurrentPoint(m_currentPoint);
    });
    connect(m_panTool, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_map->setDragMode(EmbeddingMap::DragMode::Pan);
    });
    connect(m_rectTool, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_map->setDragMode(EmbeddingMap::DragMode::Rectangle);
    });
    connect(m_lassoTool, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_map->setDragMode(EmbeddingMap::DragMode::Lasso);
    });
    return bar;
}

QWidget* EmbeddingPage::buildSidePanel() {
    m_panel = new EmbeddingSidePanel(m_inspector, this);
    connect(m_panel, &EmbeddingSidePanel::neighbourQueryChanged, this,
            [this] { setCurrentPoint(m_currentPoint); });
    connect(m_panel, &EmbeddingSidePanel::pointActivated, this, [this](quint32 row) {
        m_map->flyTo(int(row), 1.0);
        setCurrentPoint(int(row));
    });
    connect(m_panel, &EmbeddingSidePanel::selectNeighboursClicked, this,
            &EmbeddingPage::selectNeighbours);
    connect(m_panel, &EmbeddingSidePanel::whyClicked, this, &EmbeddingPage::explainCurrent);
    connect(m_panel, &EmbeddingSidePanel::toHeatmapClicked, this, [this] {
        if (m_ctx && m_side == rs::FactorSide::Items)
            emit showItemsInHeatmap(m_ctx->run.id, m_ctx->run.datasetId, selectedItems());
    });
    connect(m_panel, &EmbeddingSidePanel::toDatasetsClicked, this, [this] {
        if (m_ctx && m_side == rs::FactorSide::Items)
            emit showItemsInDatasets(m_ctx->run.datasetId, selectedItems());
    });
    connect(m_panel, &EmbeddingSidePanel::clearSelectionClicked, this,
            [this] { m_map->setSelection({}); });
    return m_panel;
}

QList<quint32> EmbeddingPage::selectedItems() const {
    QList<quint32> items;
    for (int i : m_map->selection())
        items << quint32(i);
    return items;
}

void EmbeddingPage::refreshRuns() {
    readRunCatalog(this, m_session.path(), m_runsGeneration,
                   [this](RunCatalog catalog) { runsArrived(std::move(catalog)); });
}

void EmbeddingPage::runsArrived(RunCatalog catalog) {
    if (!catalog.error.isEmpty())
        m_message->showError(tr("Cannot list the runs: %1").arg(catalog.error));
    const qint64 keep = currentRunId();
    m_catalog = std::move(catalog);
    fillRunBox(m_run, m_catalog, keep);
    if (currentRunId() != (m_ctx ? m_ctx->run.id : 0) && isVisible())
        showMap();
    emit runsLoaded();
}

qint64 EmbeddingPage::currentRunId() const {
    return m_run->currentIndex() >= 0 ? m_run->currentData().toLongLong() : 0;
}

bool EmbeddingPage::selectRun(qint64 runId) {
    const int index = m_run->findData(qlonglong(runId));
    if (index < 0)
        return false;
    m_run->setCurrentIndex(index);
    return true;
}

void EmbeddingPage::setSide(rs::FactorSide side) {
    m_sideBox->setCurrentIndex(m_sideBox->findData(int(side)));
}

void EmbeddingPage::setMethod(rs::LayoutMethod method) {
    m_methodBox->setCurrentIndex(m_methodBox->findData(int(method)));
}

void EmbeddingPage::setBusy(bool busy, const QString& status) {
    m_busy = busy;
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    if (busy) {
        m_progress->setValue(0);
        m_status->setText(status);
    }
    m_recompute->setEnabled(!busy);
}

void EmbeddingPage::showMap(bool recompute) {
    const qint64 runId = currentRunId();
    const quint64 generation = ++m_generation;
    m_message->clear();
    if (runId <= 0) {
        m_map->setPoints({});
        m_status->setText(tr("No trained runs in this workspace yet. Train a factor model "
                             "(biasedmf, svdpp, als, bpr) to explore its latent space."));
        emit mapReady(false);
        return;
    }
    setBusy(true, tr("Loading run %1…").arg(runId));
    rs::EmbeddingRequest request;
    request.side = m_side;
    request.method = m_method;
    request.useCache = !recompute;
    m_contexts.request(
        runId, this,
        [this, generation, request, runId](std::shared_ptr<const rs::RunContext> ctx,
                                           const QString& error) {
            if (generation != m_generation)
                return;
            if (!ctx) {
                spaceArrived(generation, nullptr, nullptr, {},
                             tr("Run %1 cannot be loaded: %2").arg(runId).arg(error), false);
                return;
            }
            const QString path = m_session.path();
            std::function<SpaceResult(const rs::Progress&)> work =
                [ctx, request, path](const rs::Progress& progress) {
                    return computeSpace(*ctx, request, path, progress);
                };
            setBusy(true, request.method == rs::LayoutMethod::Tsne
                              ? tr("Laying out the %1 of run %2 (t-SNE)…")
                                    .arg(QLatin1String(rs::factorSideName(request.side)))
                                    .arg(runId)
                              : tr("Projecting the %1 of run %2 (PCA)…")
                                    .arg(QLatin1String(rs::factorSideName(request.side)))
                                    .arg(runId));
            m_job = m_jobs.start<SpaceResult>(
                tr("Latent space map of run %1").arg(runId), std::move(work), this,
                [this, generation, ctx](SpaceResult r) {
                    spaceArrived(generation, ctx, std::move(r.space), std::move(r.profiles),
                                 r.error, r.cancelled);
                },
                QStringLiteral("embedding-page"));
        });
}

void EmbeddingPage::spaceArrived(quint64 generation, std::shared_ptr<const rs::RunContext> ctx,
                                 std::shared_ptr<const rs::EmbeddingSpace> space,
                                 std::vector<rs::FactorProfile> profiles, QString error,
                                 bool cancelled) {
    if (generation != m_generation)
        return;
    m_job = 0;
    setBusy(false);
    if (!space) {
        m_status->setText(cancelled ? tr("Layout cancelled.") : QString());
        if (!cancelled)
            m_message->showError(error);
        if (!m_space)
            m_map->setPoints({});
        emit mapReady(false);
        return;
    }
    const bool sameRun = m_ctx && ctx && m_ctx->run.id == ctx->run.id;
    m_ctx = std::move(ctx);
    m_space = std::move(space);
    m_currentPoint = -1;
    m_panel->setNeighbours({});
    m_panel->setPointTitle({});

    std::vector<rs::ui::MapPoint> points(m_space->size());
    QStringList titles;
    for (std::size_t i = 0; i < points.size(); ++i) {
        points[i].at = QPointF(m_space->layout.xy[2 * i], m_space->layout.xy[2 * i + 1]);
        points[i].label = pointLabel(int(i));
        if (m_side == rs::FactorSide::Items && i < m_ctx->items.size())
            titles << QString::fromStdString(m_ctx->items[i].title);
    }
    m_map->setPoints(std::move(points));
    applyHidden();
    static_cast<QStringListModel*>(m_findCompleter->model())->setStringList(titles);
    m_find->setEnabled(m_side == rs::FactorSide::Items);
    QStringList users;
    for (const auto& id : m_ctx->userIds)
        users << QString::fromStdString(id);
    static_cast<QStringListModel*>(m_userCompleter->model())->setStringList(users);
    if (!sameRun && m_userEdit->text().isEmpty() && !users.isEmpty())
        m_userEdit->setText(users.front());
    m_user = m_ctx->userIndex(m_userEdit->text().trimmed().toStdString());

    if (m_side == rs::FactorSide::Items)
        m_inspector->setProfiles(m_ctx, std::move(profiles));
    else
        m_inspector->clear(tr("The factor inspector describes the item factors: switch the map to "
                              "Items."));
    fillColorBox();
    applyStyle();
    applyUser();
    selectionChanged();

    const QLocale locale;
    const auto& layout = m_space->layout;
    QString how =
        layout.method == rs::LayoutMethod::Pca
            ? tr("PCA: axis 1 explains %1%, axis 2 %2% of the variance")
                  .arg(locale.toString(100 * layout.explained[0], 'f', 1))
                  .arg(locale.toString(100 * layout.explained[1], 'f', 1))
            : (m_space->fromCache ? tr("t-SNE (cached; computed in %1 s)")
                                        .arg(locale.toString(layout.seconds, 'f', 1))
                                  : tr("t-SNE computed in %1 s, KL divergence %2")
                                        .arg(locale.toString(layout.seconds, 'f', 1))
                                        .arg(locale.toString(layout.klDivergence, 'f', 3)));
    const QString fitted = m_space->fittedCount() < m_space->size()
                               ? tr(" (%1 with 5+ ratings laid out)")
                                     .arg(locale.toString(qlonglong(m_space->fittedCount())))
                               : QString();
    m_status->setText(tr("%1 %2%7 of run #%3 (%4, %5 factors) · %6")
                          .arg(locale.toString(qlonglong(m_space->size())))
                          .arg(QLatin1String(rs::factorSideName(m_side)))
                          .arg(m_ctx->run.id)
                          .arg(QString::fromStdString(m_ctx->run.model))
                          .arg(m_space->index->dimensions())
                          .arg(how, fitted));
    emit mapReady(true);
}

void EmbeddingPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    // The map is computed when the page is first shown (not at start-up).
    if (!m_space && !m_busy && currentRunId() > 0)
        showMap();
}

QString EmbeddingPage::pointLabel(int row) const {
    if (!m_ctx || !m_space)
        return {};
    const QLocale locale;
    const auto r = std::size_t(row);
    const QString count =
        locale.toString(r < m_space->popularity.size() ? m_space->popularity[r] : 0u);
    const QString mean =
        locale.toString(r < m_space->meanValue.size() ? m_space->meanValue[r] : 0.0f, 'f', 2);
    if (m_side == rs::FactorSide::Items && r < m_ctx->items.size())
        return tr("%1\n%2\n%3 ratings, mean %4")
            .arg(QString::fromStdString(m_ctx->items[r].title),
                 QString::fromStdString(m_ctx->items[r].genres), count, mean);
    return tr("User %1\n%2 ratings, mean %3")
        .arg(userIdText(*m_ctx, std::uint32_t(row)), count, mean);
}

void EmbeddingPage::applyHidden() {
    if (!m_space)
        return;
    std::vector<std::uint8_t> hidden(m_space->size(), 0);
    if (!m_showRare->isChecked())
        for (std::size_t i = 0; i < hidden.size() && i < m_space->fitted.size(); ++i)
            hidden[i] = m_space->fitted[i] ? 0 : 1;
    m_map->setHiddenPoints(hidden);
}

void EmbeddingPage::fillColorBox() {
    const QSignalBlocker block(m_color);
    m_color->clear();
    auto add = [this](const QString& text, MapColoring::Kind kind, const QString& genre = {}) {
        m_color->addItem(text, QVariantList{int(kind), genre});
    };
    if (m_side == rs::FactorSide::Items)
        add(tr("Main genre"), MapColoring::Kind::MainGenre);
    add(m_side == rs::FactorSide::Items ? tr("Popularity") : tr("Activity"),
        MapColoring::Kind::Popularity);
    add(tr("Mean rating"), MapColoring::Kind::MeanValue);
    if (m_side == rs::FactorSide::Items)
        add(tr("Release year"), MapColoring::Kind::Year);
    add(tr("Selected factor"), MapColoring::Kind::Factor);
    if (m_side == rs::FactorSide::Items && m_ctx)
        for (const QString& g : genresOf(*m_ctx))
            add(tr("Genre: %1").arg(g), MapColoring::Kind::OneGenre, g);
    for (int i = 0; i < m_color->count(); ++i) {
        const QVariantList v = m_color->itemData(i).toList();
        if (MapColoring::Kind(v[0].toInt()) == m_coloring.kind &&
            (m_coloring.kind != MapColoring::Kind::OneGenre ||
             v[1].toString() == m_coloring.genre)) {
            m_color->setCurrentIndex(i);
            return;
        }
    }
    m_coloring = {};
    m_coloring.kind = MapColoring::Kind(m_color->itemData(0).toList()[0].toInt());
    m_color->setCurrentIndex(0);
}

void EmbeddingPage::setColoring(const MapColoring& coloring) {
    m_coloring = coloring;
    if (coloring.kind == MapColoring::Kind::Factor)
        m_inspector->setDimension(coloring.factor);
    fillColorBox();
    applyStyle();
}

void EmbeddingPage::applyStyle() {
    if (!m_ctx || !m_space)
        return;
    MapStyle style = styleMap(*m_ctx, *m_space, m_coloring);
    m_map->setPointStyles(style.colors, style.radii);
    m_map->setLegend(std::move(style.legend));
}

bool EmbeddingPage::findItem(const QString& text) {
    if (!m_ctx || !m_space || m_side != rs::FactorSide::Items)
        return false;
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return false;
    int found = -1;
    const std::int64_t byId = m_ctx->itemIndex(needle.toStdString());
    if (byId >= 0)
        found = int(byId);
    for (std::size_t i = 0; found < 0 && i < m_ctx->items.size(); ++i)
        if (QString::fromStdString(m_ctx->items[i].title).compare(needle, Qt::CaseInsensitive) == 0)
            found = int(i);
    for (std::size_t i = 0; found < 0 && i < m_ctx->items.size(); ++i)
        if (QString::fromStdString(m_ctx->items[i].title).contains(needle, Qt::CaseInsensitive))
            found = int(i);
    if (found < 0 || found >= int(m_space->size()))
        return false;
    m_map->flyTo(found);
    setCurrentPoint(found);
    if (m_map->points()[std::size_t(found)].hidden)
        m_message->showInfo(
            tr("%1 has fewer than 5 ratings: it is placed next to its nearest "
               "neighbours and otherwise hidden (tick Rare to show such items).")
                .arg(QString::fromStdString(m_ctx->items[std::size_t(found)].title)));
    return true;
}

void EmbeddingPage::setCurrentPoint(int row) {
    if (!m_ctx || !m_space || row < 0 || row >= int(m_space->size()))
        return;
    m_currentPoint = row;
    m_panel->setPointTitle(pointLabel(row).replace(u'\n', QStringLiteral(" · ")));
    std::vector<int> marked = m_topItems;
    marked.push_back(row);
    m_map->setHighlightGroup(1, std::move(marked), QColor(0xd6, 0x27, 0x28));
    updateWhyButton();
    const quint64 generation = ++m_pointGeneration;
    const auto metric = m_panel->metric();
    const int count = m_panel->neighbourCount();
    const bool rare = m_showRare->isChecked();
    runInWorker(
        this,
        [ctx = m_ctx, space = m_space, row, metric, count, rare] {
            // Neighbours among the shown points: without "Rare", rows left out of the layout
            // (too few ratings to have meaningful factors) are skipped.
            return neighbourRows(*ctx, *space, std::uint32_t(row), metric, count, rare);
        },
        [this, generation](std::vector<ItemScoreRow> rows) {
            if (generation != m_pointGeneration)
                return;
            m_panel->setNeighbours(std::move(rows));
            emit neighboursReady();
        });
    // The point's factors next to the user's (items map) in the inspector's bars.
    const auto& rows = m_space->index->rows();
    std::vector<float> point(rows.row(row).data(), rows.row(row).data() + rows.cols());
    std::vector<float> user;
    if (m_side == rs::FactorSide::Items && m_user >= 0 && m_user < m_space->userFactors.rows()) {
        const Eigen::VectorXf u = m_space->userFactors.row(Eigen::Index(m_user)).transpose();
        user.assign(u.data(), u.data() + u.size());
    }
    const QString pointName =
        m_side == rs::FactorSide::Items && std::size_t(row) < m_ctx->items.size()
            ? QString::fromStdString(m_ctx->items[std::size_t(row)].title)
            : tr("user %1").arg(userIdText(*m_ctx, std::uint32_t(row)));
    const QString userLabel = user.empty() ? QString() : tr("user %1").arg(m_userEdit->text());
    m_inspector->setVectors(userLabel, std::move(user), pointName, std::move(point));
}

void EmbeddingPage::setUserId(const QString& userId) {
    if (m_userEdit->text() != userId)
        m_userEdit->setText(userId);
    if (!m_ctx)
        return;
    m_user = userId.isEmpty() ? -1 : m_ctx->userIndex(userId.toStdString());
    if (!userId.isEmpty() && m_user < 0)
        m_message->showError(
            tr("User %1 is not in the dataset of run %2.").arg(userId).arg(m_ctx->run.id));
    applyUser();
    updateWhyButton();
    if (m_currentPoint >= 0)
        setCurrentPoint(m_currentPoint);
}

void EmbeddingPage::applyUser() {
    if (!m_ctx || !m_space || m_side != rs::FactorSide::Items || m_user < 0) {
        m_topItems.clear();
        m_map->setHighlightGroup(0, {});
        m_map->clearMarker();
        if (m_space && m_side == rs::FactorSide::Users && m_user >= 0 &&
            m_user < qint64(m_space->size()))
            m_map->setHighlightGroup(0, {int(m_user)}, QColor(0xd6, 0x27, 0x28));
        return;
    }
    const quint64 generation = ++m_userGeneration;
    const bool rated = m_showRated->isChecked(), top = m_showTop->isChecked();
    const int n = m_topN->value();
    runInWorker(
        this,
        [ctx = m_ctx, space = m_space, user = std::uint32_t(m_user), rated, top, n] {
            return userViewOf(*ctx, *space, user, rated, top ? n : 0);
        },
        [this, generation](UserView v) {
            if (generation != m_userGeneration)
                return;
            m_map->setHighlightGroup(0, std::move(v.rated), QColor(20, 20, 20));
            m_topItems = v.top;
            std::vector<int> both = std::move(v.top);
            if (m_currentPoint >= 0)
                both.push_back(m_currentPoint);
            m_map->setHighlightGroup(1, std::move(both), QColor(0xd6, 0x27, 0x28));
            if (v.placed)
                m_map->setMarker(QPointF(v.x, v.y), tr("user %1").arg(m_userEdit->text()));
            else
                m_map->clearMarker();
        });
}

void EmbeddingPage::selectNeighbours() {
    std::vector<int> rows;
    for (const ItemScoreRow& r : m_panel->neighbourModel()->rows())
        rows.push_back(int(r.item));
    if (m_currentPoint >= 0)
        rows.push_back(m_currentPoint);
    m_map->setSelection(std::move(rows));
    m_panel->setCurrentIndex(EmbeddingSidePanel::SelectionTab);
}

void EmbeddingPage::selectionChanged() {
    std::vector<ItemScoreRow> rows;
    if (m_ctx && m_space)
        for (int i : m_map->selection())
            rows.push_back(pointRow(*m_ctx, *m_space, std::uint32_t(i),
                                    float(std::size_t(i) < m_space->popularity.size()
                                              ? m_space->popularity[std::size_t(i)]
                                              : 0)));
    m_panel->setSelection(std::move(rows), m_side == rs::FactorSide::Items);
}

void EmbeddingPage::updateWhyButton() {
    const bool ok = m_ctx && m_side == rs::FactorSide::Items && m_user >= 0 && m_currentPoint >= 0;
    m_panel->setWhyEnabled(ok, ok ? tr("Why would run %1 recommend this item to user %2?")
                                        .arg(m_ctx->run.id)
                                        .arg(m_userEdit->text())
                                  : tr("Enter a user and click an item to explain its score"));
}

void EmbeddingPage::explainCurrent() {
    if (m_ctx && m_side == rs::FactorSide::Items && m_user >= 0 && m_currentPoint >= 0)
        emit explainRequested(m_ctx->run.id, quint32(m_user), quint32(m_currentPoint));
}

bool EmbeddingPage::exportMap(const QString& path, const QString& format, QString* error) {
    if (!m_ctx || !m_space) {
        if (error)
            *error = tr("there is no map to export");
        return false;
    }
    if (format == QLatin1String("png"))
        return m_map->exportPng(path, error);
    if (format == QLatin1String("svg"))
        return m_map->exportSvg(path,
                                tr("RecScope latent space of run %1 (%2)")
                                    .arg(m_ctx->run.id)
                                    .arg(QString::fromStdString(m_ctx->run.model)),
                                error);
    std::ostringstream csv;
    rs::writeLayoutCsv(csv, *m_ctx, *m_space, m_map->selection());
    QSaveFile file(path);
    const std::string text = csv.str();
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) < 0 ||
        !file.commit()) {
        if (error)
            *error = tr("could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

ItemScoreModel* EmbeddingPage::neighbourModel() const {
    return m_panel->neighbourModel();
}

ItemScoreModel* EmbeddingPage::selectionModel() const {
    return m_panel->selectionModel();
}

QPushButton* EmbeddingPage::whyButton() const {
    return m_panel->whyButton();
}

QTabWidget* EmbeddingPage::sideTabs() const {
    return m_panel;
}

} // namespace rs::ui
