#pragma once
#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace rs::ui {

class InlineMessage;
class UserProfileModel;

/// A user's profile: who they are in numbers and every rating they gave, with item titles,
/// genres and times (newest first). Loaded on a worker thread.
class UserProfileView : public QWidget {
    Q_OBJECT
public:
    explicit UserProfileView(QWidget* parent = nullptr);

    /// Loads `userId` of `datasetId` from the workspace at `workspacePath`.
    void showUser(const QString& workspacePath, qint64 datasetId, const QString& userId);
    QString userId() const { return m_userId; }
    bool isLoading() const { return m_loading; }
    UserProfileModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QString headline() const;

signals:
    void loaded();

private:
    QString m_userId;
    quint64 m_generation = 0;
    bool m_loading = false;
    QLabel* m_title;
    InlineMessage* m_message;
    UserProfileModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
};

} // namespace rs::ui
