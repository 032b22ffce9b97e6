#include "store/Workspace.h"

#include "store/Schema.h"

#include <string>

namespace rs {

namespace {

constexpr std::int64_t kApplicationId = 0x52435331; // "RCS1"

} // namespace

Workspace::Workspace(const std::string& path, Mode mode)
    : m_db(path, mode == Mode::ReadOnly ? Database::Mode::ReadOnly : Database::Mode::ReadWrite) {
    try {
        // Reading the header first gives a clear error for files that are not databases.
        const auto appId = m_db.scalarInt("PRAGMA application_id");
        const auto version = m_db.scalarInt("PRAGMA user_version");
        const auto tables = m_db.scalarInt("SELECT count(*) FROM sqlite_schema");
        if (appId != kApplicationId && tables > 0)
            throw StoreError("'" + path + "' is an SQLite file but not a RecScope workspace");
        const auto& migrations = schemaMigrations();
        if (version > static_cast<std::int64_t>(migrations.size()))
            throw StoreError("workspace '" + path + "' has schema version " +
                             std::to_string(version) + ", newer than this RecScope understands (" +
                             std::to_string(migrations.size()) + ")");
        if (mode == Mode::ReadOnly) {
            if (version < static_cast<std::int64_t>(migrations.size()))
                throw StoreError("workspace '" + path + "' needs an upgrade but is read-only");
            return;
        }
        m_db.exec("PRAGMA journal_mode=WAL");
        m_db.exec("PRAGMA synchronous=NORMAL");
        m_db.exec("PRAGMA foreign_keys=ON");
        if (version < static_cast<std::int64_t>(migrations.size())) {
            Transaction tx(m_db);
            // Re-read inside the write lock: another instance may have migrated meanwhile.
            auto current = m_db.scalarInt("PRAGMA user_version");
            for (auto v = current; v < static_cast<std::int64_t>(migrations.size()); ++v)
                m_db.exec(migrations[static_cast<std::size_t>(v)]);
            m_db.exec("PRAGMA application_id=" + std::to_string(kApplicationId));
            m_db.exec("PRAGMA user_version=" + std::to_string(migrations.size()));
            tx.commit();
        }
    } catch (const StoreError& e) {
        // The store's message already says what a read-only file, a lock or a full disk means.
        if (e.readOnly() || e.busy() || e.diskFull())
            throw StoreError("cannot open workspace '" + path + "': " + e.what(), e.sqliteCode());
        if ((e.sqliteCode() & 0xff) == 26 /* SQLITE_NOTADB */)
            throw StoreError("'" + path + "' is not a RecScope workspace (not a database file)",
                             e.sqliteCode());
        throw;
    }
}

int Workspace::schemaVersion() const {
    return static_cast<int>(m_db.scalarInt("PRAGMA user_version"));
}

std::string Workspace::integrityCheck() const {
    auto st = m_db.prepare("PRAGMA integrity_check");
    std::string out;
    while (st.step()) {
        if (!out.empty())
            out += '\n';
        out += st.text(0);
    }
    return out;
}

int Workspace::currentSchemaVersion() {
    return static_cast<int>(schemaMigrations().size());
}

} // namespace rs
