#include "UserProfileView.h"

#include "DatasetFormat.h"
#include "InlineMessage.h"
#include "UserProfileModel.h"
#include "WorkerCall.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace rs::ui {

namespace {

struct ProfileData {
    std::vector<rs::RatingRow> rows;
    qint64 numRatings = 0;
    double meanRating = 0;
    bool found = false;
    QString error;
};

} // namespace

UserProfileView::UserProfileView(QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_message(new InlineMessage(this)),
      m_model(new UserProfileModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_view(new QTableView(this)) {
    setObjectName(QStringLiteral("userProfileView"));
    m_title->setObjectName(QStringLiteral("userProfileTitle"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    f.setBold(true);
    m_title->setFont(f);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(UserProfileModel::RawRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->setColumnWidth(UserProfileModel::Item, 70);
    m_view->setColumnWidth(UserProfileModel::Title, 340);
    m_view->setColumnWidth(UserProfileModel::Genres, 260);
    m_view->setColumnWidth(UserProfileModel::Rating, 60);
    m_view->setColumnWidth(UserProfileModel::Time, 130);
    m_view->horizontalHeader()->setSectionResizeMode(UserProfileModel::Title, QHeaderView::Stretch);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);
}

QString UserProfileView::headline() const {
    return m_title->text();
}

void UserProfileView::showUser(const QString& workspacePath, qint64 datasetId,
                               const QString& userId) {
    m_userId = userId;
    m_loading = true;
    const quint64 generation = ++m_generation;
    m_title->setText(tr("User %1 — loading…").arg(userId));
    m_message->clear();
    m_model->setRows({});
    const std::string path = workspacePath.toStdString();
    const std::string user = userId.toStdString();
    runInWorker(
        this,
        [path, datasetId, user] {
            ProfileData out;
            try {
                rs::Workspace ws(path);
                const rs::DatasetQueries q(ws, datasetId);
                // Users are numbered densely in id order: the user's row in the default order
                // is at offset = its index.
                const std::int64_t index = q.userIndex(user);
                if (index >= 0) {
                    for (const auto& u : q.users(rs::TableQuery{}, index, 1)) {
                        if (u.userId == user) {
                            out.found = true;
                            out.numRatings = u.numRatings;
                            out.meanRating = u.meanRating;
                        }
                    }
                    out.rows = q.userProfile(user);
                }
            } catch (const std::exception& e) {
                out.error = QString::fromUtf8(e.what());
            }
            return out;
        },
        [this, generation](ProfileData data) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!data.error.isEmpty()) {
                m_title->setText(tr("User %1").arg(m_userId));
                m_message->showError(tr("Cannot load the profile: %1").arg(data.error));
            } else if (!data.found) {
                m_title->setText(tr("User %1").arg(m_userId));
                m_message->showMessage(InlineMessage::Kind::Warning,
                                       tr("There is no user “%1” in this dataset.").arg(m_userId));
            } else {
                m_title->setText(tr("User %1 — %2 ratings, mean %3")
                                     .arg(m_userId, formatCount(data.numRatings),
                                          QLocale().toString(data.meanRating, 'f', 2)));
            }
            const bool timed = !data.rows.empty() && data.rows.front().hasTimestamp;
            m_model->setRows(std::move(data.rows));
            if (timed)
                m_view->sortByColumn(UserProfileModel::Time, Qt::DescendingOrder);
            else
                m_view->sortByColumn(UserProfileModel::Item, Qt::AscendingOrder);
            emit loaded();
        });
}

} // namespace rs::ui
