#pragma once

class QThreadPool;

namespace rs::ui {

/// Thread pool for long jobs that write to the workspace (imports, deletions, later training).
/// One thread: writes to one SQLite file are serialized anyway, so a second import simply waits.
QThreadPool* jobPool();

/// Thread pool for short read-only queries of the views (table pages, summaries, previews).
/// Separate from jobPool() so browsing stays responsive while an import runs.
QThreadPool* queryPool();

/// Lowers the calling worker thread's scheduling priority (Linux: nice +10, once per thread).
/// Long jobs call it first: the threads a job starts inherit it, so a training run that keeps
/// every core busy still leaves the UI thread (nice 0) the CPU whenever it needs it.
void runAsBackgroundThread();

} // namespace rs::ui
