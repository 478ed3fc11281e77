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
#include <QElapsedTimer>
#include <QMessageBox>
#include <QStyleFactory>
#include <QTimer>

#include <cstdio>
#include <future>

namespace {

// For bulkhead-bench's start-up figure (BULKHEAD_EXIT_AFTER_FIRST_PAINT set): prints
// "bulkhead-first-paint <ms>" once the window's first frame is painted, then quits. The first
// paint event of any of its widgets starts the frame; the timer fires when the frame is done.
class FirstPaintProbe : public QObject {
public:
    FirstPaintProbe(QWidget *window, QElapsedTimer started) : m_window(window), m_started(started) { }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_seen && event->type() == QEvent::Paint && watched->isWidgetType() && static_cast<QWidget *>(watched)->window() == m_window) {
            m_seen = true;
            QTimer::singleShot(0, qApp, [this] {
                std::printf("bulkhead-first-paint %lld ms\n", static_cast<long long>(m_started.elapsed()));
                std::fflush(stdout);
                QApplication::quit();
            });
        }
        return false;
    }

private:
    QWidget *m_window;
    QElapsedTimer m_started;
    bool m_seen = false;
};

void complain(const QString &title, const QString &message, bool quiet)
{
    std::fprintf(stderr, "bulkhead: %s\n", message.toLocal8Bit().constData());
    if (!quiet)
        QMessageBox::critical(nullptr, title, message);
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer started;
    started.start();
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
    parser.process(app); // exits for --help, --version and mistakes: before any thread starts
    // Reading the built-in content is most of the start-up's work and needs nothing of the
    // workspace: it runs on another thread while the workspace opens.
    std::future<bulkhead::ContentLibrary> builtIn = std::async(std::launch::async, [] { return bulkhead::ContentLibrary::builtIn(); });
    const bool screenshots = parser.isSet(screenshotOption);

    bulkhead::WorkspaceOptions options;
    options.readOnly = parser.isSet(readOnlyOption);
    auto workspace = bulkhead::Workspace::open(parser.value(workspaceOption), options);
    if (!workspace) {
        complain(QApplication::translate("main", "Cannot open the workspace"), workspace.error().toString(), screenshots);
        return 3;
    }
    const bulkhead::ContentLibrary library = builtIn.get();
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
    FirstPaintProbe probe(&window, started);
    if (!qEnvironmentVariableIsEmpty("BULKHEAD_EXIT_AFTER_FIRST_PAINT"))
        app.installEventFilter(&probe);
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
