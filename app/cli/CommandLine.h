// What every bulkhead-cli command shares: parsed arguments, the exit codes, the output
// streams, and opening the workspace and content library the global options name.
#pragma once

#include "ContentLibrary.h"
#include "Result.h"
#include "Workspace.h"

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace bulkhead::cli {

enum ExitCode {
    Success = 0,
    ProblemsFound = 1, // a check ran and found problems (validation errors, broken audit chain)
    UsageError = 2,
    InvalidInput = 3, // unreadable or invalid input: workspace, file, engagement, answer, refused change
    Conflict = 4, // the answer moved past the revision the command expected (someone else saved it)
};

// A command's words after the command name: positionals and --options. Options named in
// `flags` take no value; every other option takes the next word.
class Arguments {
public:
    static Result<Arguments> parse(const QStringList &words, const QSet<QString> &valueOptions, const QSet<QString> &flags);

    const QStringList &positionals() const { return m_positionals; }
    bool has(const QString &option) const { return m_values.contains(option) || m_flags.contains(option); }
    QString value(const QString &option, const QString &fallback = {}) const { return m_values.value(option, fallback); }

private:
    QStringList m_positionals;
    QHash<QString, QString> m_values;
    QSet<QString> m_flags;
};

// `text` as one printable line: errors quote what the input says, and a line break or an escape
// sequence in a hostile file must neither split the line scripts read nor drive the terminal.
QString oneLine(QString text);

class Context {
public:
    Context(QTextStream &out, QTextStream &err) : out(out), err(err) { }

    QTextStream &out;
    QTextStream &err;
    QString workspacePath; // --workspace, or the default
    bool readOnly = false; // --read-only
    QString contentFolder; // --questionnaires, or the default user folder

    // Prints "bulkhead-cli: <error naming the input>" and returns `code`.
    int fail(const Error &error, int code);
    int usage(const QString &message);

    enum class Create { No, IfMissing };
    // Opens the workspace; on failure prints the error and returns nullptr. Only commands
    // that add something create a missing workspace: a mistyped path given to a command
    // that reads is an error, not a new empty file.
    Workspace *workspace(Create create = Create::No);
    // The built-in library plus the user's content folder; broken user files are reported
    // on stderr and skipped.
    const ContentLibrary &library();
    // Parses an engagement id; prints a usage error and returns nullopt if it is not one.
    std::optional<qint64> engagementId(const QString &text);

private:
    std::unique_ptr<Workspace> m_workspace;
    std::optional<ContentLibrary> m_library;
};

} // namespace bulkhead::cli
