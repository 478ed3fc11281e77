#include "WorkspaceBackups.h"

#include "SchemaMigrations.h"
#include "SqlDialect.h"
#include "Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <sqlite3.h>

#include <algorithm>
#include <memory>

namespace bulkhead {

namespace {

const QString kTimeFormat = QStringLiteral("yyyyMMdd-HHmmss");

struct CloseDatabase {
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;

Result<Database> openDatabase(const QString &path, int flags)
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &raw, flags, nullptr);
    Database db(raw);
    if (rc != SQLITE_OK)
        return Error {QStringLiteral("cannot open: %1").arg(QString::fromUtf8(raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc))), path};
    sqlite3_busy_timeout(raw, 10000);
    return db;
}

// The first column of the first row of `sql`, as text; empty when there is no row.
Result<QString> scalar(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK)
        return Error {QString::fromUtf8(sqlite3_errmsg(db))};
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> statement(raw, sqlite3_finalize);
    const int rc = sqlite3_step(raw);
    if (rc == SQLITE_DONE)
        return QString();
    if (rc != SQLITE_ROW)
        return Error {QString::fromUtf8(sqlite3_errmsg(db))};
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(raw, 0));
    return text ? QString::fromUtf8(text) : QString();
}

// What makes a file a sound Bulkhead workspace this program can open.
QString soundnessProblem(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot be read: %1").arg(f.errorString());
    if (!f.read(16).startsWith(QByteArray("SQLite format 3\0", 16)))
        return QStringLiteral("is not an SQLite database (damaged, or another kind of file)");
    f.close();
    auto db = openDatabase(path, SQLITE_OPEN_READONLY);
    if (!db)
        return db.error().message;
    auto integrity = scalar(db->get(), "PRAGMA integrity_check");
    if (!integrity)
        return QStringLiteral("is damaged: %1").arg(integrity.error().message);
    if (*integrity != QLatin1String("ok"))
        return QStringLiteral("is damaged: %1").arg(*integrity);
    auto application = scalar(db->get(), "PRAGMA application_id");
    if (!application || application->toInt() != SqlDialect::kApplicationId)
        return QStringLiteral("is an SQLite database of another application, not a Bulkhead workspace");
    auto version = scalar(db->get(), "SELECT version FROM schema_version");
    bool isNumber = false;
    const int number = version ? version->toInt(&isNumber) : 0;
    if (!isNumber || number < 1)
        return QStringLiteral("has no schema version: not a Bulkhead workspace, or a damaged one");
    if (number > schema::currentVersion())
        return QStringLiteral("was written by a newer Bulkhead (schema version %1; this program knows up to %2)")
            .arg(number)
            .arg(schema::currentVersion());
    return {};
}

// Copies every page of `from` into `to` (both open), waiting while a writer holds the source.
Status runBackup(sqlite3 *to, sqlite3 *from, const QString &toPath)
{
    sqlite3_backup *backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup)
        return Error {QStringLiteral("cannot start the copy: %1").arg(QString::fromUtf8(sqlite3_errmsg(to))), toPath};
    int rc = SQLITE_OK;
    int waits = 0;
    do {
        rc = sqlite3_backup_step(backup, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            if (++waits > 400) // 20 s
                break;
            sqlite3_sleep(50);
        }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return Error {rc == SQLITE_BUSY || rc == SQLITE_LOCKED
                          ? QStringLiteral("the copy waited 20 s for another program using the workspace; nothing was copied")
                          : QStringLiteral("the copy failed: %1").arg(QString::fromUtf8(sqlite3_errstr(rc))),
                      toPath};
    return {};
}

// A time as the file names give it (whole seconds, UTC).
QDateTime utcTime(const QString &text)
{
    const QDateTime local = QDateTime::fromString(text, kTimeFormat);
    return local.isValid() ? QDateTime(local.date(), local.time(), Qt::UTC) : QDateTime();
}

std::optional<WorkspaceBackup> parseName(const QFileInfo &file)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{8}-\\d{6})-([a-z-]+)(?:-\\d+)?\\.bulkhead$"));
    const auto match = pattern.match(file.fileName());
    if (!match.hasMatch())
        return std::nullopt;
    const QDateTime at = utcTime(match.captured(1));
    if (!at.isValid())
        return std::nullopt;
    return WorkspaceBackup {file.absoluteFilePath(), at, match.captured(2), file.size()};
}

// A new file name in the folder for a copy made at `at` for `reason`.
QString newName(const QString &folder, const QDateTime &at, const QString &reason)
{
    const QString stem = QStringLiteral("%1-%2").arg(at.toUTC().toString(kTimeFormat), reason);
    QString path = QDir(folder).filePath(stem + QStringLiteral(".bulkhead"));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = QDir(folder).filePath(QStringLiteral("%1-%2.bulkhead").arg(stem).arg(n));
    return path;
}

} // namespace

QString WorkspaceBackups::folderFor(const QString &workspacePath)
{
    return QFileInfo(workspacePath).absoluteFilePath() + QStringLiteral(".backups");
}

Status WorkspaceBackups::copy(const QString &from, const QString &to)
{
    if (QFileInfo::exists(to))
        return Error {QStringLiteral("there is a file here already; a backup never overwrites one"), to};
    const QString partial = to + QStringLiteral(".part");
    QFile::remove(partial);
    {
        auto source = openDatabase(from, SQLITE_OPEN_READONLY);
        if (!source)
            return source.error();
        auto target = openDatabase(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        if (!target)
            return target.error();
        if (auto copied = runBackup(target->get(), source->get(), to); !copied) {
            target.value().reset();
            QFile::remove(partial);
            return copied;
        }
        // A copy is one self-contained file: no write-ahead log beside it, which a reader
        // would otherwise leave behind. Opening it as a workspace turns WAL on again.
        if (auto mode = scalar(target->get(), "PRAGMA journal_mode = DELETE"); !mode || *mode != QLatin1String("delete")) {
            target.value().reset();
            QFile::remove(partial);
            return Error {QStringLiteral("cannot make the copy one self-contained file"), to};
        }
    }
    if (const QString problem = soundnessProblem(partial); !problem.isEmpty()) {
        QFile::remove(partial);
        return Error {QStringLiteral("the copy was made but %1; it was not kept").arg(problem), to};
    }
    if (!QFile::rename(partial, to)) {
        QFile::remove(partial);
        return Error {QStringLiteral("cannot name the copy"), to};
    }
    return {};
}

Result<WorkspaceBackup> WorkspaceBackups::backUp(Workspace &ws, const QString &reason)
{
    return backUp(ws.path(), ws.now(), reason);
}

Result<WorkspaceBackup> WorkspaceBackups::backUp(const QString &workspacePath, const QDateTime &now, const QString &reason)
{
    const QString folder = folderFor(workspacePath);
    if (!QDir().mkpath(folder))
        return Error {QStringLiteral("cannot create the backup folder"), folder};
    const QDateTime at = now.toUTC();
    const QString path = newName(folder, at, reason);
    if (auto copied = copy(workspacePath, path); !copied)
        return copied.error();
    return WorkspaceBackup {path, utcTime(at.toString(kTimeFormat)), reason, QFileInfo(path).size()};
}

Result<std::optional<WorkspaceBackup>> WorkspaceBackups::dailyIfDue(Workspace &ws)
{
    return dailyIfDue(ws.path(), ws.now());
}

Result<std::optional<WorkspaceBackup>> WorkspaceBackups::dailyIfDue(const QString &workspacePath, const QDateTime &at)
{
    auto existing = list(workspacePath);
    if (!existing)
        return existing.error();
    const QDateTime now = at.toUTC();
    QList<WorkspaceBackup> daily;
    for (const auto &b : *existing) {
        if (b.reason == QLatin1String("daily"))
            daily << b;
    }
    // A copy "from the future" (a clock set back) does not stop today's.
    if (!daily.isEmpty() && daily.first().madeAt > now.addDays(-1) && daily.first().madeAt <= now)
        return std::optional<WorkspaceBackup>();
    auto made = backUp(workspacePath, now, QStringLiteral("daily"));
    if (!made)
        return made.error();
    daily.prepend(*made);
    for (qsizetype i = kDailyKept; i < daily.size(); ++i)
        QFile::remove(daily.at(i).path);
    return std::optional<WorkspaceBackup>(*made);
}

Result<QList<WorkspaceBackup>> WorkspaceBackups::list(const QString &workspacePath)
{
    QList<WorkspaceBackup> all;
    const QDir folder(folderFor(workspacePath));
    if (!folder.exists())
        return all;
    for (const QFileInfo &file : folder.entryInfoList({QStringLiteral("*.bulkhead")}, QDir::Files)) {
        if (auto b = parseName(file))
            all << *b;
    }
    std::sort(all.begin(), all.end(), [](const WorkspaceBackup &a, const WorkspaceBackup &b) {
        return a.madeAt != b.madeAt ? a.madeAt > b.madeAt : a.path > b.path;
    });
    return all;
}

QString WorkspaceBackups::unrestorableReason(const QString &path)
{
    return soundnessProblem(path);
}

Result<RestoreResult> WorkspaceBackups::restore(const QString &backupPath, const QString &workspacePath, const QDateTime &now)
{
    if (!QFileInfo(backupPath).isFile())
        return Error {QStringLiteral("there is no backup file here"), backupPath};
    if (const QString problem = soundnessProblem(backupPath); !problem.isEmpty())
        return Error {QStringLiteral("not restored: the backup %1; the workspace was left as it was").arg(problem), backupPath};
    RestoreResult result;
    result.restoredFrom = QFileInfo(backupPath).absoluteFilePath();
    if (QFileInfo::exists(workspacePath)) {
        // Keep the workspace as it is now; even a damaged one may hold something to recover.
        const QString folder = folderFor(workspacePath);
        if (!QDir().mkpath(folder))
            return Error {QStringLiteral("cannot create the backup folder; nothing was restored"), folder};
        result.previousKeptAs = newName(folder, now, QStringLiteral("before-restore"));
        if (!copy(workspacePath, result.previousKeptAs)) {
            // A damaged workspace cannot be copied page by page: keep its files as they are.
            if (!QFile::copy(workspacePath, result.previousKeptAs))
                return Error {QStringLiteral("cannot keep a copy of the workspace as it was; nothing was restored"),
                              result.previousKeptAs};
            const QString wal = workspacePath + QStringLiteral("-wal");
            if (QFileInfo::exists(wal))
                QFile::copy(wal, result.previousKeptAs + QStringLiteral("-wal"));
        }
    }
    auto source = openDatabase(backupPath, SQLITE_OPEN_READONLY);
    if (!source)
        return source.error();
    auto target = openDatabase(workspacePath, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!target)
        return target.error();
    if (auto copied = runBackup(target->get(), source->get(), workspacePath); !copied)
        return Error {QStringLiteral("not restored: %1").arg(copied.error().message), workspacePath};
    return result;
}

} // namespace bulkhead
