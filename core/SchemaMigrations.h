// The workspace schema, one numbered step per version. A new workspace runs every step; an
// older one runs the steps it lacks (a file after a backup), each in its own transaction.
#pragma once

#include "Result.h"

#include <QStringList>

class QSqlDatabase;

namespace bulkhead {

class SqlDialect;

namespace schema {

// The schema version this program writes.
int currentVersion();
// The statements of one step, for the given engine.
Result<QStringList> stepStatements(int version, const SqlDialect &dialect);
// Runs steps (from, to] on an open connection; stops at the first failure.
Status upgrade(QSqlDatabase &db, const SqlDialect &dialect, int from, int to);
// Splits a schema file into statements: a statement ends with ';' at the end of a line,
// except inside an SQLite trigger body, which runs from a line ending in BEGIN to a line
// 'END;', and inside a PostgreSQL function body, which runs from one '$$' to the next.
QStringList splitStatements(const QString &sql);

} // namespace schema
} // namespace bulkhead
