#include "EvidenceDropZone.h"

#include "EvidenceStore.h"
#include "Workspace.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

QStringList localFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            files << url.toLocalFile();
    }
    return files;
}

} // namespace

EvidenceDropZone::EvidenceDropZone(Workspace &workspace, const ContentLibrary &library, QWidget *parent)
    : QFrame(parent), m_workspace(workspace), m_library(library)
{
    setFrameShape(QFrame::StyledPanel);
    setAcceptDrops(true);
    setAccessibleName(tr("Evidence for this question"));
    m_title = new QLabel(tr("<b>Evidence</b> — drop files here, or attach them, to keep them for this question"), this);
    m_title->setWordWrap(true);
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Evidence files of this question"));
    m_list->setMaximumHeight(96);
    m_list->setAlternatingRowColors(true);
    m_attach = new QPushButton(tr("&Attach…"), this);
    m_attach->setAccessibleName(tr("Attach evidence files"));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setForegroundRole(QPalette::PlaceholderText);

    auto *row = new QHBoxLayout;
    row->addWidget(m_title, 1);
    row->addWidget(m_attach, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_list);
    layout->addWidget(m_message);
    connect(m_attach, &QPushButton::clicked, this, &EvidenceDropZone::chooseFiles);
    showQuestion(0, {});
}

void EvidenceDropZone::showQuestion(qint64 engagementId, const QString &questionId)
{
    m_engagementId = engagementId;
    m_questionId = questionId;
    m_message->clear();
    refresh();
}

void EvidenceDropZone::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_attach->setEnabled(!readOnly && !m_questionId.isEmpty());
    setAcceptDrops(!readOnly);
}

QString EvidenceDropZone::message() const
{
    return m_message->text();
}

void EvidenceDropZone::refresh()
{
    m_list->clear();
    m_attach->setEnabled(!m_readOnly && !m_questionId.isEmpty());
    if (m_engagementId == 0 || m_questionId.isEmpty())
        return;
    auto items = EvidenceStore(m_workspace).list(m_engagementId);
    if (!items) {
        m_message->setText(items.error().toString());
        return;
    }
    const QLocale locale;
    for (const auto &e : *items) {
        if (e.questionId != m_questionId)
            continue;
        auto *item = new QListWidgetItem(tr("%1 — %2, collected %3, SHA-256 %4…")
                                             .arg(e.fileName, locale.formattedDataSize(e.size),
                                                  locale.toString(e.collectedOn, QStringLiteral("d MMM yyyy")), e.sha256.left(12)),
                                         m_list);
        item->setToolTip(tr("%1\n%2\nSHA-256 %3").arg(e.fileName, e.mediaType, e.sha256));
    }
    if (m_list->count() == 0)
        m_message->setText(m_readOnly ? tr("No evidence is attached to this question.")
                                      : tr("No evidence yet: drop the files the client provided here."));
}

int EvidenceDropZone::attachFiles(const QStringList &paths)
{
    if (m_readOnly || m_engagementId == 0 || m_questionId.isEmpty())
        return 0;
    EvidenceStore store(m_workspace);
    int attached = 0;
    QStringList problems;
    for (const QString &path : paths) {
        EvidenceInput input;
        input.engagementId = m_engagementId;
        input.path = path;
        input.questionId = m_questionId;
        auto added = store.add(input, m_library);
        if (!added) {
            problems << added.error().toString();
            continue;
        }
        if (!added->alreadyAttached)
            ++attached;
    }
    refresh();
    if (!problems.isEmpty())
        m_message->setText(tr("Not attached: %1").arg(problems.join(QStringLiteral("; "))));
    else
        m_message->setText(tr("%n file(s) attached.", nullptr, attached));
    if (attached > 0)
        emit evidenceAdded(m_engagementId);
    return attached;
}

void EvidenceDropZone::chooseFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Attach evidence to %1").arg(m_questionId));
    if (!paths.isEmpty())
        attachFiles(paths);
}

void EvidenceDropZone::setHighlighted(bool on)
{
    setBackgroundRole(on ? QPalette::Highlight : QPalette::Window);
    setAutoFillBackground(on);
}

void EvidenceDropZone::dragEnterEvent(QDragEnterEvent *event)
{
    if (!m_readOnly && !m_questionId.isEmpty() && !localFiles(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
        setHighlighted(true);
    }
}

void EvidenceDropZone::dragLeaveEvent(QDragLeaveEvent *event)
{
    setHighlighted(false);
    QFrame::dragLeaveEvent(event);
}

void EvidenceDropZone::dropEvent(QDropEvent *event)
{
    setHighlighted(false);
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    attachFiles(files);
}

} // namespace bulkhead
