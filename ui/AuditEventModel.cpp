#include "AuditEventModel.h"

#include <QLocale>

#include <utility>

namespace bulkhead {

AuditEventModel::AuditEventModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void AuditEventModel::setEvents(QList<AuditEvent> events)
{
    beginResetModel();
    m_events = std::move(events);
    endResetModel();
}

const AuditEvent *AuditEventModel::eventAt(int row) const
{
    return row >= 0 && row < m_events.size() ? &m_events.at(row) : nullptr;
}

QString AuditEventModel::actionLabel(const QString &action)
{
    static const std::pair<const char *, const char *> labels[] = {
        {"answer.save", QT_TRANSLATE_NOOP("bulkhead::AuditEventModel", "Answer saved")},
        {"risk.override", QT_TRANSLATE_NOOP("bulkhead::AuditEventModel", "Risk rating overridden")},
        {"engagement.create", QT_TRANSLATE_NOOP("bulkhead::AuditEventModel", "Engagement created")},
        {"engagement.update", QT_TRANSLATE_NOOP("bulkhead::AuditEventModel", "Details changed")},
        {"engagement.submit", QT_TRANSLATE_NOOP("bulkhead::AuditEventModel", "Submitted for review")},
        {"engagement.approve", QT_TRANSLATE_NOOP("bulkhead::AuditEventModel", "Approved")},
        {"engagement.reopen", QT_TRANSLATE_NOOP("bulkhead::AuditEventModel", "Reopened")},
        {"catalogue.pin", QT_TRANSLATE_NOOP("bulkhead::AuditEventModel", "Content pinned")},
        {"questionnaire.pin", QT_TRANSLATE_NOOP("bulkhead::AuditEventModel", "Content pinned")},
        {"baseline.import", QT_TRANSLATE_NOOP("bulkhead::AuditEventModel", "Baseline imported")},
        {"setting.change", QT_TRANSLATE_NOOP("bulkhead::AuditEventModel", "Setting changed")},
    };
    for (const auto &[stored, label] : labels) {
        if (action == QLatin1String(stored))
            return tr(label);
    }
    return action;
}

int AuditEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

int AuditEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditEventModel::data(const QModelIndex &index, int role) const
{
    const AuditEvent *event = index.isValid() ? eventAt(index.row()) : nullptr;
    if (!event)
        return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time: return QLocale().toString(event->occurredAt.toLocalTime(), QStringLiteral("d MMM yyyy HH:mm:ss"));
        case Actor: return event->actor;
        case Action: return actionLabel(event->action);
        case Entity: return event->entity;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        // The stored form, as the CLI and a verifier see it.
        case Time: return event->occurredAt.toUTC().toString(Qt::ISODateWithMs);
        case Action: return event->action;
        default: return {};
        }
    }
    if (role == ActionKeyRole)
        return event->action;
    return {};
}

QVariant AuditEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section >= 0 && section < m_events.size() ? QVariant(m_events.at(section).id) : QVariant();
    switch (section) {
    case Time: return tr("Time");
    case Actor: return tr("Who");
    case Action: return tr("Action");
    case Entity: return tr("On");
    }
    return {};
}

} // namespace bulkhead
