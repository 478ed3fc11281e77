// The listener that drops a test case's databases needs Catch's reporter interfaces.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include "TestDatabases.h"

#include "TestSupport.h"
#include "WorkspaceLocation.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <catch2/catch.hpp>

#include <cstdio>

namespace bulkhead::test {

namespace {

const QString kAdminConnection = QStringLiteral("bulkhead-test-admin");
struct Made {
    QString name;
    DatabaseLifetime lifetime;
};
QHash<QString, Made> g_databases; // workspace key -> database made for it
int g_made = 0;

QSqlDatabase adminConnection()
{
    if (QSqlDatabase::contains(kAdminConnection))
        return QSqlDatabase::database(kAdminConnection);
    const QString server = postgresServer();
    INFO("BULKHEAD_TEST_POSTGRES is not set: the PostgreSQL store tests need a server (scripts/pg-test-server.sh)");
    REQUIRE_FALSE(server.isEmpty());
    auto where = WorkspaceLocation::parse(server);
    INFO((where ? QString() : where.error().toString()).toStdString());
    REQUIRE(where.ok());
    REQUIRE(where->engine == SqlDialect::Engine::Postgresql);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), kAdminConnection);
    db.setDatabaseName(where->database);
    db.setHostName(where->host);
    db.setPort(where->port);
    db.setUserName(where->user);
    db.setPassword(where->password);
    db.setConnectOptions(where->connectOptions);
    INFO(QString(QStringLiteral("cannot connect to ") + where->display + QStringLiteral(": ") + db.lastError().text()).toStdString());
    REQUIRE(db.open());
    return db;
}

QString urlOf(const QString &database)
{
    QUrl url(postgresServer());
    url.setPath(QLatin1Char('/') + database);
    return url.toString();
}

void dropTestDatabases(DatabaseLifetime ending)
{
    if (g_databases.isEmpty())
        return;
    QSqlQuery q(QSqlDatabase::database(kAdminConnection, false));
    for (auto it = g_databases.begin(); it != g_databases.end();) {
        if (ending == DatabaseLifetime::TestCase && it->lifetime == DatabaseLifetime::TestRun) {
            ++it;
            continue;
        }
        // FORCE: a workspace a failed test left open must not keep its database alive.
        if (!q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(it->name)))
            std::fprintf(stderr, "cannot drop test database %s: %s\n", qPrintable(it->name), qPrintable(q.lastError().text()));
        it = g_databases.erase(it);
    }
}

struct DropTestDatabases : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testCaseEnded(const Catch::TestCaseStats &stats) override
    {
        dropTestDatabases(DatabaseLifetime::TestCase);
        TestEventListenerBase::testCaseEnded(stats);
    }
    void testRunEnded(const Catch::TestRunStats &stats) override
    {
        dropTestDatabases(DatabaseLifetime::TestRun);
        TestEventListenerBase::testRunEnded(stats);
    }
};

} // namespace

CATCH_REGISTER_LISTENER(DropTestDatabases)

QString testDatabaseFor(const QString &key, DatabaseLifetime lifetime, const QString &templateUrl)
{
    if (const auto found = g_databases.constFind(key); found != g_databases.cend())
        return urlOf(found->name);
    QSqlDatabase admin = adminConnection();
    // Unique across the test programs ctest runs side by side, and across SECTION reruns.
    const QString name = QStringLiteral("bulkhead_test_%1_%2").arg(QCoreApplication::applicationPid()).arg(++g_made);
    QSqlQuery q(admin);
    // A collation that is not byte order (ICU, English): SQL that sorts text by the database's
    // collation instead of the workspace's own would order differently here than on SQLite.
    // A copy keeps its template's collation, which was made here too.
    const QString sql = templateUrl.isEmpty()
        ? QStringLiteral("CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'")
              .arg(name)
        : QStringLiteral("CREATE DATABASE %1 TEMPLATE %2").arg(name, QUrl(templateUrl).path().mid(1));
    const bool made = q.exec(sql);
    INFO(QString(QStringLiteral("cannot create test database ") + name + QStringLiteral(": ") + q.lastError().text()).toStdString());
    REQUIRE(made);
    g_databases.insert(key, {name, lifetime});
    return urlOf(name);
}

} // namespace bulkhead::test
