#include "WorkspaceSettings.h"

#include "AuditTrail.h"
#include "PoamPolicySettings.h"
#include "Workspace.h"

#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QVariant>

namespace bulkhead {

namespace {

constexpr qint64 kMaxLogoBytes = 2 * 1024 * 1024;

// What is stored for a key: the value itself, or for the logo the file's bytes (base64), so the
// workspace carries its branding wherever it goes.
Result<QString> storedForm(const QString &key, const QString &value)
{
    if (key == QLatin1String("report.accent")) {
        static const QRegularExpression colour(QStringLiteral("^#[0-9a-fA-F]{6}$"));
        if (!colour.match(value).hasMatch())
            return Error {QStringLiteral("report.accent '%1' is not a colour like #1f4e79").arg(value)};
        return value.toLower();
    }
    if (key == QLatin1String("report.logo")) {
        if (value.isEmpty())
            return QString();
        QFile file(value);
        if (!file.open(QIODevice::ReadOnly))
            return Error {QStringLiteral("cannot read the logo: %1").arg(file.errorString()), value};
        if (file.size() > kMaxLogoBytes)
            return Error {QStringLiteral("the logo is larger than 2 MiB"), value};
        const QByteArray bytes = file.readAll();
        if (!bytes.startsWith("\x89PNG\r\n\x1a\n"))
            return Error {QStringLiteral("the logo is not a PNG image"), value};
        return QString::fromLatin1(bytes.toBase64());
    }
    if (key.startsWith(QLatin1String("poam.due_days."))) {
        // Empty, like every other setting, means "not set": the default applies again.
        if (value.trimmed().isEmpty())
            return QString();
        auto days = parsePoamDueDays(key, value);
        if (!days)
            return days.error();
        return QString::number(*days);
    }
    const QString trimmed = value.trimmed();
    if (trimmed.size() > 200)
        return Error {QStringLiteral("%1 is longer than 200 characters").arg(key)};
    return trimmed;
}

} // namespace

const QMap<QString, QString> &WorkspaceSettings::knownKeys()
{
    static const QMap<QString, QString> keys = {
        {QStringLiteral("report.organisation"), QStringLiteral("the firm's name, on every report's cover and header")},
        {QStringLiteral("report.accent"), QStringLiteral("the accent colour of headings and charts, #rrggbb")},
        {QStringLiteral("report.classification"), QStringLiteral("the marking printed at the top and bottom of every page")},
        {QStringLiteral("report.logo"), QStringLiteral("a PNG file for the cover (its bytes are stored in the workspace)")},
        {QStringLiteral("poam.due_days.very_high"),
         QStringLiteral("days from detection to a very high POA&M item's due date, 1..3650 (default 30)")},
        {QStringLiteral("poam.due_days.high"), QStringLiteral("days from detection to a high POA&M item's due date, 1..3650 (default 30)")},
        {QStringLiteral("poam.due_days.moderate"),
         QStringLiteral("days from detection to a moderate POA&M item's due date, 1..3650 (default 90)")},
        {QStringLiteral("poam.due_days.low"), QStringLiteral("days from detection to a low POA&M item's due date, 1..3650 (default 180)")},
        {QStringLiteral("poam.due_days.very_low"),
         QStringLiteral("days from detection to a very low POA&M item's due date, 1..3650 (default 365)")},
    };
    return keys;
}

Status WorkspaceSettings::set(const QString &key, const QString &value)
{
    if (!knownKeys().contains(key))
        return Error {QStringLiteral("'%1' is not a setting (known: %2)").arg(key, knownKeys().keys().join(QStringLiteral(", ")))};
    auto stored = storedForm(key, value);
    if (!stored)
        return stored.error();
    return m_ws.write([&]() -> Status {
        auto before = this->value(key);
        if (!before)
            return before.error();
        QSqlQuery q = m_ws.query();
        q.prepare(QStringLiteral("INSERT INTO workspace_setting (setting_key, setting_value) VALUES (?, ?) "
                                 "ON CONFLICT (setting_key) DO UPDATE SET setting_value = excluded.setting_value"));
        q.addBindValue(key);
        q.addBindValue(sqlText(*stored));
        if (!q.exec())
            return m_ws.sqlError(q, QStringLiteral("saving setting %1").arg(key));
        // The logo is audited by size, not by content: the trail stays readable.
        auto describe = [&key](const QString &v) {
            return key == QLatin1String("report.logo") ? QStringLiteral("%1 bytes of PNG").arg(QByteArray::fromBase64(v.toLatin1()).size())
                                                       : v;
        };
        return AuditTrail(m_ws).append(std::nullopt, QStringLiteral("setting.change"), QStringLiteral("setting:%1").arg(key),
                                       QJsonObject {{QStringLiteral("value"), describe(*before)}},
                                       QJsonObject {{QStringLiteral("value"), describe(*stored)}});
    });
}

Result<QString> WorkspaceSettings::value(const QString &key) const
{
    QSqlQuery q = m_ws.query();
    q.prepare(QStringLiteral("SELECT setting_value FROM workspace_setting WHERE setting_key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("reading setting %1").arg(key));
    return q.next() ? q.value(0).toString() : QString();
}

Result<QMap<QString, QString>> WorkspaceSettings::values(const QStringList &keys) const
{
    if (keys.isEmpty())
        return QMap<QString, QString>();
    QStringList placeholders;
    for (qsizetype i = 0; i < keys.size(); ++i)
        placeholders.append(QStringLiteral("?"));
    QSqlQuery q = m_ws.query();
    q.prepare(QStringLiteral("SELECT setting_key, setting_value FROM workspace_setting WHERE setting_key IN (%1)")
                  .arg(placeholders.join(QStringLiteral(", "))));
    for (const QString &key : keys)
        q.addBindValue(key);
    if (!q.exec())
        return m_ws.sqlError(q, QStringLiteral("reading settings %1").arg(keys.join(QStringLiteral(", "))));
    QMap<QString, QString> values;
    while (q.next())
        values.insert(q.value(0).toString(), q.value(1).toString());
    return values;
}

Result<QMap<QString, QString>> WorkspaceSettings::all() const
{
    QSqlQuery q = m_ws.query();
    if (!q.exec(QStringLiteral("SELECT setting_key, setting_value FROM workspace_setting ORDER BY setting_key")))
        return m_ws.sqlError(q, QStringLiteral("reading settings"));
    QMap<QString, QString> values;
    while (q.next())
        values.insert(q.value(0).toString(), q.value(1).toString());
    return values;
}

} // namespace bulkhead
