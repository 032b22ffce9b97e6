// Opening, creating and migrating workspace files; clear errors for files that are not ours.
#include "TestFiles.h"
#include "store/Database.h"
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
};

QTEST_APPLESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
