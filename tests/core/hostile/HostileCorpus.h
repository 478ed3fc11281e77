// The hostile corpus (tests/data/hostile, see its README.md) and what the tests around it share:
// where its files are, and errors flattened to text so a bounded child can hand them back.
#pragma once

#include "Result.h"
#include "TestSupport.h"

#include <QByteArray>
#include <QDir>
#include <QList>
#include <QString>
#include <QStringList>

namespace bulkhead::test {

inline QString hostileData(const QString &relative)
{
    return projectTestData(QStringLiteral("hostile/") + relative);
}

// The files of one folder of the corpus, by name.
inline QStringList hostileFiles(const QString &folder)
{
    const QDir dir(hostileData(folder));
    QStringList names = dir.entryList(QDir::Files, QDir::Name);
    for (auto &name : names)
        name = dir.filePath(name);
    return names;
}

// Lines for a child to hand back to the parent, each Base64-encoded: the messages may quote line
// breaks from the hostile input, and must come back exactly as they were.
inline QByteArray encodeLines(const QStringList &lines)
{
    QByteArrayList encoded;
    for (const auto &line : lines)
        encoded << line.toUtf8().toBase64();
    return encoded.join('\n');
}

inline QStringList decodeLines(const QByteArray &bytes)
{
    QStringList lines;
    if (!bytes.isEmpty()) {
        for (const auto &line : bytes.split('\n'))
            lines << QString::fromUtf8(QByteArray::fromBase64(line));
    }
    return lines;
}

// One line per error, "file:line:column: message", encoded as above.
inline QByteArray errorLines(const QList<Error> &errors)
{
    QStringList lines;
    for (const auto &e : errors)
        lines << e.toString();
    return encodeLines(lines);
}

} // namespace bulkhead::test
