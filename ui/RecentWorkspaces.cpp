#include "RecentWorkspaces.h"

#include "WorkspaceLocation.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace bulkhead {

namespace {

const QString kRecentKey = QStringLiteral("workspace/recent");

} // namespace

QString RecentWorkspaces::key(const QString &workspace)
{
    if (!WorkspaceLocation::isServerUrl(workspace))
        return QDir::cleanPath(QFileInfo(workspace).absoluteFilePath());
    auto where = WorkspaceLocation::parse(workspace);
    return where ? where->display : workspace;
}

QStringList RecentWorkspaces::list()
{
    return QSettings().value(kRecentKey).toStringList();
}

void RecentWorkspaces::remember(const QString &workspace)
{
    QStringList recent = list();
    const QString entry = key(workspace);
    recent.removeAll(entry);
    recent.prepend(entry);
    QSettings().setValue(kRecentKey, recent.mid(0, kMax));
}

} // namespace bulkhead
