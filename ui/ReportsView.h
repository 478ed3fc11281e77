// Report export for the open engagement: choose the report and a format that suits it, preview
// it (PDF in a PDF viewer, HTML and text formats in a browser) or export it to a file. The
// workspace is read on the GUI thread (its database connection lives there, and reading is
// quick); building, rendering and writing run on a worker thread with a progress bar and a
// Cancel button, so the window never freezes.
#pragma once

#include <QWidget>

#include <atomic>
#include <memory>

template<typename T> class QFutureWatcher;

class QComboBox;
class QLabel;
class QPdfDocument;
class QPdfView;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTemporaryDir;
class QTextBrowser;

namespace bulkhead {

class ContentLibrary;
class Workspace;
enum class ReportType;
enum class ReportFormat;
struct ReportJobOutcome;

class ReportsView : public QWidget {
    Q_OBJECT

public:
    ReportsView(Workspace &workspace, const ContentLibrary &library, QWidget *parent = nullptr);
    ~ReportsView() override;

    void showEngagement(qint64 engagementId);
    qint64 engagementId() const { return m_engagementId; }

    // Chooses the report type and format as the combos do; false when the format does not suit.
    void setReportType(ReportType type);
    bool setReportFormat(ReportFormat format);
    ReportType reportType() const;
    ReportFormat reportFormat() const;

    // Starts writing the chosen report to `path` in the background (Export… asks for the path).
    void exportTo(const QString &path);
    // Starts rendering the chosen report into a temporary file and shows it when done.
    void preview();
    // Stops the running export or preview; nothing is written.
    void cancel();
    bool isBusy() const;

    // For tests and accessibility tools.
    QComboBox *typeCombo() const { return m_type; }
    QComboBox *formatCombo() const { return m_format; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *previewButton() const { return m_previewButton; }
    QPushButton *exportButton() const { return m_exportButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QLabel *statusLabel() const { return m_status; }
    QPdfView *pdfView() const { return m_pdfView; }
    QPdfDocument *pdfDocument() const { return m_pdf; }
    QTextBrowser *textPreview() const { return m_text; }
    QStackedWidget *previewStack() const { return m_stack; }

signals:
    // An export or preview ended: written (and shown), failed or cancelled.
    void finished(bool succeeded);

private:
    enum class Job { None, Export, Preview };

    void fillFormats();
    void updateButtons();
    void chooseExportPath();
    void start(Job job, const QString &path);
    void jobFinished();
    bool showPreview(const QString &path);
    void fail(const QString &message);

    Workspace &m_workspace;
    const ContentLibrary &m_library;
    qint64 m_engagementId = 0;
    Job m_job = Job::None;
    QString m_jobPath;
    int m_previewCount = 0;
    std::unique_ptr<QTemporaryDir> m_previewDir;
    QFutureWatcher<ReportJobOutcome> *m_watcher = nullptr;
    std::shared_ptr<std::atomic_bool> m_stop; // the running job's, shared with its worker

    QLabel *m_title = nullptr;
    QComboBox *m_type = nullptr;
    QComboBox *m_format = nullptr;
    QPushButton *m_previewButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QPdfView *m_pdfView = nullptr;
    QPdfDocument *m_pdf = nullptr;
    QTextBrowser *m_text = nullptr;
};

} // namespace bulkhead
