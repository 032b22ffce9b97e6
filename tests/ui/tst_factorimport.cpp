// "Bring your own model" through the window: a BiasedMF trained here is exported to factor
// files (as another tool would write them), imported with the File menu's dialog, and the
// imported run scores, maps and explains exactly like the original; a malformed file is
// reported with its file and line and stores nothing.
#include "DemoWorkspace.h"
#include "EmbeddingPage.h"
#include "FactorImportDialog.h"
#include "InlineMessage.h"
#include "PageHost.h"
#include "TrainRun.h"
#include "UiTestUtil.h"
#include "WorkspaceSession.h"
#include "explain/Explainer.h"
#include "import/FactorFileWriter.h"
#include "store/RunStore.h"
#include "train/RunContext.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace rs::ui;

class TestFactorImport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    rs::test::DemoWindow m_demo;
    qint64 m_mf = 0;

    MainWindow* window() { return m_demo.window.get(); }
    std::string path() { return window()->session().path().toStdString(); }

    FactorImportDialog* openDialog() {
        auto* action = window()->findChild<QAction*>(QStringLiteral("importFactorsAction"));
        if (!action)
            return nullptr;
        action->trigger();
        return window()->findChild<FactorImportDialog*>();
    }

    std::size_t runCount() {
        rs::Workspace ws(path(), rs::Workspace::Mode::ReadOnly);
        return rs::RunStore(ws).list().size();
    }

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_demo = rs::test::openDemoWindow(m_dir, QStringLiteral("byom"));
        QVERIFY2(m_demo.error.isEmpty(), qPrintable(m_demo.error));
        m_mf = rs::test::trainRun(path(), m_demo.datasetId,
                                  {"biasedmf", {{"factors", "16"}, {"epochs", "15"}}});
        QVERIFY(m_mf > 0);
    }

    void importedFactorsReproduceTheScores() {
        // Export the trained model's factors, as a model trained elsewhere would arrive.
        rs::FactorExport exported;
        std::string error;
        const QString items = m_dir.filePath("items.csv"), users = m_dir.filePath("users.csv");
        {
            rs::Workspace ws(path());
            QVERIFY2(rs::exportRunFactors(ws, m_mf, items.toStdString(), users.toStdString(),
                                          exported, error),
                     error.c_str());
        }
        QVERIFY(exported.hasMean && exported.hasBias);

        FactorImportDialog* dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->setDataset(m_demo.datasetId);
        dialog->setItemsFile(items);
        dialog->setUsersFile(users);
        dialog->setKind(QStringLiteral("rating"));
        dialog->setMean(exported.mean);
        dialog->setEvaluate(true);
        QSignalSpy finished(dialog, &FactorImportDialog::finished);
        QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(dialog->message()->text()));
        const qint64 imported = finished.last().at(1).toLongLong();
        QVERIFY(imported > m_mf);
        QVERIFY(dialog->reportLabel()->text().contains(QStringLiteral("9,724 of 9,724")));
        QVERIFY(dialog->reportLabel()->text().contains(QStringLiteral("NDCG@10")));
        rs::test::saveScreenshot(dialog, QStringLiteral("factor-import-dialog"));

        rs::Workspace ws(path());
        auto original = rs::loadRunContext(ws, m_mf, error);
        auto copy = rs::loadRunContext(ws, imported, error);
        QVERIFY2(original && copy, error.c_str());
        QCOMPARE(QString::fromStdString(copy->run.model), QStringLiteral("imported"));
        // The mean the dialog shows has 4 decimals: scores agree to that precision.
        double worst = 0;
        for (std::uint32_t u = 0; u < original->numUsers(); u += 37)
            for (std::uint32_t i = 0; i < original->numItems(); i += 101)
                worst = std::max(worst, std::abs(double(original->model->score(u, i)) -
                                                 copy->model->score(u, i)));
        QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
        // Same top-10 for a user, and the why panel's decomposition adds up.
        const auto a = original->recommend(0, 10), b = copy->recommend(0, 10);
        for (std::size_t k = 0; k < a.size(); ++k)
            QCOMPARE(a[k].item, b[k].item);
        auto explainer = rs::makeExplainer(*copy, error);
        QVERIFY2(explainer, error.c_str());
        const rs::Explanation e = explainer->explain(0, b[0].item, {});
        QVERIFY(std::abs(e.decomposedScore - e.score) < 1e-4);
        dialog->close();

        // The Latent space page maps the imported model.
        auto* latent = window()->findChild<EmbeddingPage*>();
        window()->pages()->showPage(QStringLiteral("latent"));
        QTRY_VERIFY_WITH_TIMEOUT(latent->selectRun(imported), 20000);
        QSignalSpy ready(latent, &EmbeddingPage::mapReady);
        latent->setMethod(rs::LayoutMethod::Pca);
        latent->showMap();
        QVERIFY(ready.wait(60000));
        QVERIFY(ready.last().at(0).toBool());
        QCOMPARE(latent->map()->points().size(), std::size_t(copy->numItems()));
    }

    void aBadFileIsReportedWithItsLineAndStoresNothing() {
        const QString bad = m_dir.filePath("bad-items.csv");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("id,f1,f2\n1,0.5,0.25\n2,abc,0.1\n");
        f.close();
        const std::size_t before = runCount();
        FactorImportDialog* dialog = openDialog();
        QVERIFY(dialog);
        dialog->setDataset(m_demo.datasetId);
        dialog->setItemsFile(bad);
        dialog->setUsersFile({});
        QSignalSpy finished(dialog, &FactorImportDialog::finished);
        QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY2(dialog->message()->text().contains(QStringLiteral("bad-items.csv:3")),
                 qPrintable(dialog->message()->text()));
        rs::test::saveScreenshot(dialog, QStringLiteral("factor-import-error"));
        QCOMPARE(runCount(), before);
        rs::Workspace ws(path(), rs::Workspace::Mode::ReadOnly);
        QCOMPARE(QString::fromStdString(ws.integrityCheck()), QStringLiteral("ok"));
        dialog->close();
    }
};

QTEST_MAIN(TestFactorImport)
#include "tst_factorimport.moc"
