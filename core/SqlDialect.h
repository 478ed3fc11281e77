// Everything that differs between database engines lives here, so the stores' SQL stays
// portable: SQLite for a workspace in one file, PostgreSQL (QPSQL) for a team's shared one.
#pragma once

#include <QString>
#include <QStringList>

namespace bulkhead {

class SqlDialect {
public:
    enum class Engine { Sqlite, Postgresql };

    explicit SqlDialect(Engine engine = Engine::Sqlite) : m_engine(engine) { }

    Engine engine() const { return m_engine; }
    QString name() const; // folder name of engine-specific schema steps: "sqlite", "postgresql"
    QString title() const; // for messages: "SQLite", "PostgreSQL"
    QString qtDriver() const;

    // Statements run on every connection before use (journal, durability, foreign keys).
    QStringList connectionSetup() const;
    // Starts a write transaction that takes the workspace's write lock at once, so writers
    // queue instead of failing or interleaving: every change appends to the one audit chain.
    QStringList beginWrite() const;
    // Starts a schema step: like beginWrite(), but usable before the tables exist.
    QStringList beginSchemaStep() const;
    // Fills the engine-specific placeholders of a portable schema file.
    QString expand(const QString &sql) const;
    // Whether Bulkhead copies the workspace (WorkspaceBackups): a server's database is backed up
    // by its own tools.
    bool canBackUp() const { return m_engine == Engine::Sqlite; }
    // A quick structural check of the whole database; its one row reads "ok" when sound.
    QString integrityCheck() const;
    // Counts the tables, indexes and triggers: zero for a brand-new, empty database.
    QString countSchemaObjects() const;
    // Reads the application id (SQLite: the file header; PostgreSQL: a table step 1 makes).
    // On PostgreSQL it fails when the table is missing: a database of another application.
    QString readApplicationId() const;
    QString stampApplicationId() const;
    static constexpr int kApplicationId = 0x42484B44; // "BHKD"

private:
    Engine m_engine;
};

} // namespace bulkhead
