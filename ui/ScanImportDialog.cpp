#include "ScanImportDialog.h"

#include "MessageRow.h"
#include "ScanImport.h"
#include "Workspace.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

struct ToolChoice {
    ScanTool tool;
    const char *label;
};
constexpr ToolChoice kTools[] = {
    {ScanTool::KubeBench, QT_TRANSLATE_NOOP("ScanImportDialog", "kube-bench (JSON)")},
    {ScanTool::DockerBench, QT_TRANSLATE_NOOP("ScanImportDialog", "docker-bench-security (JSON log)")},
    {ScanTool::Trivy, QT_TRANSLATE_NOOP("ScanImportDialog", "Trivy (JSON report)")},
    {ScanTool::Sarif, QT_TRANSLATE_NOOP("ScanImportDialog", "SARIF 2.1.0")},
};

} // namespace

ScanImportDialog::ScanImportDialog(Workspace &workspace, const ContentLibrary &library, qint64 engagementId, QWidget *parent)
    : QDialog(parent), m_workspace(workspace), m_library(library), m_engagementId(engagementId)
{
    setWindowTitle(tr("Import scanner results"));

    m_file = new QLineEdit(this);
    m_file->setPlaceholderText(tr("The scanner's output file"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);

    m_tool = new QComboBox(this);
    for (const ToolChoice &t : kTools)
        m_tool->addItem(tr(t.label), int(t.tool));
    m_collected = new QDateEdit(m_workspace.now().toLocalTime().date(), this);
    m_collected->setCalendarPopup(true);
    m_collected->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_collected->setToolTip(tr("When the scanner ran"));
    m_expiryDays = new QSpinBox(this);
    m_expiryDays->setRange(1, 3650);
    m_expiryDays->setValue(90);
    m_expiryDays->setSuffix(tr(" days"));
    m_expiryDays->setToolTip(tr("After this, the observations no longer propose answers and the file shows as expired"));

    auto *form = new QFormLayout;
    form->addRow(tr("&File:"), fileRow);
    form->addRow(tr("&Scanner:"), m_tool);
    form->addRow(tr("&Collected on:"), m_collected);
    form->addRow(tr("&Valid for:"), m_expiryDays);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->hide();
    m_errorRow = new MessageRow(tr("Why the file was not imported"), this);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::ActionRole);
    m_import->setDefault(true);
    connect(m_import, &QPushButton::clicked, this, &ScanImportDialog::import);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ScanImportDialog::browse);
    connect(m_file, &QLineEdit::textChanged, this, &ScanImportDialog::updateState);
    connect(m_file, &QLineEdit::editingFinished, this, [this] { setFile(m_file->text()); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_errorRow);
    layout->addStretch();
    layout->addWidget(buttons);
    updateState();
    resize(560, sizeHint().height());
}

void ScanImportDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Scanner output"), QFileInfo(m_file->text()).absolutePath(),
                                                      tr("Scanner output (*.json *.sarif *.golden);;All files (*)"));
    if (!path.isEmpty())
        setFile(path);
}

void ScanImportDialog::setFile(const QString &path)
{
    if (m_file->text() != path)
        m_file->setText(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    // The top of the file says whose it is; the whole of it is read on import.
    if (const auto tool = guessScanTool(file.read(4 * 1024 * 1024)))
        m_tool->setCurrentIndex(m_tool->findData(int(*tool)));
}

void ScanImportDialog::updateState()
{
    m_import->setEnabled(!m_file->text().trimmed().isEmpty());
}

bool ScanImportDialog::import()
{
    const QString path = m_file->text().trimmed();
    const auto tool = ScanTool(m_tool->currentData().toInt());
    auto result = importScan(m_workspace, m_library, m_engagementId, tool, path, m_collected->date(), m_expiryDays->value());
    if (!result) {
        m_errorRow->showMessage(result.error().toString());
        return false;
    }
    m_errorRow->hide();
    QStringList statuses;
    for (auto it = result->byStatus.cbegin(); it != result->byStatus.cend(); ++it)
        statuses << tr("%1 %2").arg(it.value()).arg(it.key());
    const QString scanner = result->toolVersion.isEmpty() ? result->tool : result->tool + QLatin1Char(' ') + result->toolVersion;
    m_proposals = int(result->proposals.size());
    QString text = tr("Imported %n observation(s) from %1 (%2) as evidence E%3", nullptr, result->observations)
                       .arg(result->fileName, scanner)
                       .arg(result->evidence.id);
    if (!statuses.isEmpty())
        text += QStringLiteral(": ") + statuses.join(QStringLiteral(", "));
    text += QStringLiteral(".\n");
    text += tr("%1 tied to questions, %2 to controls.").arg(result->linkedToQuestions).arg(result->linkedToControls);
    text += QLatin1Char(' ');
    text += m_proposals == 0 ? tr("No answers are proposed.")
                             : tr("%n answer(s) proposed: accept or reject each in the interview.", nullptr, m_proposals);
    m_summary->setText(text);
    m_summary->show();
    emit imported(m_engagementId);
    return true;
}

QString ScanImportDialog::summary() const
{
    return m_summary->isHidden() ? QString() : m_summary->text();
}

QString ScanImportDialog::errorText() const
{
    return m_errorRow->message();
}

} // namespace bulkhead
