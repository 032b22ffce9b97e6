#pragma once
#include <QHash>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QTabWidget;

namespace rs::ui {

class AppSettings;
class DatasetListModel;
class DatasetSummaryView;
class InlineMessage;
class JobRunner;
class TableBrowser;
class UserProfileView;
class WorkspaceSession;

/// The Datasets page: the workspace's datasets (rename in place, delete with an inline
/// confirmation) and, for the selected one, its summary with charts and lazy tables of its
/// ratings, items and users; double-clicking a user opens their profile.
class DatasetBrowserPage : public QWidget {
    Q_OBJECT
public:
    DatasetBrowserPage(WorkspaceSession& session, JobRunner& jobs, AppSettings* settings,
                       QWidget* parent = nullptr);

    enum Tab { SummaryTab, RatingsTab, ItemsTab, UsersTab };

    qint64 currentDatasetId() const { return m_currentId; }
    /// Selects a dataset in the list; false when it is not there.
    bool selectDataset(qint64 id);
    /// Opens (or reuses) the profile tab for `userId` of the current dataset.
    UserProfileView* openUserProfile(const QString& userId);
    /// Asks for confirmation inline, then deletes.
    void requestDelete(qint64 id);
    /// Shows the Items tab of dataset `datasetId` limited to `items` (dense indices; linked
    /// selection from the latent-space map) with a note that clears the limit when dismissed.
    /// An empty list shows every item again.
    void showItemSelection(qint64 datasetId, const QList<quint32>& items);
    InlineMessage* itemLimitNote() const { return m_itemLimitNote; }
    /// Deletes at once (as a job; the list refreshes when it is done).
    void deleteDataset(qint64 id);
    /// Renames (as a job; errors appear inline).
    void renameDataset(qint64 id, const QString& newName);

    QListView* datasetList() const { return m_list; }
    DatasetListModel* datasetModel() const { return m_model; }
    DatasetSummaryView* summaryView() const { return m_summary; }
    TableBrowser* ratingsBrowser() const { return m_ratings; }
    TableBrowser* itemsBrowser() const { return m_items; }
    TableBrowser* usersBrowser() const { return m_users; }
    QTabWidget* tabs() const { return m_tabs; }
    InlineMessage* message() const { return m_message; }
    QWidget* deleteConfirmation() const { return m_confirm; }

signals:
    /// The user asked to import a dataset (the main window opens the wizard).
    void importRequested();

private:
    QWidget* buildListPane();
    InlineMessage* m_itemLimitNote = nullptr;
    void refreshList(qint64 selectId);
    void showDataset(int row);
    /// Points the table on `tab` (if it is one) at the current dataset, once per dataset.
    void activateTable(QWidget* tab);

    WorkspaceSession& m_session;
    JobRunner& m_jobs;
    qint64 m_currentId = 0;
    qint64 m_pendingDelete = 0;
    QHash<TableBrowser*, qint64> m_tableDataset; ///< dataset each table was last pointed at
    DatasetListModel* m_model;
    QListView* m_list = nullptr;
    QLabel* m_emptyHint = nullptr;
    QPushButton* m_renameButton = nullptr;
    QPushButton* m_deleteButton = nullptr;
    QWidget* m_confirm = nullptr;
    QLabel* m_confirmText = nullptr;
    InlineMessage* m_message;
    QTabWidget* m_tabs;
    DatasetSummaryView* m_summary;
    TableBrowser* m_ratings;
    TableBrowser* m_items;
    TableBrowser* m_users;
    UserProfileView* m_profile;
};

} // namespace rs::ui
