// The dataset browser on the bundled MovieLens demo: summary figures and charts against values
// computed here from the CSV files themselves, lazy paging, SQL sorting and filtering of the
// ratings/items/users tables, the user profile, rename and delete. Every model runs under
// QAbstractItemModelTester.
#include "DatasetBrowserPage.h"
#include "DatasetListModel.h"
#include "DatasetSummaryView.h"
#include "DemoDataset.h"
#include "InlineMessage.h"
#include "ItemsTableModel.h"
#include "JobRunner.h"
#include "RatingsTableModel.h"
#include "TableBrowser.h"
#include "UiTestUtil.h"
#include "UserProfileModel.h"
#include "UserProfileView.h"
#include "UsersTableModel.h"
#include "WorkspaceSession.h"

#include <QAbstractItemModelTester>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListView>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <algorithm>
#include <map>
#include <set>

using namespace rs::ui;

namespace {

struct Rating {
    qint64 user, item;
    double rating;
    qint64 ts;
};

/// The demo files, parsed here (independently of core) for expected values.
struct Demo {
    std::vector<Rating> ratings; ///< sorted by (user, item): the stored order
    std::map<qint64, QString> titles, genres;
};

QStringList splitCsvLine(const QString& line) {
    QStringList out;
    QString cur;
    bool quoted = false;
    for (int k = 0; k < line.size(); ++k) {
        const QChar c = line.at(k);
        if (quoted) {
            if (c == QLatin1Char('"') && k + 1 < line.size() && line.at(k + 1) == QLatin1Char('"'))
                cur += c, ++k;
            else if (c == QLatin1Char('"'))
                quoted = false;
            else
                cur += c;
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            out << cur;
            cur.clear();
        } else {
            cur += c;
        }
    }
    out << cur;
    return out;
}

Demo loadDemo() {
    Demo d;
    QFile r(DemoDataset::ratingsResource());
    if (!r.open(QIODevice::ReadOnly))
        qFatal("no demo ratings");
    r.readLine();
    while (!r.atEnd()) {
        const QList<QByteArray> f = r.readLine().trimmed().split(',');
        d.ratings.push_back(
            {f[0].toLongLong(), f[1].toLongLong(), f[2].toDouble(), f[3].toLongLong()});
    }
    std::sort(d.ratings.begin(), d.ratings.end(), [](const Rating& a, const Rating& b) {
        return std::pair(a.user, a.item) < std::pair(b.user, b.item);
    });
    QFile m(DemoDataset::moviesResource());
    if (!m.open(QIODevice::ReadOnly))
        qFatal("no demo movies");
    m.readLine();
    while (!m.atEnd()) {
        const QStringList f = splitCsvLine(QString::fromUtf8(m.readLine()).trimmed());
        d.titles[f[0].toLongLong()] = f[1];
        d.genres[f[0].toLongLong()] = f[2];
    }
    return d;
}

/// SQLite's NOCASE: ASCII letters folded, then bytewise.
bool noCaseLessOrEqual(const QString& a, const QString& b) {
    return a.toUtf8().toLower() <= b.toUtf8().toLower();
}

/// SQLite LIKE '%f%': ASCII case-insensitive substring.
bool likeContains(const QString& text, const QString& f) {
    return text.toUtf8().toLower().contains(f.toUtf8().toLower());
}

QString cell(const QAbstractItemModel* m, int row, int col) {
    return m->index(row, col).data().toString();
}

} // namespace

class TestDatasetBrowser : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Demo m_demo;
    qint64 m_demoId = 0;
    std::unique_ptr<WorkspaceSession> m_session;
    std::unique_ptr<JobRunner> m_jobs;
    std::unique_ptr<DatasetBrowserPage> m_page;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    void watch(QAbstractItemModel* model) {
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }

    /// Waits until `row` of `model` is loaded (asking for it first).
    static bool waitRow(PagedTableModel* model, int row) {
        model->index(row, 0).data();
        return QTest::qWaitFor([&] { return model->isRowLoaded(row); }, 20000);
    }

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_demo = loadDemo();
        QCOMPARE(m_demo.ratings.size(), std::size_t(100836));
        const QString path = m_dir.filePath(QStringLiteral("browser.recscope"));
        const rs::ImportResult imported = DemoDataset::importInto(path);
        QCOMPARE(int(imported.status), int(rs::ImportStatus::Ok));
        m_demoId = imported.datasetId;
        m_session = std::make_unique<WorkspaceSession>();
        m_jobs = std::make_unique<JobRunner>();
        QVERIFY(m_session->open(path).isEmpty());
        m_page = std::make_unique<DatasetBrowserPage>(*m_session, *m_jobs, nullptr);
        watch(m_page->datasetModel());
        watch(m_page->ratingsBrowser()->model());
        watch(m_page->itemsBrowser()->model());
        watch(m_page->usersBrowser()->model());
        m_page->resize(1280, 800);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QCOMPARE(m_page->datasetModel()->rowCount(), 1);
        QCOMPARE(m_page->currentDatasetId(), m_demoId);
    }

    void summaryFiguresAndCharts() {
        DatasetSummaryView* summary = m_page->summaryView();
        QTRY_VERIFY_WITH_TIMEOUT(summary->summary().has_value(), 30000);
        QCOMPARE(summary->statText(QStringLiteral("ratings")), QStringLiteral("100,836"));
        QCOMPARE(summary->statText(QStringLiteral("users")), QStringLiteral("610"));
        QCOMPARE(summary->statText(QStringLiteral("items")), QStringLiteral("9,724"));
        QCOMPARE(summary->statText(QStringLiteral("scale")), QStringLiteral("0.5 – 5.0 by 0.5"));
        QCOMPARE(summary->statText(QStringLiteral("feedback")), QStringLiteral("explicit"));

        // Expected figures, counted from the CSV.
        std::map<double, qint64> perValue;
        std::map<qint64, qint64> perItem, perUser;
        double sum = 0;
        for (const Rating& r : m_demo.ratings) {
            ++perValue[r.rating];
            ++perItem[r.item];
            ++perUser[r.user];
            sum += r.rating;
        }
        QCOMPARE(perItem.size(), std::size_t(9724));
        QCOMPARE(summary->statText(QStringLiteral("mean")),
                 QLocale().toString(sum / double(m_demo.ratings.size()), 'f', 2));
        qint64 maxItem = 0;
        for (const auto& [item, n] : perItem)
            maxItem = std::max(maxItem, n);
        std::map<int, qint64> buckets; // floor(log2(n)) -> users
        for (const auto& [user, n] : perUser)
            ++buckets[int(std::floor(std::log2(double(n))))];

        // Rating histogram: one bar per distinct value with the counted heights.
        auto* histogram = summary->histogramView()->chart();
        QCOMPARE(histogram->series().size(), 1);
        auto* bars = qobject_cast<QBarSeries*>(histogram->series().at(0));
        QVERIFY(bars);
        QBarSet* set = bars->barSets().at(0);
        QCOMPARE(std::size_t(set->count()), perValue.size());
        int k = 0;
        for (const auto& [value, n] : perValue)
            QCOMPARE(qint64(set->at(k++)), n);

        // Long tail: starts at the most rated item (rank 1), ends at rank 9,724, never rises.
        auto* popularity = summary->popularityView()->chart();
        auto* line = qobject_cast<QLineSeries*>(popularity->series().at(0));
        QVERIFY(line && line->count() > 50);
        QCOMPARE(line->at(0), QPointF(1, double(maxItem)));
        QCOMPARE(line->at(line->count() - 1).x(), 9724.0);
        QCOMPARE(line->at(line->count() - 1).y(), 1.0);
        for (int p = 1; p < line->count(); ++p)
            QVERIFY(line->at(p).y() <= line->at(p - 1).y() &&
                    line->at(p).x() > line->at(p - 1).x());
        summary->logScaleCheck()->setChecked(true);
        QCOMPARE(summary->popularityView()->chart()->axes(Qt::Vertical).at(0)->type(),
                 QAbstractAxis::AxisTypeLogValue);
        summary->logScaleCheck()->setChecked(false);
        QCOMPARE(summary->popularityView()->chart()->axes(Qt::Vertical).at(0)->type(),
                 QAbstractAxis::AxisTypeValue);
        summary->logScaleCheck()->setChecked(true);

        // Ratings per user: log2 buckets from the first non-empty one ([16, 32): every
        // MovieLens user has at least 20 ratings).
        auto* activity = summary->activityView()->chart();
        auto* userBars = qobject_cast<QBarSeries*>(activity->series().at(0));
        QBarSet* users = userBars->barSets().at(0);
        QCOMPARE(buckets.begin()->first, 4);
        QCOMPARE(std::size_t(users->count()), std::size_t(buckets.rbegin()->first - 4 + 1));
        for (const auto& [b, n] : buckets)
            QCOMPARE(qint64(users->at(b - 4)), n);
        m_page->tabs()->setCurrentIndex(DatasetBrowserPage::SummaryTab);
        rs::test::saveScreenshot(m_page.get(), QStringLiteral("datasetbrowser-summary"));
    }

    void ratingsArePagedLazily() {
        auto* model = m_page->ratingsBrowser()->model();
        // Tables load only once their tab is shown.
        QCOMPARE(m_page->tabs()->currentIndex(), int(DatasetBrowserPage::SummaryTab));
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(!model->isLoading());
        m_page->tabs()->setCurrentIndex(DatasetBrowserPage::RatingsTab);
        QVERIFY(model->isLoading());
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 100836, 20000);
        QTRY_VERIFY(model->isRowLoaded(0));
        QCOMPARE(cell(model, 0, RatingsTableModel::User), QStringLiteral("1"));
        QCOMPARE(cell(model, 0, RatingsTableModel::Item), QStringLiteral("1"));
        QCOMPARE(cell(model, 0, RatingsTableModel::Title), QStringLiteral("Toy Story (1995)"));
        QCOMPARE(cell(model, 0, RatingsTableModel::Rating), QStringLiteral("4.0"));
        QCOMPARE(cell(model, 0, RatingsTableModel::Time), QStringLiteral("2000-07-30 18:45"));

        // Far rows are not loaded until asked for; meanwhile they show a placeholder.
        const int far = 100000;
        QVERIFY(!model->isRowLoaded(far));
        QCOMPARE(cell(model, far, 0), QStringLiteral("…"));
        QVERIFY(waitRow(model, far));
        for (int row : {far, far + 1, 100835}) {
            QVERIFY(waitRow(model, row));
            const Rating& e = m_demo.ratings[std::size_t(row)];
            QCOMPARE(cell(model, row, RatingsTableModel::User), QString::number(e.user));
            QCOMPARE(cell(model, row, RatingsTableModel::Item), QString::number(e.item));
            QCOMPARE(model->index(row, RatingsTableModel::Rating)
                         .data(PagedTableModel::RawRole)
                         .toDouble(),
                     e.rating);
            QCOMPARE(model->index(row, RatingsTableModel::Time)
                         .data(PagedTableModel::RawRole)
                         .toLongLong(),
                     e.ts);
            QCOMPARE(cell(model, row, RatingsTableModel::Title), m_demo.titles.at(e.item));
        }
        // The cache stays bounded however far one scrolls.
        for (int page = 0; page < 20; ++page)
            QVERIFY(waitRow(model, page * 5000));
        QVERIFY(model->cachedPageCount() <= PagedTableModel::kMaxCachedPages);
        QVERIFY(model->fetchCount() < 40);
    }

    void ratingsSortInSql() {
        auto* model = m_page->ratingsBrowser()->model();
        QTableView* view = m_page->ratingsBrowser()->view();
        m_page->tabs()->setCurrentIndex(DatasetBrowserPage::RatingsTab);
        view->sortByColumn(RatingsTableModel::Rating, Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 100836 && model->isRowLoaded(0), 20000);
        QCOMPARE(model->query().sortColumn, int(RatingsTableModel::Rating));
        QVERIFY(model->query().descending);
        QCOMPARE(cell(model, 0, RatingsTableModel::Rating), QStringLiteral("5.0"));
        QVERIFY(waitRow(model, 100835));
        QCOMPARE(cell(model, 100835, RatingsTableModel::Rating), QStringLiteral("0.5"));
        qint64 fives = 0;
        for (const Rating& r : m_demo.ratings)
            fives += r.rating == 5.0;
        QVERIFY(waitRow(model, int(fives) - 1));
        QVERIFY(waitRow(model, int(fives)));
        QCOMPARE(cell(model, int(fives) - 1, RatingsTableModel::Rating), QStringLiteral("5.0"));
        QCOMPARE(cell(model, int(fives), RatingsTableModel::Rating), QStringLiteral("4.5"));

        // Newest first.
        view->sortByColumn(RatingsTableModel::Time, Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(
            model->query().sortColumn == RatingsTableModel::Time && model->isRowLoaded(0), 20000);
        qint64 newest = 0;
        for (const Rating& r : m_demo.ratings)
            newest = std::max(newest, r.ts);
        QCOMPARE(
            model->index(0, RatingsTableModel::Time).data(PagedTableModel::RawRole).toLongLong(),
            newest);

        // Titles A→Z (SQLite NOCASE order), checked over the first page.
        view->sortByColumn(RatingsTableModel::Title, Qt::AscendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(
            model->query().sortColumn == RatingsTableModel::Title && model->isRowLoaded(0), 20000);
        for (int row = 1; row < PagedTableModel::kPageSize; ++row)
            QVERIFY2(noCaseLessOrEqual(cell(model, row - 1, 2), cell(model, row, 2)),
                     qPrintable(cell(model, row, 2)));
        view->sortByColumn(RatingsTableModel::User, Qt::AscendingOrder);
        QTRY_VERIFY(model->query().sortColumn == 0 && model->isRowLoaded(0));
    }

    void filtersGoToSqlAfterDebounce() {
        TableBrowser* browser = m_page->ratingsBrowser();
        auto* model = browser->model();
        const QString f = QStringLiteral("toy story");
        qint64 expected = 0;
        for (const Rating& r : m_demo.ratings)
            expected += likeContains(m_demo.titles.at(r.item), f);
        QVERIFY(expected > 300);
        browser->filterEdit()->setFocus();
        QTest::keyClicks(browser->filterEdit(), f);
        QCOMPARE(model->filter(), QString()); // not yet: waits for a pause in typing
        QTRY_COMPARE_WITH_TIMEOUT(model->filter(), f, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(model->rowCount()), expected, 20000);
        QTRY_VERIFY(model->isRowLoaded(0));
        for (int row = 0; row < model->rowCount() && row < PagedTableModel::kPageSize; ++row)
            QVERIFY(likeContains(cell(model, row, RatingsTableModel::Title), f));
        QVERIFY(browser->statusText().contains(QLocale().toString(expected)));

        // A user id matches that user's ratings (and items with that id or title text).
        browser->filterEdit()->clear();
        QTest::keyClicks(browser->filterEdit(), QStringLiteral("414"));
        qint64 expected414 = 0;
        for (const Rating& r : m_demo.ratings)
            expected414 += r.user == 414 || r.item == 414 ||
                           likeContains(m_demo.titles.at(r.item), QStringLiteral("414"));
        QTRY_COMPARE_WITH_TIMEOUT(qint64(model->rowCount()), expected414, 20000);
        browser->filterEdit()->clear();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 100836, 20000);

        // Items: title or genres.
        TableBrowser* items = m_page->itemsBrowser();
        m_page->tabs()->setCurrentIndex(DatasetBrowserPage::ItemsTab);
        QTest::keyClicks(items->filterEdit(), QStringLiteral("Musical"));
        std::set<qint64> rated;
        for (const Rating& r : m_demo.ratings)
            rated.insert(r.item);
        qint64 musicals = 0;
        for (qint64 item : rated)
            musicals += likeContains(m_demo.titles.at(item), QStringLiteral("musical")) ||
                        likeContains(m_demo.genres.at(item), QStringLiteral("musical"));
        QTRY_COMPARE_WITH_TIMEOUT(qint64(items->model()->rowCount()), musicals, 20000);
        // Most rated musical first when sorted by #ratings descending.
        items->view()->sortByColumn(ItemsTableModel::NumRatings, Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(items->model()->query().sortColumn ==
                                         ItemsTableModel::NumRatings &&
                                     items->model()->isRowLoaded(0),
                                 20000);
        const qint64 top = items->model()
                               ->index(0, ItemsTableModel::NumRatings)
                               .data(PagedTableModel::RawRole)
                               .toLongLong();
        const qint64 second = items->model()
                                  ->index(1, ItemsTableModel::NumRatings)
                                  .data(PagedTableModel::RawRole)
                                  .toLongLong();
        QVERIFY(top >= second && top > 50);

        // Users: id substring.
        TableBrowser* users = m_page->usersBrowser();
        m_page->tabs()->setCurrentIndex(DatasetBrowserPage::UsersTab);
        QTest::keyClicks(users->filterEdit(), QStringLiteral("41"));
        std::set<qint64> userIds;
        for (const Rating& r : m_demo.ratings)
            userIds.insert(r.user);
        qint64 with41 = 0;
        for (qint64 u : userIds)
            with41 += QString::number(u).contains(QStringLiteral("41"));
        QTRY_COMPARE_WITH_TIMEOUT(qint64(users->model()->rowCount()), with41, 20000);
    }

    void doubleClickOpensUserProfile() {
        TableBrowser* users = m_page->usersBrowser();
        m_page->tabs()->setCurrentIndex(DatasetBrowserPage::UsersTab);
        users->filterEdit()->clear();
        QTest::keyClicks(users->filterEdit(), QStringLiteral("414"));
        QTRY_COMPARE_WITH_TIMEOUT(users->model()->rowCount(), 1, 20000);
        QTRY_VERIFY(users->model()->isRowLoaded(0));
        QCOMPARE(cell(users->model(), 0, UsersTableModel::User), QStringLiteral("414"));
        m_page->tabs()->setCurrentIndex(DatasetBrowserPage::UsersTab);
        QTableView* view = users->view();
        QTRY_VERIFY(view->isVisible() && view->visualRect(users->model()->index(0, 0)).isValid());
        QTest::qWait(20); // let the layout settle before aiming the double-click
        const QRect r = view->visualRect(users->model()->index(0, 0));
        // A double-click is a press and release, then a second press that double-clicks.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, r.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, r.center());
        auto* profile = m_page->findChild<UserProfileView*>();
        QVERIFY(profile);
        QCOMPARE(m_page->tabs()->currentWidget(), profile);
        QCOMPARE(profile->userId(), QStringLiteral("414"));
        QTRY_VERIFY_WITH_TIMEOUT(!profile->isLoading(), 20000);
        QAbstractItemModelTester tester(profile->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        qint64 count = 0, newest = 0;
        for (const Rating& r : m_demo.ratings)
            if (r.user == 414) {
                ++count;
                newest = std::max(newest, r.ts);
            }
        QCOMPARE(qint64(profile->model()->rowCount()), count);
        QVERIFY2(profile->headline().contains(QStringLiteral("2,698 ratings")),
                 qPrintable(profile->headline()));
        // Shown newest first, with titles and genres.
        const QAbstractItemModel* shown = profile->view()->model();
        QCOMPARE(
            shown->index(0, UserProfileModel::Time).data(UserProfileModel::RawRole).toLongLong(),
            newest);
        const qint64 item = shown->index(0, UserProfileModel::Item).data().toLongLong();
        QCOMPARE(shown->index(0, UserProfileModel::Title).data().toString(),
                 m_demo.titles.at(item));
        QCOMPARE(shown->index(0, UserProfileModel::Genres).data().toString(),
                 m_demo.genres.at(item));
        rs::test::saveScreenshot(m_page.get(), QStringLiteral("datasetbrowser-userprofile"));

        // Unknown users are reported inline.
        m_page->openUserProfile(QStringLiteral("no-such-user"));
        QTRY_VERIFY(!profile->isLoading());
        QCOMPARE(profile->model()->rowCount(), 0);
        QVERIFY(
            profile->findChild<InlineMessage*>()->text().contains(QStringLiteral("no-such-user")));
        users->filterEdit()->clear();
    }

    void tablesScreenshot() {
        m_page->tabs()->setCurrentIndex(DatasetBrowserPage::RatingsTab);
        auto* model = m_page->ratingsBrowser()->model();
        QTRY_VERIFY(model->rowCount() == 100836 && model->isRowLoaded(0));
        rs::test::saveScreenshot(m_page.get(), QStringLiteral("datasetbrowser-ratings"));
    }

    void renameAndDelete() {
        // A second, small dataset to delete (imported straight through core).
        const QString small = m_dir.filePath(QStringLiteral("small.csv"));
        QVERIFY(rs::test::writeLines(
            small, {QStringLiteral("u,i,r"), QStringLiteral("1,1,5"), QStringLiteral("2,1,3")}));
        rs::ImportOptions o;
        o.datasetName = "small";
        o.ratingsPath = small.toStdString();
        o.dialect.delimiter.clear();
        const rs::ImportResult res = rs::importRatings(*m_session->workspace(), o, {});
        QCOMPARE(int(res.status), int(rs::ImportStatus::Ok));
        m_session->notifyDatasetsChanged(res.datasetId);
        QCOMPARE(m_page->datasetModel()->rowCount(), 2);
        QCOMPARE(m_page->currentDatasetId(), res.datasetId);
        QTRY_COMPARE(m_page->ratingsBrowser()->model()->rowCount(), 2);

        // Rename by editing the name in the list.
        const QModelIndex index =
            m_page->datasetModel()->index(m_page->datasetModel()->rowOf(res.datasetId));
        QVERIFY(m_page->datasetModel()->setData(index, QStringLiteral("tiny one")));
        QTRY_VERIFY(rs::DatasetStore(*m_session->workspace()).find("tiny one").has_value());
        QTRY_COMPARE(
            m_page->summaryView()->findChild<QLabel*>(QStringLiteral("summaryTitle"))->text(),
            QStringLiteral("tiny one"));
        // A taken name is refused inline and the list shows the stored name again.
        m_page->renameDataset(res.datasetId, DemoDataset::name());
        QTRY_VERIFY(!m_page->message()->isHidden());
        QVERIFY(m_page->message()->text().contains(QStringLiteral("already exists")));
        QTRY_COMPARE(m_page->datasetModel()
                         ->index(m_page->datasetModel()->rowOf(res.datasetId))
                         .data()
                         .toString(),
                     QStringLiteral("tiny one"));

        // Delete with the inline confirmation.
        auto* del = m_page->findChild<QPushButton*>(QStringLiteral("deleteButton"));
        QTest::mouseClick(del, Qt::LeftButton);
        QVERIFY(!m_page->deleteConfirmation()->isHidden());
        QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("cancelDeleteButton")),
                          Qt::LeftButton);
        QVERIFY(m_page->deleteConfirmation()->isHidden());
        QTest::mouseClick(del, Qt::LeftButton);
        QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("confirmDeleteButton")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_page->datasetModel()->rowCount(), 1, 20000);
        QVERIFY(!rs::DatasetStore(*m_session->workspace()).get(res.datasetId).has_value());
        QCOMPARE(m_page->currentDatasetId(), m_demoId);
        QTRY_COMPARE(m_page->ratingsBrowser()->model()->rowCount(), 100836);
    }
};

QTEST_MAIN(TestDatasetBrowser)
#include "tst_datasetbrowser.moc"
