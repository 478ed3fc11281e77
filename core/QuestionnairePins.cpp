#include "QuestionnairePins.h"

#include "AuditTrail.h"
#include "ContentLibrary.h"
#include "ContentParser.h"
#include "Workspace.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace bulkhead {

Result<qint64> QuestionnairePins::pin(qint64 engagementId, const Questionnaire &questionnaire)
{
    QSqlQuery q = m_ws.query();
    q.prepare(QStringLiteral("SELECT id FROM questionnaire_version WHERE questionnaire_key = ? AND version = ? AND sha256 = ?"));
    q.addBindValue(questionnaire.key);
    q.addBindValue(questionnaire.version);
    q.addBindValue(questionnaire.sha256);
    if (!q.exec())
        return m_ws.sqlError(q,
                             QStringLiteral("looking up questionnaire '%1' version %2").arg(questionnaire.key).arg(questionnaire.version));
    qint64 rowId = 0;
    if (q.next()) {
        rowId = q.value(0).toLongLong();
    } else {
        q.prepare(QStringLiteral("INSERT INTO questionnaire_version (questionnaire_key, version, sha256, title, yaml_text) VALUES (?, ?, "
                                 "?, ?, ?) RETURNING id"));
        q.addBindValue(questionnaire.key);
        q.addBindValue(questionnaire.version);
        q.addBindValue(questionnaire.sha256);
        q.addBindValue(questionnaire.title);
        q.addBindValue(questionnaire.yamlText);
        if (!q.exec() || !q.next())
            return m_ws.sqlError(q,
                                 QStringLiteral("storing questionnaire '%1' version %2").arg(questionnaire.key).arg(questionnaire.version));
        rowId = q.value(0).toLongLong();
        q.finish();
    }
    q.prepare(QStringLiteral(
        "INSERT INTO engagement_questionnaire (engagement_id, questionnaire_key, questionnaire_version_id) VALUES (?, ?, ?)"));
    q.addBindValue(engagementId);
    q.addBindValue(questionnaire.key);
    q.addBindValue(rowId);
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("pinning questionnaire '%1'").arg(questionnaire.key));
    const QJsonObject after = {{QStringLiteral("questionnaire"), questionnaire.key},
                               {QStringLiteral("version"), questionnaire.version},
                               {QStringLiteral("sha256"), questionnaire.sha256}};
    if (auto logged
        = AuditTrail(m_ws).append(engagementId, QStringLiteral("questionnaire.pin"),
                                  QStringLiteral("engagement:%1/questionnaire:%2").arg(engagementId).arg(questionnaire.key), {}, after);
        !logged)
        return logged.error();
    return rowId;
}

Result<QHash<QString, PinnedVersion>> QuestionnairePins::pinned(qint64 engagementId) const
{
    // Every save asks: a cached statement.
    const PreparedQuery q
        = m_ws.prepared(QStringLiteral("SELECT p.questionnaire_key, v.id, v.version, v.sha256 FROM engagement_questionnaire "
                                       "p JOIN questionnaire_version v ON v.id = p.questionnaire_version_id "
                                       "WHERE p.engagement_id = ?"));
    q.bind({engagementId});
    if (!q->exec())
        return m_ws.sqlError(*q, QStringLiteral("reading the questionnaires pinned to engagement %1").arg(engagementId));
    QHash<QString, PinnedVersion> pins;
    while (q->next())
        pins.insert(q->value(0).toString(), {q->value(1).toLongLong(), q->value(2).toInt(), q->value(3).toString()});
    return pins;
}

Result<ContentLibrary> QuestionnairePins::contentFor(qint64 engagementId, const ContentLibrary &library) const
{
    auto pins = pinned(engagementId);
    if (!pins)
        return pins.error();
    return contentFor(*pins, library);
}

Result<ContentLibrary> QuestionnairePins::contentFor(const QHash<QString, PinnedVersion> &pins, const ContentLibrary &library) const
{
    ContentLibrary content = library;
    for (auto it = pins.cbegin(); it != pins.cend(); ++it) {
        const auto *current = library.questionnaire(it.key());
        if (current && current->sha256 == it->sha256)
            continue; // the library still holds exactly the pinned text
        QSqlQuery q = m_ws.query();
        q.prepare(QStringLiteral("SELECT yaml_text FROM questionnaire_version WHERE id = ?"));
        q.addBindValue(it->rowId);
        if (!q.exec() || !q.next())
            return m_ws.sqlError(q, QStringLiteral("reading questionnaire '%1'").arg(it.key()));
        const QString source = QStringLiteral("%1#questionnaire-%2-v%3").arg(m_ws.path(), it.key()).arg(it->version);
        const QString text = q.value(0).toString();
        const QString sha = QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
        if (sha != it->sha256)
            return Error {
                QStringLiteral(
                    "the stored text of questionnaire '%1' version %2 does not match its SHA-256; it was changed outside Bulkhead")
                    .arg(it.key())
                    .arg(it->version),
                m_ws.path()};
        QList<Error> problems;
        auto parsed = parseQuestionnaire(source, text, problems);
        if (!parsed)
            return problems.value(0, Error {QStringLiteral("a pinned questionnaire cannot be read"), source});
        content.setQuestionnaire(std::move(*parsed));
    }
    return content;
}

} // namespace bulkhead
