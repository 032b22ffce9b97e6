#include "RunsPage.h"

#include "CompactControls.h"
#include "InlineMessage.h"
#include "JobRunner.h"
#include "LossChart.h"
#include "MetricFormat.h"
#include "MetricHistogram.h"
#include "RunCatalog.h"
#include "RunContextCache.h"
#include "RunSegmentTable.h"
#include "RunsTableModel.h"
#include "WorkerCall.h"
#include "WorkspaceSession.h"

#include "eval/PopularitySegments.h"
#include "eval/ValueDistribution.h"
#include "store/RunStore.h"
#include "store/Workspace.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace rs::ui {

namespace {

constexpr int kHistogramBins = 20;

struct RunDetails {
    std::vector<rs::EpochRecord> epochs;
    QStringList metrics;
    QString error;
};

struct UserMetricResult {
    rs::ValueDistribution distribution;
    QString error;
};

struct SegmentResult {
    rs::SeriesSegmentReport report;
    QString error;
};

/// The stored series shown per activity segment: ARP, LongTail and the first NDCG@K.
std::vector<std::string> segmentSeriesNames(const QStringList& metrics) {
    std::vector<std::string> names;
    for (const char* name : {"ARP", "LongTail"})
        if (metrics.contains(QLatin1String(name)))
            names.emplace_back(name);
    for (const QString& name : metrics)
        if (name.startsWith(QLatin1String("NDCG@"))) {
            names.push_back(name.toStdString());
            break;
        }
    return names;
}

} // namespace

RunsPage::RunsPage(WorkspaceSession& session, JobRunner& jobs, RunContextCache& contexts,
                   QWidget* parent)
    : QWidget(parent), m_session(session), m_jobs(jobs), m_contexts(contexts),
      m_model(new RunsTableModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_message(new InlineMessage(this)) {
    setObjectName(QStringLiteral("runsPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunsTableModel::SortRole);
    m_proxy->setFilterRole(RunsTableModel::DatasetIdRole);
    m_proxy->setFilterKeyColumn(RunsTableModel::Run);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("runsTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RunsTableModel::Run, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->horizontalHeader()->setSectionsMovable(true);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(buildToolbar());
    topLayout->addWidget(m_confirm);
    topLayout->addWidget(m_table, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(buildDetails());
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({330, 420});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RunsPage::currentChanged);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (const qint64 id = index.data(RunsTableModel::RunIdRole).toLongLong())
            emit showRecommendationsRequested(id);
    });
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const qint64 id = runAt(pos);
        if (!id)
            return;
        QMenu menu(this);
        menu.addAction(QIcon(QStringLiteral(":/icons/recommend.svg")), tr("Show recommendations"),
                       this, [this, id] { emit showRecommendationsRequested(id); });
        menu.addAction(tr("Delete run…"), this, [this, id] { requestDelete(id); });
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(&m_session, &WorkspaceSession::runsChanged, this, [this](qint64 runId) {
        if (runId > 0 && !m_currentRun)
            m_selectAfterLoad = runId;
        refresh();
    });
    connect(&m_session, &WorkspaceSession::workspaceChanged, this, [this] {
        m_currentRun = 0;
        m_pendingDelete = 0;
        m_confirm->hide();
        m_message->clear();
        refresh();
    });
    connect(&m_session, &WorkspaceSession::datasetsChanged, this, [this] { refresh(); });
    refresh();
}

QWidget* RunsPage::buildToolbar() {
    auto* bar = new QWidget(this);
    m_datasetFilter = compactComboBox(bar, QStringLiteral("runsDatasetFilter"), 24);
    m_datasetFilter->addItem(tr("All datasets"), QVariant::fromValue(qint64(0)));
    m_recommend = new QPushButton(QIcon(QStringLiteral(":/icons/recommend.svg")),
                                  tr("Show recommendations"), bar);
    m_recommend->setObjectName(QStringLiteral("showRecommendationsButton"));
    m_delete = new QPushButton(tr("Delete run…"), bar);
    m_delete->setObjectName(QStringLiteral("deleteRunButton"));
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("<b>Runs</b>"), bar));
    row->addSpacing(12);
    row->addWidget(new QLabel(tr("Dataset:"), bar));
    row->addWidget(m_datasetFilter);
    row->addStretch(1);
    row->addWidget(m_recommend);
    row->addWidget(m_delete);

    // Inline confirmation instead of a modal dialog.
    m_confirm = new QFrame(this);
    m_confirm->setObjectName(QStringLiteral("deleteRunConfirmation"));
    m_confirm->setStyleSheet(QStringLiteral("QFrame#deleteRunConfirmation{background:#fbeaea;"
                                            "border:1px solid #e39a9a;border-radius:4px;}"));
    m_confirmText = new QLabel(m_confirm);
    m_confirmText->setWordWrap(true);
    m_confirmYes = new QPushButton(tr("Delete"), m_confirm);
    m_confirmYes->setObjectName(QStringLiteral("confirmDeleteRunButton"));
    auto* no = new QPushButton(tr("Keep"), m_confirm);
    auto* confirmLayout = new QHBoxLayout(m_confirm);
    confirmLayout->addWidget(m_confirmText, 1);
    confirmLayout->addWidget(no);
    confirmLayout->addWidget(m_confirmYes);
    m_confirm->hide();

    connect(m_datasetFilter, &QComboBox::currentIndexChanged, this, [this] {
        const qint64 id = m_datasetFilter->currentData().toLongLong();
        m_proxy->setFilterRegularExpression(id ? QRegularExpression(QStringLiteral("^%1$").arg(id))
                                               : QRegularExpression());
        currentChanged();
    });
    connect(m_recommend, &QPushButton::clicked, this, [this] {
        if (m_currentRun)
            emit showRecommendationsRequested(m_currentRun);
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (m_currentRun)
            requestDelete(m_currentRun);
    });
    connect(m_confirmYes, &QPushButton::clicked, this, [this] {
        m_confirm->hide();
        if (m_pendingDelete)
            deleteRun(std::exchange(m_pendingDelete, 0));
    });
    connect(no, &QPushButton::clicked, this, [this] {
        m_pendingDelete = 0;
        m_confirm->hide();
    });
    return bar;
}

QWidget* RunsPage::buildDetails() {
    auto* pane = new QWidget(this);
    m_curve = new LossChart(tr("Learning curve"), pane);
    m_curve->setObjectName(QStringLiteral("runLearningCurve"));
    m_metric = new QComboBox(pane);
    m_metric->setObjectName(QStringLiteral("userMetricBox"));
    m_metric->setMinimumContentsLength(10);
    m_histogram = new MetricHistogram(pane);
    m_histogram->setObjectName(QStringLiteral("userMetricHistogram"));
    m_stats = new QLabel(pane);
    m_stats->setObjectName(QStringLiteral("userMetricStats"));
    auto* metricRow = new QHBoxLayout;
    metricRow->addWidget(new QLabel(tr("Per-user metric:"), pane));
    metricRow->addWidget(m_metric);
    metricRow->addWidget(m_stats, 1);
    auto* perUser = new QWidget(pane);
    auto* right = new QVBoxLayout(perUser);
    right->setContentsMargins(0, 4, 0, 0);
    right->addLayout(metricRow);
    right->addWidget(m_histogram, 1);
    m_segments = new RunSegmentTable(pane);
    m_detailTabs = new QTabWidget(pane);
    m_detailTabs->setObjectName(QStringLiteral("runDetailTabs"));
    m_detailTabs->setDocumentMode(true);
    m_detailTabs->addTab(perUser, tr("Per-user metric"));
    m_detailTabs->addTab(m_segments, tr("Popularity by user activity"));
    auto* layout = new QHBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_curve, 1);
    layout->addWidget(m_detailTabs, 1);
    connect(m_metric, &QComboBox::textActivated, this, &RunsPage::showUserMetric);
    return pane;
}

void RunsPage::refresh() {
    m_loading = true;
    readRunCatalog(this, m_session.path(), m_catalogGeneration,
                   [this](RunCatalog catalog) { catalogArrived(std::move(catalog)); });
}

void RunsPage::catalogArrived(RunCatalog catalog) {
    m_loading = false;
    if (!catalog.error.isEmpty())
        m_message->showError(tr("Cannot list the runs: %1").arg(catalog.error));
    const qint64 keep = m_selectAfterLoad ? std::exchange(m_selectAfterLoad, 0) : m_currentRun;

    // Dataset filter: the datasets that have runs, keeping the current choice.
    const qint64 filter = m_datasetFilter->currentData().toLongLong();
    QList<qint64> datasets;
    for (const rs::RunInfo& r : catalog.runs)
        if (!datasets.contains(r.datasetId))
            datasets << r.datasetId;
    {
        const QSignalBlocker block(m_datasetFilter);
        m_datasetFilter->clear();
        m_datasetFilter->addItem(tr("All datasets"), QVariant::fromValue(qint64(0)));
        for (qint64 id : datasets)
            m_datasetFilter->addItem(catalog.datasetName(id), QVariant::fromValue(id));
        const int index = m_datasetFilter->findData(QVariant::fromValue(filter));
        m_datasetFilter->setCurrentIndex(std::max(0, index));
        if (index < 0)
            m_proxy->setFilterRegularExpression(QRegularExpression());
    }
    {
        // The model reset would report a change of the current row before we restore it.
        const QSignalBlocker block(m_table->selectionModel());
        m_model->setCatalog(std::move(catalog));
    }
    if (!m_columnsSized && m_model->rowCount() > 0) {
        m_columnsSized = true;
        m_table->resizeColumnsToContents();
        m_table->setColumnWidth(RunsTableModel::Params,
                                std::min(260, m_table->columnWidth(RunsTableModel::Params)));
        m_table->setColumnWidth(RunsTableModel::Protocol,
                                std::min(220, m_table->columnWidth(RunsTableModel::Protocol)));
    }
    // The reset cleared the selection: select the kept run again (or the first one) and
    // reload its details, which may have changed with the runs.
    m_currentRun = 0;
    if (!(keep && selectRun(keep)) && m_proxy->rowCount() > 0)
        m_table->selectionModel()->setCurrentIndex(
            m_proxy->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!m_currentRun)
        loadDetails(0);
    updateButtons();
    emit runsLoaded();
}

bool RunsPage::selectRun(qint64 runId) {
    const int row = m_model->rowOf(runId);
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        m_datasetFilter->setCurrentIndex(0); // the filter hid it
        index = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    if (m_currentRun != runId)
        currentChanged();
    return true;
}

void RunsPage::setDatasetFilter(qint64 datasetId) {
    const int index = m_datasetFilter->findData(QVariant::fromValue(datasetId));
    m_datasetFilter->setCurrentIndex(std::max(0, index));
}

void RunsPage::currentChanged() {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const qint64 id = current.isValid() ? current.data(RunsTableModel::RunIdRole).toLongLong() : 0;
    if (id == m_currentRun)
        return;
    m_currentRun = id;
    updateButtons();
    loadDetails(id);
}

void RunsPage::updateButtons() {
    m_recommend->setEnabled(m_currentRun != 0);
    m_delete->setEnabled(m_currentRun != 0);
}

qint64 RunsPage::runAt(const QPoint& viewportPos) const {
    return m_table->indexAt(viewportPos).data(RunsTableModel::RunIdRole).toLongLong();
}

void RunsPage::loadDetails(qint64 runId) {
    const quint64 generation = ++m_detailsGeneration;
    ++m_metricGeneration;
    ++m_segmentGeneration;
    const rs::RunInfo* run = m_model->at(m_model->rowOf(runId));
    if (!run) {
        m_curve->clear();
        m_curve->setSubtitle(QString());
        m_metric->clear();
        m_histogram->clear();
        m_stats->clear();
        m_segments->clear();
        return;
    }
    m_curve->setSubtitle(m_model->catalog().label(*run));
    runInWorker(
        this,
        [path = m_session.path().toStdString(), runId] {
            RunDetails d;
            try {
                rs::Workspace ws(path, rs::Workspace::Mode::ReadOnly);
                rs::RunStore store(ws);
                d.epochs = store.epochs(runId);
                for (const std::string& name : store.userMetricNames(runId))
                    d.metrics << QString::fromStdString(name);
            } catch (const std::exception& e) {
                d.error = QString::fromUtf8(e.what());
            }
            return d;
        },
        [this, generation, runId](RunDetails d) {
            if (generation != m_detailsGeneration)
                return;
            if (!d.error.isEmpty())
                m_message->showError(tr("Cannot read run %1: %2").arg(runId).arg(d.error));
            m_curve->setEpochs(d.epochs);
            m_curve->setPlannedEpochs(int(d.epochs.size())); // the axis ends at the last epoch
            const QString previous = m_metric->currentText();
            {
                const QSignalBlocker block(m_metric);
                m_metric->clear();
                m_metric->addItems(d.metrics);
                int index = int(d.metrics.indexOf(previous));
                if (index < 0)
                    for (const QString& name : d.metrics)
                        if (name.startsWith(QLatin1String("NDCG@"))) {
                            index = int(d.metrics.indexOf(name));
                            break;
                        }
                m_metric->setCurrentIndex(std::max(0, index));
            }
            emit detailsLoaded(runId);
            loadSegments(runId, d.metrics);
            if (d.metrics.isEmpty()) {
                m_histogram->clear(tr("This run has no per-user metrics (no test data)."));
                m_stats->clear();
                emit histogramLoaded(runId, QString());
            } else {
                showUserMetric(m_metric->currentText());
            }
        });
}

void RunsPage::showUserMetric(const QString& metric) {
    const qint64 runId = m_currentRun;
    if (!runId || metric.isEmpty())
        return;
    if (m_metric->currentText() != metric) {
        const QSignalBlocker block(m_metric);
        m_metric->setCurrentIndex(m_metric->findText(metric));
    }
    const quint64 generation = ++m_metricGeneration;
    runInWorker(
        this,
        [path = m_session.path().toStdString(), runId, name = metric.toStdString()] {
            UserMetricResult r;
            try {
                rs::Workspace ws(path, rs::Workspace::Mode::ReadOnly);
                if (auto series = rs::RunStore(ws).userMetric(runId, name))
                    r.distribution = rs::distributionOf(series->values, kHistogramBins);
            } catch (const std::exception& e) {
                r.error = QString::fromUtf8(e.what());
            }
            return r;
        },
        [this, generation, runId, metric](UserMetricResult r) {
            if (generation != m_metricGeneration)
                return;
            if (!r.error.isEmpty())
                m_message->showError(
                    tr("Cannot read %1 of run %2: %3").arg(metric).arg(runId).arg(r.error));
            m_histogram->setDistribution(metric, r.distribution);
            const rs::ValueDistribution& d = r.distribution;
            m_stats->setText(
                d.count ? tr("%1 users · mean %2 · median %3 · min %4 · max %5")
                              .arg(qulonglong(d.count))
                              .arg(MetricFormat::value(d.mean), MetricFormat::value(d.median),
                                   MetricFormat::value(d.min), MetricFormat::value(d.max))
                        : tr("no values"));
            emit histogramLoaded(runId, metric);
        });
}

void RunsPage::loadSegments(qint64 runId, const QStringList& metrics) {
    const quint64 generation = ++m_segmentGeneration;
    const std::vector<std::string> names = segmentSeriesNames(metrics);
    if (names.empty()) {
        m_segments->clear(tr("No stored per-user popularity metrics (no ranking evaluation)."));
        emit segmentsLoaded(runId);
        return;
    }
    m_segments->clear(tr("Loading the run's training data…"));
    // The training data (for each user's activity) comes with the run's context, loaded once
    // and shared with the other pages; the series are read and segmented in a worker.
    m_contexts.request(
        runId, this,
        [this, generation, runId, names](std::shared_ptr<const rs::RunContext> ctx,
                                         const QString& error) {
            if (generation != m_segmentGeneration)
                return;
            if (!ctx) {
                m_segments->clear(tr("Cannot load the run's training data: %1").arg(error));
                emit segmentsLoaded(runId);
                return;
            }
            runInWorker(
                this,
                [path = m_session.path().toStdString(), runId, names, ctx] {
                    SegmentResult r;
                    try {
                        rs::Workspace ws(path, rs::Workspace::Mode::ReadOnly);
                        rs::RunStore store(ws);
                        std::vector<rs::UserMetricSeries> stored;
                        for (const std::string& name : names)
                            if (auto series = store.userMetric(runId, name))
                                stored.push_back(std::move(*series));
                        std::vector<rs::UserSeriesView> views;
                        for (const rs::UserMetricSeries& s : stored)
                            views.push_back({s.metric, s.users, s.values});
                        const rs::ItemPopularity pop = rs::ItemPopularity::fromTrain(ctx->train);
                        r.report = rs::segmentSeriesReport(
                            rs::segmentUsers(ctx->train, pop, rs::UserSegmentBy::Activity), views);
                    } catch (const std::exception& e) {
                        r.error = QString::fromUtf8(e.what());
                    }
                    return r;
                },
                [this, generation, runId](SegmentResult r) {
                    if (generation != m_segmentGeneration)
                        return;
                    if (r.error.isEmpty())
                        m_segments->setReport(r.report);
                    else
                        m_segments->clear(tr("Cannot read run %1: %2").arg(runId).arg(r.error));
                    emit segmentsLoaded(runId);
                });
        });
}

void RunsPage::requestDelete(qint64 runId) {
    const rs::RunInfo* run = m_model->at(m_model->rowOf(runId));
    if (!run)
        return;
    m_pendingDelete = runId;
    m_confirmText->setText(tr("Delete run %1 and its trained model? This cannot be undone.")
                               .arg(m_model->catalog().label(*run)));
    m_confirm->show();
}

void RunsPage::deleteRun(qint64 runId) {
    std::function<QString(const rs::Progress&)> work = [path = m_session.path().toStdString(),
                                                        runId](const rs::Progress&) {
        try {
            rs::Workspace ws(path);
            rs::RunStore(ws).remove(runId);
            return QString();
        } catch (const std::exception& e) {
            return QString::fromUtf8(e.what());
        }
    };
    m_jobs.start<QString>(tr("Deleting run %1").arg(runId), std::move(work), this,
                          [this, runId](const QString& error) {
                              if (!error.isEmpty()) {
                                  m_message->showError(
                                      tr("Cannot delete run %1: %2").arg(runId).arg(error));
                              } else {
                                  m_message->showMessage(InlineMessage::Kind::Success,
                                                         tr("Deleted run %1.").arg(runId));
                                  m_contexts.forget(runId);
                              }
                              m_session.notifyRunsChanged();
                          });
}

} // namespace rs::ui
