// Where a workspace lives, from what the user typed: a file path (SQLite), or a URL
// postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?libpq options] for a team's workspace on a
// PostgreSQL server. The text shown in messages never carries the password.
#pragma once

#include "Result.h"
#include "SqlDialect.h"

#include <QString>

namespace bulkhead {

struct WorkspaceLocation {
    SqlDialect::Engine engine = SqlDialect::Engine::Sqlite;
    QString display; // the file path, or the URL without its password
    QString database; // the file path, or the server's database name
    QString host; // empty: libpq's default (the local socket)
    int port = -1; // -1: the default port
    QString user;
    QString password;
    QString connectOptions; // libpq "key=value;key=value", from the URL's query

    // True for text that names a server workspace (postgresql:// or postgres://), so callers
    // can leave file checks out for it.
    static bool isServerUrl(const QString &text);
    // Reads a path or URL; a malformed URL is an error that names it and says what is wrong.
    static Result<WorkspaceLocation> parse(const QString &text);
};

} // namespace bulkhead
