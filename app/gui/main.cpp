// bulkhead: the desktop application.
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "MainWindow.h"
#include "QtLeakSuppressions.h"
#include "ScreenshotTour.h"
#include "Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QStyleFactory>
#include <QTimer>

#include <cstdio>

namespace {

void complain(const QString &title, const QString &message, bool quiet)
{
    std::fprintf(stderr, "bulkhead: %s\n", message.toLocal8Bit().constData());
    if (!quiet)
        QMessageBox::critical(nullptr, title, message);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Bulkhead"));
    QApplication::setApplicationName(QStringLiteral("bulkhead"));
    QApplication::setApplicationDisplayName(QStringLiteral("Bulkhead"));
    QApplication::setApplicationVersion(QStringLiteral(BULKHEAD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("bulkhead"));
    // One look on every desktop; Fusion follows the palette, light or dark.
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Security assessments of containerised and cloud-hosted systems"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        QStringLiteral("workspace"),
        QApplication::translate("main",
                                "The workspace to open: a file, or a team workspace on a PostgreSQL server given as "
                                "postgresql://USER@HOST:PORT/DATABASE."),
        QStringLiteral("path|url"), bulkhead::Workspace::defaultPath());
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main",
                                "Save a picture of each main view to DIR/<view>.png and quit (adds the demo engagements to an empty "
                                "workspace first)."),
        QStringLiteral("DIR"));
    const QCommandLineOption readOnlyOption(QStringLiteral("read-only"),
                                            QApplication::translate("main", "Open the workspace for reading only: nothing can be changed."));
    parser.addOption(workspaceOption);
    parser.addOption(readOnlyOption);
    parser.addOption(screenshotOption);
    parser.process(app);
    const bool screenshots = parser.isSet(screenshotOption);

    bulkhead::WorkspaceOptions options;
    options.readOnly = parser.isSet(readOnlyOption);
    auto workspace = bulkhead::Workspace::open(parser.value(workspaceOption), options);
    if (!workspace) {
        complain(QApplication::translate("main", "Cannot open the workspace"), workspace.error().toString(), screenshots);
        return 3;
    }
    const bulkhead::ContentLibrary library = bulkhead::ContentLibrary::builtIn();
    if (screenshots) {
        auto engagements = bulkhead::EngagementStore(**workspace).list();
        if (engagements && engagements->isEmpty()) {
            if (auto demo = bulkhead::buildDemo(**workspace, library); !demo) {
                complain(QApplication::translate("main", "Cannot add the demo"), demo.error().toString(), true);
                return 3;
            }
        }
    }
    bulkhead::MainWindow window(std::move(*workspace), library);
    window.show();
    if (screenshots) {
        const QString dir = parser.value(screenshotOption);
        int code = 0;
        QTimer::singleShot(0, &window, [&window, &code, dir] {
            auto written = bulkhead::saveScreenshots(window, dir);
            if (!written) {
                std::fprintf(stderr, "bulkhead: %s\n", written.error().toString().toLocal8Bit().constData());
                code = 3;
            } else {
                for (const QString &file : *written)
                    std::printf("%s\n", file.toLocal8Bit().constData());
            }
            QApplication::quit();
        });
        app.exec();
        return code;
    }
    return app.exec();
}
