// main() for tests of core and reports: a QCoreApplication, so Qt's SQL plugins and
// resources are set up as they are in the programs.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
