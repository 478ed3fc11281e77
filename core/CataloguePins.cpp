#include "CataloguePins.h"

#include "AuditTrail.h"
#include "ContentLibrary.h"
#include "Workspace.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace bulkhead {

Status CataloguePins::pin(qint64 engagementId, const ContentLibrary &library)
{
    int position = 0;
    for (const auto &catalogue : library.catalogueTexts()) {
        QSqlQuery q = m_ws.query();
        q.prepare(QStringLiteral("SELECT id FROM catalogue_text WHERE kind = ? AND sha256 = ?"));
        q.addBindValue(catalogue.kind);
        q.addBindValue(catalogue.sha256);
        if (!q.exec())
            return m_ws.sqlError(q, QStringLiteral("looking up the %1 catalogue").arg(catalogue.kind));
        qint64 textId = 0;
        if (q.next()) {
            textId = q.value(0).toLongLong();
        } else {
            q.prepare(QStringLiteral("INSERT INTO catalogue_text (kind, sha256, source, yaml_text) VALUES (?, ?, ?, ?) RETURNING id"));
            q.addBindValue(catalogue.kind);
            q.addBindValue(catalogue.sha256);
            q.addBindValue(sqlText(catalogue.file));
            q.addBindValue(catalogue.text);
            if (!q.exec() || !q.next())
                return m_ws.sqlError(q, QStringLiteral("storing the %1 catalogue").arg(catalogue.kind));
            textId = q.value(0).toLongLong();
            q.finish();
        }
        q.prepare(QStringLiteral("INSERT INTO engagement_catalogue (engagement_id, position, catalogue_text_id) VALUES (?, ?, ?)"));
        q.addBindValue(engagementId);
        q.addBindValue(position);
        q.addBindValue(textId);
        if (!q.exec())
            return m_ws.sqlError(q, QStringLiteral("pinning the %1 catalogue").arg(catalogue.kind));
        const QJsonObject after = {{QStringLiteral("catalogue"), catalogue.kind}, {QStringLiteral("sha256"), catalogue.sha256}};
        if (auto logged = AuditTrail(m_ws).append(engagementId, QStringLiteral("catalogue.pin"),
                                                  QStringLiteral("engagement:%1/catalogue:%2").arg(engagementId).arg(position), {}, after);
            !logged)
            return logged.error();
        ++position;
    }
    return {};
}

Status CataloguePins::pinIfMissing(qint64 engagementId, const ContentLibrary &library)
{
    auto pins = pinned(engagementId);
    if (!pins)
        return pins.error();
    return pins->isEmpty() ? pin(engagementId, library) : Status {};
}

Result<QList<PinnedCatalogue>> CataloguePins::pinned(qint64 engagementId) const
{
    // Every save asks: a cached statement.
    const PreparedQuery q = m_ws.prepared(QStringLiteral("SELECT p.position, t.kind, t.sha256, t.id FROM engagement_catalogue p JOIN "
                                                         "catalogue_text t ON t.id = p.catalogue_text_id WHERE p.engagement_id = ? "
                                                         "ORDER BY p.position"));
    q.bind({engagementId});
    if (!q->exec())
        return m_ws.sqlError(*q, QStringLiteral("reading the catalogues pinned to engagement %1").arg(engagementId));
    QList<PinnedCatalogue> pins;
    while (q->next())
        pins.append({q->value(0).toInt(), q->value(1).toString(), q->value(2).toString(), q->value(3).toLongLong()});
    return pins;
}

Result<ContentLibrary> CataloguePins::apply(const QList<PinnedCatalogue> &pins, ContentLibrary content) const
{
    if (pins.isEmpty())
        return content;
    const auto &current = content.catalogueTexts();
    bool same = current.size() == pins.size();
    for (qsizetype i = 0; same && i < pins.size(); ++i)
        same = current.at(i).kind == pins.at(i).kind && current.at(i).sha256 == pins.at(i).sha256;
    if (same)
        return content; // the library still holds exactly the pinned texts
    QList<CatalogueText> texts;
    for (const auto &pin : pins) {
        QSqlQuery q = m_ws.query();
        q.prepare(QStringLiteral("SELECT source, yaml_text FROM catalogue_text WHERE id = ?"));
        q.addBindValue(pin.textId);
        if (!q.exec() || !q.next())
            return m_ws.sqlError(q, QStringLiteral("reading the pinned %1 catalogue").arg(pin.kind));
        const QString text = q.value(1).toString();
        const QString sha = QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
        if (sha != pin.sha256)
            return Error {
                QStringLiteral("the stored text of the pinned %1 catalogue does not match its SHA-256; it was changed outside Bulkhead")
                    .arg(pin.kind),
                m_ws.path()};
        const QString source = QStringLiteral("%1#catalogue-%2-%3").arg(m_ws.path(), pin.kind, q.value(0).toString());
        texts.append({pin.kind, source, text, sha});
    }
    if (auto problems = content.setCatalogues(texts); !problems.isEmpty())
        return problems.first();
    return content;
}

} // namespace bulkhead
