// bulkhead-cli: everything that needs no eyes, for scripting and CI.
#include "Commands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Bulkhead"));
    QCoreApplication::setApplicationName(QStringLiteral("bulkhead"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = bulkhead::cli::run(app.arguments().mid(1), out, err);
    out.flush();
    err.flush();
    return code;
}
