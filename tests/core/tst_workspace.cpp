// Opening, creating and migrating workspace files; clear errors for files that are not ours.
#include "TestFiles.h"
#include "store/Database.h"
#include "store/ModelStateCodec.h"
#include "store/RunStore.h"
#include "store/Workspace.h"

#include <QtTest>

using namespace rs;

class TestWorkspace : public QObject {
    Q_OBJECT
private slots:
    void createsAndMigrates() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.recscope").toStdString();
        {
            Workspace ws(path);
            QCOMPARE(ws.schemaVersion(), Workspace::currentSchemaVersion());
            QCOMPARE(ws.integrityCheck(), std::string("ok"));
            QCOMPARE(ws.db().scalarText("PRAGMA journal_mode"), std::string("wal"));
            QCOMPARE(ws.db().scalarInt("SELECT count(*) FROM datasets"), 0);
        }
        Workspace again(path); // reopening neither fails nor re-runs migrations
        QCOMPARE(again.schemaVersion(), Workspace::currentSchemaVersion());
        Workspace readOnly(path, Workspace::Mode::ReadOnly);
        QCOMPARE(readOnly.schemaVersion(), Workspace::currentSchemaVersion());
    }

    void rejectsTextFile() {
        QTemporaryDir dir;
        const QString p = test::writeFile(dir, "notes.txt", QByteArray(4096, 'x'));
        try {
            Workspace ws(p.toStdString());
            QFAIL("opened a text file as a workspace");
        } catch (const StoreError& e) {
            QVERIFY2(QString(e.what()).contains("not a RecScope workspace"), e.what());
        }
    }

    void rejectsForeignDatabase() {
        QTemporaryDir dir;
        const std::string p = dir.filePath("other.db").toStdString();
        {
            Database db(p, Database::Mode::ReadWrite);
            db.exec("CREATE TABLE t(x)");
        }
        try {
            Workspace ws(p);
            QFAIL("opened a foreign database");
        } catch (const StoreError& e) {
            QVERIFY2(QString(e.what()).contains("not a RecScope workspace"), e.what());
        }
        // ... and did not touch it.
        Database db(p, Database::Mode::ReadOnly);
        QCOMPARE(db.scalarInt("SELECT count(*) FROM sqlite_schema"), 1);
    }

    void rejectsNewerSchema() {
        QTemporaryDir dir;
        const std::string p = dir.filePath("future.recscope").toStdString();
        {
            Workspace ws(p);
            ws.db().exec("PRAGMA user_version=" +
                         std::to_string(Workspace::currentSchemaVersion() + 5));
        }
        try {
            Workspace ws(p);
            QFAIL("opened a newer workspace");
        } catch (const StoreError& e) {
            QVERIFY2(QString(e.what()).contains("newer than this RecScope"), e.what());
        }
    }

    void missingFolderIsAClearError() {
        try {
            Workspace ws("/nonexistent-folder-for-recscope/w.recscope");
            QFAIL("opened a workspace in a missing folder");
        } catch (const StoreError& e) {
            QVERIFY2(QString(e.what()).contains("cannot open workspace"), e.what());
        }
    }

    void transactionRollsBackUnlessCommitted() {
        QTemporaryDir dir;
        Workspace ws(dir.filePath("w.recscope").toStdString());
        {
            Transaction tx(ws.db());
            ws.db().exec("INSERT INTO import_rejects VALUES(1,'f',1,'r','c')");
        }
        QCOMPARE(ws.db().scalarInt("SELECT count(*) FROM import_rejects"), 0);
        {
            Transaction tx(ws.db());
            ws.db().exec("INSERT INTO import_rejects VALUES(1,'f',1,'r','c')");
            tx.commit();
        }
        QCOMPARE(ws.db().scalarInt("SELECT count(*) FROM import_rejects"), 1);
    }

    void statementErrorsCarryTheMessage() {
        QTemporaryDir dir;
        Workspace ws(dir.filePath("w.recscope").toStdString());
        try {
            ws.db().prepare("SELECT nope FROM datasets");
            QFAIL("prepared a bad query");
        } catch (const StoreError& e) {
            QVERIFY2(QString(e.what()).contains("no such column"), e.what());
        }
    }

    // Found by tests/fuzz/fuzz_model_blob (corpus seed regress-shape-overflow): a damaged
    // model_params row whose rows * cols overflows int64 was undefined behaviour, and the
    // product could wrap to the (empty) BLOB's size and pass as a valid block.
    void damagedModelShapeIsAnError() {
        ModelState state;
        std::string error;
        QVERIFY(!decodeModelParamRow(state, "user_factors", 1, std::int64_t(1) << 32,
                                     std::int64_t(1) << 32, {}, error));
        QVERIFY2(QString::fromStdString(error).contains("damaged"), error.c_str());
        QVERIFY(!decodeModelParamRow(state, "item_bias", 1, -2, -3, {}, error));
        QVERIFY(!decodeModelParamRow(state, "item_bias", 1, 8457592310633294963, 2, {}, error));
        QVERIFY(state.blocks.empty());
        const float one[] = {1.0f, 2.0f};
        QVERIFY2(decodeModelParamRow(state, "item_bias", 1, 2, 1,
                                     asBlobBytes(one), error), error.c_str());
        QCOMPARE(state.blocks.size(), std::size_t(1));

        QTemporaryDir dir;
        Workspace ws(dir.filePath("w.recscope").toStdString());
        ws.db().exec("INSERT INTO model_hyper VALUES(1, '__model', 'bpr')");
        ws.db().exec("INSERT INTO model_params VALUES(1, 'user_factors', 1, 4294967296,"
                     " 4294967296, X'')");
        try {
            RunStore(ws).loadModel(1);
            QFAIL("loaded a model block of 2^64 values from an empty BLOB");
        } catch (const StoreError& e) {
            QVERIFY2(QString(e.what()).contains("are damaged"), e.what());
        }
    }

private:
    static std::span<const unsigned char> asBlobBytes(const float (&v)[2]) {
        return {reinterpret_cast<const unsigned char*>(v), sizeof v};
    }
};

QTEST_APPLESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
