#include "store/Database.h"

#include <sqlite3.h>
#include <utility>

namespace rs {

namespace {

/// SQLite's message, with what it means for the user spelled out for the failures that are
/// about the file rather than the query (a full disk, another program's lock, no write access).
std::string describe(int code, const char* sqliteMessage) {
    const std::string msg = sqliteMessage ? sqliteMessage : sqlite3_errstr(code);
    switch (code & 0xff) {
    case SQLITE_FULL:
        return "the disk is full, no space left to write the workspace (" + msg + ")";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "the workspace is busy: another program or connection holds its lock (" + msg + ")";
    case SQLITE_READONLY:
        return "the workspace cannot be written, it is read-only (" + msg + ")";
    default:
        return msg;
    }
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view context) {
    std::string msg(context);
    msg += ": ";
    const int code = db ? sqlite3_extended_errcode(db) : rc;
    msg += describe(code, db ? sqlite3_errmsg(db) : nullptr);
    throw StoreError(msg, rc);
}

} // namespace

bool StoreError::interrupted() const {
    return (m_code & 0xff) == SQLITE_INTERRUPT;
}
bool StoreError::diskFull() const {
    return (m_code & 0xff) == SQLITE_FULL;
}
bool StoreError::busy() const {
    return (m_code & 0xff) == SQLITE_BUSY || (m_code & 0xff) == SQLITE_LOCKED;
}
bool StoreError::readOnly() const {
    return (m_code & 0xff) == SQLITE_READONLY;
}

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
    int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        fail(db, rc, "preparing query");
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& o) noexcept
    : m_db(std::exchange(o.m_db, nullptr)), m_stmt(std::exchange(o.m_stmt, nullptr)) {}

Statement& Statement::operator=(Statement&& o) noexcept {
    if (this != &o) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(o.m_db, nullptr);
        m_stmt = std::exchange(o.m_stmt, nullptr);
    }
    return *this;
}

Statement& Statement::bind(int i, std::int64_t v) {
    if (int rc = sqlite3_bind_int64(m_stmt, i, v); rc != SQLITE_OK)
        fail(m_db, rc, "binding a value");
    return *this;
}

Statement& Statement::bind(int i, double v) {
    if (int rc = sqlite3_bind_double(m_stmt, i, v); rc != SQLITE_OK)
        fail(m_db, rc, "binding a value");
    return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
    if (int rc = sqlite3_bind_text64(m_stmt, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        rc != SQLITE_OK)
        fail(m_db, rc, "binding a value");
    return *this;
}

Statement& Statement::bindBlob(int i, std::span<const unsigned char> bytes) {
    if (int rc = sqlite3_bind_blob64(m_stmt, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail(m_db, rc, "binding a value");
    return *this;
}

Statement& Statement::bindNull(int i) {
    if (int rc = sqlite3_bind_null(m_stmt, i); rc != SQLITE_OK)
        fail(m_db, rc, "binding a value");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    int code = sqlite3_extended_errcode(m_db);
    std::string msg = "running query: ";
    msg += describe(code, sqlite3_errmsg(m_db));
    sqlite3_reset(m_stmt);
    throw StoreError(msg, code);
}

void Statement::run() {
    while (step()) {
    }
    sqlite3_reset(m_stmt);
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::int64(int col) const {
    return sqlite3_column_int64(m_stmt, col);
}
double Statement::real(int col) const {
    return sqlite3_column_double(m_stmt, col);
}
std::string Statement::text(int col) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col)))
             : std::string();
}
std::span<const unsigned char> Statement::blob(int col) const {
    auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(m_stmt, col));
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))};
}
bool Statement::isNull(int col) const {
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

Database::Database(const std::string& path, Mode mode) : m_path(path) {
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    flags |= mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                    : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = "cannot open workspace '" + path +
                          "': " + describe(rc, m_db ? sqlite3_errmsg(m_db) : nullptr);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw StoreError(msg, rc);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
}

Database::~Database() {
    sqlite3_close_v2(m_db);
}

Database::Database(Database&& o) noexcept
    : m_db(std::exchange(o.m_db, nullptr)), m_path(std::move(o.m_path)) {}

Database& Database::operator=(Database&& o) noexcept {
    if (this != &o) {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(o.m_db, nullptr);
        m_path = std::move(o.m_path);
    }
    return *this;
}

void Database::exec(std::string_view sql) {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        const int code = sqlite3_extended_errcode(m_db);
        std::string msg = describe(code, err ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        throw StoreError(msg, code);
    }
}

std::int64_t Database::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}

std::int64_t Database::scalarInt(std::string_view sql) const {
    Statement st(m_db, sql);
    return st.step() ? st.int64(0) : 0;
}

std::string Database::scalarText(std::string_view sql) const {
    Statement st(m_db, sql);
    return st.step() ? st.text(0) : std::string();
}

void Database::interrupt() {
    if (m_db)
        sqlite3_interrupt(m_db);
}

Transaction::Transaction(Database& db) : m_db(db) {
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // A failed rollback leaves SQLite to roll back on close; nothing more to do here.
        }
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace rs
