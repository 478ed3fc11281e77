// bulkhead: the desktop application.
#include "ContentLibrary.h"
#include "MainWindow.h"
#include "Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Bulkhead"));
    QApplication::setApplicationName(QStringLiteral("bulkhead"));
    QApplication::setApplicationVersion(QStringLiteral(BULKHEAD_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Security assessments of containerised and cloud-hosted systems"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"), QApplication::translate("main", "The workspace file to open."),
                                             QStringLiteral("path"), bulkhead::Workspace::defaultPath());
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QApplication::translate("main", "Save a picture of the window to this PNG file and quit."),
                                              QStringLiteral("png"));
    parser.addOption(workspaceOption);
    parser.addOption(screenshotOption);
    parser.process(app);

    auto workspace = bulkhead::Workspace::open(parser.value(workspaceOption));
    if (!workspace) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Cannot open the workspace"), workspace.error().toString());
        return 3;
    }
    bulkhead::MainWindow window(std::move(*workspace), bulkhead::ContentLibrary::builtIn());
    window.show();
    if (parser.isSet(screenshotOption)) {
        const QString png = parser.value(screenshotOption);
        QTimer::singleShot(300, &window, [&window, png] {
            window.grab().save(png);
            QApplication::quit();
        });
    }
    return app.exec();
}
