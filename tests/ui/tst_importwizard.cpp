// The import wizard driven like a user would: type paths, click Next, change the delimiter,
// toggle the header, pick column roles with the keyboard, import, read the result page; a bad
// file shows its rejected lines with line numbers (lenient) or an inline file:line error
// (strict); cancelling leaves the workspace unchanged.
#include "ColumnMappingEditor.h"
#include "FilePreviewPanel.h"
#include "ImportFilesPage.h"
#include "ImportFormatPage.h"
#include "ImportOptionsPage.h"
#include "ImportProgressPage.h"
#include "ImportResultPage.h"
#include "ImportWizard.h"
#include "InlineMessage.h"
#include "JobRunner.h"
#include "PreviewTableModel.h"
#include "RejectsTableModel.h"
#include "UiTestUtil.h"
#include "WorkspaceSession.h"
#include "import/ImportJob.h"
#include "store/DatasetStore.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace rs::ui;

namespace {

/// Picks entry `index` of a combo box with the keyboard (Home, then Down).
void chooseWithKeys(QComboBox* combo, int index) {
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);
    for (int k = 0; k < index; ++k)
        QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentIndex(), index);
}

void click(QAbstractButton* button) {
    QVERIFY(button);
    QVERIFY2(button->isEnabled(), qPrintable(button->text()));
    QTest::mouseClick(button, Qt::LeftButton);
}

void typePath(QLineEdit* edit, const QString& text) {
    edit->clear();
    QTest::keyClicks(edit, text);
}

} // namespace

class TestImportWizard : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<WorkspaceSession> m_session;
    std::unique_ptr<JobRunner> m_jobs;

    std::unique_ptr<ImportWizard> makeWizard() {
        auto w = std::make_unique<ImportWizard>(*m_session, *m_jobs, nullptr);
        w->show();
        if (!QTest::qWaitForWindowExposed(w.get()))
            qWarning("wizard not exposed");
        return w;
    }

    /// Files page → ratings page with `ratings` (and `items`), waiting for the preview.
    void goToRatingsPage(ImportWizard& w, const QString& ratings, const QString& items = {}) {
        typePath(w.filesPage()->ratingsEdit(), ratings);
        typePath(w.filesPage()->itemsEdit(), items);
        click(w.button(QWizard::NextButton));
        QCOMPARE(w.currentId(), int(ImportWizard::RatingsFormatPage));
        FilePreviewPanel* panel = w.ratingsPage()->panel();
        QTRY_VERIFY(!panel->isSniffing());
    }

    std::size_t datasetCount() { return rs::DatasetStore(*m_session->workspace()).list().size(); }

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_session = std::make_unique<WorkspaceSession>();
        m_jobs = std::make_unique<JobRunner>();
        QVERIFY(m_session->open(m_dir.filePath(QStringLiteral("w.recscope"))).isEmpty());
    }

    void previewMappingAndImport() {
        // Semicolon-separated, uninformative header names, item id before user id.
        const QString ratings = m_dir.filePath(QStringLiteral("tiny_ratings.csv"));
        QVERIFY(rs::test::writeLines(
            ratings, {QStringLiteral("a;b;c;d"), QStringLiteral("10;1;4.0;1000"),
                      QStringLiteral("11;1;3.5;1001"), QStringLiteral("10;2;5.0;1002"),
                      QStringLiteral("12;2;2.0;1003"), QStringLiteral("13;3;1.0;1004"),
                      QStringLiteral("10;3;4.5;1005")}));
        const QString movies = m_dir.filePath(QStringLiteral("tiny_movies.tsv"));
        QVERIFY(rs::test::writeLines(movies, {QStringLiteral("id\ttitle\tgenres"),
                                              QStringLiteral("10\tHeat (1995)\tAction|Crime"),
                                              QStringLiteral("11\tBabe (1995)\tChildren"),
                                              QStringLiteral("12\tNixon (1995)\tDrama"),
                                              QStringLiteral("13\tCasino (1995)\tCrime|Drama"),
                                              QStringLiteral("99\tNever Rated (2001)\tDrama")}));

        auto w = makeWizard();
        // The Next button waits for an existing file.
        typePath(w->filesPage()->ratingsEdit(), m_dir.filePath(QStringLiteral("missing.csv")));
        QVERIFY(!w->button(QWizard::NextButton)->isEnabled());
        goToRatingsPage(*w, ratings, movies);
        FilePreviewPanel* panel = w->ratingsPage()->panel();
        PreviewTableModel* preview = panel->previewModel();
        QAbstractItemModelTester tester(preview,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);

        // Detected: semicolons, a header, 6 rows of 4 columns, parsed as the importer will.
        QVERIFY(panel->isReady());
        QCOMPARE(preview->rowCount(), 6);
        QCOMPARE(preview->columnCount(), 4);
        QCOMPARE(preview->index(0, 0).data().toString(), QStringLiteral("10"));
        QCOMPARE(preview->index(5, 2).data().toString(), QStringLiteral("4.5"));
        QVERIFY(panel->findChild<QLabel*>(QStringLiteral("detectedLabel"))
                    ->text()
                    .contains(QStringLiteral("semicolon")));
        QVERIFY(panel->headerCheck()->isChecked());
        QCOMPARE(panel->dialect().delimiter, std::string(";"));

        // A wrong delimiter re-reads the file: one column, no usable mapping, Next disabled.
        chooseWithKeys(panel->delimiterCombo(), 1); // comma
        QTRY_VERIFY(!panel->isSniffing());
        QCOMPARE(preview->columnCount(), 1);
        QVERIFY(preview->index(1, 0).data().toString().contains(QLatin1Char(';')));
        QVERIFY(!panel->isReady());
        QVERIFY(!panel->message()->isHidden());
        QVERIFY(!w->button(QWizard::NextButton)->isEnabled());
        chooseWithKeys(panel->delimiterCombo(), 2); // semicolon
        QTRY_VERIFY(!panel->isSniffing());
        QCOMPARE(preview->columnCount(), 4);

        // The header checkbox: off turns the header line into a data row.
        QTest::mouseClick(panel->headerCheck(), Qt::LeftButton, {}, QPoint(4, 4));
        QVERIFY(!panel->headerCheck()->isChecked());
        QCOMPARE(preview->rowCount(), 7);
        QCOMPARE(preview->index(0, 0).data().toString(), QStringLiteral("a"));
        QTest::mouseClick(panel->headerCheck(), Qt::LeftButton, {}, QPoint(4, 4));
        QCOMPARE(preview->rowCount(), 6);
        QCOMPARE(preview->headerData(1, Qt::Horizontal).toString().section(QLatin1Char('\n'), 0, 0),
                 QStringLiteral("b"));

        // Map the roles by keyboard: a = item, b = user, c = rating, d = timestamp.
        ColumnMappingEditor* mapping = panel->mappingEditor();
        QCOMPARE(mapping->columnCount(), 4);
        chooseWithKeys(mapping->combo(0), 2);
        chooseWithKeys(mapping->combo(1), 1);
        chooseWithKeys(mapping->combo(2), 3);
        chooseWithKeys(mapping->combo(3), 4);
        const rs::RatingColumns cols = panel->ratingColumns();
        QCOMPARE(cols.item, 0);
        QCOMPARE(cols.user, 1);
        QCOMPARE(cols.rating, 2);
        QCOMPARE(cols.timestamp, 3);
        QCOMPARE(preview->headerData(0, Qt::Horizontal).toString(), QStringLiteral("a\n→ item"));
        // A role given to two columns blocks the way until it is resolved.
        chooseWithKeys(mapping->combo(2), 1);
        QVERIFY(!panel->isReady());
        QVERIFY(panel->message()->text().contains(QStringLiteral("more than once")));
        QVERIFY(!w->button(QWizard::NextButton)->isEnabled());
        chooseWithKeys(mapping->combo(2), 3);
        QVERIFY(panel->isReady());
        QCOMPARE(panel->ratingColumns().user, 1);
        QCOMPARE(panel->ratingColumns().rating, 2);
        rs::test::saveScreenshot(w.get(), QStringLiteral("importwizard-preview"));

        // Item metadata page: tab-separated, id/title/genres guessed.
        click(w->button(QWizard::NextButton));
        QCOMPARE(w->currentId(), int(ImportWizard::ItemsFormatPage));
        FilePreviewPanel* items = w->itemsPage()->panel();
        QTRY_VERIFY(!items->isSniffing());
        QVERIFY(items->isReady());
        QCOMPARE(items->dialect().delimiter, std::string("\t"));
        QCOMPARE(items->itemColumns().id, 0);
        QCOMPARE(items->itemColumns().title, 1);
        QCOMPARE(items->itemColumns().genres, 2);

        // Options: a name, lenient, keep last; the commit button starts the import.
        click(w->button(QWizard::NextButton));
        QCOMPARE(w->currentId(), int(ImportWizard::OptionsPage));
        QCOMPARE(w->optionsPage()->nameEdit()->text(), QStringLiteral("tiny_ratings"));
        typePath(w->optionsPage()->nameEdit(), QStringLiteral("tiny"));
        QVERIFY(w->optionsPage()->lenientButton()->isChecked());
        click(w->button(QWizard::CommitButton));
        QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(ImportWizard::ResultPage), 30000);
        QVERIFY(w->result().has_value());
        QCOMPARE(int(w->result()->status), int(rs::ImportStatus::Ok));
        ImportResultPage* result = w->resultPage();
        QCOMPARE(result->countText(QStringLiteral("ratings")), QStringLiteral("6"));
        QCOMPARE(result->countText(QStringLiteral("users")), QStringLiteral("3"));
        QCOMPARE(result->countText(QStringLiteral("items")), QStringLiteral("4"));
        QCOMPARE(result->countText(QStringLiteral("duplicates")), QStringLiteral("0"));
        QCOMPARE(result->countText(QStringLiteral("rejected")), QStringLiteral("0"));
        QCOMPARE(result->countText(QStringLiteral("metadata")), QStringLiteral("4"));
        QCOMPARE(result->message()->kind(), InlineMessage::Kind::Success);
        QVERIFY(result->rejectsView()->isHidden());
        QVERIFY(!w->button(QWizard::BackButton)->isVisible() ||
                !w->button(QWizard::BackButton)->isEnabled());
        rs::test::saveScreenshot(w.get(), QStringLiteral("importwizard-result"));

        // In the workspace: as mapped (users are column b).
        auto info = rs::DatasetStore(*m_session->workspace()).find("tiny");
        QVERIFY(info.has_value());
        QCOMPARE(info->numRatings, 6);
        QCOMPARE(info->numUsers, 3);
        QCOMPARE(info->numItems, 4);
        QVERIFY(info->hasTimestamps);
        QVERIFY(info->hasItemMetadata);
        QCOMPARE(info->ratingMax, 5.0);
        click(w->button(QWizard::FinishButton));
        QVERIFY(!w->isVisible());
    }

    void takenNameIsRefusedInline() {
        // A dataset named "already here" exists (imported straight through core).
        rs::ImportOptions o;
        o.datasetName = "already here";
        o.ratingsPath = m_dir.filePath(QStringLiteral("tiny_ratings.csv")).toStdString();
        o.dialect.delimiter.clear();
        o.columns = {1, 0, 2, 3};
        QCOMPARE(int(rs::importRatings(*m_session->workspace(), o, {}).status),
                 int(rs::ImportStatus::Ok));
        auto w = makeWizard();
        goToRatingsPage(*w, m_dir.filePath(QStringLiteral("tiny_ratings.csv")));
        click(w->button(QWizard::NextButton));
        QCOMPARE(w->currentId(), int(ImportWizard::OptionsPage));
        typePath(w->optionsPage()->nameEdit(), QStringLiteral("already here"));
        auto* message = w->optionsPage()->findChild<InlineMessage*>();
        QVERIFY(!w->button(QWizard::CommitButton)->isEnabled());
        QVERIFY(message && !message->isHidden());
        QVERIFY(message->text().contains(QStringLiteral("already exists")));
        w->reject();
    }

    void encodingOverrideReSniffs() {
        const QString amelie = QStringLiteral("Am\u00e9lie");
        // Latin-1 bytes (é = 0xE9) are detected and converted.
        const QString latin1 = m_dir.filePath(QStringLiteral("latin1.csv"));
        QFile f(latin1);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("user,item,title\n1,7,Am\xe9lie\n2,7,Am\xe9lie\n3,8,Heat\n");
        f.close();
        auto w = makeWizard();
        goToRatingsPage(*w, latin1);
        FilePreviewPanel* panel = w->ratingsPage()->panel();
        auto* detected = panel->findChild<QLabel*>(QStringLiteral("detectedLabel"));
        QCOMPARE(panel->previewModel()->index(0, 2).data().toString(), amelie);
        QVERIFY2(detected->text().contains(QStringLiteral("Latin-1")),
                 qPrintable(detected->text()));
        w->reject();

        // A UTF-8 file read as Latin-1 on the user's request shows what that would import.
        const QString utf8 = m_dir.filePath(QStringLiteral("utf8.csv"));
        QVERIFY(rs::test::writeLines(utf8, {QStringLiteral("user,item,title"),
                                            QStringLiteral("1,7,") + amelie,
                                            QStringLiteral("2,8,Heat")}));
        w = makeWizard();
        goToRatingsPage(*w, utf8);
        panel = w->ratingsPage()->panel();
        detected = panel->findChild<QLabel*>(QStringLiteral("detectedLabel"));
        QCOMPARE(panel->previewModel()->index(0, 2).data().toString(), amelie);
        QVERIFY2(detected->text().contains(QStringLiteral("UTF-8")), qPrintable(detected->text()));
        chooseWithKeys(panel->encodingCombo(), 2); // Latin-1
        QTRY_VERIFY(!panel->isSniffing());
        QCOMPARE(panel->previewModel()->index(0, 2).data().toString(),
                 QStringLiteral("Am\u00c3\u00a9lie"));
        QCOMPARE(panel->dialect().encoding, rs::TextEncoding::Latin1);
        chooseWithKeys(panel->encodingCombo(), 1); // UTF-8
        QTRY_VERIFY(!panel->isSniffing());
        QCOMPARE(panel->previewModel()->index(0, 2).data().toString(), amelie);
        QCOMPARE(panel->dialect().encoding, rs::TextEncoding::Utf8);
        w->reject();
    }

    void badFileListsRejects() {
        const QString path = m_dir.filePath(QStringLiteral("bad.csv"));
        QVERIFY(rs::test::writeLines(path,
                                     {QStringLiteral("user,item,rating"), QStringLiteral("1,10,4"),
                                      QStringLiteral("2,11,abc"), // line 3: not a number
                                      QStringLiteral("3,12,5"),
                                      QStringLiteral("4,,3"),         // line 5: empty item id
                                      QStringLiteral("5,13,nan"),     // line 6: NaN
                                      QStringLiteral("6,14,2,extra"), // line 7: one field too many
                                      QStringLiteral("7,15,1")}));
        const std::size_t before = datasetCount();

        // Lenient: the good rows are imported and every bad line is listed with its number.
        auto w = makeWizard();
        goToRatingsPage(*w, path);
        QVERIFY(w->ratingsPage()->panel()->isReady());
        click(w->button(QWizard::NextButton));
        typePath(w->optionsPage()->nameEdit(), QStringLiteral("bad lenient"));
        click(w->button(QWizard::CommitButton));
        QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(ImportWizard::ResultPage), 30000);
        ImportResultPage* result = w->resultPage();
        QCOMPARE(int(w->result()->status), int(rs::ImportStatus::Ok));
        QCOMPARE(result->countText(QStringLiteral("ratings")), QStringLiteral("3"));
        QCOMPARE(result->countText(QStringLiteral("rejected")), QStringLiteral("4"));
        QCOMPARE(result->message()->kind(), InlineMessage::Kind::Warning);
        RejectsTableModel* rejects = result->rejectsModel();
        QAbstractItemModelTester tester(rejects,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(rejects->rowCount(), 4);
        QList<qlonglong> lines;
        for (int r = 0; r < rejects->rowCount(); ++r) {
            lines << rejects->index(r, RejectsTableModel::Line).data().toLongLong();
            QCOMPARE(rejects->index(r, RejectsTableModel::File).data().toString(),
                     QStringLiteral("bad.csv"));
            QVERIFY(!rejects->index(r, RejectsTableModel::Reason).data().toString().isEmpty());
        }
        QCOMPARE(lines, (QList<qlonglong>{3, 5, 6, 7}));
        QCOMPARE(rejects->index(0, RejectsTableModel::Content).data().toString(),
                 QStringLiteral("2,11,abc"));
        QCOMPARE(rejects->index(3, RejectsTableModel::Content).data().toString(),
                 QStringLiteral("6,14,2,extra"));
        QVERIFY(!result->rejectsView()->isHidden());
        rs::test::saveScreenshot(w.get(), QStringLiteral("importwizard-rejects"));
        QCOMPARE(datasetCount(), before + 1);

        // Strict: the first bad line fails the import, inline, with file:line; nothing written.
        QVERIFY(result->retryButton()->isHidden()); // offered only after a failure or cancel
        w->restart();
        QCOMPARE(w->currentId(), int(ImportWizard::FilesPage));
        click(w->button(QWizard::NextButton));
        QTRY_VERIFY(w->ratingsPage()->panel()->isReady());
        click(w->button(QWizard::NextButton));
        typePath(w->optionsPage()->nameEdit(), QStringLiteral("bad strict"));
        QTest::mouseClick(w->optionsPage()->strictButton(), Qt::LeftButton, {}, QPoint(4, 4));
        QVERIFY(w->optionsPage()->strictButton()->isChecked());
        click(w->button(QWizard::CommitButton));
        QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(ImportWizard::ResultPage), 30000);
        QCOMPARE(int(w->result()->status), int(rs::ImportStatus::Failed));
        QCOMPARE(result->message()->kind(), InlineMessage::Kind::Error);
        const QString text = result->message()->text();
        QVERIFY2(text.contains(QStringLiteral("bad.csv:3")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Nothing was written")), qPrintable(text));
        QVERIFY(!result->retryButton()->isHidden());
        rs::test::saveScreenshot(w.get(), QStringLiteral("importwizard-strict-failure"));
        QCOMPARE(datasetCount(), before + 1);
        QVERIFY(!rs::DatasetStore(*m_session->workspace()).find("bad strict"));
        w->reject();
    }

    void cancelLeavesNoTrace() {
        const QString path = m_dir.filePath(QStringLiteral("big_ratings.csv"));
        QVERIFY(rs::test::writeSyntheticRatings(path, 2'000'000) > 0);
        const std::size_t before = datasetCount();
        auto w = makeWizard();
        goToRatingsPage(*w, path);
        QVERIFY(w->ratingsPage()->panel()->isReady());
        click(w->button(QWizard::NextButton));
        typePath(w->optionsPage()->nameEdit(), QStringLiteral("to be cancelled"));
        click(w->button(QWizard::CommitButton));
        QCOMPARE(w->currentId(), int(ImportWizard::ProgressPage));
        QVERIFY(w->isImporting());
        QVERIFY(w->progressPage()->cancelButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(w->progressPage()->progressBar()->value() > 0, 20000);
        // The wizard's own Cancel button cancels the import instead of closing the wizard.
        click(w->button(QWizard::CancelButton));
        QVERIFY(w->isVisible());
        QVERIFY(!w->progressPage()->cancelButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(ImportWizard::ResultPage), 30000);
        QCOMPARE(int(w->result()->status), int(rs::ImportStatus::Cancelled));
        const QString text = w->resultPage()->message()->text();
        QVERIFY2(text.contains(QStringLiteral("cancelled")) &&
                     text.contains(QStringLiteral("Nothing was written")),
                 qPrintable(text));
        QCOMPARE(datasetCount(), before);
        QVERIFY(!rs::DatasetStore(*m_session->workspace()).find("to be cancelled"));
        QCOMPARE(m_session->workspace()->integrityCheck(), std::string("ok"));
        w->reject();
        QVERIFY(!w->isVisible());
    }
};

QTEST_MAIN(TestImportWizard)
#include "tst_importwizard.moc"
