// main() for the workspace store tests, built twice: test_store runs them on SQLite files,
// test_store_postgres (BULKHEAD_TEST_ON_POSTGRESQL) on fresh databases of the PostgreSQL server
// that BULKHEAD_TEST_POSTGRES names. Tests about one engine only carry its tag, [sqlite] or
// [postgresql], and the other program leaves them out, so they are not even listed there.
#define CATCH_CONFIG_RUNNER
#include "TestSupport.h"

#include <QCoreApplication>

#include <catch2/catch.hpp>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Catch::Session session;
    if (const int parsed = session.applyCommandLine(argc, argv); parsed != 0)
        return parsed;
    Catch::ConfigData &config = session.configData();
#ifdef BULKHEAD_TEST_ON_POSTGRESQL
    // Listing (as catch_discover_tests does at build time) needs no server; running does, and
    // without one these tests must fail, not pass having tested nothing.
    const bool listing = config.listTests || config.listTestNamesOnly || config.listTags || config.listReporters;
    if (!listing && bulkhead::test::postgresServer().isEmpty()) {
        std::fprintf(stderr,
                     "%s: BULKHEAD_TEST_POSTGRES is not set. These tests run the workspace on PostgreSQL and need a server: "
                     "start one with scripts/pg-test-server.sh start STATE_FILE and set BULKHEAD_TEST_POSTGRES to the URL it "
                     "prints (scripts/test.sh does both).\n",
                     argv[0]);
        return 1;
    }
    bulkhead::test::useBackend(bulkhead::test::Backend::Postgresql);
    config.testsOrTags.push_back("~[sqlite]");
#else
    config.testsOrTags.push_back("~[postgresql]");
#endif
    return session.run();
}
