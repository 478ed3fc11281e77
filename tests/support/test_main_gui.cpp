// main() for GUI tests. catch_discover_tests runs the binary without the test environment,
// so the offscreen platform is chosen here unless a display platform is asked for.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "QtLeakSuppressions.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
