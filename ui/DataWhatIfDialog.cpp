#include "DataWhatIfDialog.h"

#include "ExplainText.h"
#include "InlineMessage.h"
#include "TopNComparison.h"

#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>

namespace rs::ui {

namespace {

QTableWidgetItem* cell(const QString& text, bool number = false) {
    auto* c = new QTableWidgetItem(text);
    c->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number)
        c->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return c;
}

QTableWidget* table(const QStringList& headers, const QString& name, QWidget* parent) {
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < headers.size(); ++c)
        t->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    return t;
}

/// Makes a table exactly as tall as its rows (it sits in a scroll area with others).
void fitHeight(QTableWidget* t) {
    int h = t->horizontalHeader()->height() + 2 * t->frameWidth();
    for (int r = 0; r < t->rowCount(); ++r)
        h += t->rowHeight(r);
    t->setFixedHeight(h);
}

} // namespace

DataWhatIfDialog::DataWhatIfDialog(JobRunner& jobs, std::shared_ptr<const rs::RunContext> context,
                                   quint32 user, quint32 item, QWidget* parent)
    : QDialog(parent), m_jobs(jobs), m_ctx(std::move(context)), m_user(user), m_item(item) {
    setObjectName(QStringLiteral("dataWhatIfDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    const QString userId = m_user < m_ctx->userIds.size()
                               ? QString::fromStdString(m_ctx->userIds[m_user])
                               : QString::number(m_user);
    setWindowTitle(tr("What if the data changed? — %1 for user %2").arg(itemText(m_item), userId));
    auto* header = new QLabel(
        tr("<b>Run #%1 %2</b> · user %3 · “%4”. List changes to the training data, then run "
           "them: removing only this user's ratings re-solves the user (fold-in); any other "
           "change retrains the model with the run's settings in the background. Nothing is "
           "stored.")
            .arg(m_ctx->run.id)
            .arg(QString::fromStdString(m_ctx->run.model).toHtmlEscaped(), userId.toHtmlEscaped(),
                 itemText(m_item).toHtmlEscaped()),
        this);
    header->setWordWrap(true);
    m_message = new InlineMessage(this);
    m_message->setObjectName(QStringLiteral("dataWhatIfMessage"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(buildForm());
    layout->addWidget(m_message);
    layout->addWidget(buildResults(), 1);
    resize(900, 760);
    actionChanged();
    refreshEditList();
}

DataWhatIfDialog::~DataWhatIfDialog() {
    if (m_job)
        m_jobs.cancel(m_job);
}

QString DataWhatIfDialog::itemText(std::uint32_t item) const {
    return ExplainText::itemTitle(m_ctx->items, item);
}

QWidget* DataWhatIfDialog::buildForm() {
    auto* box = new QGroupBox(tr("Changes to the training data"), this);
    m_action = new QComboBox(box);
    m_action->setObjectName(QStringLiteral("dataWhatIfAction"));
    m_action->addItem(tr("Remove this user's rating of"));
    m_action->addItem(tr("Add a rating by this user for"));
    m_action->addItem(tr("Remove from all data the item"));
    m_action->addItem(tr("Down-weight everywhere the item"));
    m_itemBox = new QComboBox(box);
    m_itemBox->setObjectName(QStringLiteral("dataWhatIfItem"));
    m_itemBox->setEditable(true);
    m_itemBox->setInsertPolicy(QComboBox::NoInsert);
    m_itemBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_itemBox->setMinimumContentsLength(28);
    m_value = new QDoubleSpinBox(box);
    m_value->setObjectName(QStringLiteral("dataWhatIfValue"));
    m_value->setDecimals(2);
    m_valueLabel = new QLabel(box);
    m_add = new QPushButton(tr("Add change"), box);
    m_add->setObjectName(QStringLiteral("dataWhatIfAdd"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_action);
    row->addWidget(m_itemBox, 1);
    row->addWidget(m_valueLabel);
    row->addWidget(m_value);
    row->addWidget(m_add);

    m_editList = new QListWidget(box);
    m_editList->setObjectName(QStringLiteral("dataWhatIfEdits"));
    m_editList->setMaximumHeight(96);
    m_removeEdit = new QPushButton(tr("Remove change"), box);
    m_removeEdit->setObjectName(QStringLiteral("dataWhatIfRemoveEdit"));
    m_run = new QPushButton(QIcon(QStringLiteral(":/icons/queue.svg")), tr("Run what-if"), box);
    m_run->setObjectName(QStringLiteral("dataWhatIfRun"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), box);
    m_cancel->setObjectName(QStringLiteral("dataWhatIfCancel"));
    m_progress = new QProgressBar(box);
    m_progress->setObjectName(QStringLiteral("dataWhatIfProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_removeEdit);
    buttons->addStretch(1);
    buttons->addWidget(m_progress, 2);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);

    auto* v = new QVBoxLayout(box);
    v->addLayout(row);
    v->addWidget(m_editList);
    v->addLayout(buttons);

    connect(m_action, &QComboBox::currentIndexChanged, this, [this] { actionChanged(); });
    connect(m_add, &QPushButton::clicked, this, [this] { addFromForm(); });
    connect(m_removeEdit, &QPushButton::clicked, this, [this] {
        const int row = m_editList->currentRow();
        if (row >= 0 && row < int(m_edits.size())) {
            m_edits.erase(m_edits.begin() + row);
            refreshEditList();
        }
    });
    connect(m_editList, &QListWidget::currentRowChanged, this,
            [this] { m_removeEdit->setEnabled(!isBusy() && m_editList->currentRow() >= 0); });
    connect(m_run, &QPushButton::clicked, this, [this] { runWhatIf(); });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_jobs.cancel(m_job);
    });
    setBusy(false);
    return box;
}

QWidget* DataWhatIfDialog::buildResults() {
    auto* box = new QGroupBox(tr("Answer"), this);
    m_summary = new QLabel(box);
    m_summary->setObjectName(QStringLiteral("dataWhatIfSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_comparison = new TopNComparison(box);
    m_exposure = table({tr("Edited item"), tr("Top-N lists before"), tr("after")},
                       QStringLiteral("dataWhatIfExposure"), box);
    m_evidence = table({tr("History item (strongest evidence)"), tr("before"), tr("after")},
                       QStringLiteral("dataWhatIfEvidence"), box);
    auto* content = new QWidget;
    auto* v = new QVBoxLayout(content);
    v->addWidget(m_summary);
    v->addWidget(m_comparison);
    v->addWidget(m_exposure);
    v->addWidget(m_evidence);
    v->addStretch(1);
    auto* scroll = new QScrollArea(box);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(box);
    outer->addWidget(scroll);
    m_exposure->setVisible(false);
    m_evidence->setVisible(false);
    return box;
}

void DataWhatIfDialog::actionChanged() {
    const auto action = Action(m_action->currentIndex());
    // Items offered: the user's rated items for removing a rating; every item otherwise, the
    // explained one first.
    std::vector<std::uint32_t> items;
    if (action == RemoveRating) {
        const auto rated = m_ctx->trainItems(m_user);
        items.assign(rated.begin(), rated.end());
    } else {
        items.push_back(m_item);
        for (std::uint32_t i = 0; i < m_ctx->numItems(); ++i)
            if (i != m_item)
                items.push_back(i);
    }
    if (action == RemoveRating)
        std::sort(items.begin(), items.end(), [this](std::uint32_t a, std::uint32_t b) {
            return itemText(a).localeAwareCompare(itemText(b)) < 0;
        });
    m_itemBox->clear();
    for (std::uint32_t i : items)
        m_itemBox->addItem(itemText(i), qulonglong(i));
    m_itemBox->completer()->setFilterMode(Qt::MatchContains);
    m_itemBox->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_itemBox->completer()->setCompletionMode(QCompleter::PopupCompletion);
    const bool value = action == AddRating || action == WeightItem;
    m_value->setVisible(value);
    m_valueLabel->setVisible(value);
    if (action == AddRating) {
        m_valueLabel->setText(tr("rating"));
        m_value->setRange(-1e6, 1e6);
        m_value->setSingleStep(0.5);
        m_value->setValue(5.0);
    } else if (action == WeightItem) {
        m_valueLabel->setText(tr("weight"));
        m_value->setRange(0.0, 1.0);
        m_value->setSingleStep(0.05);
        m_value->setValue(0.25);
    }
}

void DataWhatIfDialog::addFromForm() {
    const int index = m_itemBox->findText(m_itemBox->currentText());
    if (index < 0) {
        m_message->showError(tr("Choose an item from the list (type part of its title)."));
        return;
    }
    rs::DataEdit e;
    e.item = std::uint32_t(m_itemBox->itemData(index).toULongLong());
    e.user = m_user;
    switch (Action(m_action->currentIndex())) {
    case RemoveRating:
        e.kind = rs::DataEdit::Kind::RemoveRating;
        break;
    case AddRating:
        e.kind = rs::DataEdit::Kind::AddRating;
        e.value = float(m_value->value());
        break;
    case RemoveItem:
        e.kind = rs::DataEdit::Kind::RemoveItem;
        break;
    case WeightItem:
        e.kind = rs::DataEdit::Kind::WeightItem;
        e.weight = m_value->value();
        break;
    }
    m_message->clear();
    addEdit(e);
}

void DataWhatIfDialog::addEdit(const rs::DataEdit& edit) {
    if (std::find(m_edits.begin(), m_edits.end(), edit) == m_edits.end())
        m_edits.push_back(edit);
    refreshEditList();
}

QString DataWhatIfDialog::editText(const rs::DataEdit& e) const {
    const QString title = itemText(e.item);
    switch (e.kind) {
    case rs::DataEdit::Kind::RemoveRating:
        return tr("Remove this user's rating of “%1”").arg(title);
    case rs::DataEdit::Kind::AddRating:
        return tr("Add this user's rating %1 for “%2”")
            .arg(QLocale().toString(double(e.value), 'g', 4), title);
    case rs::DataEdit::Kind::RemoveItem: {
        const std::uint32_t n = m_ctx->train.byItem.rowSize(e.item);
        return n == 1 ? tr("Remove “%1” from all data (1 interaction)").arg(title)
                      : tr("Remove “%1” from all data (%2 interactions)").arg(title).arg(n);
    }
    case rs::DataEdit::Kind::WeightItem:
        return tr("Weigh every interaction with “%1” × %2")
            .arg(title, QLocale().toString(e.weight, 'g', 3));
    }
    return title;
}

void DataWhatIfDialog::refreshEditList() {
    m_editList->clear();
    for (const rs::DataEdit& e : m_edits)
        m_editList->addItem(editText(e));
    setBusy(isBusy());
}

void DataWhatIfDialog::setBusy(bool busy) {
    m_run->setEnabled(!busy && !m_edits.empty());
    m_cancel->setEnabled(busy);
    m_add->setEnabled(!busy);
    m_removeEdit->setEnabled(!busy && m_editList->currentRow() >= 0);
    m_progress->setVisible(busy);
}

bool DataWhatIfDialog::runWhatIf() {
    if (isBusy())
        return false;
    if (m_edits.empty()) {
        m_message->showError(tr("List at least one change first."));
        return false;
    }
    m_message->clear();
    rs::DataWhatIfRequest req;
    req.user = m_user;
    req.item = m_item;
    req.edits = m_edits;
    m_progress->setValue(0);
    m_job = m_jobs.start<rs::DataWhatIfResult>(
        tr("What-if on the data of run #%1").arg(m_ctx->run.id),
        [ctx = m_ctx, req](const rs::Progress& progress) {
            return rs::runDataWhatIf(*ctx, req, progress);
        },
        this, [this](rs::DataWhatIfResult r) { showResult(std::move(r)); });
    connect(&m_jobs, &JobRunner::jobProgress, this,
            [this, id = m_job](JobId job, double fraction, const QString&) {
                if (job == id)
                    m_progress->setValue(int(fraction * 1000));
            });
    setBusy(true);
    return true;
}

void DataWhatIfDialog::showResult(rs::DataWhatIfResult r) {
    disconnect(&m_jobs, &JobRunner::jobProgress, this, nullptr);
    m_job = 0;
    setBusy(false);
    if (!r.error.empty()) {
        m_message->showError(r.cancelled
                                 ? tr("Cancelled: the answer was not computed; nothing changed.")
                                 : QString::fromStdString(r.error));
        m_result = std::move(r);
        emit answered();
        return;
    }
    const QLocale loc;
    const bool retrain = r.method == "retrain";
    QString text =
        retrain ? tr("<b>Retrained</b> %1 on the edited data in %2 s (fit %3 s).")
                      .arg(QString::fromStdString(m_ctx->run.model).toHtmlEscaped(),
                           loc.toString(r.seconds, 'f', 2), loc.toString(r.fitSeconds, 'f', 2))
                : tr("<b>Fold-in</b>: the user was re-solved in %1 s, without retraining.")
                      .arg(loc.toString(r.seconds, 'f', 3));
    text += QStringLiteral(" ") + tr("Score of “%1”: %2 → <b>%3</b>.")
                                      .arg(itemText(m_item).toHtmlEscaped(),
                                           ExplainText::number(r.scoreBefore),
                                           ExplainText::number(r.scoreAfter));
    if (retrain)
        text += QStringLiteral(" ") +
                tr("%1 of %2 users have another top-%3 list (a retrain also moves what the edit "
                   "does not touch: stochastic training takes another path).")
                    .arg(r.usersChanged)
                    .arg(r.usersCompared)
                    .arg(int(r.before.size()));
    m_summary->setText(text);

    WhatIfReply reply;
    reply.user = m_user;
    reply.item = m_item;
    reply.k = int(std::max(r.before.size(), r.after.size()));
    for (const rs::DataEdit& e : m_edits)
        if (e.kind == rs::DataEdit::Kind::RemoveRating && e.user == m_user)
            reply.removed.push_back(e.item);
    reply.before = r.before;
    reply.after = r.after;
    reply.rankBefore = r.rankBefore;
    reply.rankAfter = r.rankAfter;
    reply.seconds = r.seconds;
    reply.changeText = tr("With the changes");
    reply.note = QString::fromStdString(r.note);
    m_comparison->setResult(reply, m_ctx->items);

    m_exposure->setRowCount(0);
    for (const rs::ItemExposureChange& x : r.exposure) {
        const int row = m_exposure->rowCount();
        m_exposure->insertRow(row);
        m_exposure->setItem(row, 0, cell(itemText(x.item)));
        m_exposure->setItem(row, 1, cell(QString::number(x.before), true));
        m_exposure->setItem(row, 2, cell(QString::number(x.after), true));
    }
    m_exposure->setVisible(!r.exposure.empty());
    fitHeight(m_exposure);

    // The explanation's strongest evidence before, with each item's contribution after.
    m_evidence->setRowCount(0);
    if (r.explanationBefore && r.explanationAfter) {
        std::map<std::uint32_t, double> after;
        for (const rs::EvidenceItem& e : r.explanationAfter->evidence)
            after[e.item] = e.contribution;
        std::vector<rs::EvidenceItem> ev = r.explanationBefore->evidence;
        std::stable_sort(ev.begin(), ev.end(), [](const auto& a, const auto& b) {
            return std::abs(a.contribution) > std::abs(b.contribution);
        });
        for (std::size_t n = 0; n < std::min<std::size_t>(ev.size(), 8); ++n) {
            const int row = m_evidence->rowCount();
            m_evidence->insertRow(row);
            m_evidence->setItem(row, 0, cell(itemText(ev[n].item)));
            m_evidence->setItem(row, 1, cell(ExplainText::number(ev[n].contribution, true), true));
            const auto it = after.find(ev[n].item);
            m_evidence->setItem(
                row, 2,
                cell(it == after.end() ? tr("removed") : ExplainText::number(it->second, true),
                     true));
        }
    }
    m_evidence->setVisible(m_evidence->rowCount() > 0);
    fitHeight(m_evidence);
    m_result = std::move(r);
    emit answered();
}

} // namespace rs::ui
