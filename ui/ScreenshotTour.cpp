#include "ScreenshotTour.h"

#include "MainWindow.h"
#include "ReportsView.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QPixmap>

namespace bulkhead {

namespace {

// Lets pending layouts, repaints and queued results land before a page is grabbed.
void settle(int milliseconds)
{
    QElapsedTimer timer;
    timer.start();
    do {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    } while (timer.elapsed() < milliseconds);
}

} // namespace

Result<QStringList> saveScreenshots(MainWindow &window, const QString &directory)
{
    if (!QDir().mkpath(directory))
        return Error {QStringLiteral("cannot create the folder for the screenshots"), directory};
    QStringList written;
    for (int p = 0; p < MainWindow::PageCount; ++p) {
        const auto page = MainWindow::Page(p);
        window.showPage(page);
        if (page == MainWindow::Reports) {
            // A report page with its preview is what a user sees; the PDF renders on a worker.
            ReportsView *reports = window.reportsView();
            reports->preview();
            QElapsedTimer waited;
            waited.start();
            while (reports->isBusy() && waited.elapsed() < 60000)
                QApplication::processEvents(QEventLoop::AllEvents, 50);
        }
        settle(150);
        const QString file = QDir(directory).filePath(MainWindow::pageKey(page) + QStringLiteral(".png"));
        if (!window.grab().toImage().save(file, "PNG"))
            return Error {QStringLiteral("cannot write the screenshot"), file};
        written << file;
    }
    window.showPage(MainWindow::Engagements);
    return written;
}

} // namespace bulkhead
