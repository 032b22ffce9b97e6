// A full disk, simulated by an SQLite VFS registered as the default for this process: it wraps
// the real default VFS and fails writes that would grow files beyond a byte budget with
// SQLITE_FULL (what a full file system reports). An import and a training save into a workspace
// that already holds a dataset and a run then fail with a message that says the disk is full,
// lose nothing, leave the file intact, and work again once there is space. The same VFS opens
// files read-only (what mode 0444 does to anyone but root); with Workspace::Mode::ReadOnly too,
// writes fail saying the workspace is read-only. A workspace whose write lock another connection
// holds makes an import or a training save wait for the busy timeout, then fail saying the
// workspace is busy; a lock released in time only delays it.
#include "TestFiles.h"
#include "TrainRun.h"
#include "WorkspaceCheck.h"
#include "import/ImportJob.h"
#include "store/DatasetStore.h"
#include "store/RunStore.h"
#include "train/TrainingJob.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <cstring>
#include <sqlite3.h>
#include <thread>
#include <unistd.h>

using namespace rs;

namespace {

// ---- the budgeted VFS ----------------------------------------------------------------------

constexpr std::int64_t kUnlimited = -1;
std::atomic<std::int64_t> g_spaceLeft{kUnlimited}; ///< bytes files may still grow by
std::atomic<int> g_fullErrors{0};                  ///< writes refused so far
/// Opens database files read-only whatever was asked, like the real VFS does for a file its
/// process may not write (mode 0444, a read-only mount): what root cannot get from chmod.
std::atomic<bool> g_readOnlyFiles{false};
sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs;

struct BudgetFile {
    sqlite3_file base;  // pMethods = our methods
    sqlite3_file* real; // the real VFS's file, allocated right after this struct
};

sqlite3_file* real(sqlite3_file* f) {
    return reinterpret_cast<BudgetFile*>(f)->real;
}

int bClose(sqlite3_file* f) {
    return real(f)->pMethods->xClose(real(f));
}
int bRead(sqlite3_file* f, void* p, int n, sqlite3_int64 off) {
    return real(f)->pMethods->xRead(real(f), p, n, off);
}
int bWrite(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
    sqlite3_int64 size = 0;
    if (int rc = real(f)->pMethods->xFileSize(real(f), &size); rc != SQLITE_OK)
        return rc;
    const std::int64_t growth = std::max<std::int64_t>(0, off + n - size);
    if (growth > 0) {
        std::int64_t left = g_spaceLeft.load();
        do {
            if (left == kUnlimited)
                break;
            if (growth > left) {
                ++g_fullErrors;
                return SQLITE_FULL;
            }
        } while (!g_spaceLeft.compare_exchange_weak(left, left - growth));
    }
    return real(f)->pMethods->xWrite(real(f), p, n, off);
}
int bTruncate(sqlite3_file* f, sqlite3_int64 size) {
    sqlite3_int64 before = 0;
    real(f)->pMethods->xFileSize(real(f), &before);
    const int rc = real(f)->pMethods->xTruncate(real(f), size);
    if (rc == SQLITE_OK && before > size) {
        std::int64_t left = g_spaceLeft.load();
        while (left != kUnlimited &&
               !g_spaceLeft.compare_exchange_weak(left, left + before - size)) {
        }
    }
    return rc;
}
int bSync(sqlite3_file* f, int flags) {
    return real(f)->pMethods->xSync(real(f), flags);
}
int bFileSize(sqlite3_file* f, sqlite3_int64* size) {
    return real(f)->pMethods->xFileSize(real(f), size);
}
int bLock(sqlite3_file* f, int l) {
    return real(f)->pMethods->xLock(real(f), l);
}
int bUnlock(sqlite3_file* f, int l) {
    return real(f)->pMethods->xUnlock(real(f), l);
}
int bCheckReservedLock(sqlite3_file* f, int* out) {
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int bFileControl(sqlite3_file* f, int op, void* arg) {
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int bSectorSize(sqlite3_file* f) {
    return real(f)->pMethods->xSectorSize(real(f));
}
int bDeviceCharacteristics(sqlite3_file* f) {
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int bShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** p) {
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, p);
}
int bShmLock(sqlite3_file* f, int offset, int n, int flags) {
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void bShmBarrier(sqlite3_file* f) {
    real(f)->pMethods->xShmBarrier(real(f));
}
int bShmUnmap(sqlite3_file* f, int deleteFlag) {
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}
int bFetch(sqlite3_file* f, sqlite3_int64 off, int n, void** p) {
    return real(f)->pMethods->xFetch(real(f), off, n, p);
}
int bUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
    return real(f)->pMethods->xUnfetch(real(f), off, p);
}

const sqlite3_io_methods kMethods = {3,
                                     bClose,
                                     bRead,
                                     bWrite,
                                     bTruncate,
                                     bSync,
                                     bFileSize,
                                     bLock,
                                     bUnlock,
                                     bCheckReservedLock,
                                     bFileControl,
                                     bSectorSize,
                                     bDeviceCharacteristics,
                                     bShmMap,
                                     bShmLock,
                                     bShmBarrier,
                                     bShmUnmap,
                                     bFetch,
                                     bUnfetch};

int bOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* outFlags) {
    auto* b = reinterpret_cast<BudgetFile*>(f);
    if (g_readOnlyFiles && (flags & SQLITE_OPEN_MAIN_DB) && (flags & SQLITE_OPEN_READWRITE))
        flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
    b->real = reinterpret_cast<sqlite3_file*>(b + 1);
    const int rc = g_real->xOpen(g_real, name, b->real, flags, outFlags);
    // SQLite calls xClose only when pMethods is set, so only when the real open set it too.
    b->base.pMethods = b->real->pMethods ? &kMethods : nullptr;
    return rc;
}
int bDelete(sqlite3_vfs*, const char* name, int syncDir) {
    return g_real->xDelete(g_real, name, syncDir);
}
int bAccess(sqlite3_vfs*, const char* name, int flags, int* out) {
    return g_real->xAccess(g_real, name, flags, out);
}
int bFullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return g_real->xFullPathname(g_real, name, n, out);
}

/// Registers the budgeted VFS as the default (once); every connection opened afterwards uses it.
void installBudgetVfs() {
    if (g_real)
        return;
    g_real = sqlite3_vfs_find(nullptr);
    QVERIFY(g_real && g_real->iVersion >= 1);
    // Everything not overridden (randomness, time, dlopen, syscalls) is the real VFS's.
    std::memcpy(&g_vfs, g_real, sizeof(sqlite3_vfs));
    g_vfs.zName = "recscope-budget";
    g_vfs.szOsFile = int(sizeof(BudgetFile)) + g_real->szOsFile;
    g_vfs.pNext = nullptr;
    g_vfs.xOpen = bOpen;
    g_vfs.xDelete = bDelete;
    g_vfs.xAccess = bAccess;
    g_vfs.xFullPathname = bFullPathname;
    g_vfs.pAppData = nullptr;
    QCOMPARE(sqlite3_vfs_register(&g_vfs, 1), SQLITE_OK);
}

/// Until destroyed, files may grow by `bytes` more in all.
struct DiskSpace {
    explicit DiskSpace(std::int64_t bytes) {
        g_spaceLeft = bytes;
        g_fullErrors = 0;
    }
    ~DiskSpace() { g_spaceLeft = kUnlimited; }
};

bool mentionsFullDisk(const std::string& message) {
    return QString::fromStdString(message).contains("the disk is full");
}

/// Until destroyed, database files open read-only.
struct ReadOnlyFiles {
    ReadOnlyFiles() { g_readOnlyFiles = true; }
    ~ReadOnlyFiles() { g_readOnlyFiles = false; }
};

} // namespace

class TestFaultsDisk : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_path;
    std::int64_t m_dataset = 0, m_run = 0;
    QByteArray m_datasetPrint, m_runPrint;
    QString m_big;

    /// Everything committed before is still there, unchanged, and the file is intact.
    void verifyNothingLost(Workspace& ws) {
        QCOMPARE(rs::test::workspaceProblems(ws), QString());
        QCOMPARE(rs::test::datasetFingerprint(ws, m_dataset), m_datasetPrint);
        QCOMPARE(rs::test::runFingerprint(ws, m_run), m_runPrint);
        QCOMPARE(DatasetStore(ws).list().size(), std::size_t(1));
        QCOMPARE(RunStore(ws).list().size(), std::size_t(1));
    }

    ImportResult importBig(Workspace& ws, const std::string& name) {
        ImportOptions o;
        o.datasetName = name;
        o.ratingsPath = m_big.toStdString();
        return importRatings(ws, o, {});
    }

private slots:
    void initTestCase() {
        installBudgetVfs();
        m_path = m_dir.filePath("w.recscope").toStdString();
        QByteArray small = "userId,movieId,rating\n";
        for (int k = 0; k < 3000; ++k)
            small += QByteArray::number(k / 12) + ',' + QByteArray::number((k * 13) % 200) + ',' +
                     QByteArray::number(1 + k % 5) + '\n';
        QByteArray big = "userId,movieId,rating\n";
        for (int k = 0; k < 60000; ++k)
            big += QByteArray::number(k / 20) + ',' + QByteArray::number((k * 31) % 3000) + ',' +
                   QByteArray::number(1 + k % 5) + '\n';
        m_big = test::writeFile(m_dir, "big.csv", big);
        {
            Workspace ws(m_path);
            ImportOptions o;
            o.datasetName = "first";
            o.ratingsPath = test::writeFile(m_dir, "small.csv", small).toStdString();
            auto r = importRatings(ws, o, {});
            QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
            m_dataset = r.datasetId;
        }
        test::TrainSpec spec;
        spec.model = "biasedmf";
        spec.params = {{"factors", "16"}, {"epochs", "3"}};
        m_run = test::trainRun(m_path, m_dataset, spec);
        QVERIFY(m_run > 0);
        Workspace ws(m_path);
        m_datasetPrint = rs::test::datasetFingerprint(ws, m_dataset);
        m_runPrint = rs::test::runFingerprint(ws, m_run);
        verifyNothingLost(ws);
    }

    void importIntoAFullDisk_data() {
        QTest::addColumn<qint64>("space");
        // Nothing left, a little (the first pages fit), and most of what the import needs.
        QTest::newRow("no space") << qint64(0);
        QTest::newRow("64 KB") << qint64(64 << 10);
        QTest::newRow("1 MB") << qint64(1 << 20);
    }
    void importIntoAFullDisk() {
        QFETCH(qint64, space);
        Workspace ws(m_path);
        {
            DiskSpace full(space);
            const ImportResult r = importBig(ws, "second");
            QCOMPARE(int(r.status), int(ImportStatus::Failed));
            qInfo("import: %s", r.error.c_str());
            QVERIFY2(mentionsFullDisk(r.error), r.error.c_str());
            QVERIFY2(QString::fromStdString(r.error).contains("nothing was saved"),
                     r.error.c_str());
            QVERIFY(g_fullErrors > 0);
            // Reading still works while the disk is full, and nothing was lost.
            verifyNothingLost(ws);
        }
        // Space is back: the same connection imports the same file.
        const ImportResult ok = importBig(ws, "second");
        QVERIFY2(ok.status == ImportStatus::Ok, ok.error.c_str());
        QCOMPARE(ok.ratings, 60000);
        QCOMPARE(rs::test::workspaceProblems(ws), QString());
        DatasetStore(ws).remove(ok.datasetId);
        verifyNothingLost(ws);
    }

    void trainingSaveIntoAFullDisk_data() {
        QTest::addColumn<qint64>("space");
        QTest::newRow("no space") << qint64(0);
        QTest::newRow("16 KB") << qint64(16 << 10);
        QTest::newRow("256 KB") << qint64(256 << 10);
    }
    void trainingSaveIntoAFullDisk() {
        QFETCH(qint64, space);
        Workspace ws(m_path);
        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = "biasedmf";
        req.params = {{"factors", "512"}, {"epochs", "1"}}; // ~1 MB of parameters
        req.split = "random:0.25:seed=9";                   // a new split: stored with the run
        {
            DiskSpace full(space);
            const TrainingOutcome out = runTraining(ws, req, {});
            QCOMPARE(int(out.status), int(TrainingStatus::Failed));
            qInfo("training: %s", out.error.c_str());
            QVERIFY2(mentionsFullDisk(out.error), out.error.c_str());
            QCOMPARE(out.run.id, 0);
            // The pipeline says where it failed.
            const StageNode* save = out.pipeline.find("save");
            QVERIFY(save && save->status == StageStatus::Failed);
            verifyNothingLost(ws);
        }
        // The new split is stored in the run's transaction: the failed save kept none.
        QCOMPARE(ws.db().scalarInt("SELECT COUNT(*) FROM splits WHERE spec LIKE 'random:0.25%'"),
                 std::int64_t(0));
        const TrainingOutcome ok = runTraining(ws, req, {});
        QVERIFY2(ok.status == TrainingStatus::Done, ok.error.c_str());
        QVERIFY(ok.run.id > 0);
        QCOMPARE(rs::test::workspaceProblems(ws), QString());
        RunStore(ws).remove(ok.run.id);
        ws.db().exec("DELETE FROM splits WHERE spec LIKE 'random:0.25%'");
        verifyNothingLost(ws);
    }

    void creatingAWorkspaceOnAFullDisk() {
        const std::string path = m_dir.filePath("new.recscope").toStdString();
        {
            DiskSpace full(0);
            try {
                Workspace ws(path);
                QFAIL("created a workspace on a full disk");
            } catch (const StoreError& e) {
                qInfo("open: %s", e.what());
                QVERIFY2(mentionsFullDisk(e.what()), e.what());
            }
        }
        Workspace ws(path); // space is back
        QCOMPARE(ws.schemaVersion(), Workspace::currentSchemaVersion());
        QCOMPARE(ws.integrityCheck(), std::string("ok"));
    }

    void readOnlyWorkspace() {
        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = "biasedmf";
        req.params = {{"factors", "4"}, {"epochs", "1"}};
        auto expectReadOnlyFailures = [&](Workspace& ws) {
            verifyNothingLost(ws); // everything reads, models restore
            const ImportResult r = importBig(ws, "second");
            QCOMPARE(int(r.status), int(ImportStatus::Failed));
            qInfo("import: %s", r.error.c_str());
            QVERIFY2(QString::fromStdString(r.error).contains("read-only"), r.error.c_str());
            const TrainingOutcome out = runTraining(ws, req, {});
            QCOMPARE(int(out.status), int(TrainingStatus::Failed));
            qInfo("training: %s", out.error.c_str());
            QVERIFY2(QString::fromStdString(out.error).contains("read-only"), out.error.c_str());
            try {
                DatasetStore(ws).rename(m_dataset, "renamed");
                QFAIL("renamed a dataset in a read-only workspace");
            } catch (const StoreError& e) {
                qInfo("rename: %s", e.what());
                QVERIFY2(QString(e.what()).contains("read-only"), e.what());
            }
            verifyNothingLost(ws);
        };
        {
            // Opened read-only on purpose (Workspace::Mode::ReadOnly).
            Workspace ws(m_path, Workspace::Mode::ReadOnly);
            expectReadOnlyFailures(ws);
        }
        {
            // A file the process may not write (as for mode 0444 when not root): opening it
            // for writing either fails saying so, or every write does.
            ReadOnlyFiles ro;
            try {
                Workspace ws(m_path);
                expectReadOnlyFailures(ws);
            } catch (const StoreError& e) {
                qInfo("open: %s", e.what());
                QVERIFY2(QString(e.what()).contains("read-only"), e.what());
            }
        }
        if (::geteuid() != 0) {
            // The real thing: permissions stop a normal user (not root, as in CI containers).
            QFile::setPermissions(QString::fromStdString(m_path),
                                  QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
            try {
                Workspace ws(m_path);
                expectReadOnlyFailures(ws);
            } catch (const StoreError& e) {
                qInfo("open 0444: %s", e.what());
                QVERIFY2(QString(e.what()).contains("read-only"), e.what());
            }
            QFile::setPermissions(QString::fromStdString(m_path),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
        }
        Workspace ws(m_path);
        verifyNothingLost(ws);
    }

    void lockedWorkspace() {
        // Another connection holds the write lock with an uncommitted change (BEGIN EXCLUSIVE).
        std::atomic<bool> locked{false}, release{false};
        std::atomic<int> holdMs{-1};
        auto holder = [&] {
            Database other(m_path, Database::Mode::ReadWrite);
            other.exec("BEGIN EXCLUSIVE");
            other.exec("INSERT INTO import_rejects VALUES(999, 'other', 1, 'r', 'c')");
            locked = true;
            const auto t0 = std::chrono::steady_clock::now();
            while (!release && (holdMs < 0 || std::chrono::steady_clock::now() - t0 <
                                                  std::chrono::milliseconds(holdMs.load())))
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            other.exec("ROLLBACK");
        };
        Workspace ws(m_path);
        {
            std::thread t(holder);
            while (!locked)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            QElapsedTimer clock;
            clock.start();
            const ImportResult r = importBig(ws, "second");
            const qint64 waited = clock.elapsed();
            qInfo("import after %lld ms: %s", waited, r.error.c_str());
            QCOMPARE(int(r.status), int(ImportStatus::Failed));
            QVERIFY2(QString::fromStdString(r.error).contains("busy"), r.error.c_str());
            QVERIFY2(waited >= 4500, qPrintable(QString::number(waited))); // the busy timeout
            TrainingRequest req;
            req.datasetId = m_dataset;
            req.model = "biasedmf";
            req.params = {{"factors", "4"}, {"epochs", "1"}};
            const TrainingOutcome out = runTraining(ws, req, {});
            qInfo("training: %s", out.error.c_str());
            QCOMPARE(int(out.status), int(TrainingStatus::Failed));
            QVERIFY2(QString::fromStdString(out.error).contains("busy"), out.error.c_str());
            // Reading is not blocked by a writer (WAL), and nothing was lost.
            verifyNothingLost(ws);
            release = true;
            t.join();
        }
        {
            // A lock released within the busy timeout only delays the import.
            release = false;
            locked = false;
            holdMs = 800;
            std::thread t(holder);
            while (!locked)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            const ImportResult r = importBig(ws, "second");
            t.join();
            QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
            QCOMPARE(
                ws.db().scalarInt("SELECT count(*) FROM import_rejects WHERE dataset_id = 999"), 0);
            DatasetStore(ws).remove(r.datasetId);
        }
        verifyNothingLost(ws);
    }

    void reopenedAfterAFullDisk() {
        // A fresh connection (and process-level recovery of the WAL) sees the same state.
        Workspace ws(m_path);
        verifyNothingLost(ws);
    }
};

QTEST_APPLESS_MAIN(TestFaultsDisk)
#include "tst_faults_disk.moc"
