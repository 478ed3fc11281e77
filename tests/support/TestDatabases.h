// Fresh PostgreSQL databases for the store tests on a server, one per workspace a test opens,
// dropped when the test case (or, for shared fixtures, the test run) ends
// (tests/support/TestDatabases.cpp).
#pragma once

#include <QString>

namespace bulkhead::test {

enum class DatabaseLifetime { TestCase, TestRun };

// The URL of the database made for `key` (a workspace's would-be file path), creating it on the
// first call for that key; a copy of the database at `templateUrl` when that is given.
QString testDatabaseFor(const QString &key, DatabaseLifetime lifetime, const QString &templateUrl = {});

} // namespace bulkhead::test
