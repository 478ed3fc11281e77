#include "SchemaMigrations.h"

#include "SqlDialect.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace bulkhead::schema {

namespace {

// Step files, in Qt resources under :/schema/. "{engine}" is replaced by the dialect's name
// ("sqlite", "postgresql") for steps whose SQL cannot be portable (triggers).
struct Step {
    int version;
    const char *resource;
};
constexpr Step kSteps[] = {
    {1, ":/schema/common/001-initial.sql"},
    {2, ":/schema/{engine}/002-approval-freeze.sql"},
    {3, ":/schema/common/003-audit-head.sql"},
    {4, ":/schema/{engine}/004-freeze-hardening.sql"},
    {5, ":/schema/common/005-assessment-period.sql"},
    {6, ":/schema/common/006-baseline-profiles.sql"},
    {7, ":/schema/{engine}/007-baseline-profiles-frozen.sql"},
    {8, ":/schema/common/008-catalogue-pins.sql"},
    {9, ":/schema/{engine}/009-catalogue-pins-frozen.sql"},
    {10, ":/schema/common/010-evidence.sql"},
    {11, ":/schema/{engine}/011-evidence-frozen.sql"},
    {12, ":/schema/common/012-observations.sql"},
    {13, ":/schema/{engine}/013-observations-frozen.sql"},
    {14, ":/schema/common/014-portfolio-cache.sql"},
};

} // namespace

int currentVersion()
{
    return static_cast<int>(std::size(kSteps));
}

QStringList splitStatements(const QString &sql)
{
    QStringList statements;
    QString current;
    bool inBody = false; // an SQLite trigger body, BEGIN ... END;
    bool inDollarQuote = false; // a PostgreSQL function body, $$ ... $$
    for (const QString &line : sql.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (!inDollarQuote && (trimmed.startsWith(QLatin1String("--")) || trimmed.isEmpty()))
            continue;
        current += line + QLatin1Char('\n');
        if (line.count(QLatin1String("$$")) % 2 == 1)
            inDollarQuote = !inDollarQuote;
        if (inDollarQuote)
            continue; // a body's own BEGIN, END; and ';' belong to it
        if (trimmed.endsWith(QLatin1String("BEGIN"))) {
            inBody = true;
        } else if (inBody ? trimmed == QLatin1String("END;") : trimmed.endsWith(QLatin1Char(';'))) {
            inBody = false;
            current = current.trimmed();
            current.chop(1); // the ';'
            statements << current;
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements << current.trimmed();
    return statements;
}

Result<QStringList> stepStatements(int version, const SqlDialect &dialect)
{
    if (version < 1 || version > currentVersion())
        return Error {QStringLiteral("no schema step %1").arg(version)};
    QString path = QString::fromLatin1(kSteps[version - 1].resource);
    path.replace(QStringLiteral("{engine}"), dialect.name());
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("schema step %1 is missing from this build").arg(version), path};
    return splitStatements(dialect.expand(QString::fromUtf8(f.readAll())));
}

namespace {

// The version the database is at, read inside the step's transaction: another program may have
// run the step while this one waited for the lock.
Result<int> versionNow(QSqlDatabase &db, const SqlDialect &dialect, int step)
{
    QSqlQuery q(db);
    if (step == 1) { // before step 1 there is no schema_version table to read
        if (!q.exec(dialect.countSchemaObjects()) || !q.next())
            return Error {QStringLiteral("cannot read the schema: %1").arg(q.lastError().text())};
        return q.value(0).toInt() == 0 ? 0 : 1;
    }
    if (!q.exec(QStringLiteral("SELECT version FROM schema_version")) || !q.next())
        return Error {QStringLiteral("cannot read the schema version: %1").arg(q.lastError().text())};
    return q.value(0).toInt();
}

} // namespace

Status upgrade(QSqlDatabase &db, const SqlDialect &dialect, int from, int to)
{
    for (int v = from + 1; v <= to; ++v) {
        auto statements = stepStatements(v, dialect);
        if (!statements)
            return statements.error();
        QSqlQuery q(db);
        auto fail = [&](const QString &what) {
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return Status(Error {QStringLiteral("schema step %1 failed: %2").arg(v).arg(what)});
        };
        for (const QString &begin : dialect.beginSchemaStep()) {
            if (!q.exec(begin)) {
                const QString why = q.lastError().text();
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
                return Error {QStringLiteral("cannot start schema step %1: %2").arg(v).arg(why)};
            }
        }
        auto current = versionNow(db, dialect, v);
        if (!current)
            return fail(current.error().message);
        if (*current >= v) { // done by another program meanwhile
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            continue;
        }
        for (const auto &sql : *statements) {
            if (!q.exec(sql))
                return fail(q.lastError().text());
        }
        if (v == 1 && !q.exec(dialect.stampApplicationId()))
            return fail(q.lastError().text());
        const bool first = v == 1;
        if (!q.exec(first ? QStringLiteral("INSERT INTO schema_version (version) VALUES (1)")
                          : QStringLiteral("UPDATE schema_version SET version = %1").arg(v)))
            return fail(q.lastError().text());
        if (!q.exec(QStringLiteral("COMMIT")))
            return fail(q.lastError().text());
    }
    return {};
}

} // namespace bulkhead::schema
