// bulkhead-cli: everything that needs no eyes, for scripting and CI.
#include "Commands.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

// The CLI's contract is one line on stderr per error, written by the command. Qt's own notes
// (for example the offscreen platform's remark about XDG_RUNTIME_DIR) would break it, so only
// its critical and fatal messages get through.
void quietQtMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtCriticalMsg || type == QtFatalMsg)
        std::fprintf(stderr, "bulkhead-cli: %s\n", qUtf8Printable(message));
}

} // namespace

int main(int argc, char *argv[])
{
    qInstallMessageHandler(quietQtMessages);
    // Reports lay text out and paint charts, which needs fonts and so a QGuiApplication; no
    // display is needed for that. Every other command stays a plain core application.
    bool needsGui = false;
    for (int i = 1; i < argc; ++i)
        needsGui = needsGui || std::strcmp(argv[i], "report") == 0;
    if (needsGui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> owner
        = needsGui ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication &app = *owner;
    QCoreApplication::setOrganizationName(QStringLiteral("Bulkhead"));
    QCoreApplication::setApplicationName(QStringLiteral("bulkhead"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = bulkhead::cli::run(app.arguments().mid(1), out, err);
    out.flush();
    err.flush();
    return code;
}
