#include "CommandLine.h"

#include "WorkspaceBackups.h"
#include "WorkspaceLocation.h"

#include <QDir>
#include <QFileInfo>

namespace bulkhead::cli {

Result<Arguments> Arguments::parse(const QStringList &words, const QSet<QString> &valueOptions, const QSet<QString> &flags)
{
    Arguments args;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &w = words.at(i);
        if (!optionsEnded && w == QLatin1String("--")) {
            optionsEnded = true; // what follows is taken as it is, even a value starting with --
            continue;
        }
        if (optionsEnded || !w.startsWith(QLatin1String("--"))) {
            args.m_positionals << w;
            continue;
        }
        if (flags.contains(w)) {
            args.m_flags.insert(w);
        } else if (valueOptions.contains(w)) {
            if (i + 1 >= words.size())
                return Error {QStringLiteral("option %1 needs a value").arg(w)};
            args.m_values.insert(w, words.at(++i));
        } else {
            return Error {QStringLiteral("unknown option %1").arg(w)};
        }
    }
    return args;
}

QString oneLine(QString text)
{
    for (QChar &c : text) {
        if (c == u'\n' || c == u'\r' || c == u'\t' || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            c = u' ';
        else if (c.category() == QChar::Other_Control)
            c = u'?';
    }
    return text;
}

int Context::fail(const Error &error, int code)
{
    // One line, whatever the message holds, so scripts can read it.
    err << "bulkhead-cli: " << oneLine(error.toString()) << Qt::endl;
    return code;
}

int Context::usage(const QString &message)
{
    err << "bulkhead-cli: " << message << " (see bulkhead-cli --help)" << Qt::endl;
    return UsageError;
}

Workspace *Context::workspace(Create create)
{
    // A server database is made by its operators, so there is no "missing" one to create:
    // opening it reports a database that does not exist.
    if (!m_workspace && create == Create::No && !WorkspaceLocation::isServerUrl(workspacePath) && !QFileInfo::exists(workspacePath)) {
        fail(Error {QStringLiteral("no workspace here; create one with 'demo' or 'engagement new'"), workspacePath}, InvalidInput);
        return nullptr;
    }
    if (!m_workspace) {
        const bool existed = QFileInfo::exists(workspacePath);
        WorkspaceOptions options;
        options.readOnly = readOnly;
        auto opened = Workspace::open(workspacePath, options);
        if (!opened) {
            fail(opened.error(), InvalidInput);
            return nullptr;
        }
        m_workspace = std::move(*opened);
        // The day's automatic copy. Failing to make it does not stop the command: say so.
        if (existed && !m_workspace->isReadOnly()) {
            if (auto daily = WorkspaceBackups::dailyIfDue(*m_workspace); !daily)
                err << "bulkhead-cli: warning: the daily backup was not made: " << oneLine(daily.error().toString()) << Qt::endl;
        }
    }
    return m_workspace.get();
}

const ContentLibrary &Context::library()
{
    if (!m_library) {
        QList<Error> builtInProblems;
        m_library = ContentLibrary::builtIn(&builtInProblems);
        for (const auto &p : builtInProblems)
            err << "bulkhead-cli: built-in content: " << oneLine(p.toString()) << Qt::endl;
        if (!contentFolder.isEmpty() && QFileInfo(contentFolder).isDir()) {
            for (const auto &p : m_library->addFolder(contentFolder))
                err << "bulkhead-cli: skipped user content: " << oneLine(p.toString()) << Qt::endl;
        }
    }
    return *m_library;
}

std::optional<qint64> Context::engagementId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        usage(QStringLiteral("'%1' is not an engagement id (a positive number, as 'engagement list' shows)").arg(text));
        return std::nullopt;
    }
    return id;
}

} // namespace bulkhead::cli
