// bulkhead-bench-bareqt: the floor of the bench's start-up figure. An empty QMainWindow, started
// and timed to its first paint exactly as bulkhead is (BULKHEAD_EXIT_AFTER_FIRST_PAINT: print
// "bulkhead-first-paint" once the first frame is painted, then quit). With --core, a bare
// QCoreApplication that exits at once, the floor of the command line.
#include <QApplication>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QMainWindow>
#include <QStyleFactory>
#include <QTimer>

#include <cstdio>
#include <cstring>

namespace {

// The same probe as app/gui/main.cpp: the first paint event of any widget of the window ends the
// run once that paint (the whole first frame) has finished.
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
                QCoreApplication::quit();
            });
        }
        return false;
    }

private:
    QWidget *m_window;
    QElapsedTimer m_started;
    bool m_seen = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer started;
    started.start();
    if (argc > 1 && std::strcmp(argv[1], "--core") == 0) {
        QCoreApplication app(argc, argv);
        return 0;
    }
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QMainWindow window;
    window.resize(1440, 900); // as bulkhead's MainWindow
    FirstPaintProbe probe(&window, started);
    if (!qEnvironmentVariableIsEmpty("BULKHEAD_EXIT_AFTER_FIRST_PAINT"))
        app.installEventFilter(&probe);
    window.show();
    return app.exec();
}
