#include "WorkerPools.h"

#include <QCoreApplication>
#include <QThreadPool>

#include <cerrno>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace rs::ui {

namespace {

QThreadPool* makePool(const char* name, int threads) {
    // Owned by the application object, so it is destroyed (and its threads joined) before
    // the process exits; long jobs must be cancelled first (MainWindow does on close).
    auto* pool = new QThreadPool(QCoreApplication::instance());
    pool->setObjectName(QString::fromLatin1(name));
    pool->setMaxThreadCount(threads);
    return pool;
}

} // namespace

QThreadPool* jobPool() {
    static QThreadPool* pool = makePool("recscope-jobs", 1);
    return pool;
}

void runAsBackgroundThread() {
#ifdef Q_OS_LINUX
    // On Linux the nice value belongs to the thread (its kernel task id), and threads it
    // creates inherit it. Raising it needs no privilege; it cannot be lowered again, which is
    // fine for a pool thread that only ever runs background jobs.
    constexpr int kBackgroundNice = 10;
    thread_local bool lowered = false;
    if (!lowered) {
        lowered = true;
        const auto tid = id_t(syscall(SYS_gettid));
        errno = 0;
        const int current = getpriority(PRIO_PROCESS, tid);
        if (errno == 0 && current < kBackgroundNice)
            setpriority(PRIO_PROCESS, tid, kBackgroundNice);
    }
#endif
}

QThreadPool* queryPool() {
    static QThreadPool* pool = makePool("recscope-queries", 2);
    return pool;
}

} // namespace rs::ui
