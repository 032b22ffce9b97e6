#include "DatasetBrowserPage.h"

#include "DatasetListModel.h"
#include "DatasetSummaryView.h"
#include "InlineMessage.h"
#include "ItemsTableModel.h"
#include "JobRunner.h"
#include "RatingsTableModel.h"
#include "TableBrowser.h"
#include "UiLog.h"
#include "UserProfileView.h"
#include "UsersTableModel.h"
#include "WorkspaceSession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace rs::ui {

namespace {

/// Runs a small write on the job pool with its own connection; returns an error text.
using WriteFn = std::function<void(rs::Workspace&)>;

std::function<QString(const rs::Progress&)> writeJob(const QString& workspacePath, WriteFn fn) {
    return [path = workspacePath.toStdString(), fn = std::move(fn)](const rs::Progress&) {
        try {
            rs::Workspace ws(path);
            fn(ws);
            return QString();
        } catch (const std::exception& e) {
            return QString::fromUtf8(e.what());
        }
    };
}

} // namespace

DatasetBrowserPage::DatasetBrowserPage(WorkspaceSession& session, JobRunner& jobs,
                                       AppSettings* settings, QWidget* parent)
    : QWidget(parent), m_session(session), m_jobs(jobs), m_model(new DatasetListModel(this)),
      m_message(new InlineMessage(this)), m_tabs(new QTabWidget(this)),
      m_summary(new DatasetSummaryView(settings, this)),
      m_ratings(new TableBrowser(new RatingsTableModel, tr("Filter by user id, item id or title…"),
                                 this)),
      m_items(
          new TableBrowser(new ItemsTableModel, tr("Filter by item id, title or genre…"), this)),
      m_users(new TableBrowser(new UsersTableModel, tr("Filter by user id…"), this)),
      m_profile(new UserProfileView(this)) {
    m_ratings->setObjectName(QStringLiteral("ratingsBrowser"));
    m_items->setObjectName(QStringLiteral("itemsBrowser"));
    m_users->setObjectName(QStringLiteral("usersBrowser"));
    m_tabs->setObjectName(QStringLiteral("datasetTabs"));
    m_ratings->setColumnWidths({80, 80, 380, 70, 140});
    m_items->setColumnWidths({80, 360, 300, 80, 90});
    m_users->setColumnWidths({100, 90, 100});

    auto* summaryScroll = new QScrollArea(this);
    summaryScroll->setWidget(m_summary);
    summaryScroll->setWidgetResizable(true);
    summaryScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(summaryScroll, tr("Summary"));
    m_tabs->addTab(m_ratings, tr("Ratings"));
    m_tabs->addTab(m_items, tr("Items"));
    m_tabs->addTab(m_users, tr("Users"));
    m_tabs->setTabsClosable(true);
    for (int t = SummaryTab; t <= UsersTab; ++t)
        m_tabs->tabBar()->setTabButton(t, QTabBar::RightSide, nullptr);
    m_profile->hide();

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_message);
    m_itemLimitNote = new InlineMessage(this);
    m_itemLimitNote->setObjectName(QStringLiteral("itemLimitNote"));
    rightLayout->addWidget(m_itemLimitNote);
    rightLayout->addWidget(m_tabs, 1);
    connect(m_itemLimitNote, &InlineMessage::dismissed, this,
            [this] { m_items->model()->setOnlyItems(std::nullopt); });

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildListPane());
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 900});
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(&m_session, &WorkspaceSession::workspaceChanged, this, [this] {
        // Dataset ids are per workspace: forget what was shown before the switch.
        m_currentId = 0;
        m_pendingDelete = 0;
        m_confirm->hide();
        m_message->clear();
        showDataset(-1);
    });
    connect(&m_session, &WorkspaceSession::datasetsChanged, this, &DatasetBrowserPage::refreshList);
    connect(m_model, &DatasetListModel::renameRequested, this, &DatasetBrowserPage::renameDataset);
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this](int index) { activateTable(m_tabs->widget(index)); });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (m_tabs->widget(index) == m_profile)
            m_tabs->removeTab(index);
    });
    auto openFrom = [this](TableBrowser* browser, int column) {
        return [this, browser, column](int row) {
            const QString user =
                browser->model()->index(row, column).data(PagedTableModel::RawRole).toString();
            if (!user.isEmpty())
                openUserProfile(user);
        };
    };
    connect(m_users, &TableBrowser::rowActivated, this, openFrom(m_users, UsersTableModel::User));
    connect(m_ratings, &TableBrowser::rowActivated, this,
            openFrom(m_ratings, RatingsTableModel::User));
    refreshList(0);
}

QWidget* DatasetBrowserPage::buildListPane() {
    auto* pane = new QWidget(this);
    auto* title = new QLabel(tr("<b>Datasets</b>"), pane);
    m_list = new QListView(pane);
    m_list->setObjectName(QStringLiteral("datasetList"));
    m_list->setModel(m_model);
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_list->setUniformItemSizes(true);
    m_emptyHint = new QLabel(tr("No datasets yet. Import a ratings file, or drop a CSV/TSV file "
                                "onto the window."),
                             pane);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setEnabled(false);
    auto* importButton = new QPushButton(tr("Import…"), pane);
    importButton->setObjectName(QStringLiteral("importButton"));
    m_renameButton = new QPushButton(tr("Rename"), pane);
    m_renameButton->setObjectName(QStringLiteral("renameButton"));
    m_deleteButton = new QPushButton(tr("Delete…"), pane);
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(importButton);
    buttons->addWidget(m_renameButton);
    buttons->addWidget(m_deleteButton);

    // Inline confirmation instead of a modal dialog.
    m_confirm = new QFrame(pane);
    m_confirm->setObjectName(QStringLiteral("deleteConfirmation"));
    m_confirm->setStyleSheet(QStringLiteral("QFrame#deleteConfirmation{background:#fbeaea;border:"
                                            "1px solid #e39a9a;border-radius:4px;}"));
    m_confirmText = new QLabel(m_confirm);
    m_confirmText->setWordWrap(true);
    m_confirmText->setTextFormat(Qt::PlainText); // quotes the dataset's name
    auto* yes = new QPushButton(tr("Delete"), m_confirm);
    yes->setObjectName(QStringLiteral("confirmDeleteButton"));
    auto* no = new QPushButton(tr("Keep"), m_confirm);
    no->setObjectName(QStringLiteral("cancelDeleteButton"));
    auto* confirmLayout = new QVBoxLayout(m_confirm);
    confirmLayout->addWidget(m_confirmText);
    auto* confirmButtons = new QHBoxLayout;
    confirmButtons->addStretch(1);
    confirmButtons->addWidget(no);
    confirmButtons->addWidget(yes);
    confirmLayout->addLayout(confirmButtons);
    m_confirm->hide();

    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_emptyHint);
    layout->addLayout(buttons);
    layout->addWidget(m_confirm);

    connect(importButton, &QPushButton::clicked, this, &DatasetBrowserPage::importRequested);
    connect(m_renameButton, &QPushButton::clicked, this, [this] {
        if (m_list->currentIndex().isValid())
            m_list->edit(m_list->currentIndex());
    });
    connect(m_deleteButton, &QPushButton::clicked, this, [this] {
        if (m_currentId)
            requestDelete(m_currentId);
    });
    connect(yes, &QPushButton::clicked, this, [this] {
        m_confirm->hide();
        if (m_pendingDelete)
            deleteDataset(std::exchange(m_pendingDelete, 0));
    });
    connect(no, &QPushButton::clicked, this, [this] {
        m_pendingDelete = 0;
        m_confirm->hide();
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { showDataset(current.row()); });
    return pane;
}

void DatasetBrowserPage::refreshList(qint64 selectId) {
    QString error;
    auto datasets = m_session.datasets(&error);
    if (!error.isEmpty())
        m_message->showError(tr("Cannot list the datasets: %1").arg(error));
    const qint64 keep = selectId ? selectId : m_currentId;
    m_model->setDatasets(std::move(datasets));
    m_emptyHint->setVisible(m_model->rowCount() == 0);
    m_renameButton->setEnabled(m_model->rowCount() > 0);
    m_deleteButton->setEnabled(m_model->rowCount() > 0);
    int row = m_model->rowOf(keep);
    if (row < 0 && m_model->rowCount() > 0)
        row = 0;
    if (row < 0) {
        showDataset(-1);
        return;
    }
    const QModelIndex index = m_model->index(row);
    // The model was reset: set the current row again without reloading an unchanged dataset.
    const qint64 previous = m_currentId;
    m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    if (m_model->at(row)->id == previous)
        showDataset(row);
}

void DatasetBrowserPage::showDataset(int row) {
    const rs::DatasetInfo* info = m_model->at(row);
    if (!info) {
        m_currentId = 0;
        m_summary->clear();
        for (TableBrowser* b : {m_ratings, m_items, m_users})
            b->model()->setSource({}, 0);
        m_tableDataset.clear();
        m_tabs->removeTab(m_tabs->indexOf(m_profile));
        return;
    }
    if (info->id == m_currentId && m_summary->summary()) {
        // Same dataset (e.g. after a rename): keep the views, update the name.
        m_summary->setTitle(QString::fromStdString(info->name));
        return;
    }
    m_currentId = info->id;
    m_message->clear();
    m_itemLimitNote->clear();
    m_items->model()->setOnlyItems(std::nullopt);
    m_summary->setDataset(m_session.path(), *info);
    // Tables load when their tab is shown: a table of millions of rows costs the view a
    // moment to lay out, and there is no point in querying what nobody looks at.
    for (TableBrowser* b : {m_ratings, m_items, m_users})
        b->model()->setSource({}, 0);
    m_tableDataset.clear();
    m_tabs->removeTab(m_tabs->indexOf(m_profile));
    activateTable(m_tabs->currentWidget());
}

void DatasetBrowserPage::activateTable(QWidget* tab) {
    auto* browser = qobject_cast<TableBrowser*>(tab);
    if (!browser || !m_currentId)
        return;
    if (m_tableDataset.value(browser) == m_currentId)
        return;
    m_tableDataset.insert(browser, m_currentId);
    browser->model()->setSource(m_session.path(), m_currentId);
}

void DatasetBrowserPage::showItemSelection(qint64 datasetId, const QList<quint32>& items) {
    if (items.isEmpty()) {
        m_items->model()->setOnlyItems(std::nullopt);
        m_itemLimitNote->clear();
        return;
    }
    if (!selectDataset(datasetId)) {
        m_message->showError(tr("Dataset %1 is not in this workspace.").arg(datasetId));
        return;
    }
    m_items->model()->setOnlyItems(std::vector<std::uint32_t>(items.begin(), items.end()));
    m_tabs->setCurrentWidget(m_items);
    activateTable(m_items);
    m_itemLimitNote->showInfo(
        tr("Showing the %n item(s) selected on the latent-space map. Close this note to show "
           "every item.",
           nullptr, int(items.size())));
}

bool DatasetBrowserPage::selectDataset(qint64 id) {
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    m_list->selectionModel()->setCurrentIndex(m_model->index(row),
                                              QItemSelectionModel::ClearAndSelect);
    return true;
}

UserProfileView* DatasetBrowserPage::openUserProfile(const QString& userId) {
    if (!m_currentId)
        return nullptr;
    m_profile->showUser(m_session.path(), m_currentId, userId);
    int index = m_tabs->indexOf(m_profile);
    if (index < 0)
        index = m_tabs->addTab(m_profile, QString());
    m_tabs->setTabText(index, tr("User %1").arg(userId));
    m_tabs->setCurrentIndex(index);
    return m_profile;
}

void DatasetBrowserPage::requestDelete(qint64 id) {
    const rs::DatasetInfo* info = m_model->at(m_model->rowOf(id));
    if (!info)
        return;
    m_pendingDelete = id;
    m_confirmText->setText(tr("Delete “%1” and everything derived from it (%2 ratings)? This "
                              "cannot be undone.")
                               .arg(QString::fromStdString(info->name))
                               .arg(info->numRatings));
    m_confirm->show();
}

void DatasetBrowserPage::deleteDataset(qint64 id) {
    const rs::DatasetInfo* info = m_model->at(m_model->rowOf(id));
    const QString name = info ? QString::fromStdString(info->name) : QString::number(id);
    auto job =
        writeJob(m_session.path(), [id](rs::Workspace& ws) { rs::DatasetStore(ws).remove(id); });
    m_jobs.start<QString>(
        tr("Deleting “%1”").arg(name), std::move(job), this, [this, name](const QString& error) {
            if (!error.isEmpty())
                m_message->showError(tr("Cannot delete “%1”: %2").arg(name, error));
            else
                m_message->showMessage(InlineMessage::Kind::Success, tr("Deleted “%1”.").arg(name));
            m_session.notifyDatasetsChanged();
        });
}

void DatasetBrowserPage::renameDataset(qint64 id, const QString& newName) {
    const std::string name = newName.trimmed().toStdString();
    auto job = writeJob(m_session.path(), [id, name](rs::Workspace& ws) {
        rs::DatasetStore store(ws);
        if (name.empty())
            throw std::runtime_error("a dataset needs a name");
        if (auto other = store.find(name); other && other->id != id)
            throw std::runtime_error("a dataset named '" + name + "' already exists");
        store.rename(id, name);
    });
    m_jobs.start<QString>(
        tr("Renaming dataset"), std::move(job), this, [this, id, newName](const QString& error) {
            if (!error.isEmpty())
                m_message->showError(tr("Cannot rename to “%1”: %2").arg(newName, error));
            m_session.notifyDatasetsChanged(id);
        });
}

} // namespace rs::ui
