#include "SqlDialect.h"

namespace bulkhead {

QString SqlDialect::name() const
{
    return QStringLiteral("sqlite");
}

QString SqlDialect::qtDriver() const
{
    return QStringLiteral("QSQLITE");
}

QStringList SqlDialect::connectionSetup() const
{
    // synchronous=FULL: an answer must survive power loss once the call returns, which
    // NORMAL does not promise in WAL mode.
    return {QStringLiteral("PRAGMA foreign_keys = ON"), QStringLiteral("PRAGMA busy_timeout = 10000"),
            QStringLiteral("PRAGMA journal_mode = WAL"), QStringLiteral("PRAGMA synchronous = FULL")};
}

QString SqlDialect::beginWrite() const
{
    return QStringLiteral("BEGIN IMMEDIATE");
}

QString SqlDialect::expand(const QString &sql) const
{
    QString out = sql;
    out.replace(QStringLiteral("{{AUTO_ID}}"), QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"));
    out.replace(QStringLiteral("{{BLOB}}"), QStringLiteral("BLOB"));
    return out;
}

QString SqlDialect::backupInto(const QString &path) const
{
    QString quoted = path;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QStringLiteral("VACUUM INTO '%1'").arg(quoted);
}

QString SqlDialect::integrityCheck() const
{
    return QStringLiteral("PRAGMA quick_check");
}

QString SqlDialect::countSchemaObjects() const
{
    return QStringLiteral("SELECT count(*) FROM sqlite_master");
}

QString SqlDialect::readApplicationId() const
{
    return QStringLiteral("PRAGMA application_id");
}

QString SqlDialect::stampApplicationId() const
{
    return QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId);
}

} // namespace bulkhead
