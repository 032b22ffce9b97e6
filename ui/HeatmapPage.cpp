#include "HeatmapPage.h"

#include "CompactControls.h"
#include "RunCatalog.h"

#include "HeatmapWidget.h"
#include "InlineMessage.h"
#include "RunContextCache.h"
#include "WorkspaceSession.h"

#include "store/DatasetStore.h"
#include "store/RunStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QSpinBox>
#include <QSplitter>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

namespace rs::ui {

namespace {

QString methodText(rs::EvidenceMethod method) {
    switch (method) {
    case rs::EvidenceMethod::ExactTerms:
        return QObject::tr("exact score terms");
    case rs::EvidenceMethod::Resolve:
        return QObject::tr("score change when the rating is removed (re-solved)");
    case rs::EvidenceMethod::None:
        break;
    }
    return QObject::tr("no per-rating evidence");
}

QString number(double v) {
    return std::isnan(v) ? QObject::tr("n/a") : QString::number(v, 'f', 2);
}

const rs::GridComparison::Pair* pairOf(const HeatmapResult& r, std::size_t a, std::size_t b) {
    for (const auto& p : r.pairs)
        if (p.first == a && p.second == b)
            return &p;
    return nullptr;
}

} // namespace

HeatmapPage::HeatmapPage(WorkspaceSession& session, JobRunner& jobs, RunContextCache& contexts,
                         QWidget* parent)
    : QWidget(parent), m_session(session), m_jobs(jobs), m_contexts(contexts),
      m_message(new InlineMessage(this)), m_status(new QLabel(this)), m_agreement(new QLabel(this)),
      m_panes(new QSplitter(Qt::Horizontal, this)) {
    setObjectName(QStringLiteral("heatmapPage"));
    m_status->setObjectName(QStringLiteral("heatmapStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_agreement->setObjectName(QStringLiteral("heatmapAgreement"));
    m_agreement->setWordWrap(true);
    m_agreement->hide();

    for (int i = 0; i < kMaxCompared; ++i) {
        auto* pane = new QWidget(m_panes);
        auto* layout = new QVBoxLayout(pane);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2);
        m_titles[std::size_t(i)] = new QLabel(pane);
        m_titles[std::size_t(i)]->setObjectName(QStringLiteral("heatmapTitle%1").arg(i));
        QFont bold = m_titles[std::size_t(i)]->font();
        bold.setBold(true);
        m_titles[std::size_t(i)]->setFont(bold);
        // A long title wraps rather than widening its pane (the runs share the width).
        m_titles[std::size_t(i)]->setWordWrap(true);
        m_titles[std::size_t(i)]->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        auto* map = new HeatmapWidget(pane);
        map->setObjectName(QStringLiteral("heatmap%1").arg(i));
        map->setPlaceholderText(
            tr("Pick a run and a user, then Show: rows are the user's history items, columns "
               "the items the model recommends, colours how much each rating counted."));
        layout->addWidget(m_titles[std::size_t(i)]);
        layout->addWidget(map, 1);
        m_paneWidgets[std::size_t(i)] = pane;
        m_maps[std::size_t(i)] = map;
        m_panes->addWidget(pane);
        m_panes->setStretchFactor(i, 1); // resizing keeps the runs' shares of the width
        pane->setVisible(i == 0);
        connect(map, &HeatmapWidget::cellActivated, this, [this, i](quint32 row, quint32 column) {
            if (std::size_t(i) < m_result.grids.size() && i < m_resultRuns.size())
                emit cellActivated(m_resultRuns[i], m_result.grids[std::size_t(i)].user, row,
                                   column);
        });
    }
    m_titles[0]->hide();
    // Followers take the first heatmap's order, zoom and scroll position.
    connect(m_maps[0], &HeatmapWidget::orderChanged, this, &HeatmapPage::syncFollowers);
    for (int i = 0; i < kMaxCompared; ++i)
        for (int j = 0; j < kMaxCompared; ++j) {
            if (i == j)
                continue;
            HeatmapWidget* a = m_maps[std::size_t(i)];
            HeatmapWidget* b = m_maps[std::size_t(j)];
            connect(a, &HeatmapWidget::zoomChanged, b, &HeatmapWidget::setZoom);
            connect(a->horizontalScrollBar(), &QScrollBar::valueChanged, b->horizontalScrollBar(),
                    &QScrollBar::setValue);
            connect(a->verticalScrollBar(), &QScrollBar::valueChanged, b->verticalScrollBar(),
                    &QScrollBar::setValue);
        }

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(buildControls());
    layout->addWidget(buildViewControls());
    layout->addWidget(m_message);
    layout->addWidget(m_status);
    layout->addWidget(m_agreement);
    m_limitBar = new QWidget(this);
    m_limitBar->setObjectName(QStringLiteral("heatmapLimitBar"));
    {
        auto* row = new QHBoxLayout(m_limitBar);
        row->setContentsMargins(0, 0, 0, 0);
        m_limitLabel = new QLabel(m_limitBar);
        m_limitLabel->setObjectName(QStringLiteral("heatmapLimitLabel"));
        auto* clear = new QPushButton(tr("Show all rows"), m_limitBar);
        clear->setObjectName(QStringLiteral("heatmapLimitClear"));
        row->addWidget(m_limitLabel, 1);
        row->addWidget(clear);
        connect(clear, &QPushButton::clicked, this, [this] { limitRowsToItems(0, {}); });
    }
    m_limitBar->hide();
    layout->addWidget(m_limitBar);
    layout->addWidget(m_panes, 1);

    connect(&m_session, &WorkspaceSession::workspaceChanged, this, [this] {
        ++m_generation;
        m_explainers.clear();
        m_result = {};
        m_resultRuns.clear();
        for (HeatmapWidget* map : m_maps)
            map->setGrid({});
        m_message->clear();
        m_status->clear();
        m_agreement->hide();
        setBusy(false);
        refreshRuns();
    });
    connect(&m_session, &WorkspaceSession::runsChanged, this, [this] { refreshRuns(); });
    refreshRuns();
}

QWidget* HeatmapPage::buildControls() {
    // Two rows: what to show; what to compare it with.
    const TwoRowBar rows = twoRowBar(this);
    QWidget* bar = rows.bar;
    QHBoxLayout* row = rows.top;
    QHBoxLayout* compareRow = rows.bottom;
    m_run = compactComboBox(bar, QStringLiteral("heatmapRun"), 16);
    m_user = new QLineEdit(bar);
    m_user->setObjectName(QStringLiteral("heatmapUser"));
    m_user->setPlaceholderText(tr("user id"));
    m_user->setMaximumWidth(100);
    m_userCompleter = new QCompleter(new QStringListModel(this), this);
    m_userCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    m_user->setCompleter(m_userCompleter);
    m_topN = new QSpinBox(bar);
    m_topN->setObjectName(QStringLiteral("heatmapTopN"));
    m_topN->setRange(1, 200);
    m_topN->setValue(20);
    m_show = new QPushButton(tr("Show"), bar);
    m_show->setObjectName(QStringLiteral("heatmapShow"));
    m_show->setDefault(true);
    m_modeBox = new QComboBox(bar);
    m_modeBox->setObjectName(QStringLiteral("heatmapMode"));
    m_modeBox->addItem(tr("Contribution"));
    m_modeBox->addItem(tr("Weight"));
    m_modeBox->setToolTip(
        tr("Contribution: how much each rating moved the score (red up, blue down).\n"
           "Weight: the attention weight the model gave each rating (attention models such as\n"
           "NAIS), else each rating's share of the column's total |evidence|."));
    m_compare = new QCheckBox(tr("Compare with"), bar);
    m_compare->setObjectName(QStringLiteral("heatmapCompare"));

    row->addWidget(new QLabel(tr("Run:"), bar));
    row->addWidget(m_run, 2);
    row->addWidget(new QLabel(tr("User:"), bar));
    row->addWidget(m_user);
    row->addWidget(new QLabel(tr("Top N:"), bar));
    row->addWidget(m_topN);
    row->addWidget(m_show);
    row->addSpacing(12);
    row->addWidget(new QLabel(tr("Values:"), bar));
    row->addWidget(m_modeBox);
    compareRow->addWidget(m_compare);
    for (std::size_t k = 0; k < m_compareRuns.size(); ++k) {
        m_compareRuns[k] =
            compactComboBox(bar, QStringLiteral("heatmapCompareRun%1").arg(k + 1), 12);
        m_compareRuns[k]->setEnabled(false);
        compareRow->addWidget(m_compareRuns[k], 1);
    }
    compareRow->addStretch(1);

    connect(m_run, &QComboBox::currentIndexChanged, this, &HeatmapPage::currentRunChanged);
    connect(m_show, &QPushButton::clicked, this, &HeatmapPage::showHeatmap);
    connect(m_user, &QLineEdit::returnPressed, this, &HeatmapPage::showHeatmap);
    connect(m_modeBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setMode(index == 1 ? Mode::Weight : Mode::Contribution); });
    connect(m_compare, &QCheckBox::toggled, this, [this](bool on) {
        for (QComboBox* box : m_compareRuns)
            box->setEnabled(on);
    });
    return bar;
}

QWidget* HeatmapPage::buildViewControls() {
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_rowSort = new QComboBox(bar);
    m_rowSort->setObjectName(QStringLiteral("heatmapRowSort"));
    m_rowSort->addItem(tr("history order"), int(HeatmapWidget::RowSort::History));
    m_rowSort->addItem(tr("total |evidence|"), int(HeatmapWidget::RowSort::Total));
    m_rowSort->addItem(tr("time rated (newest first)"), int(HeatmapWidget::RowSort::Time));
    m_rowSort->addItem(tr("genre"), int(HeatmapWidget::RowSort::Genre));
    m_rowSort->addItem(tr("title"), int(HeatmapWidget::RowSort::Title));
    m_rowSort->setCurrentIndex(1);
    m_columnSort = new QComboBox(bar);
    m_columnSort->setObjectName(QStringLiteral("heatmapColumnSort"));
    m_columnSort->addItem(tr("recommendation rank"), int(HeatmapWidget::ColumnSort::Given));
    m_columnSort->addItem(tr("total |evidence|"), int(HeatmapWidget::ColumnSort::Total));
    m_columnSort->addItem(tr("genre"), int(HeatmapWidget::ColumnSort::Genre));
    m_columnSort->addItem(tr("title"), int(HeatmapWidget::ColumnSort::Title));
    m_filter = new QLineEdit(bar);
    m_filter->setObjectName(QStringLiteral("heatmapFilter"));
    m_filter->setPlaceholderText(tr("Filter history by title, genre or id…"));
    m_filter->setClearButtonEnabled(true);
    m_maps[0]->setRowSort(HeatmapWidget::RowSort::Total);

    auto tool = [bar](const QString& text, const QString& tip) {
        auto* b = new QToolButton(bar);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    QToolButton* zoomOut = tool(QStringLiteral("−"), tr("Zoom out (−, Ctrl+wheel)"));
    QToolButton* zoomIn = tool(QStringLiteral("+"), tr("Zoom in (+, Ctrl+wheel)"));
    QToolButton* fit = tool(tr("Fit"), tr("Fit every cell in view (0)"));
    m_export = tool(tr("Export"), tr("Save the heatmap as PNG, SVG or CSV"));
    m_export->setObjectName(QStringLiteral("heatmapExport"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_export);
    menu->addAction(tr("PNG image…"), this, [this] { exportHeatmap(QStringLiteral("png")); });
    menu->addAction(tr("SVG drawing…"), this, [this] { exportHeatmap(QStringLiteral("svg")); });
    menu->addAction(tr("CSV matrix…"), this, [this] { exportHeatmap(QStringLiteral("csv")); });
    m_export->setMenu(menu);

    row->addWidget(new QLabel(tr("Rows by:"), bar));
    row->addWidget(m_rowSort);
    row->addWidget(new QLabel(tr("Columns by:"), bar));
    row->addWidget(m_columnSort);
    row->addWidget(m_filter, 1);
    row->addWidget(zoomOut);
    row->addWidget(zoomIn);
    row->addWidget(fit);
    row->addWidget(m_export);

    connect(m_rowSort, &QComboBox::currentIndexChanged, this, [this] {
        m_maps[0]->setRowSort(HeatmapWidget::RowSort(m_rowSort->currentData().toInt()));
    });
    connect(m_columnSort, &QComboBox::currentIndexChanged, this, [this] {
        m_maps[0]->setColumnSort(HeatmapWidget::ColumnSort(m_columnSort->currentData().toInt()));
    });
    connect(m_filter, &QLineEdit::textChanged, m_maps[0], &HeatmapWidget::setRowFilter);
    connect(zoomOut, &QToolButton::clicked, this, [this] { m_maps[0]->zoomBy(0.8); });
    connect(zoomIn, &QToolButton::clicked, this, [this] { m_maps[0]->zoomBy(1.25); });
    connect(fit, &QToolButton::clicked, this, [this] { m_maps[0]->zoomToFit(); });
    return bar;
}

void HeatmapPage::refreshRuns() {
    readRunCatalog(this, m_session.path(), m_runsGeneration,
                   [this](RunCatalog catalog) { runsArrived(std::move(catalog)); });
}

QString HeatmapPage::runLabel(const rs::RunInfo& run) const {
    return tr("#%1 %2 · %3")
        .arg(run.id)
        .arg(runModelText(run), m_catalog.datasetName(run.datasetId));
}

void HeatmapPage::runsArrived(RunCatalog catalog) {
    if (!catalog.error.isEmpty())
        m_message->showError(tr("Cannot list the runs: %1").arg(catalog.error));
    const qint64 keep = currentRunId();
    m_catalog = std::move(catalog);
    // Explainers of runs that no longer exist go.
    QSet<qint64> ids;
    for (const auto& r : m_catalog.runs)
        ids.insert(r.id);
    for (auto it = m_explainers.begin(); it != m_explainers.end();)
        it = ids.contains(it.key()) ? std::next(it) : m_explainers.erase(it);
    fillRunBox(m_run, m_catalog, keep, [this](const rs::RunInfo& r) { return runLabel(r); });
    if (m_catalog.runs.empty())
        m_maps[0]->setPlaceholderText(
            tr("No trained runs in this workspace yet. Train a model, then come back to see "
               "which history items it relied on."));
    currentRunChanged();
    emit runsLoaded();
}

qint64 HeatmapPage::currentRunId() const {
    return m_run->currentIndex() >= 0 ? m_run->currentData().toLongLong() : 0;
}

bool HeatmapPage::selectRun(qint64 runId) {
    const int index = m_run->findData(qlonglong(runId));
    if (index < 0)
        return false;
    m_run->setCurrentIndex(index);
    return true;
}

void HeatmapPage::limitRowsToItems(qint64 datasetId, const QList<quint32>& items) {
    if (items.isEmpty()) {
        m_limitDataset = 0;
        m_maps[0]->setRowItems(std::nullopt);
        m_limitBar->hide();
        syncFollowers();
        return;
    }
    m_limitDataset = datasetId;
    m_maps[0]->setRowItems(QSet<quint32>(items.begin(), items.end()));
    m_limitLabel->setText(
        tr("History rows limited to the %n item(s) selected on the latent-space map.", nullptr,
           int(items.size())));
    m_limitBar->show();
    syncFollowers();
}

bool HeatmapPage::rowsLimited() const {
    return m_maps[0]->content().rowItems().has_value();
}

void HeatmapPage::currentRunChanged() {
    // A map selection belongs to one dataset: another dataset's run shows every row again.
    if (m_limitDataset != 0) {
        const rs::RunInfo* run = m_catalog.find(currentRunId());
        if (!run || run->datasetId != m_limitDataset)
            limitRowsToItems(0, {});
    }
    fillCompareBoxes();
    const qint64 runId = currentRunId();
    if (runId <= 0 || runId == m_completerRun)
        return;
    // Load the context early (shared with the other views) and offer its user ids.
    m_contexts.request(
        runId, this, [this, runId](std::shared_ptr<const rs::RunContext> ctx, const QString&) {
            if (!ctx || runId != currentRunId())
                return;
            m_completerRun = runId;
            QStringList ids;
            ids.reserve(qsizetype(ctx->userIds.size()));
            for (const auto& id : ctx->userIds)
                ids << QString::fromStdString(id);
            static_cast<QStringListModel*>(m_userCompleter->model())->setStringList(ids);
            if (m_user->text().isEmpty() && !ids.isEmpty())
                m_user->setText(ids.front());
        });
}

void HeatmapPage::fillCompareBoxes() {
    const qint64 runId = currentRunId();
    qint64 dataset = 0;
    for (const auto& r : m_catalog.runs)
        if (r.id == runId)
            dataset = r.datasetId;
    for (std::size_t k = 0; k < m_compareRuns.size(); ++k) {
        QComboBox* box = m_compareRuns[k];
        const qint64 keep = box->currentData().toLongLong();
        const QSignalBlocker block(box);
        box->clear();
        if (k > 0)
            box->addItem(tr("(no third run)"), qlonglong(0));
        for (const auto& r : m_catalog.runs)
            if (r.datasetId == dataset && r.id != runId)
                box->addItem(runLabel(r), qlonglong(r.id));
        const int index = box->findData(qlonglong(keep));
        box->setCurrentIndex(index >= 0 ? index : 0);
    }
}

void HeatmapPage::setUserId(const QString& userId) {
    m_user->setText(userId);
}

void HeatmapPage::setTopN(int n) {
    m_topN->setValue(n);
}

void HeatmapPage::setCompareMode(bool on) {
    m_compare->setChecked(on);
}

bool HeatmapPage::compareMode() const {
    return m_compare->isChecked();
}

bool HeatmapPage::setCompareRuns(const QList<qint64>& runIds) {
    if (runIds.isEmpty() || runIds.size() > kMaxCompared - 1)
        return false;
    for (std::size_t k = 0; k < m_compareRuns.size(); ++k) {
        const qint64 id = k < std::size_t(runIds.size()) ? runIds[qsizetype(k)] : 0;
        const int index = m_compareRuns[k]->findData(qlonglong(id));
        if (index < 0)
            return false;
        m_compareRuns[k]->setCurrentIndex(index);
    }
    setCompareMode(true);
    return true;
}

QList<qint64> HeatmapPage::selectedRuns() const {
    QList<qint64> ids;
    if (currentRunId() > 0)
        ids << currentRunId();
    if (!compareMode() || ids.isEmpty())
        return ids;
    for (QComboBox* box : m_compareRuns) {
        const qint64 id = box->currentData().toLongLong();
        if (id > 0 && !ids.contains(id))
            ids << id;
    }
    return ids;
}

void HeatmapPage::setBusy(bool busy) {
    m_busy = busy;
    m_show->setText(busy ? tr("Computing…") : tr("Show"));
}

void HeatmapPage::showHeatmap() {
    const QList<qint64> runIds = selectedRuns();
    const QString userId = m_user->text().trimmed();
    if (runIds.isEmpty()) {
        m_message->showError(tr("Pick a trained run first."));
        emit heatmapFinished(false);
        return;
    }
    if (userId.isEmpty()) {
        m_message->showError(tr("Enter a user id."));
        emit heatmapFinished(false);
        return;
    }
    if (compareMode() && runIds.size() < 2) {
        m_message->showError(
            tr("Compare needs another run of the same dataset; train a second model first."));
        emit heatmapFinished(false);
        return;
    }
    m_message->clear();
    const quint64 generation = ++m_generation;
    setBusy(true);
    m_status->setText(tr("Loading %n run(s)…", nullptr, int(runIds.size())));
    struct Pending {
        std::vector<std::shared_ptr<const rs::RunContext>> contexts;
        int missing = 0;
        QString error;
    };
    auto pending = std::make_shared<Pending>();
    pending->contexts.resize(std::size_t(runIds.size()));
    pending->missing = int(runIds.size());
    for (qsizetype i = 0; i < runIds.size(); ++i) {
        m_contexts.request(runIds[i], this,
                           [this, pending, i, generation, runIds](
                               std::shared_ptr<const rs::RunContext> ctx, const QString& error) {
                               pending->contexts[std::size_t(i)] = ctx;
                               if (!ctx && pending->error.isEmpty())
                                   pending->error =
                                       tr("Run %1 cannot be loaded: %2").arg(runIds[i]).arg(error);
                               if (--pending->missing > 0 || generation != m_generation)
                                   return;
                               if (!pending->error.isEmpty()) {
                                   setBusy(false);
                                   m_status->clear();
                                   m_message->showError(pending->error);
                                   emit heatmapFinished(false);
                                   return;
                               }
                               contextsReady(generation, runIds, pending->contexts);
                           });
    }
}

void HeatmapPage::contextsReady(quint64 generation, QList<qint64> runIds,
                                std::vector<std::shared_ptr<const rs::RunContext>> contexts) {
    const QString userId = m_user->text().trimmed();
    const std::int64_t user = contexts[0]->userIndex(userId.toStdString());
    if (user < 0) {
        setBusy(false);
        m_status->clear();
        m_message->showError(
            tr("User %1 is not in the dataset of run %2.").arg(userId).arg(runIds[0]));
        emit heatmapFinished(false);
        return;
    }
    HeatmapRequest request;
    request.workspacePath = m_session.path();
    request.contexts = std::move(contexts);
    for (qint64 id : runIds)
        request.explainers.push_back(m_explainers.value(id));
    request.user = std::uint32_t(user);
    request.topN = m_topN->value();
    m_status->setText(tr("Explaining the top %1 of user %2…").arg(request.topN).arg(userId));
    std::function<HeatmapResult(const rs::Progress&)> work =
        [request](const rs::Progress& progress) { return computeHeatmaps(request, progress); };
    m_jobs.start<HeatmapResult>(
        tr("Evidence heatmap of user %1").arg(userId), std::move(work), this,
        [this, generation, runIds](HeatmapResult r) {
            resultArrived(generation, runIds, std::move(r));
        },
        QStringLiteral("heatmap-page"));
}

void HeatmapPage::resultArrived(quint64 generation, QList<qint64> runIds, HeatmapResult r) {
    if (generation != m_generation)
        return;
    setBusy(false);
    for (qsizetype i = 0; i < runIds.size() && std::size_t(i) < r.explainers.size(); ++i)
        if (r.explainers[std::size_t(i)])
            m_explainers.insert(runIds[i], r.explainers[std::size_t(i)]);
    if (!r.error.isEmpty() || r.cancelled) {
        m_status->clear();
        if (r.cancelled)
            m_message->showInfo(tr("The heatmap was cancelled."));
        else
            m_message->showError(r.error);
        emit heatmapFinished(false);
        return;
    }
    m_result = std::move(r);
    m_result.explainers.clear(); // kept in m_explainers
    m_resultRuns = runIds;
    const auto& first = m_result.grids.front();
    QString status = tr("%1 (run %2), user %3: %4 history items × %5 items; evidence: %6; "
                        "computed in %7 s.")
                         .arg(QString::fromStdString(first.model))
                         .arg(first.runId)
                         .arg(QString::fromStdString(first.userId))
                         .arg(first.rowCount())
                         .arg(first.columnCount())
                         .arg(methodText(first.method))
                         .arg(first.seconds, 0, 'f', 2);
    if (!first.note.empty())
        status += QLatin1Char(' ') + QString::fromStdString(first.note);
    m_status->setText(status);
    if (first.method == rs::EvidenceMethod::None)
        m_message->showInfo(tr("%1 has no per-rating evidence: its scores do not depend on "
                               "individual history items, so every cell is 0.")
                                .arg(QString::fromStdString(first.model)));

    const bool compare = m_result.grids.size() > 1;
    QStringList agreement;
    // Every result starts with the runs sharing the width equally.
    const int shownPanes = int(std::min<std::size_t>(m_result.grids.size(), kMaxCompared));
    for (std::size_t i = 0; i < std::size_t(kMaxCompared); ++i) {
        const bool shown = i < m_result.grids.size();
        m_paneWidgets[i]->setVisible(shown);
        m_titles[i]->setVisible(compare && shown);
        if (shown)
            m_titles[i]->setText(tr("Run %1 · %2 · %3")
                                     .arg(m_result.grids[i].runId)
                                     .arg(QString::fromStdString(m_result.grids[i].model),
                                          methodText(m_result.grids[i].method)));
    }
    if (shownPanes > 0) {
        const int share = std::max(1, m_panes->width() / shownPanes);
        QList<int> sizes;
        for (int i = 0; i < kMaxCompared; ++i)
            sizes << (i < shownPanes ? share : 0);
        m_panes->setSizes(sizes);
    }
    for (const auto& p : m_result.pairs)
        agreement << tr("%1 vs %2: mean ρ %3")
                         .arg(QString::fromStdString(m_result.grids[p.first].model),
                              QString::fromStdString(m_result.grids[p.second].model),
                              number(p.mean));
    m_agreement->setVisible(compare);
    m_agreement->setText(tr("Agreement of the evidence (Spearman ρ of each column over the "
                            "history items both runs share; 1 = same order, 0 = unrelated, "
                            "−1 = reversed): %1")
                             .arg(agreement.join(QStringLiteral("; "))));
    m_maps[0]->setBandReserved(compare);
    applyMode();
    // A new grid opens at a size that fills the pane (never below 16 px cells, at most 48).
    m_maps[0]->zoomToFit(1.0, 3.0);
    syncFollowers();
    emit heatmapFinished(true);
}

void HeatmapPage::setMode(Mode mode) {
    m_mode = mode;
    {
        const QSignalBlocker block(m_modeBox);
        m_modeBox->setCurrentIndex(mode == Mode::Weight ? 1 : 0);
    }
    applyMode();
}

void HeatmapPage::applyMode() {
    const auto& grids = m_mode == Mode::Weight ? m_result.weights : m_result.grids;
    for (std::size_t i = 0; i < grids.size() && i < std::size_t(kMaxCompared); ++i) {
        const bool signedValues = m_result.grids[i].signedValues;
        const QString label =
            m_mode == Mode::Weight
                ? (m_result.grids[i].hasAttention() ? tr("attention weight") : tr("evidence share"))
            : signedValues ? tr("contribution to the score")
                           : tr("evidence weight");
        m_maps[i]->setGrid(grids[i], label);
        if (i > 0)
            if (const auto* p = pairOf(m_result, 0, i))
                m_maps[i]->setColumnAnnotation(tr("ρ vs run %1").arg(m_result.grids[0].runId),
                                               p->perColumn);
    }
    syncFollowers();
}

void HeatmapPage::syncFollowers() {
    for (std::size_t i = 1; i < m_result.grids.size() && i < std::size_t(kMaxCompared); ++i) {
        m_maps[i]->setRowOrder(m_maps[0]->content().rowOrder());
        m_maps[i]->setColumnOrder(m_maps[0]->content().columnOrder());
        m_maps[i]->setZoom(m_maps[0]->zoom());
        m_maps[i]->horizontalScrollBar()->setValue(m_maps[0]->horizontalScrollBar()->value());
        m_maps[i]->verticalScrollBar()->setValue(m_maps[0]->verticalScrollBar()->value());
    }
}

void HeatmapPage::exportHeatmap(const QString& format) {
    HeatmapWidget* map = m_maps[0];
    for (HeatmapWidget* m : m_maps)
        if (m->hasFocus() && !m->content().isEmpty())
            map = m;
    if (map->content().isEmpty()) {
        m_message->showError(tr("Show a heatmap before exporting it."));
        return;
    }
    const auto& grid = map->grid();
    const QString suggested = QStringLiteral("heatmap-run%1-user%2.%3")
                                  .arg(grid.runId)
                                  .arg(QString::fromStdString(grid.userId), format);
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export heatmap"), suggested,
                                     format == QLatin1String("csv")   ? tr("CSV files (*.csv)")
                                     : format == QLatin1String("svg") ? tr("SVG drawings (*.svg)")
                                                                      : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = format == QLatin1String("csv")   ? map->exportCsv(path, &error)
                    : format == QLatin1String("svg") ? map->exportSvg(path, &error)
                                                     : map->exportPng(path, &error);
    if (ok)
        m_message->showMessage(InlineMessage::Kind::Success, tr("Saved %1").arg(path));
    else
        m_message->showError(tr("Export failed: %1").arg(error));
}

} // namespace rs::ui
