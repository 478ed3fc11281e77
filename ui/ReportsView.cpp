#include "ReportsView.h"

#include "EngagementStore.h"
#include "ReportExport.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPdfDocument>
#include <QPdfView>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace bulkhead {

// What the worker hands back: the file written, or why not.
struct ReportJobOutcome {
    bool ok = false;
    bool cancelled = false;
    qint64 bytes = 0;
    int pages = 0;
    QString error;
};

namespace {

// Progress steps: the names exportReport reports, then "done".
const QStringList kSteps = {QStringLiteral("load"), QStringLiteral("build"), QStringLiteral("render"), QStringLiteral("write")};
const int kStepCount = static_cast<int>(kSteps.size()) + 1;

const QList<ReportType> kTypes = {ReportType::SecurityAssessment, ReportType::Soc2Readiness, ReportType::Poam,
                                  ReportType::OscalAssessmentResults, ReportType::OscalPoam};
const QList<ReportFormat> kFormats
    = {ReportFormat::Pdf, ReportFormat::Html, ReportFormat::Docx, ReportFormat::Xlsx, ReportFormat::Csv, ReportFormat::Json};

QString typeLabel(ReportType type)
{
    switch (type) {
    case ReportType::SecurityAssessment: return ReportsView::tr("Security Assessment Report");
    case ReportType::Soc2Readiness: return ReportsView::tr("SOC 2 readiness report");
    case ReportType::Poam: return ReportsView::tr("Plan of action and milestones (POA&M)");
    case ReportType::OscalAssessmentResults: return ReportsView::tr("OSCAL assessment results");
    case ReportType::OscalPoam: return ReportsView::tr("OSCAL plan of action and milestones");
    }
    return {};
}

QString formatLabel(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Pdf: return ReportsView::tr("PDF");
    case ReportFormat::Html: return ReportsView::tr("HTML (self-contained)");
    case ReportFormat::Docx: return ReportsView::tr("Word (DOCX)");
    case ReportFormat::Xlsx: return ReportsView::tr("Excel (XLSX)");
    case ReportFormat::Csv: return ReportsView::tr("CSV");
    case ReportFormat::Json: return ReportsView::tr("JSON");
    }
    return {};
}

QString stepLabel(const QString &step)
{
    if (step == QLatin1String("load"))
        return ReportsView::tr("Reading the engagement…");
    if (step == QLatin1String("build"))
        return ReportsView::tr("Building the report…");
    if (step == QLatin1String("render"))
        return ReportsView::tr("Rendering…");
    if (step == QLatin1String("write"))
        return ReportsView::tr("Writing the file…");
    return ReportsView::tr("Done");
}

QString pageCount(int pages)
{
    return pages == 1 ? ReportsView::tr("1 page") : ReportsView::tr("%1 pages").arg(pages);
}

// Word and Excel files need Word and Excel; the rest Bulkhead can show itself.
bool previewable(ReportFormat format)
{
    return format == ReportFormat::Pdf || format == ReportFormat::Html || format == ReportFormat::Csv || format == ReportFormat::Json;
}

// Runs on a worker thread: only the copies it was given, never the workspace.
void renderInBackground(QPromise<ReportJobOutcome> &promise, const ReportSource &source, ExportRequest request,
                        const std::shared_ptr<std::atomic_bool> &stop)
{
    promise.setProgressRange(0, kStepCount);
    request.progress
        = [&promise](const QString &step) { promise.setProgressValueAndText(static_cast<int>(kSteps.indexOf(step)) + 1, step); };
    request.cancelled = [stop] { return stop->load(); };
    ReportJobOutcome outcome;
    auto written = renderReport(source, request);
    if (written) {
        outcome.ok = true;
        outcome.bytes = written->bytes;
        outcome.pages = written->pages;
        promise.setProgressValueAndText(kStepCount, QStringLiteral("done"));
    } else {
        outcome.cancelled = stop->load() && written.error().message == exportCancelledMessage();
        outcome.error = written.error().toString();
    }
    promise.addResult(outcome);
}

} // namespace

ReportsView::ReportsView(Workspace &workspace, const ContentLibrary &library, QWidget *parent)
    : QWidget(parent), m_workspace(workspace), m_library(library)
{
    setAccessibleName(tr("Reports"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    auto *form = new QFormLayout;
    m_type = new QComboBox(this);
    m_type->setAccessibleName(tr("Report type"));
    for (ReportType type : kTypes)
        m_type->addItem(typeLabel(type), reportTypeKey(type));
    m_format = new QComboBox(this);
    m_format->setAccessibleName(tr("Report format"));
    form->addRow(tr("&Report:"), m_type);
    form->addRow(tr("&Format:"), m_format);
    layout->addLayout(form);

    auto *buttons = new QHBoxLayout;
    m_previewButton = new QPushButton(tr("&Preview"), this);
    m_previewButton->setAccessibleName(tr("Preview the report"));
    m_exportButton = new QPushButton(tr("&Export…"), this);
    m_exportButton->setAccessibleName(tr("Export the report to a file"));
    m_cancelButton = new QPushButton(tr("&Cancel"), this);
    m_cancelButton->setAccessibleName(tr("Cancel the export"));
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Export progress"));
    m_progress->setRange(0, kStepCount);
    m_progress->setValue(0);
    buttons->addWidget(m_previewButton);
    buttons->addWidget(m_exportButton);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_cancelButton);
    layout->addLayout(buttons);

    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Export status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_stack = new QStackedWidget(this);
    m_stack->setAccessibleName(tr("Report preview"));
    m_placeholder = new QLabel(tr("Choose a report and press Preview to see it here."), m_stack);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_pdf = new QPdfDocument(this);
    m_pdfView = new QPdfView(m_stack);
    m_pdfView->setAccessibleName(tr("PDF preview"));
    m_pdfView->setPageMode(QPdfView::PageMode::MultiPage);
    m_pdfView->setZoomMode(QPdfView::ZoomMode::FitToWidth);
    m_pdfView->setDocument(m_pdf);
    m_text = new QTextBrowser(m_stack);
    m_text->setAccessibleName(tr("Document preview"));
    m_text->setOpenLinks(false);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_pdfView);
    m_stack->addWidget(m_text);
    layout->addWidget(m_stack, 1);

    m_watcher = new QFutureWatcher<ReportJobOutcome>(this);
    connect(m_type, &QComboBox::currentIndexChanged, this, &ReportsView::fillFormats);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ReportsView::updateButtons);
    connect(m_previewButton, &QPushButton::clicked, this, &ReportsView::preview);
    connect(m_exportButton, &QPushButton::clicked, this, &ReportsView::chooseExportPath);
    connect(m_cancelButton, &QPushButton::clicked, this, &ReportsView::cancel);
    // The watcher starts from 0 when the worker begins, after the "load" step done here.
    connect(m_watcher, &QFutureWatcherBase::progressValueChanged, this, [this](int step) {
        if (step > m_progress->value())
            m_progress->setValue(step);
    });
    connect(m_watcher, &QFutureWatcherBase::progressTextChanged, this,
            [this](const QString &step) { m_progress->setFormat(stepLabel(step)); });
    connect(m_watcher, &QFutureWatcherBase::finished, this, &ReportsView::jobFinished);

    fillFormats();
    showEngagement(0);
}

ReportsView::~ReportsView()
{
    // The worker renders from its own copies and writes through QSaveFile: asking it to stop
    // is enough, there is nothing to wait for.
    if (m_stop)
        m_stop->store(true);
}

void ReportsView::showEngagement(qint64 engagementId)
{
    if (isBusy())
        cancel();
    m_engagementId = engagementId;
    m_status->clear();
    m_progress->setValue(0);
    m_progress->setFormat(QStringLiteral("%p%"));
    m_pdf->close();
    m_text->clear();
    m_stack->setCurrentWidget(m_placeholder);
    if (engagementId <= 0) {
        m_title->setText(tr("No engagement selected"));
    } else if (auto e = EngagementStore(m_workspace).get(engagementId); !e) {
        m_engagementId = 0;
        m_title->setText(tr("No engagement selected"));
        m_status->setText(e.error().toString());
    } else {
        m_title->setText(tr("Reports — %1, %2").arg(e->client, e->system));
    }
    updateButtons();
}

void ReportsView::setReportType(ReportType type)
{
    m_type->setCurrentIndex(m_type->findData(reportTypeKey(type)));
}

bool ReportsView::setReportFormat(ReportFormat format)
{
    const int index = m_format->findData(reportFormatKey(format));
    if (index < 0)
        return false;
    m_format->setCurrentIndex(index);
    return true;
}

ReportType ReportsView::reportType() const
{
    return parseReportType(m_type->currentData().toString()).value_or(ReportType::SecurityAssessment);
}

ReportFormat ReportsView::reportFormat() const
{
    return parseReportFormat(m_format->currentData().toString()).value_or(ReportFormat::Pdf);
}

bool ReportsView::isBusy() const
{
    return m_job != Job::None;
}

void ReportsView::fillFormats()
{
    const ReportType type = reportType();
    const QString previous = m_format->currentData().toString();
    const QSignalBlocker block(m_format);
    m_format->clear();
    for (ReportFormat format : kFormats) {
        if (formatSuits(type, format) && isImplemented(type, format))
            m_format->addItem(formatLabel(format), reportFormatKey(format));
    }
    m_format->setCurrentIndex(std::max(0, m_format->findData(previous)));
    updateButtons();
}

void ReportsView::updateButtons()
{
    const bool busy = isBusy();
    const bool ready = !busy && m_engagementId > 0 && m_format->count() > 0;
    m_type->setEnabled(!busy);
    m_format->setEnabled(!busy);
    m_exportButton->setEnabled(ready);
    m_previewButton->setEnabled(ready && previewable(reportFormat()));
    m_previewButton->setToolTip(
        previewable(reportFormat()) ? QString() : tr("Word and Excel files are shown by Word and Excel: export the file to see it."));
    m_cancelButton->setEnabled(busy);
}

void ReportsView::chooseExportPath()
{
    const QString key = reportFormatKey(reportFormat());
    const QString suggested
        = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .filePath(QStringLiteral("engagement-%1-%2.%3").arg(m_engagementId).arg(reportTypeKey(reportType()), key));
    const QString filter = tr("%1 files (*.%2)").arg(formatLabel(reportFormat()), key);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export report"), suggested, filter);
    if (!path.isEmpty())
        exportTo(path);
}

void ReportsView::exportTo(const QString &path)
{
    start(Job::Export, path);
}

void ReportsView::preview()
{
    if (!previewable(reportFormat()))
        return;
    if (!m_previewDir || !m_previewDir->isValid())
        m_previewDir = std::make_unique<QTemporaryDir>();
    if (!m_previewDir->isValid()) {
        fail(tr("Cannot preview: no temporary folder (%1).").arg(m_previewDir->errorString()));
        emit finished(false);
        return;
    }
    const QString path = m_previewDir->filePath(QStringLiteral("preview-%1.%2").arg(++m_previewCount).arg(reportFormatKey(reportFormat())));
    start(Job::Preview, path);
}

void ReportsView::cancel()
{
    if (!isBusy())
        return;
    m_stop->store(true);
    m_cancelButton->setEnabled(false);
    m_status->setText(tr("Cancelling…"));
}

void ReportsView::start(Job job, const QString &path)
{
    if (isBusy() || m_engagementId <= 0)
        return;
    ExportRequest request;
    request.engagementId = m_engagementId;
    request.type = reportType();
    request.format = reportFormat();
    request.outputPath = path;
    m_progress->setRange(0, kStepCount);
    m_progress->setValue(1);
    m_progress->setFormat(stepLabel(QStringLiteral("load")));
    m_status->setText(job == Job::Export ? tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)) : tr("Preparing the preview…"));
    // The "load" step reads the workspace: here, on the thread that owns its connection.
    auto source = loadReportSource(m_workspace, m_library, request);
    if (!source) {
        fail(source.error().toString());
        emit finished(false);
        return;
    }
    m_job = job;
    m_jobPath = path;
    m_stop = std::make_shared<std::atomic_bool>(false);
    updateButtons();
    m_watcher->setFuture(QtConcurrent::run(renderInBackground, std::move(*source), request, m_stop));
}

void ReportsView::jobFinished()
{
    const Job job = m_job;
    const QString path = m_jobPath;
    m_job = Job::None;
    m_stop.reset();
    const QFuture<ReportJobOutcome> future = m_watcher->future();
    const ReportJobOutcome outcome = future.resultCount() > 0 ? future.result() : ReportJobOutcome {};
    updateButtons();
    if (outcome.cancelled) {
        m_progress->setValue(0);
        m_progress->setFormat(tr("Cancelled"));
        m_status->setText(job == Job::Export ? tr("Export cancelled: %1 was not written.").arg(QDir::toNativeSeparators(path))
                                             : tr("Preview cancelled."));
        emit finished(false);
        return;
    }
    if (!outcome.ok) {
        fail(outcome.error.isEmpty() ? tr("The report could not be produced.") : outcome.error);
        emit finished(false);
        return;
    }
    m_progress->setValue(m_progress->maximum());
    m_progress->setFormat(stepLabel(QString()));
    const QString size = QLocale().formattedDataSize(outcome.bytes);
    if (job == Job::Export) {
        const QString file = QDir::toNativeSeparators(path);
        m_status->setText(outcome.pages > 0 ? tr("Wrote %1 (%2, %3).").arg(file, size, pageCount(outcome.pages))
                                            : tr("Wrote %1 (%2).").arg(file, size));
    } else {
        if (!showPreview(path)) {
            emit finished(false);
            return;
        }
        m_status->setText(outcome.pages > 0 ? tr("Preview: %1, %2.").arg(size, pageCount(outcome.pages)) : tr("Preview: %1.").arg(size));
    }
    emit finished(true);
}

bool ReportsView::showPreview(const QString &path)
{
    if (path.endsWith(QLatin1String(".pdf"))) {
        m_pdf->close();
        if (m_pdf->load(path) != QPdfDocument::Error::None) {
            fail(tr("Cannot show the preview %1.").arg(QDir::toNativeSeparators(path)));
            return false;
        }
        m_stack->setCurrentWidget(m_pdfView);
        return true;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(tr("Cannot read the preview %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    const QString text = QString::fromUtf8(file.readAll());
    if (path.endsWith(QLatin1String(".html")))
        m_text->setHtml(text);
    else
        m_text->setPlainText(text);
    m_stack->setCurrentWidget(m_text);
    return true;
}

void ReportsView::fail(const QString &message)
{
    m_progress->setValue(0);
    m_progress->setFormat(tr("Failed"));
    m_status->setText(tr("The report was not produced: %1").arg(message));
}

} // namespace bulkhead
