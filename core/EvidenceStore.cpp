#include "EvidenceStore.h"

#include "AuditTrail.h"
#include "CataloguePins.h"
#include "ContentLibrary.h"
#include "EngagementJson.h"
#include "EngagementStore.h"
#include "QuestionnairePins.h"
#include "Workspace.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <Poco/Crypto/DigestEngine.h>
#include <Poco/Exception.h>

namespace bulkhead {

namespace {

const QString kSelect = QStringLiteral(
    "SELECT id, engagement_id, sha256, file_name, media_type, size, question_id, control_id, collected_on, expires_on, added_by, "
    "added_at FROM evidence");

EvidenceItem readItem(const QSqlQuery &q)
{
    EvidenceItem e;
    e.id = q.value(0).toLongLong();
    e.engagementId = q.value(1).toLongLong();
    e.sha256 = q.value(2).toString();
    e.fileName = q.value(3).toString();
    e.mediaType = q.value(4).toString();
    e.size = q.value(5).toLongLong();
    e.questionId = q.value(6).toString();
    e.controlId = q.value(7).toString();
    e.collectedOn = QDate::fromString(q.value(8).toString(), Qt::ISODate);
    e.expiresOn = q.value(9).isNull() ? QDate() : QDate::fromString(q.value(9).toString(), Qt::ISODate);
    e.addedBy = q.value(10).toString();
    e.addedAt = fromStoredTime(q.value(11).toString());
    return e;
}

// Through OpenSSL (Poco::Crypto), which uses the processor's SHA instructions: several times
// faster than QCryptographicHash's portable code on the large scanner reports evidence often is.
// The digest is the same; Qt's code stands in should OpenSSL fail.
QString sha256Of(const QByteArray &bytes)
{
    try {
        Poco::Crypto::DigestEngine engine("SHA256");
        engine.update(bytes.constData(), static_cast<std::size_t>(bytes.size()));
        return QString::fromStdString(Poco::DigestEngine::digestToHex(engine.digest()));
    } catch (const Poco::Exception &) {
        return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    }
}

QString readableSize(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 bytes").arg(bytes);
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

} // namespace

Result<EvidenceAdded> EvidenceStore::add(const EvidenceInput &input, const ContentLibrary &library)
{
    const QFileInfo info(input.path);
    if (!info.exists() || !info.isFile())
        return Error {QStringLiteral("there is no file to attach here"), input.path};
    if (info.size() > m_maxBytes)
        return Error {QStringLiteral("the file is %1, over the evidence limit of %2; nothing was attached")
                          .arg(readableSize(info.size()), readableSize(m_maxBytes)),
                      input.path};
    QFile file(input.path);
    if (!file.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("cannot read the file: %1").arg(file.errorString()), input.path};
    return add(input, file.readAll(), library);
}

Result<EvidenceAdded> EvidenceStore::add(const EvidenceInput &input, const QByteArray &bytes, const ContentLibrary &library)
{
    const QFileInfo info(input.path);
    if (bytes.size() != info.size())
        return Error {QStringLiteral("the file changed while it was being read; nothing was attached"), input.path};
    if (bytes.size() > m_maxBytes)
        return Error {QStringLiteral("the file is %1, over the evidence limit of %2; nothing was attached")
                          .arg(readableSize(bytes.size()), readableSize(m_maxBytes)),
                      input.path};
    if (input.expiresOn.isValid() && input.collectedOn.isValid() && input.expiresOn < input.collectedOn)
        return Error {QStringLiteral("the evidence would expire (%1) before it was collected (%2)")
                          .arg(input.expiresOn.toString(Qt::ISODate), input.collectedOn.toString(Qt::ISODate)),
                      input.path};

    EvidenceItem item;
    item.engagementId = input.engagementId;
    item.sha256 = sha256Of(bytes);
    item.fileName = info.fileName();
    item.mediaType = QMimeDatabase().mimeTypeForFileNameAndData(info.fileName(), bytes).name();
    item.size = bytes.size();
    item.questionId = input.questionId.trimmed();
    item.controlId = input.controlId.trimmed();
    item.expiresOn = input.expiresOn;
    item.addedBy = m_ws.actor();
    item.addedAt = fromStoredTime(toStoredTime(m_ws.now()));
    item.collectedOn = input.collectedOn.isValid() ? input.collectedOn : item.addedAt.toUTC().date();
    if (item.expiresOn.isValid() && item.expiresOn < item.collectedOn)
        return Error {QStringLiteral("the evidence would expire (%1) before it was collected (%2)")
                          .arg(item.expiresOn.toString(Qt::ISODate), item.collectedOn.toString(Qt::ISODate)),
                      input.path};

    bool existed = false; // the same bytes were attached to the same place before
    auto done = m_ws.write([&]() -> Status {
        if (auto editable = EngagementStore(m_ws).checkEditable(item.engagementId); !editable)
            return editable;
        if (!item.questionId.isEmpty() || !item.controlId.isEmpty()) {
            // The question or control must be one the engagement is assessed with.
            auto content = QuestionnairePins(m_ws).contentFor(item.engagementId, library);
            if (!content)
                return content.error();
            const CataloguePins catalogues(m_ws);
            auto pins = catalogues.pinned(item.engagementId);
            if (!pins)
                return pins.error();
            auto pinned = catalogues.apply(*pins, std::move(*content));
            if (!pinned)
                return pinned.error();
            if (!item.questionId.isEmpty() && !pinned->question(item.questionId))
                return Error {QStringLiteral("there is no question '%1' in the questionnaires of engagement %2")
                                  .arg(item.questionId)
                                  .arg(item.engagementId)};
            if (!item.controlId.isEmpty() && !pinned->controls().control(item.controlId))
                return Error {
                    QStringLiteral("there is no control '%1' in the control catalogue (write it as AC-2 or AC-2(1))").arg(item.controlId)};
        }
        QSqlQuery q = m_ws.query();
        q.prepare(kSelect + QStringLiteral(" WHERE engagement_id = ? AND sha256 = ? AND question_id = ? AND control_id = ?"));
        q.addBindValue(item.engagementId);
        q.addBindValue(item.sha256);
        q.addBindValue(sqlText(item.questionId));
        q.addBindValue(sqlText(item.controlId));
        if (!q.exec())
            return m_ws.sqlError(q, QStringLiteral("looking for the same evidence"));
        if (q.next()) {
            item = readItem(q);
            existed = true;
            return {};
        }
        q.prepare(QStringLiteral("INSERT INTO evidence_blob (sha256, size, content) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING"));
        q.addBindValue(item.sha256);
        q.addBindValue(item.size);
        q.addBindValue(bytes);
        if (!q.exec())
            return m_ws.sqlError(q, QStringLiteral("storing the evidence file"));
        q.prepare(QStringLiteral("INSERT INTO evidence (engagement_id, sha256, file_name, media_type, size, question_id, control_id, "
                                 "collected_on, expires_on, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
        q.addBindValue(item.engagementId);
        q.addBindValue(item.sha256);
        q.addBindValue(item.fileName);
        q.addBindValue(item.mediaType);
        q.addBindValue(item.size);
        q.addBindValue(sqlText(item.questionId));
        q.addBindValue(sqlText(item.controlId));
        q.addBindValue(item.collectedOn.toString(Qt::ISODate));
        q.addBindValue(item.expiresOn.isValid() ? QVariant(item.expiresOn.toString(Qt::ISODate))
                                                : QVariant(QMetaType::fromType<QString>()));
        q.addBindValue(item.addedBy);
        q.addBindValue(toStoredTime(item.addedAt));
        if (!q.exec() || !q.next())
            return m_ws.sqlError(q, QStringLiteral("recording the evidence"));
        item.id = q.value(0).toLongLong();
        q.finish();
        return AuditTrail(m_ws).append(item.engagementId, QStringLiteral("evidence.add"),
                                       QStringLiteral("engagement:%1/evidence:%2").arg(item.engagementId).arg(item.id), {}, toJson(item));
    });
    if (!done)
        return Error {done.error().message, done.error().file.isEmpty() ? input.path : done.error().file};
    return EvidenceAdded {item, existed};
}

Result<QList<EvidenceItem>> EvidenceStore::list(qint64 engagementId) const
{
    QSqlQuery q = m_ws.query();
    q.prepare(kSelect + QStringLiteral(" WHERE engagement_id = ? ORDER BY id"));
    q.addBindValue(engagementId);
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("listing the evidence of engagement %1").arg(engagementId));
    QList<EvidenceItem> all;
    while (q.next())
        all.append(readItem(q));
    return all;
}

Result<QByteArray> EvidenceStore::content(const EvidenceItem &item) const
{
    QSqlQuery q = m_ws.query();
    q.prepare(QStringLiteral("SELECT content FROM evidence_blob WHERE sha256 = ?"));
    q.addBindValue(item.sha256);
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("reading evidence %1").arg(item.id));
    if (!q.next())
        return Error {QStringLiteral("the bytes of evidence %1 (%2) are missing from the workspace").arg(item.id).arg(item.fileName),
                      m_ws.path()};
    return q.value(0).toByteArray();
}

Result<EvidenceVerification> EvidenceStore::verify(qint64 engagementId) const
{
    auto items = list(engagementId);
    if (!items)
        return items.error();
    EvidenceVerification v;
    for (const auto &item : *items) {
        ++v.checked;
        QSqlQuery q = m_ws.query();
        q.prepare(QStringLiteral("SELECT content FROM evidence_blob WHERE sha256 = ?"));
        q.addBindValue(item.sha256);
        if (!q.exec())
            return m_ws.sqlError(q, QStringLiteral("reading evidence %1").arg(item.id));
        if (!q.next()) {
            v.mismatches << QStringLiteral("evidence %1 (%2): its bytes are missing from the workspace").arg(item.id).arg(item.fileName);
            continue;
        }
        const QByteArray bytes = q.value(0).toByteArray();
        const QString actual = sha256Of(bytes);
        if (actual != item.sha256)
            v.mismatches
                << QStringLiteral("evidence %1 (%2): SHA-256 is %3, recorded %4").arg(item.id).arg(item.fileName, actual, item.sha256);
        else if (bytes.size() != item.size)
            v.mismatches << QStringLiteral("evidence %1 (%2): %3 bytes, recorded %4")
                                .arg(item.id)
                                .arg(item.fileName)
                                .arg(bytes.size())
                                .arg(item.size);
    }
    return v;
}

} // namespace bulkhead
