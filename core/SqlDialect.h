// Everything that differs between database engines lives here, so the stores' SQL stays
// portable. SQLite is the only engine today; PostgreSQL (QPSQL) comes with team workspaces.
#pragma once

#include <QString>
#include <QStringList>

namespace bulkhead {

class SqlDialect {
public:
    enum class Engine { Sqlite };

    explicit SqlDialect(Engine engine = Engine::Sqlite) : m_engine(engine) { }

    Engine engine() const { return m_engine; }
    QString name() const; // folder name of engine-specific schema steps: "sqlite"
    QString qtDriver() const;

    // Statements run on every connection before use (journal, durability, foreign keys).
    QStringList connectionSetup() const;
    // Starts a write transaction that takes the write lock at once, so that two writers
    // queue instead of failing when both try to upgrade a read lock.
    QString beginWrite() const;
    // Fills the engine-specific placeholders of a portable schema file.
    QString expand(const QString &sql) const;
    // Copies the whole database into a new file, consistent even while others write.
    QString backupInto(const QString &path) const;
    // A quick structural check of the whole database; its one row reads "ok" when sound.
    QString integrityCheck() const;
    // Counts the tables, indexes and triggers: zero for a brand-new, empty file.
    QString countSchemaObjects() const;
    // Reads the application id stamped in the file header (0 when unset).
    QString readApplicationId() const;
    QString stampApplicationId() const;
    static constexpr int kApplicationId = 0x42484B44; // "BHKD"

private:
    Engine m_engine;
};

} // namespace bulkhead
