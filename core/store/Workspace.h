#pragma once
#include "store/Database.h"
#include <string>

namespace rs {

/// A RecScope workspace: one SQLite file holding datasets, splits, models and runs.
/// Opening creates the file if needed and migrates its schema to the current version in one
/// transaction. WAL mode; foreign keys on. One Workspace per thread (each has its connection).
class Workspace {
public:
    enum class Mode { ReadWrite, ReadOnly };
    /// Opens or creates. Throws StoreError with a readable message on failure (not a database,
    /// newer schema than this build understands, read-only location, locked, ...).
    explicit Workspace(const std::string& path, Mode mode = Mode::ReadWrite);

    Database& db() { return m_db; }
    const Database& db() const { return m_db; }
    const std::string& path() const { return m_db.path(); }
    int schemaVersion() const;
    /// "ok" when the file is intact (PRAGMA integrity_check).
    std::string integrityCheck() const;
    void interrupt() { m_db.interrupt(); }

    static int currentSchemaVersion();

private:
    Database m_db;
};

} // namespace rs
