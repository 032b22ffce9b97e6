#include "WorkerPools.h"

#include <QCoreApplication>
#include <QThreadPool>

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

QThreadPool* queryPool() {
    static QThreadPool* pool = makePool("recscope-queries", 2);
    return pool;
}

} // namespace rs::ui
