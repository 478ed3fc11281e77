#include "BaselineProfiles.h"

#include "AuditTrail.h"
#include "ControlCatalogue.h"
#include "OscalCatalog.h"
#include "Workspace.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QVariant>

namespace bulkhead {

namespace {

const QString kSelect = QStringLiteral("SELECT name, title, source_sha256, control_ids, imported_by, imported_at FROM baseline_profile");

BaselineProfile readProfile(const QSqlQuery &q)
{
    BaselineProfile p;
    p.name = q.value(0).toString();
    p.title = q.value(1).toString();
    p.sourceSha256 = q.value(2).toString();
    for (const auto &id : QJsonDocument::fromJson(q.value(3).toString().toUtf8()).array())
        p.controlIds << id.toString();
    p.importedBy = q.value(4).toString();
    p.importedAt = fromStoredTime(q.value(5).toString());
    return p;
}

QString familyOf(const QString &id)
{
    return id.section(QLatin1Char('-'), 0, 0);
}

const QRegularExpression &namePattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_.-]*$"));
    return pattern;
}

// An id in a family the catalogue holds must be one of its controls; ids of other families
// (PL, PM, ...) are kept but are outside what Bulkhead assesses. Returns the first that is not.
QString unknownControl(const QStringList &ids, const ControlCatalogue &catalogue)
{
    QSet<QString> families;
    for (const auto &f : catalogue.families())
        families.insert(f.id);
    for (const auto &id : ids) {
        if (families.contains(familyOf(id)) && !catalogue.control(id))
            return id;
    }
    return {};
}

} // namespace

QSet<QString> BaselineProfile::inScope(const ControlCatalogue &catalogue) const
{
    QSet<QString> ids;
    for (const auto &id : controlIds) {
        if (catalogue.control(id))
            ids.insert(id);
    }
    return ids;
}

Result<BaselineProfile> BaselineProfiles::import(const QString &name, const QString &path, const ControlCatalogue &catalogue)
{
    if (!namePattern().match(name).hasMatch())
        return Error {QStringLiteral("baseline name '%1' must be lower case letters, digits, '.', '_' or '-'").arg(name)};
    auto profile = readOscalBaseline(path);
    if (!profile)
        return profile.error();
    if (profile->controlIds.isEmpty())
        return Error {QStringLiteral("the profile selects no controls"), path};

    if (const QString unknown = unknownControl(profile->controlIds, catalogue); !unknown.isEmpty())
        return Error {
            QStringLiteral("the profile selects '%1', which is not an active NIST SP 800-53 rev5 control (withdrawn, or a typo)").arg(unknown),
            path};

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("cannot read the profile: %1").arg(file.errorString()), path};
    BaselineProfile p;
    p.name = name;
    p.title = profile->title;
    p.sourceSha256 = QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex());
    p.controlIds = profile->controlIds;
    Status stored = m_ws.write([&]() -> Status {
        if (get(name))
            return Error {
                QStringLiteral("a baseline named '%1' is already imported; imported baselines never change, so choose another name")
                    .arg(name),
                m_ws.path()};
        return store(p, {});
    });
    if (!stored)
        return stored.error();
    return p;
}

Result<BaselineProfile> BaselineProfiles::adopt(const BaselineProfile &profile, const ControlCatalogue &catalogue, const QString &origin)
{
    if (auto existing = get(profile.name)) {
        if (existing->sourceSha256 != profile.sourceSha256 || existing->controlIds != profile.controlIds)
            return Error {QStringLiteral("this workspace already has a different baseline named '%1' (from a file with SHA-256 %2, "
                                         "not %3); imported baselines never change")
                              .arg(profile.name, existing->sourceSha256.left(12), profile.sourceSha256.left(12)),
                          m_ws.path()};
        return *existing;
    }
    if (!namePattern().match(profile.name).hasMatch())
        return Error {QStringLiteral("baseline name '%1' must be lower case letters, digits, '.', '_' or '-'").arg(profile.name)};
    if (profile.controlIds.isEmpty())
        return Error {QStringLiteral("baseline '%1' selects no controls").arg(profile.name)};
    if (const QString unknown = unknownControl(profile.controlIds, catalogue); !unknown.isEmpty())
        return Error {QStringLiteral("baseline '%1' selects '%2', which is not an active NIST SP 800-53 rev5 control").arg(profile.name, unknown)};
    BaselineProfile p = profile;
    Status stored = m_ws.write([&]() -> Status { return store(p, origin); });
    if (!stored)
        return stored.error();
    return p;
}

Status BaselineProfiles::store(BaselineProfile &p, const QString &origin)
{
    p.importedBy = m_ws.actor();
    p.importedAt = m_ws.now();
    QSqlQuery q = m_ws.query();
    q.prepare(QStringLiteral("INSERT INTO baseline_profile (name, title, source_sha256, control_ids, imported_by, imported_at) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(p.name);
    q.addBindValue(sqlText(p.title));
    q.addBindValue(p.sourceSha256);
    q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(p.controlIds)).toJson(QJsonDocument::Compact)));
    q.addBindValue(p.importedBy);
    q.addBindValue(toStoredTime(p.importedAt));
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("storing baseline '%1'").arg(p.name));
    QJsonObject after = {{QStringLiteral("name"), p.name},
                         {QStringLiteral("title"), p.title},
                         {QStringLiteral("source_sha256"), p.sourceSha256},
                         {QStringLiteral("controls"), static_cast<int>(p.controlIds.size())}};
    if (!origin.isEmpty())
        after.insert(QStringLiteral("from"), origin);
    return AuditTrail(m_ws).append(std::nullopt, QStringLiteral("baseline.import"), QStringLiteral("baseline:%1").arg(p.name), {}, after);
}

Result<QList<BaselineProfile>> BaselineProfiles::list() const
{
    QSqlQuery q = m_ws.query();
    if (!q.exec(kSelect + QStringLiteral(" ORDER BY name")))
        return m_ws.sqlError(q, QStringLiteral("listing imported baselines"));
    QList<BaselineProfile> all;
    while (q.next())
        all.append(readProfile(q));
    return all;
}

Result<BaselineProfile> BaselineProfiles::get(const QString &name) const
{
    QSqlQuery q = m_ws.query();
    q.prepare(kSelect + QStringLiteral(" WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("reading baseline '%1'").arg(name));
    if (!q.next())
        return Error {QStringLiteral("there is no imported baseline named '%1' in this workspace").arg(name), m_ws.path()};
    return readProfile(q);
}

} // namespace bulkhead
