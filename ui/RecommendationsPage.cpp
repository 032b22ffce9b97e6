#include "RecommendationsPage.h"

#include "CompactControls.h"
#include "DatasetFormat.h"
#include "InlineMessage.h"
#include "ItemScoreModel.h"
#include "ItemScoreTable.h"
#include "RunCatalog.h"
#include "RunContextCache.h"
#include "WorkerCall.h"
#include "WorkspaceSession.h"

#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStringListModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace rs::ui {

namespace {

/// What the worker computed for one (run, user, k).
struct UserLists {
    qint64 user = -1;
    std::vector<ItemScoreRow> recs, history;
    std::size_t candidates = 0;
    QString error;
};

ItemScoreRow rowOf(const rs::RunContext& ctx, std::uint32_t item, float value) {
    const rs::ItemLabel& label = ctx.items[item];
    return {item, QString::fromStdString(label.id), QString::fromStdString(label.title),
            QString::fromStdString(label.genres), value};
}

UserLists computeLists(const rs::RunContext& ctx, const std::string& userId, int k) {
    UserLists out;
    out.user = ctx.userIndex(userId);
    if (out.user < 0) {
        out.error = QObject::tr("User “%1” is not in this run's dataset.")
                        .arg(QString::fromStdString(userId));
        return out;
    }
    const auto u = std::uint32_t(out.user);
    for (const rs::ScoredItem& s : ctx.recommend(u, k))
        out.recs.push_back(rowOf(ctx, s.item, s.score));
    const auto items = ctx.trainItems(u);
    const auto values = ctx.trainValues(u);
    out.candidates = ctx.numItems() - items.size();
    for (std::size_t j = 0; j < items.size(); ++j)
        out.history.push_back(rowOf(ctx, items[j], values[j]));
    std::stable_sort(out.history.begin(), out.history.end(),
                     [](const ItemScoreRow& a, const ItemScoreRow& b) {
                         return a.value != b.value ? a.value > b.value : a.title < b.title;
                     });
    return out;
}

} // namespace

RecommendationsPage::RecommendationsPage(WorkspaceSession& session, RunContextCache& contexts,
                                         QWidget* parent)
    : QWidget(parent), m_session(session), m_contexts(contexts), m_message(new InlineMessage(this)),
      m_recs(new ItemScoreModel(true, tr("Score"), this)),
      m_history(new ItemScoreModel(false, tr("Rating"), this)) {
    setObjectName(QStringLiteral("recommendationsPage"));
    m_table = itemScoreTable(m_recs, QStringLiteral("recommendationsTable"), this);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_historyTable = itemScoreTable(m_history, QStringLiteral("historyTable"), this);
    m_historyTable->setColumnHidden(ItemScoreModel::Rank, true);
    m_historyTable->setColumnWidth(ItemScoreModel::Title, 260);
    m_historyTable->setColumnWidth(ItemScoreModel::Genres, 150);
    m_historyTable->horizontalHeader()->moveSection(ItemScoreModel::Value, ItemScoreModel::Title);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("recommendationsStatus"));
    m_why = new QPushButton(tr("Why?"), this);
    m_why->setObjectName(QStringLiteral("whyButton"));
    m_why->setToolTip(tr("Explain why the selected item is recommended to this user"));
    m_why->setEnabled(false);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_why);
    leftLayout->addLayout(statusRow);
    leftLayout->addWidget(m_table, 1);

    m_historyTitle = new QLabel(tr("Training history"), this);
    m_historyTitle->setObjectName(QStringLiteral("historyTitle"));
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_historyTitle);
    rightLayout->addWidget(m_historyTable, 1);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(buildControls());
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RecommendationsPage::updateWhyButton);
    connect(m_why, &QPushButton::clicked, this,
            [this] { explainRow(m_table->selectionModel()->currentIndex().row()); });
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { explainRow(index.row()); });
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const int row = m_table->indexAt(pos).row();
        const ItemScoreRow* r = m_recs->at(row);
        if (!r)
            return;
        QMenu menu(this);
        menu.addAction(tr("Why is “%1” recommended?").arg(r->title), this,
                       [this, row] { explainRow(row); });
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(&m_session, &WorkspaceSession::runsChanged, this, [this] { refreshRuns(); });
    connect(&m_session, &WorkspaceSession::workspaceChanged, this, [this] {
        m_runId = m_pendingRun = 0;
        m_ctx.reset();
        m_recs->clear();
        m_history->clear();
        refreshRuns();
    });
    refreshRuns();
}

QWidget* RecommendationsPage::buildControls() {
    auto* bar = new QWidget(this);
    m_run = compactComboBox(bar, QStringLiteral("recommendationsRun"), 36);
    m_user = new QLineEdit(bar);
    m_user->setObjectName(QStringLiteral("recommendationsUser"));
    m_user->setPlaceholderText(tr("user id"));
    m_user->setClearButtonEnabled(true);
    m_user->setMaximumWidth(160);
    m_completer = new QCompleter(new QStringListModel(this), this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setMaxVisibleItems(12);
    m_user->setCompleter(m_completer);
    m_k = new QSpinBox(bar);
    m_k->setObjectName(QStringLiteral("recommendationsK"));
    m_k->setRange(1, 500);
    m_k->setValue(10);
    m_show = new QPushButton(tr("Show"), bar);
    m_show->setObjectName(QStringLiteral("recommendationsShow"));
    m_show->setDefault(true);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Run:"), bar));
    row->addWidget(m_run, 2);
    row->addSpacing(8);
    row->addWidget(new QLabel(tr("User:"), bar));
    row->addWidget(m_user);
    row->addWidget(new QLabel(tr("Top N:"), bar));
    row->addWidget(m_k);
    row->addWidget(m_show);
    row->addStretch(1);

    connect(m_run, &QComboBox::currentIndexChanged, this, [this] { runChosen(); });
    connect(m_user, &QLineEdit::returnPressed, this, [this] { showRecommendations(); });
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this,
            [this](const QString& id) {
                m_user->setText(id);
                showRecommendations();
            });
    connect(m_show, &QPushButton::clicked, this, [this] { showRecommendations(); });
    connect(m_k, &QSpinBox::valueChanged, this, [this] {
        if (m_shownUser >= 0)
            showRecommendations();
    });
    return bar;
}

void RecommendationsPage::refreshRuns() {
    readRunCatalog(this, m_session.path(), m_catalogGeneration,
                   [this](RunCatalog catalog) { catalogArrived(std::move(catalog)); });
}

void RecommendationsPage::catalogArrived(RunCatalog catalog) {
    if (!catalog.error.isEmpty())
        m_message->showError(tr("Cannot list the runs: %1").arg(catalog.error));
    const qint64 keep = m_pendingRun ? m_pendingRun : m_runId;
    {
        const QSignalBlocker block(m_run);
        m_run->clear();
        // Newest first.
        for (auto it = catalog.runs.rbegin(); it != catalog.runs.rend(); ++it)
            m_run->addItem(catalog.label(*it), QVariant::fromValue(qint64(it->id)));
        const int index = m_run->findData(QVariant::fromValue(keep));
        m_run->setCurrentIndex(index >= 0 ? index : (m_run->count() > 0 ? 0 : -1));
        if (index >= 0)
            m_pendingRun = 0;
    }
    if (m_run->count() == 0)
        m_run->setPlaceholderText(tr("(no trained run yet: train one on the Training page)"));
    emit runsLoaded();
    runChosen();
}

void RecommendationsPage::setRun(qint64 runId) {
    const int index = m_run->findData(QVariant::fromValue(runId));
    if (index < 0) {
        m_pendingRun = runId; // the run list may not have it yet
        refreshRuns();
        return;
    }
    m_pendingRun = 0;
    m_run->setCurrentIndex(index);
}

void RecommendationsPage::setUserId(const QString& userId) {
    m_user->setText(userId);
}

void RecommendationsPage::setK(int k) {
    m_k->setValue(k);
}

void RecommendationsPage::runChosen() {
    const qint64 runId = m_run->currentData().toLongLong();
    if (runId == m_runId && (m_ctx || runId == 0))
        return;
    m_runId = runId;
    m_ctx.reset();
    m_recs->clear();
    m_history->clear();
    m_shownUser = -1;
    m_shownRun = 0;
    updateWhyButton();
    const quint64 generation = ++m_contextGeneration;
    ++m_listGeneration;
    m_busy = false;
    if (!runId) {
        m_status->setText(tr("Choose a run."));
        return;
    }
    m_status->setText(tr("Loading run %1…").arg(runId));
    m_contexts.request(
        runId, this,
        [this, runId, generation](std::shared_ptr<const rs::RunContext> ctx, const QString& error) {
            if (generation == m_contextGeneration)
                contextArrived(runId, std::move(ctx), error);
        });
}

void RecommendationsPage::contextArrived(qint64 runId, std::shared_ptr<const rs::RunContext> ctx,
                                         const QString& error) {
    m_ctx = std::move(ctx);
    if (!m_ctx) {
        m_status->setText(tr("Run %1 could not be loaded.").arg(runId));
        m_message->showError(tr("Cannot load run %1: %2").arg(runId).arg(error));
        emit contextReady(runId, false);
        return;
    }
    m_message->clear();
    QStringList ids;
    ids.reserve(qsizetype(m_ctx->userIds.size()));
    for (const std::string& id : m_ctx->userIds)
        ids << QString::fromStdString(id);
    static_cast<QStringListModel*>(m_completer->model())->setStringList(ids);
    m_status->setText(
        tr("%1 users, %2 items: choose a user.")
            .arg(formatCount(qint64(m_ctx->numUsers())), formatCount(qint64(m_ctx->numItems()))));
    emit contextReady(runId, true);
    if (!m_user->text().trimmed().isEmpty())
        showRecommendations();
}

void RecommendationsPage::showRecommendations() {
    const QString userId = m_user->text().trimmed();
    if (!m_ctx || userId.isEmpty())
        return; // computed when the context arrives
    const quint64 generation = ++m_listGeneration;
    m_busy = true;
    const qint64 runId = m_runId;
    runInWorker(
        this,
        [ctx = m_ctx, id = userId.toStdString(), k = m_k->value()] {
            return computeLists(*ctx, id, k);
        },
        [this, generation, runId, userId](UserLists lists) {
            if (generation != m_listGeneration)
                return;
            m_busy = false;
            if (!lists.error.isEmpty()) {
                m_message->showError(lists.error);
                emit recommendationsShown(false);
                return;
            }
            m_message->clear();
            m_shownUser = lists.user;
            m_shownRun = runId;
            const std::size_t historySize = lists.history.size();
            m_recs->setRows(std::move(lists.recs));
            m_history->setRows(std::move(lists.history));
            m_status->setText(tr("Top %1 for user %2 among %3 items they have not rated")
                                  .arg(m_recs->rowCount())
                                  .arg(userId, formatCount(qint64(lists.candidates))));
            m_historyTitle->setText(tr("Training history of user %1 (%2 ratings)")
                                        .arg(userId, formatCount(qint64(historySize))));
            if (m_recs->rowCount() > 0)
                m_table->selectRow(0);
            updateWhyButton();
            emit recommendationsShown(true);
        });
}

void RecommendationsPage::explainRow(int row) {
    const ItemScoreRow* r = m_recs->at(row);
    if (!r || m_shownUser < 0 || !m_shownRun)
        return;
    emit explainRequested(m_shownRun, quint32(m_shownUser), r->item);
}

void RecommendationsPage::updateWhyButton() {
    m_why->setEnabled(m_shownUser >= 0 && m_table->selectionModel()->hasSelection());
}

} // namespace rs::ui
