#include "AuditHistoryDialog.h"

#include "AuditEventModel.h"
#include "AuditTrail.h"
#include "EngagementStore.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

// Stored compact; shown indented. Text that is not JSON (never written by Bulkhead) shows as is.
QString prettyJson(const QString &compact)
{
    if (compact.isEmpty())
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(compact.toUtf8());
    return document.isNull() ? compact : QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
}

QPlainTextEdit *jsonView(const QString &accessibleName, const QString &placeholder, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setTabChangesFocus(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setAccessibleName(accessibleName);
    view->setPlaceholderText(placeholder);
    return view;
}

QWidget *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(title, box);
    label->setBuddy(content);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}

} // namespace

AuditHistoryDialog::AuditHistoryDialog(Workspace &workspace, qint64 engagementId, QWidget *parent)
    : QDialog(parent), m_workspace(workspace), m_engagementId(engagementId)
{
    auto engagement = EngagementStore(workspace).get(engagementId);
    setWindowTitle(engagement ? tr("Audit history — %1: %2").arg(engagement->client, engagement->system)
                              : tr("Audit history — engagement %1").arg(engagementId));

    m_verificationIcon = new QLabel(this);
    m_verification = new QLabel(this);
    m_verification->setWordWrap(true);
    m_verification->setTextFormat(Qt::PlainText);
    m_verification->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verification->setAccessibleName(tr("Audit chain verification"));
    auto *verificationRow = new QHBoxLayout;
    verificationRow->addWidget(m_verificationIcon, 0, Qt::AlignTop);
    verificationRow->addWidget(m_verification, 1);

    m_model = new AuditEventModel(this);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Audit events"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setToolTip(tr("The event's number in the workspace's audit trail"));
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAccessibleName(tr("Selected event"));
    m_before = jsonView(tr("Before the change"), tr("Nothing was there before this change"), this);
    m_after = jsonView(tr("After the change"), tr("Nothing was left after this change"), this);
    auto *beforeAfter = new QSplitter(Qt::Horizontal, this);
    beforeAfter->addWidget(titled(tr("&Before:"), m_before, beforeAfter));
    beforeAfter->addWidget(titled(tr("&After:"), m_after, beforeAfter));
    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_summary);
    detailsLayout->addWidget(beforeAfter, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(verificationRow);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showDetails(current.row()); });
    load();
    m_table->setFocus();
    resize(900, 640);
}

void AuditHistoryDialog::load()
{
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    const auto setLine = [&](QStyle::StandardPixmap icon, const QString &text) {
        m_verificationIcon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(iconSize, iconSize));
        m_verification->setText(text);
    };
    AuditTrail trail(m_workspace);
    // The whole workspace's chain is checked: one engagement's events cannot be verified apart
    // from the events between them.
    auto verification = trail.verify();
    m_verifies = verification && verification->ok();
    if (!verification)
        setLine(QStyle::SP_MessageBoxWarning, tr("The audit trail could not be checked: %1").arg(verification.error().toString()));
    else if (verification->ok())
        setLine(QStyle::SP_DialogApplyButton,
                tr("The audit trail verifies: every event in this workspace (%1 checked) is intact and linked.")
                    .arg(verification->eventsChecked));
    else
        setLine(QStyle::SP_MessageBoxCritical,
                tr("The audit trail does NOT verify — do not rely on this history: %1").arg(verification->problem));

    auto events = trail.events(m_engagementId);
    if (!events) {
        m_model->setEvents({});
        m_summary->setText(tr("The audit history could not be read: %1").arg(events.error().toString()));
        return;
    }
    m_model->setEvents(std::move(*events));
    m_table->resizeColumnsToContents();
    if (m_model->rowCount() > 0)
        m_table->selectRow(m_model->rowCount() - 1); // the latest change is what is usually asked about
    else
        showDetails(-1);
}

QString AuditHistoryDialog::verificationText() const
{
    return m_verification->text();
}

void AuditHistoryDialog::showDetails(int row)
{
    const AuditEvent *event = m_model->eventAt(row);
    if (!event) {
        m_summary->setText(m_model->rowCount() == 0 ? tr("No changes are recorded for this engagement.") : tr("Select an event."));
        m_before->clear();
        m_after->clear();
        return;
    }
    m_summary->setText(tr("Event %1: %2 by %3 on %4, %5.\nHash %6")
                           .arg(event->id)
                           .arg(AuditEventModel::actionLabel(event->action), event->actor,
                                QLocale().toString(event->occurredAt.toLocalTime(), QLocale::LongFormat), event->entity, event->hash));
    m_before->setPlainText(prettyJson(event->before));
    m_after->setPlainText(prettyJson(event->after));
}

} // namespace bulkhead
