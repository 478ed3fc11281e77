#include "WorkspaceLocation.h"

#include <QUrl>
#include <QUrlQuery>

namespace bulkhead {

namespace {

const QString kUrlShape = QStringLiteral("postgresql://USER@HOST:PORT/DATABASE");

// A URL that did not parse, as messages may show it: the user and password (everything up to
// the '@') left out, so a password typed into a malformed URL ends up in no message or log.
QString withoutCredentials(const QString &text)
{
    const qsizetype start = text.indexOf(QLatin1String("://")) + 3;
    const qsizetype at = text.indexOf(QLatin1Char('@'), start);
    return at < 0 ? text : text.left(start) + QStringLiteral("…") + text.mid(at);
}

} // namespace

bool WorkspaceLocation::isServerUrl(const QString &text)
{
    return text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

Result<WorkspaceLocation> WorkspaceLocation::parse(const QString &text)
{
    WorkspaceLocation where;
    if (!isServerUrl(text)) {
        if (text.trimmed().isEmpty())
            return Error {QStringLiteral("no workspace given (a file path, or %1)").arg(kUrlShape)};
        where.display = text;
        where.database = text;
        return where;
    }
    const QUrl url(text, QUrl::StrictMode);
    // QUrl's message goes on to quote the whole text, password and all: keep its first clause.
    if (!url.isValid())
        return Error {
            QStringLiteral("not a PostgreSQL workspace URL (%1): %2").arg(kUrlShape, url.errorString().section(QLatin1Char(';'), 0, 0)),
            withoutCredentials(text)};
    const QString shown = url.toString(QUrl::RemovePassword);
    where.engine = SqlDialect::Engine::Postgresql;
    where.display = shown;
    where.database = url.path().mid(1);
    if (where.database.isEmpty() || where.database.contains(QLatin1Char('/')))
        return Error {QStringLiteral("the URL names no database; write it as %1").arg(kUrlShape), shown};
    where.host = url.host();
    where.port = url.port(-1);
    if (url.port() == 0)
        return Error {QStringLiteral("port 0 is not a port; write the URL as %1").arg(kUrlShape), shown};
    where.user = url.userName();
    where.password = url.password();
    // The URL's own options come last, so they win over these defaults.
    QStringList options {QStringLiteral("application_name=bulkhead")};
    bool timeoutGiven = false;
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (key.isEmpty() || value.contains(QLatin1Char(';')) || value.contains(QLatin1Char(' ')))
            return Error {QStringLiteral("URL option '%1=%2' is not a libpq connection option").arg(key, value), shown};
        timeoutGiven = timeoutGiven || key == QLatin1String("connect_timeout");
        options << key + QLatin1Char('=') + value;
    }
    // An unreachable server should fail in seconds with a message, not after TCP gives up.
    if (!timeoutGiven)
        options << QStringLiteral("connect_timeout=10");
    where.connectOptions = options.join(QLatin1Char(';'));
    return where;
}

} // namespace bulkhead
