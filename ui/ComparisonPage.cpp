#include "ComparisonPage.h"

#include "RunCatalog.h"

#include "ComparisonCharts.h"
#include "ComparisonMatrixWidget.h"
#include "ComparisonMetricsModel.h"
#include "ComparisonTables.h"
#include "InlineMessage.h"
#include "MetricFormat.h"
#include "PopularitySegmentPanel.h"
#include "WorkspaceSession.h"

#include "compare/ComparisonCsv.h"
#include "compare/ComparisonReport.h"
#include "store/RunStore.h"
#include "store/Workspace.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

namespace rs::ui {

namespace {

constexpr int kRunIdRole = Qt::UserRole + 1;

/// The metrics drawn as bars: accuracy of the top-K lists (all within [0, 1]).
bool isBarMetric(const std::string& name) {
    for (const char* prefix : {"P@", "R@", "NDCG@", "MAP@", "HR@", "MRR@"})
        if (name.rfind(prefix, 0) == 0)
            return true;
    return false;
}

} // namespace

ComparisonPage::ComparisonPage(WorkspaceSession& session, JobRunner& jobs, QWidget* parent)
    : QWidget(parent), m_session(session), m_jobs(jobs), m_message(new InlineMessage(this)),
      m_warnings(new InlineMessage(this)), m_protocol(new QLabel(this)),
      m_tabs(new QTabWidget(this)) {
    setObjectName(QStringLiteral("comparisonPage"));
    m_message->setObjectName(QStringLiteral("comparisonMessage"));
    m_warnings->setObjectName(QStringLiteral("comparisonWarnings"));
    m_protocol->setObjectName(QStringLiteral("comparisonProtocol"));
    m_protocol->setWordWrap(true);
    m_protocol->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tabs->setObjectName(QStringLiteral("comparisonTabs"));

    auto* pairRow = new QHBoxLayout;
    m_pair = new QComboBox(this);
    m_pair->setObjectName(QStringLiteral("comparisonPair"));
    m_pair->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_pair->setToolTip(tr("The pair of runs of the delta, CI and p columns and of the scatter"));
    pairRow->addWidget(new QLabel(tr("Pair:"), this));
    pairRow->addWidget(m_pair);
    pairRow->addStretch(1);

    m_tabs->addTab(buildMetricsTab(), tr("Metrics"));
    m_tabs->addTab(buildScatterTab(), tr("Per user"));
    m_tabs->addTab(buildOverlapTab(), tr("Top-N overlap"));
    m_tabs->addTab(buildPopularityTab(), tr("Popularity lens"));
    m_tabs->addTab(buildExplanationsTab(), tr("Explanations"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(buildControls());
    layout->addWidget(m_message);
    layout->addWidget(m_warnings);
    layout->addWidget(m_protocol);
    layout->addLayout(pairRow);
    layout->addWidget(m_tabs, 1);

    connect(m_pair, &QComboBox::currentIndexChanged, this, &ComparisonPage::showPair);
    connect(&m_jobs, &JobRunner::jobProgress, this,
            [this](JobId id, double fraction, const QString& stage) {
                if (id != m_job)
                    return;
                m_progress->setValue(int(fraction * 100));
                m_progress->setFormat(stage.isEmpty() ? QStringLiteral("%p%")
                                                      : stage + QStringLiteral(" · %p%"));
            });
    connect(&m_jobs, &JobRunner::jobFinished, this, [this](JobId id, const QString& error) {
        if (id != m_job)
            return;
        setBusy(false);
        if (!error.isEmpty()) {
            m_message->showError(tr("The comparison failed: %1").arg(error));
            emit comparisonFinished(false);
        }
    });
    connect(&m_session, &WorkspaceSession::workspaceChanged, this, [this] {
        cancel();
        ++m_generation;
        clearResult();
        m_message->clear();
        refreshRuns();
    });
    connect(&m_session, &WorkspaceSession::runsChanged, this, [this] { refreshRuns(); });
    clearResult();
    setBusy(false);
    refreshRuns();
}

QWidget* ComparisonPage::buildControls() {
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);

    auto* left = new QVBoxLayout;
    auto* title = new QLabel(tr("Runs to compare (2-4 of one dataset):"), bar);
    m_runs = new QListWidget(bar);
    m_runs->setObjectName(QStringLiteral("comparisonRuns"));
    m_runs->setMaximumHeight(118);
    m_runs->setAlternatingRowColors(true);
    m_selection = new QLabel(bar);
    m_selection->setObjectName(QStringLiteral("comparisonSelection"));
    left->addWidget(title);
    left->addWidget(m_runs);
    left->addWidget(m_selection);

    auto* form = new QFormLayout;
    m_k = new QSpinBox(bar);
    m_k->setObjectName(QStringLiteral("comparisonK"));
    m_k->setRange(1, 100);
    m_k->setValue(10);
    m_k->setToolTip(tr("Length of the top-N lists compared for overlap, popularity and "
                       "explanations (the stored metrics keep their training K)"));
    m_users = new QSpinBox(bar);
    m_users->setObjectName(QStringLiteral("comparisonUsers"));
    m_users->setRange(0, 1'000'000);
    m_users->setSingleStep(100);
    m_users->setValue(300);
    m_users->setSpecialValueText(tr("all users"));
    m_users->setToolTip(tr("Users sampled for the top-N overlap, popularity and explanation "
                           "parts (0 = all); the paired tests always use every evaluated user"));
    m_bins = new QSpinBox(bar);
    m_bins->setObjectName(QStringLiteral("comparisonBins"));
    m_bins->setRange(2, 50);
    m_bins->setValue(10);
    m_bins->setToolTip(tr("Popularity bins of the popularity lens (equal item counts); more bins "
                          "look closer at the most popular items"));
    m_explained = new QSpinBox(bar);
    m_explained->setObjectName(QStringLiteral("comparisonExplained"));
    m_explained->setRange(0, 1000);
    m_explained->setSingleStep(10);
    m_explained->setValue(int(rs::CompareOptions{}.explainUsers));
    m_explained->setSpecialValueText(tr("none"));
    m_explained->setToolTip(tr("Users of the sample whose shared recommendations are explained by "
                               "every run to compare the evidence (0 = skip the explanations). "
                               "Explainers that re-solve the user, such as BPR's, take a few "
                               "tenths of a second per user"));
    form->addRow(tr("Top K:"), m_k);
    form->addRow(tr("User sample:"), m_users);
    form->addRow(tr("Explained users:"), m_explained);
    form->addRow(tr("Popularity bins:"), m_bins);

    auto* buttons = new QHBoxLayout;
    m_compare = new QPushButton(tr("Compare"), bar);
    m_compare->setObjectName(QStringLiteral("comparisonCompare"));
    m_compare->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), bar);
    m_cancel->setObjectName(QStringLiteral("comparisonCancel"));
    m_export = new QToolButton(bar);
    m_export->setObjectName(QStringLiteral("comparisonExport"));
    m_export->setText(tr("Export"));
    m_export->setToolTip(tr("Save the comparison as an HTML report or a CSV table"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_export);
    menu->addAction(tr("HTML report…"), this, [this] { exportAs(QStringLiteral("html")); });
    menu->addAction(tr("CSV table…"), this, [this] { exportAs(QStringLiteral("csv")); });
    m_export->setMenu(menu);
    buttons->addWidget(m_compare);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_export);
    m_progress = new QProgressBar(bar);
    m_progress->setObjectName(QStringLiteral("comparisonProgress"));
    m_progress->setRange(0, 100);
    m_progress->setMinimumWidth(240);

    auto* right = new QVBoxLayout;
    right->addLayout(form);
    right->addLayout(buttons);
    right->addWidget(m_progress);
    right->addStretch(1);
    row->addLayout(left, 1);
    row->addLayout(right);

    connect(m_runs, &QListWidget::itemChanged, this, &ComparisonPage::updateSelection);
    connect(m_compare, &QPushButton::clicked, this, [this] { compare(); });
    connect(m_cancel, &QPushButton::clicked, this, &ComparisonPage::cancel);
    return bar;
}

QWidget* ComparisonPage::buildMetricsTab() {
    auto* split = new QSplitter(Qt::Horizontal, this);
    m_model = new ComparisonMetricsModel(this);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("comparisonMetrics"));
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_bars = new ComparisonMetricBars(split);
    m_bars->setObjectName(QStringLiteral("comparisonBars"));
    split->addWidget(m_table);
    split->addWidget(m_bars);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    return split;
}

QWidget* ComparisonPage::buildScatterTab() {
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    auto* hint = new QLabel(
        tr("One point per user evaluated by both runs; above the dashed diagonal the second "
           "run does better for that user. Click a point to pick the user."),
        page);
    hint->setWordWrap(true);
    m_scatter = new ComparisonScatterChart(page);
    m_scatter->setObjectName(QStringLiteral("comparisonScatter"));
    m_scatterUser = new QLabel(page);
    m_scatterUser->setObjectName(QStringLiteral("comparisonScatterUser"));
    m_scatterUser->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(hint);
    layout->addWidget(m_scatter, 1);
    layout->addWidget(m_scatterUser);
    connect(m_scatter, &ComparisonScatterChart::pointActivated, this,
            &ComparisonPage::scatterClicked);
    return page;
}

QWidget* ComparisonPage::buildOverlapTab() {
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    m_overlapNote = new QLabel(page);
    m_overlapNote->setObjectName(QStringLiteral("comparisonOverlapNote"));
    m_overlapNote->setWordWrap(true);
    auto* row = new QHBoxLayout;
    auto column = [page, row](const QString& title, const QString& name) {
        auto* box = new QVBoxLayout;
        auto* label = new QLabel(title, page);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        auto* matrix = new ComparisonMatrixWidget(page);
        matrix->setObjectName(name);
        box->addWidget(label);
        box->addWidget(matrix, 1);
        row->addLayout(box, 1);
        return matrix;
    };
    m_jaccard = column(tr("Jaccard index of the top-N lists (1 = identical sets)"),
                       QStringLiteral("comparisonJaccard"));
    m_tau = column(tr("Kendall tau-b of the rankings (−1 reversed … 1 same order)"),
                   QStringLiteral("comparisonKendall"));
    layout->addWidget(m_overlapNote);
    layout->addLayout(row, 1);
    return page;
}

QWidget* ComparisonPage::buildPopularityTab() {
    auto* split = new QSplitter(Qt::Vertical, this);
    m_popularity = new ComparisonPopularityChart(split);
    m_popularity->setObjectName(QStringLiteral("comparisonPopularity"));
    m_popularityTable =
        ComparisonTables::newTable(split, QStringLiteral("comparisonPopularityTable"),
                                   {tr("Run"), tr("ARP"), tr("Long-tail share"),
                                    tr("Exposure Gini"), tr("Coverage"), tr("Lists")});
    m_popularityTable->horizontalHeaderItem(1)->setToolTip(
        tr("Average recommendation popularity: mean training interactions of the items in a "
           "list, averaged over lists"));
    m_popularityTable->horizontalHeaderItem(2)->setToolTip(
        tr("Mean share of a list's items outside the most popular items (the long tail)"));
    m_popularityTable->horizontalHeaderItem(3)->setToolTip(
        tr("Gini coefficient of how often each item is recommended (0 = every item equally, "
           "1 = one item always)"));
    m_popularityTable->horizontalHeader()->setStretchLastSection(false);
    split->addWidget(m_popularity);
    split->addWidget(m_popularityTable);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    m_popularitySegments = new PopularitySegmentPanel(this);
    m_popularityViews = new QTabWidget(this);
    m_popularityViews->setObjectName(QStringLiteral("comparisonPopularityViews"));
    m_popularityViews->setDocumentMode(true);
    m_popularityViews->addTab(split, tr("By popularity bin"));
    m_popularityViews->addTab(m_popularitySegments, tr("By user segment"));
    return m_popularityViews;
}

QWidget* ComparisonPage::buildExplanationsTab() {
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    m_explanationNote = new QLabel(page);
    m_explanationNote->setObjectName(QStringLiteral("comparisonExplanationNote"));
    m_explanationNote->setWordWrap(true);
    m_explanations = ComparisonTables::newTable(page, QStringLiteral("comparisonExplanations"),
                                                {tr("Run A"), tr("Run B"), tr("Users"), tr("Pairs"),
                                                 tr("Top-3 Jaccard"), tr("Top-5 Jaccard"),
                                                 tr("Spearman"), tr("Note")});
    layout->addWidget(m_explanationNote);
    layout->addWidget(m_explanations, 1);
    return page;
}

// --- runs ---------------------------------------------------------------------------------

void ComparisonPage::refreshRuns() {
    readRunCatalog(this, m_session.path(), m_runsGeneration,
                   [this](RunCatalog catalog) { catalogArrived(std::move(catalog)); });
}

void ComparisonPage::catalogArrived(RunCatalog catalog) {
    if (!catalog.error.isEmpty())
        m_message->showError(tr("Cannot list the runs: %1").arg(catalog.error));
    const QList<qint64> keep = checkedRuns();
    m_catalog = std::move(catalog);
    {
        const QSignalBlocker block(m_runs);
        m_runs->clear();
        for (const rs::RunInfo& run : m_catalog.runs) {
            auto* item = new QListWidgetItem(m_catalog.label(run), m_runs);
            item->setData(kRunIdRole, qlonglong(run.id));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(keep.contains(run.id) ? Qt::Checked : Qt::Unchecked);
            if (run.status != "done")
                item->setToolTip(tr("Status: %1").arg(QString::fromStdString(run.status)));
        }
    }
    updateSelection();
    emit runsLoaded();
}

QList<qint64> ComparisonPage::checkedRuns() const {
    QList<qint64> ids;
    for (int i = 0; i < m_runs->count(); ++i)
        if (m_runs->item(i)->checkState() == Qt::Checked)
            ids << m_runs->item(i)->data(kRunIdRole).toLongLong();
    return ids;
}

bool ComparisonPage::setCheckedRuns(const QList<qint64>& runIds) {
    int found = 0;
    {
        const QSignalBlocker block(m_runs);
        for (int i = 0; i < m_runs->count(); ++i) {
            const bool on = runIds.contains(m_runs->item(i)->data(kRunIdRole).toLongLong());
            found += on;
            m_runs->item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        }
    }
    updateSelection();
    return found == QSet<qint64>(runIds.begin(), runIds.end()).size();
}

void ComparisonPage::setK(int k) {
    m_k->setValue(k);
}

void ComparisonPage::setUserSample(int users) {
    m_users->setValue(users);
}

void ComparisonPage::setExplainedUsers(int users) {
    m_explained->setValue(users);
}

void ComparisonPage::setPopularityBins(int bins) {
    m_bins->setValue(bins);
}

void ComparisonPage::updateSelection() {
    const auto n = checkedRuns().size();
    if (m_catalog.runs.empty())
        m_selection->setText(tr("No trained runs yet: train two models on one dataset first."));
    else if (n < kMinRuns)
        m_selection->setText(tr("%n run(s) ticked: tick at least two.", nullptr, int(n)));
    else if (n > kMaxRuns)
        m_selection->setText(tr("%n runs ticked: at most four can be compared.", nullptr, int(n)));
    else
        m_selection->setText(tr("%n runs ticked.", nullptr, int(n)));
    m_compare->setEnabled(!isBusy() && n >= kMinRuns && n <= kMaxRuns);
}

// --- the job ------------------------------------------------------------------------------

bool ComparisonPage::compare() {
    const QList<qint64> ids = checkedRuns();
    if (ids.size() < kMinRuns || ids.size() > kMaxRuns) {
        m_message->showError(
            tr("Tick two to four runs to compare (%n ticked).", nullptr, int(ids.size())));
        return false;
    }
    // Runs of different datasets rank different users and items: refuse before loading them.
    const rs::RunInfo* first = m_catalog.find(ids.front());
    for (qint64 id : ids) {
        const rs::RunInfo* run = m_catalog.find(id);
        if (first && run && run->datasetId != first->datasetId) {
            m_message->showError(
                tr("Run #%1 is on dataset “%2” but run #%3 is on “%4”: runs of different "
                   "datasets cannot be compared. Tick runs of one dataset.")
                    .arg(first->id)
                    .arg(m_catalog.datasetName(first->datasetId))
                    .arg(run->id)
                    .arg(m_catalog.datasetName(run->datasetId)));
            return false;
        }
    }
    m_message->clear();
    rs::CompareOptions options;
    options.k = m_k->value();
    options.users = std::size_t(m_users->value());
    options.popularityBins = m_bins->value();
    options.explainUsers = std::size_t(m_explained->value()); // 0: no explanations
    options.threads = 2;
    std::vector<std::int64_t> runIds(ids.begin(), ids.end());
    const quint64 generation = ++m_generation;
    if (m_job)
        m_jobs.cancel(m_job);
    m_job = m_jobs.start<rs::ComparisonResult>(
        tr("Comparing %n run(s)", nullptr, int(ids.size())),
        [path = m_session.path().toStdString(), runIds,
         options](const rs::Progress& progress) mutable {
            try {
                rs::Workspace ws(path, rs::Workspace::Mode::ReadOnly);
                // The scatter shows the first run's NDCG series (stored at its training K).
                options.scatterMetric.clear();
                for (const std::string& name : rs::RunStore(ws).userMetricNames(runIds.front()))
                    if (name.rfind("NDCG@", 0) == 0) {
                        options.scatterMetric = name;
                        break;
                    }
                return rs::compareRuns(ws, runIds, options, progress);
            } catch (const std::exception& e) {
                rs::ComparisonResult failed;
                failed.error = e.what();
                return failed;
            }
        },
        this,
        [this, generation](rs::ComparisonResult result) {
            resultArrived(generation, std::move(result));
        },
        QStringLiteral("comparison"));
    setBusy(true);
    return true;
}

void ComparisonPage::cancel() {
    if (m_job)
        m_jobs.cancel(m_job);
}

void ComparisonPage::setBusy(bool busy) {
    if (!busy)
        m_job = 0;
    m_cancel->setEnabled(busy);
    m_progress->setVisible(busy);
    if (busy) {
        m_progress->setValue(0);
        m_progress->setFormat(tr("starting…"));
    }
    m_export->setEnabled(!busy && m_result);
    updateSelection();
}

void ComparisonPage::resultArrived(quint64 generation, rs::ComparisonResult result) {
    if (generation != m_generation)
        return;
    setBusy(false);
    if (result.cancelled) {
        m_message->showMessage(InlineMessage::Kind::Info,
                               tr("Comparison cancelled; the previous one stays shown."));
        emit comparisonFinished(false);
        return;
    }
    if (!result.error.empty()) {
        m_message->showError(tr("Cannot compare: %1").arg(QString::fromStdString(result.error)));
        emit comparisonFinished(false);
        return;
    }
    m_result = std::make_shared<const rs::ComparisonResult>(std::move(result));
    showResult();
    setBusy(false);
    emit comparisonFinished(true);
}

QString ComparisonPage::runLabel(std::size_t position) const {
    if (!m_result || position >= m_result->runs.size())
        return {};
    const rs::RunInfo& run = m_result->runs[position];
    return QStringLiteral("#%1 %2").arg(run.id).arg(runModelText(run));
}

void ComparisonPage::clearResult() {
    m_result.reset();
    m_shownScatter = nullptr;
    m_model->setResult(nullptr, {});
    {
        const QSignalBlocker block(m_pair);
        m_pair->clear();
    }
    m_pair->setEnabled(false);
    m_warnings->clear();
    m_protocol->setText(tr("Tick two to four runs of one dataset and press Compare: their "
                           "stored metrics with paired tests, how alike their top-N lists are, "
                           "how much they lean on popular items and whether they explain "
                           "recommendations with the same ratings."));
    m_bars->setData({}, {}, {});
    m_scatter->clear();
    m_scatterUser->clear();
    m_jaccard->clear();
    m_tau->clear();
    m_overlapNote->clear();
    m_popularity->setProfiles({}, {});
    m_popularityTable->setRowCount(0);
    m_popularitySegments->clear();
    m_explanations->setRowCount(0);
    m_explanationNote->clear();
    m_export->setEnabled(false);
}

void ComparisonPage::showResult() {
    const rs::ComparisonResult& r = *m_result;
    const std::size_t n = r.runs.size();
    QStringList labels;
    for (std::size_t i = 0; i < n; ++i)
        labels << runLabel(i);

    m_protocol->setText(ComparisonTables::protocolHtml(r, labels));
    if (r.protocol.warnings.empty()) {
        m_warnings->clear();
    } else {
        QStringList lines;
        for (const std::string& w : r.protocol.warnings)
            lines << QString::fromStdString(w);
        m_warnings->showMessage(InlineMessage::Kind::Warning,
                                tr("Compare with care: %1").arg(lines.join(QStringLiteral("; "))));
    }

    // Metrics table and bars.
    m_model->setResult(m_result, labels);
    QStringList barMetrics;
    std::vector<std::vector<double>> barValues(n);
    for (const rs::MetricRow& row : r.metrics) {
        if (!isBarMetric(row.name))
            continue;
        barMetrics << QString::fromStdString(row.name);
        for (std::size_t i = 0; i < n; ++i)
            barValues[i].push_back(row.values[i] ? *row.values[i] : std::nan(""));
    }
    m_bars->setData(barMetrics, labels, barValues);
    // The table at its natural width, the chart taking the rest.
    m_table->resizeColumnsToContents();
    int tableWidth = m_table->verticalHeader()->width() + 2 * m_table->frameWidth() + 4;
    for (int c = 0; c < m_model->columnCount(); ++c)
        tableWidth += m_table->columnWidth(c);
    if (auto* split = qobject_cast<QSplitter*>(m_table->parentWidget())) {
        const int total = std::max(split->width(), tableWidth + 360);
        split->setSizes({tableWidth, std::max(360, total - tableWidth)});
    }

    // Pairs.
    {
        const QSignalBlocker block(m_pair);
        m_pair->clear();
        for (std::size_t a = 0; a < n; ++a)
            for (std::size_t b = a + 1; b < n; ++b)
                m_pair->addItem(tr("%1 → %2").arg(labels[int(a)], labels[int(b)]),
                                QVariant::fromValue(QPoint(int(a), int(b))));
    }
    m_pair->setEnabled(m_pair->count() > 1);
    m_pair->setCurrentIndex(0);
    showPair();

    // Overlap.
    const rs::OverlapMatrix& o = r.overlap;
    m_jaccard->setMatrix(labels, o.jaccard, 0.0, 1.0, ColorMap::Kind::Sequential);
    m_tau->setMatrix(labels, o.kendallTau, -1.0, 1.0, ColorMap::Kind::Diverging);
    m_overlapNote->setText(ComparisonTables::overlapNote(o, labels));

    // Popularity.
    m_popularity->setProfiles(labels, r.popularity);
    ComparisonTables::fillPopularityTable(m_popularityTable, r.popularity, labels);
    m_popularitySegments->setResult(m_result, labels);

    // Explanations.
    ComparisonTables::fillExplanationTable(m_explanations, r.explanations, labels);
    m_explanationNote->setText(ComparisonTables::explanationNote(r, labels));
}

bool ComparisonPage::setPair(int a, int b) {
    const int index = m_pair->findData(QVariant::fromValue(QPoint(a, b)));
    if (index < 0)
        return false;
    m_pair->setCurrentIndex(index);
    return true;
}

void ComparisonPage::showPair() {
    m_shownScatter = nullptr;
    m_scatterUser->clear();
    if (!m_result || m_pair->currentIndex() < 0) {
        m_scatter->clear();
        return;
    }
    const QPoint pair = m_pair->currentData().toPoint();
    const auto a = std::size_t(pair.x()), b = std::size_t(pair.y());
    m_model->setPair(a, b);
    for (const rs::UserScatter& s : m_result->scatter)
        if (s.a == a && s.b == b)
            m_shownScatter = &s;
    if (!m_shownScatter) {
        m_scatter->clear();
        m_scatterUser->setText(tr("No per-user NDCG series in both runs: nothing to plot."));
        return;
    }
    const QString metric = QString::fromStdString(m_shownScatter->metric);
    m_scatter->setData(tr("%1 of %2").arg(metric, runLabel(a)),
                       tr("%1 of %2").arg(metric, runLabel(b)), m_shownScatter->valuesA,
                       m_shownScatter->valuesB);
    std::size_t better = 0, worse = 0;
    for (std::size_t i = 0; i < m_shownScatter->valuesA.size(); ++i) {
        better += m_shownScatter->valuesB[i] > m_shownScatter->valuesA[i];
        worse += m_shownScatter->valuesB[i] < m_shownScatter->valuesA[i];
    }
    m_scatter->chart()->setTitle(
        tr("%1 per user: %2 better for %3 users, worse for %4, tied for %5")
            .arg(metric, runLabel(b))
            .arg(better)
            .arg(worse)
            .arg(m_shownScatter->valuesA.size() - better - worse));
    m_scatterUser->setText(tr("Click a point to pick its user."));
}

void ComparisonPage::scatterClicked(int index) {
    if (!m_result || !m_shownScatter || index < 0 ||
        std::size_t(index) >= m_shownScatter->userIds.size())
        return;
    const rs::UserScatter& s = *m_shownScatter;
    const auto i = std::size_t(index);
    std::size_t same = 0;
    for (std::size_t j = 0; j < s.valuesA.size(); ++j)
        same += j != i && s.valuesA[j] == s.valuesA[i] && s.valuesB[j] == s.valuesB[i];
    const QString user = QString::fromStdString(s.userIds[i]);
    const qint64 runA = m_result->runs[s.a].id, runB = m_result->runs[s.b].id;
    QString text = tr("User <b>%1</b>: %2 %3 with %4, %5 with %6")
                       .arg(user.toHtmlEscaped(), QString::fromStdString(s.metric),
                            MetricFormat::value(s.valuesA[i]), runLabel(s.a).toHtmlEscaped(),
                            MetricFormat::value(s.valuesB[i]), runLabel(s.b).toHtmlEscaped());
    if (same > 0)
        text += tr(" (%n other user(s) share this point)", nullptr, int(same));
    m_scatterUser->setText(text);
    emit userActivated(runA, runB, user);
}

// --- export -------------------------------------------------------------------------------

QString ComparisonPage::writeFile(const QString& path, const std::string& text) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    if (file.write(text.data(), qint64(text.size())) != qint64(text.size()))
        return file.errorString();
    if (!file.commit())
        return file.errorString();
    return {};
}

QString ComparisonPage::exportHtml(const QString& path) {
    if (!m_result)
        return tr("nothing compared yet");
    return writeFile(path, rs::comparisonHtml(*m_result));
}

QString ComparisonPage::exportCsv(const QString& path) {
    if (!m_result)
        return tr("nothing compared yet");
    return writeFile(path, rs::comparisonCsv(*m_result));
}

void ComparisonPage::exportAs(const QString& format) {
    if (!m_result)
        return;
    const bool html = format == QLatin1String("html");
    QStringList ids;
    for (const rs::RunInfo& run : m_result->runs)
        ids << QString::number(run.id);
    const QString suggested =
        QStringLiteral("comparison-%1.%2").arg(ids.join(QLatin1Char('-')), format);
    const QString path = QFileDialog::getSaveFileName(
        this, html ? tr("Save the comparison report") : tr("Save the comparison table"), suggested,
        html ? tr("HTML report (*.html)") : tr("CSV table (*.csv)"));
    if (path.isEmpty())
        return;
    const QString error = html ? exportHtml(path) : exportCsv(path);
    if (error.isEmpty())
        m_message->showMessage(InlineMessage::Kind::Success, tr("Saved %1").arg(path));
    else
        m_message->showError(tr("Cannot save %1: %2").arg(path, error));
}

} // namespace rs::ui
