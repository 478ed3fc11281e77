// Shared by the content tests: the built-in library loaded once, fixtures in tests/data/content,
// a check that a fixture is refused with exactly the expected problems, and NIST's rev5 data
// read from ../shared/testdata without any product code.
#pragma once

#include "ContentLibrary.h"
#include "ContentValidator.h"
#include "TestSupport.h"

#include <QMap>
#include <QSet>
#include <QStringList>

#include <initializer_list>
#include <string>

namespace content_test {

using namespace bulkhead;

QString q(const char *text);
std::string describe(const QList<Error> &errors);
QString readText(const QString &path);

struct BuiltIn {
    ContentLibrary library;
    QList<Error> problems;
};
// Loaded once: the built-in library and the problems found while loading it.
const BuiltIn &builtIn();
// A fresh copy of the built-in library that a test may change.
ContentLibrary library();
// Everything a failed addFiles must leave untouched.
QStringList snapshot(const ContentLibrary &lib);
QString fixture(const char *name);

struct Expected {
    int line;
    int column;
    const char *message; // a distinctive part of it
};
// Adds one fixture to the built-in library and checks that it is refused with exactly the
// expected problems, all in that file, and that the library is exactly as it was.
void checkRefused(const char *name, std::initializer_list<Expected> expected, const char *brokenKey);

extern const QStringList kFamilies;
QString familyOf(const QString &id);
// id -> title of every active control and enhancement in the assessed families, as NIST
// publishes it (see nistCatalogTitles for why the rev5 list alone is not enough).
QMap<QString, QString> nistActiveControls();
// id -> full title ("Control | Enhancement") of every control in NIST's resolved baseline catalogs.
QMap<QString, QString> nistCatalogTitles();
// "ac-2.1" -> "AC-2(1)"
QString displayId(const QString &oscalId);
QSet<QString> nistBaseline(const char *level);
// The Trust Services Criteria (2017, revised points of focus 2022), listed here by hand.
QSet<QString> trustServicesCriteria();
const Question &builtInQuestion(const char *id);

} // namespace content_test
