#pragma once
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace rs {

/// Error from the workspace store: the SQLite message plus what we were doing.
class StoreError : public std::runtime_error {
public:
    StoreError(const std::string& what, int sqliteCode = 0)
        : std::runtime_error(what), m_code(sqliteCode) {}
    int sqliteCode() const { return m_code; }
    bool interrupted() const;
    bool diskFull() const;
    bool busy() const;
    bool readOnly() const;

private:
    int m_code;
};

/// A prepared statement. Bind indices are 1-based like SQLite's; column indices 0-based.
class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& o) noexcept;
    Statement& operator=(Statement&& o) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, std::int64_t v);
    Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Statement& bind(int i, double v);
    Statement& bind(int i, std::string_view v); ///< copied (SQLITE_TRANSIENT)
    Statement& bindBlob(int i, std::span<const unsigned char> bytes);
    Statement& bindNull(int i);

    /// Steps once; true when a row is available, false when done. Throws StoreError.
    bool step();
    /// Steps to completion and resets (for INSERT/UPDATE/DELETE).
    void run();
    void reset(); ///< resets and clears bindings

    std::int64_t int64(int col) const;
    double real(int col) const;
    std::string text(int col) const;
    std::span<const unsigned char> blob(int col) const;
    bool isNull(int col) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

/// One SQLite connection. Not shared between threads: each thread opens its own.
class Database {
public:
    enum class Mode { ReadWrite, ReadOnly };
    Database() = default;
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(Database&& o) noexcept;
    Database& operator=(Database&& o) noexcept;

    bool isOpen() const { return m_db != nullptr; }
    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) const { return Statement(m_db, sql); }
    std::int64_t lastInsertId() const;
    std::int64_t scalarInt(std::string_view sql) const;
    std::string scalarText(std::string_view sql) const;
    /// Asks a running statement on this connection to stop (thread-safe).
    void interrupt();

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

/// RAII write transaction (BEGIN IMMEDIATE): rolls back unless commit() was called.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    void commit();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

private:
    Database& m_db;
    bool m_done = false;
};

} // namespace rs
