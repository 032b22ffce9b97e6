#include "TrainingPage.h"

#include "CompactControls.h"
#include "DebiasChooser.h"
#include "HyperParameterForm.h"
#include "InlineMessage.h"
#include "LossChart.h"
#include "MetricFormat.h"
#include "RunCatalog.h"
#include "SplitChooser.h"
#include "TrainingQueue.h"
#include "WorkerCall.h"
#include "WorkspaceSession.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>
#include <cmath>

namespace rs::ui {

namespace {

/// "8 s", "1 min 05 s", "2 h 03 min".
QString durationText(double seconds) {
    const qint64 s = qint64(std::llround(std::max(0.0, seconds)));
    if (s < 60)
        return QObject::tr("%1 s").arg(s);
    if (s < 3600)
        return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

/// The run's "epochs" hyper-parameter, or 0 when the model has none.
int plannedEpochs(const rs::TrainingRequest& request) {
    for (const auto& [key, value] : request.params)
        if (key == "epochs")
            return std::max(0, std::atoi(value.c_str()));
    return 0;
}

} // namespace

TrainingPage::TrainingPage(WorkspaceSession& session, JobRunner& jobs, QWidget* parent)
    : QWidget(parent), m_session(session), m_queue(new TrainingQueue(session, jobs, this)),
      m_message(new InlineMessage(this)) {
    setObjectName(QStringLiteral("trainingPage"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    auto* formScroll = new QScrollArea(splitter);
    formScroll->setWidget(buildForm());
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setMinimumWidth(320);
    splitter->addWidget(formScroll);
    splitter->addWidget(buildMonitor());
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({360, 900});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(&m_session, &WorkspaceSession::datasetsChanged, this, [this] { refreshDatasets(); });
    // A finished run may have stored a new split: list the stored splits again.
    connect(&m_session, &WorkspaceSession::runsChanged, this, [this] { datasetChosen(); });
    connect(m_queue, &TrainingQueue::started, this, &TrainingPage::onStarted);
    connect(m_queue, &TrainingQueue::epochAdded, this, &TrainingPage::onEpoch);
    connect(m_queue, &TrainingQueue::progressChanged, this, &TrainingPage::onProgress);
    connect(m_queue, &TrainingQueue::finished, this, &TrainingPage::onFinished);
    m_progressTimer.setSingleShot(true);
    m_progressTimer.setInterval(kProgressMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &TrainingPage::applyProgress);
    refreshDatasets();
}

QWidget* TrainingPage::buildForm() {
    auto* pane = new QWidget(this);
    auto* data = new QGroupBox(tr("Data"), pane);
    m_dataset = compactComboBox(data, QStringLiteral("trainDataset"), 18);
    m_split = new SplitChooser(data);
    m_debias = new DebiasChooser(data);
    auto* dataForm = new QFormLayout;
    dataForm->addRow(tr("Dataset"), m_dataset);
    auto* dataLayout = new QVBoxLayout(data);
    dataLayout->addLayout(dataForm);
    dataLayout->addWidget(m_split);
    dataLayout->addWidget(m_debias);

    auto* model = new QGroupBox(tr("Model"), pane);
    m_model = new QComboBox(model);
    m_model->setObjectName(QStringLiteral("trainModel"));
    for (const std::string& name : rs::trainableRecommenderNames())
        m_model->addItem(QString::fromStdString(name));
    m_hyper = new HyperParameterForm(model);
    auto* defaults = new QPushButton(tr("Defaults"), model);
    defaults->setObjectName(QStringLiteral("hyperDefaults"));
    defaults->setToolTip(tr("Put every hyper-parameter back to the model's default"));
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(defaults);
    auto* modelLayout = new QVBoxLayout(model);
    modelLayout->addLayout(modelRow);
    modelLayout->addWidget(m_hyper);

    auto* run = new QGroupBox(tr("Run"), pane);
    m_seed = new QSpinBox(run);
    m_seed->setObjectName(QStringLiteral("trainSeed"));
    m_seed->setRange(0, 1'000'000'000);
    m_seed->setValue(42);
    m_threads = new QSpinBox(run);
    m_threads->setObjectName(QStringLiteral("trainThreads"));
    m_threads->setRange(1, std::max(1, QThread::idealThreadCount()));
    m_threads->setToolTip(tr("1 is fully reproducible for a given seed"));
    auto* runForm = new QFormLayout(run);
    runForm->addRow(tr("Seed"), m_seed);
    runForm->addRow(tr("Threads"), m_threads);

    m_run = new QPushButton(QIcon(QStringLiteral(":/icons/queue.svg")), tr("Queue run"), pane);
    m_run->setObjectName(QStringLiteral("queueRunButton"));
    m_run->setToolTip(tr("Add this run to the queue; runs train one after another"));
    m_run->setDefault(true);

    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->addWidget(data);
    layout->addWidget(model);
    layout->addWidget(run);
    layout->addWidget(m_run);
    layout->addStretch(1);

    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this] { datasetChosen(); });
    connect(m_model, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        m_hyper->setModel(name);
        m_debias->setModel(name);
        updateRunButton();
    });
    connect(defaults, &QPushButton::clicked, m_hyper, &HyperParameterForm::resetToDefaults);
    connect(m_hyper, &HyperParameterForm::validityChanged, this, [this] { updateRunButton(); });
    connect(m_split, &SplitChooser::changed, this, [this] { updateRunButton(); });
    connect(m_debias, &DebiasChooser::changed, this, [this] { updateRunButton(); });
    connect(m_run, &QPushButton::clicked, this, [this] { queueRun(); });
    if (!selectModel(QStringLiteral("biasedmf")))
        m_hyper->setModel(m_model->currentText());
    m_debias->setModel(m_model->currentText());
    return pane;
}

QWidget* TrainingPage::buildMonitor() {
    auto* pane = new QWidget(this);
    auto* queueTitle = new QLabel(tr("<b>Queue</b>"), pane);
    m_queueView = new QTableView(pane);
    m_queueView->setObjectName(QStringLiteral("trainingQueue"));
    m_queueView->setModel(m_queue->model());
    m_queueView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queueView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_queueView->verticalHeader()->hide();
    m_queueView->horizontalHeader()->setStretchLastSection(true);
    m_queueView->setWordWrap(false);
    m_queueView->setMinimumHeight(110);
    const QList<int> widths = {36, 90, 190, 150, 80};
    for (int c = 0; c < widths.size(); ++c)
        m_queueView->setColumnWidth(c, widths[c]);
    m_cancelSelected = new QPushButton(tr("Cancel run"), pane);
    m_cancelSelected->setObjectName(QStringLiteral("cancelQueuedButton"));
    m_removeSelected = new QPushButton(tr("Remove from list"), pane);
    m_removeSelected->setObjectName(QStringLiteral("removeQueuedButton"));
    auto* queueButtons = new QHBoxLayout;
    queueButtons->addWidget(queueTitle);
    queueButtons->addStretch(1);
    queueButtons->addWidget(m_cancelSelected);
    queueButtons->addWidget(m_removeSelected);

    m_progressText = new QLabel(tr("No run is training."), pane);
    m_progressText->setObjectName(QStringLiteral("trainingProgressText"));
    m_progress = new QProgressBar(pane);
    m_progress->setObjectName(QStringLiteral("trainingProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_cancelRunning = new QPushButton(tr("Cancel"), pane);
    m_cancelRunning->setObjectName(QStringLiteral("cancelTrainingButton"));
    m_cancelRunning->setEnabled(false);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancelRunning);

    m_chart = new LossChart(tr("Loss per epoch"), pane);
    m_chart->setObjectName(QStringLiteral("trainingLossChart"));
    m_summary = new QLabel(pane);
    m_summary->setObjectName(QStringLiteral("trainingSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // Room for the heading and a few rows of metrics is kept from the start, so a finished run's
    // summary does not shrink the chart (a chart relayout and repaint on the UI thread).
    m_summary->setMinimumHeight(6 * (m_summary->fontMetrics().lineSpacing() + 4));

    auto* top = new QWidget(pane);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(queueButtons);
    topLayout->addWidget(m_queueView, 1);
    auto* bottom = new QWidget(pane);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_progressText);
    bottomLayout->addLayout(progressRow);
    bottomLayout->addWidget(m_chart, 1);
    bottomLayout->addWidget(m_summary);
    auto* split = new QSplitter(Qt::Vertical, pane);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(1, 1);
    split->setSizes({170, 560});
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(split);

    connect(m_queueView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateQueueButtons();
        if (const int id = selectedRun())
            showRun(id);
    });
    // A click sets the current row before it selects it: the buttons follow the selection.
    connect(m_queueView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { updateQueueButtons(); });
    connect(m_queue->model(), &QAbstractItemModel::dataChanged, this,
            [this] { updateQueueButtons(); });
    connect(m_queue->model(), &QAbstractItemModel::rowsRemoved, this,
            [this] { updateQueueButtons(); });
    connect(m_cancelSelected, &QPushButton::clicked, this, [this] {
        if (const int id = selectedRun())
            m_queue->cancel(id);
    });
    connect(m_removeSelected, &QPushButton::clicked, this, [this] {
        if (const int id = selectedRun())
            m_queue->remove(id);
    });
    connect(m_cancelRunning, &QPushButton::clicked, this, [this] {
        if (m_queue->runningId())
            m_queue->cancel(m_queue->runningId());
    });
    updateQueueButtons();
    return pane;
}

void TrainingPage::refreshDatasets() {
    const qint64 keep = m_dataset->currentData().toLongLong();
    QString error;
    m_datasets = m_session.datasets(&error);
    if (!error.isEmpty())
        m_message->showError(tr("Cannot list the datasets: %1").arg(error));
    {
        const QSignalBlocker block(m_dataset);
        m_dataset->clear();
        for (const rs::DatasetInfo& d : m_datasets)
            m_dataset->addItem(QString::fromStdString(d.name), QVariant::fromValue(qint64(d.id)));
        const int row = m_dataset->findData(QVariant::fromValue(keep));
        m_dataset->setCurrentIndex(row >= 0 ? row : (m_dataset->count() > 0 ? 0 : -1));
    }
    if (m_datasets.empty())
        m_dataset->setPlaceholderText(tr("(no dataset: import one first)"));
    datasetChosen();
}

bool TrainingPage::selectDataset(qint64 datasetId) {
    const int row = m_dataset->findData(QVariant::fromValue(datasetId));
    if (row < 0)
        return false;
    m_dataset->setCurrentIndex(row);
    return true;
}

void TrainingPage::prefillFromRun(qint64 runId, const QString& stage,
                                  const QList<QPair<QString, QString>>& changes) {
    runInWorker(
        this, [path = m_session.path()] { return RunCatalog::read(path); },
        [this, runId, stage, changes](RunCatalog catalog) {
            const rs::RunInfo* run = catalog.find(runId);
            if (!run || !selectDataset(run->datasetId) ||
                !selectModel(QString::fromStdString(run->model))) {
                m_message->showError(tr("Run %1 cannot be trained again here (it is gone, or "
                                        "its model is not trainable).")
                                         .arg(runId));
                emit prefilled(false);
                return;
            }
            for (const auto& [key, value] : run->params)
                if (QLineEdit* edit = m_hyper->editor(QString::fromStdString(key)))
                    edit->setText(QString::fromStdString(value));
            m_seed->setValue(int(run->seed));
            m_threads->setValue(run->threads);
            m_debias->setSpec(QString::fromStdString(run->debias));
            QString spec = QString::fromStdString(run->splitSpec);
            for (const auto& [key, value] : changes) {
                if (key == QLatin1String("seed"))
                    m_seed->setValue(value.toInt());
                else if (key == QLatin1String("threads"))
                    m_threads->setValue(value.toInt());
                else if (key == QLatin1String("spec"))
                    spec = value;
                else if (QLineEdit* edit = m_hyper->editor(key))
                    edit->setText(value);
            }
            // The same split unless the split stage was edited: the stored one, by id.
            const bool sameSplit = stage != QLatin1String("split") && run->splitId > 0;
            if (!(sameSplit && m_split->selectStoredSplit(run->splitId)))
                m_split->setSpec(spec);
            m_message->showInfo(tr("Filled in from run #%1 with %n change(s) to its %2 stage: "
                                   "review and queue it.",
                                   nullptr, int(changes.size()))
                                    .arg(runId)
                                    .arg(stage));
            emit prefilled(true);
        });
}

bool TrainingPage::selectModel(const QString& name) {
    const int row = m_model->findText(name);
    if (row < 0)
        return false;
    if (row == m_model->currentIndex())
        m_hyper->setModel(name);
    m_model->setCurrentIndex(row);
    return true;
}

void TrainingPage::datasetChosen() {
    const int row = m_dataset->currentIndex();
    const rs::DatasetInfo* info =
        row >= 0 && row < int(m_datasets.size()) ? &m_datasets[std::size_t(row)] : nullptr;
    m_split->setDataset(m_session.path(), info);
    m_debias->setDataset(info);
    updateRunButton();
}

void TrainingPage::updateRunButton() {
    m_run->setEnabled(m_dataset->currentIndex() >= 0 && m_hyper->isValid() && m_split->isValid() &&
                      m_debias->isValid());
}

int TrainingPage::queueRun() {
    if (m_dataset->currentIndex() < 0) {
        m_message->showError(tr("Choose a dataset to train on."));
        return 0;
    }
    if (!m_hyper->isValid()) {
        m_message->showError(tr("Fix the hyper-parameters marked in red first."));
        return 0;
    }
    if (!m_split->isValid()) {
        m_message->showError(tr("There is no stored split to reuse; choose another split."));
        return 0;
    }
    if (!m_debias->isValid()) {
        m_message->showError(m_debias->noteLabel()->text());
        return 0;
    }
    m_message->clear();
    rs::TrainingRequest request;
    request.datasetId = m_dataset->currentData().toLongLong();
    request.model = m_model->currentText().toStdString();
    request.params = m_hyper->values();
    const SplitChoice split = m_split->choice();
    request.split = split.spec;
    request.splitId = split.splitId;
    request.debias = m_debias->spec();
    request.seed = std::uint64_t(m_seed->value());
    request.threads = m_threads->value();
    request.eval.threads = std::max(request.eval.threads, request.threads);
    return m_queue->enqueue(request, m_dataset->currentText(), split.text);
}

int TrainingPage::selectedRun() const {
    const QModelIndex current = m_queueView->selectionModel()->currentIndex();
    if (!current.isValid() || !m_queueView->selectionModel()->isRowSelected(current.row()))
        return 0;
    return current.siblingAtColumn(0).data(TrainingQueueModel::IdRole).toInt();
}

void TrainingPage::updateQueueButtons() {
    const QueuedRun* r = m_queue->run(selectedRun());
    m_cancelSelected->setEnabled(r && !r->isFinished());
    m_removeSelected->setEnabled(r && r->state != QueuedRun::State::Running);
    m_cancelRunning->setEnabled(m_queue->runningId() != 0);
}

void TrainingPage::showRun(int id) {
    const QueuedRun* r = m_queue->run(id);
    if (!r)
        return;
    // The chart already holds the shown run's curve (it grew live): keep it. Rebuilding a long
    // curve costs tens of milliseconds of Qt Charts layout on the UI thread.
    m_chart->flush();
    if (id != m_shown || m_chart->epochCount() != int(r->epochs.size()))
        m_chart->setEpochs(r->epochs);
    m_shown = id;
    m_chart->setPlannedEpochs(plannedEpochs(r->request));
    m_chart->setSubtitle(
        tr("#%1 %2 on %3 · %4")
            .arg(r->id)
            .arg(QString::fromStdString(r->request.model), r->datasetName, r->splitText));
    if (r->state == QueuedRun::State::Done)
        m_summary->setText(tr("<b>Run #%1</b> (stored as run %2, fit %3 s)%4")
                               .arg(r->id)
                               .arg(r->runId)
                               .arg(r->fitSeconds, 0, 'f', 2)
                               .arg(MetricFormat::summaryHtml(r->metrics)));
    else if (r->isFinished())
        m_summary->setText(
            tr("<b>Run #%1</b> %2: %3")
                .arg(r->id)
                .arg(TrainingQueueModel::stateName(r->state), r->message.toHtmlEscaped()));
    else
        m_summary->clear();
}

void TrainingPage::onStarted(int id) {
    m_clock.start();
    m_progressFraction = 0;
    m_progress->setValue(0);
    showRun(id);
    updateProgressText(id);
    updateQueueButtons();
}

void TrainingPage::onEpoch(int id, const rs::EpochRecord& epoch) {
    if (id == m_shown)
        m_chart->addEpoch(epoch);
    scheduleProgress(id);
}

void TrainingPage::onProgress(int id, double fraction, const QString&) {
    m_progressFraction = fraction;
    scheduleProgress(id);
}

void TrainingPage::scheduleProgress(int id) {
    m_progressRun = id;
    if (!m_progressTimer.isActive())
        m_progressTimer.start();
}

void TrainingPage::applyProgress() {
    if (m_progressRun != m_queue->runningId())
        return;
    m_progress->setValue(int(std::lround(m_progressFraction * 1000)));
    updateProgressText(m_progressRun);
}

void TrainingPage::updateProgressText(int id) {
    const QueuedRun* r = m_queue->run(id);
    if (!r || r->state != QueuedRun::State::Running)
        return;
    const double elapsed = double(m_clock.elapsed()) / 1000.0;
    QString text = tr("Run #%1 %2").arg(r->id).arg(QString::fromStdString(r->request.model));
    const int planned = plannedEpochs(r->request);
    double eta = -1;
    if (!r->epochs.empty()) {
        const rs::EpochRecord& last = r->epochs.back();
        text += planned > 0 ? tr(" · epoch %1 / %2").arg(last.epoch).arg(planned)
                            : tr(" · epoch %1").arg(last.epoch);
        text += tr(" · loss %1").arg(last.trainLoss, 0, 'f', 4);
        if (last.validationLoss >= 0)
            text += tr(" · validation %1").arg(last.validationLoss, 0, 'f', 4);
        if (planned > 0 && last.epoch > 0)
            eta = elapsed / last.epoch * std::max(0, planned - last.epoch);
    } else if (!r->stage.isEmpty()) {
        text += QStringLiteral(" · ") + r->stage;
    }
    if (eta < 0 && r->fraction > 0.02)
        eta = elapsed * (1.0 - r->fraction) / r->fraction;
    text += eta >= 0 ? tr(" · ETA %1").arg(durationText(eta)) : tr(" · estimating time left…");
    m_progressText->setText(text);
}

void TrainingPage::onFinished(int id) {
    m_progressTimer.stop();
    const QueuedRun* r = m_queue->run(id);
    if (!r)
        return;
    if (id == m_shown || r->state == QueuedRun::State::Done)
        showRun(id);
    if (!m_queue->runningId()) {
        m_progress->setValue(r->state == QueuedRun::State::Done ? 1000 : 0);
        m_progressText->setText(
            tr("Run #%1 %2.").arg(r->id).arg(TrainingQueueModel::stateName(r->state)));
    }
    if (r->state == QueuedRun::State::Failed)
        m_message->showError(tr("Run #%1 failed: %2").arg(r->id).arg(r->message));
    updateQueueButtons();
}

} // namespace rs::ui
