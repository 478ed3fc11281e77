// Hostile workspace files (tests/data/hostile/workspaces, made by make_corpus.py): Workspace::open
// refuses each with one error naming the file and saying what it is, in bounded time and memory,
// and leaves the file exactly as it was (no byte changed, no journal or WAL beside it). Also made
// here: a damaged page in a real workspace, a leftover WAL of garbage, a folder. The plainer cases
// (random bytes, half a workspace, another program's database, a newer schema) are in
// tests/core/test_workspace.cpp; the corpus repeats some as fuzz seeds and for the CLI.
#include "AnswerStore.h"
#include "BoundedRun.h"
#include "ContentLibrary.h"
#include "EngagementStore.h"
#include "HostileCorpus.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace bulkhead;
using namespace bulkhead::test;
using namespace Qt::StringLiterals;

namespace {

// Workspace::open in a bounded child: "opened" or the error.
QString openBounded(const QString &path)
{
    const BoundedRun run = runBounded([&path]() -> QByteArray {
        auto ws = Workspace::open(path);
        return ws ? QByteArray("opened") : ws.error().toString().toUtf8();
    });
    INFO(run.describe());
    REQUIRE(run.finished());
    return QString::fromUtf8(run.output);
}

QStringList besides(const QString &path)
{
    QStringList found;
    for (const char *suffix : {"-wal", "-shm", "-journal"}) {
        if (QFile::exists(path + QLatin1String(suffix)))
            found << path + QLatin1String(suffix);
    }
    return found;
}

struct Expected {
    const char *file; // in tests/data/hostile/workspaces
    const char *error; // after "<path>: "
};

// A real workspace with one engagement and ten answers, closed (so its WAL is checkpointed).
void makeWorkspace(const QTemporaryDir &dir, const QString &name)
{
    static const ContentLibrary library = ContentLibrary::builtIn();
    auto ws = openWorkspace(dir, name);
    Engagement e;
    e.client = u"Client"_s;
    e.system = u"System"_s;
    e.csp = u"Google Cloud (GKE)"_s;
    const auto id = EngagementStore(*ws).create(e, library);
    REQUIRE(id.ok());
    int saved = 0;
    for (const auto *q : library.allQuestions()) {
        if (q->type != QuestionType::YesNo || saved == 10)
            continue;
        REQUIRE(AnswerStore(*ws).save(*id, {q->id, u"yes"_s, u"note %1"_s.arg(saved), {}, {}}, library).ok());
        ++saved;
    }
}

} // namespace

TEST_CASE("every hostile workspace file is refused with what it is, and left untouched", "[hostile][workspace]")
{
    // clang-format off
    const Expected expected = GENERATE(values<Expected>({
        {"empty_file.bulkhead", "not a Bulkhead workspace: the file is not an SQLite database (it may be damaged or another kind of file)"},
        {"header_only.bulkhead", "not a Bulkhead workspace, or a damaged one: database disk image is malformed Unable to execute statement"},
        {"no_schema_version.bulkhead", "not a Bulkhead workspace: it has no schema version"},
        {"other_application.sqlite", "not a Bulkhead workspace: an SQLite database of another application"},
        {"random_bytes.bulkhead", "not a Bulkhead workspace: the file is not an SQLite database (it may be damaged or another kind of file)"},
        {"schema_version_not_a_number.bulkhead", "not a Bulkhead workspace, or a damaged one: its schema version is 'three', not a version number"},
        {"truncated.bulkhead", "not a Bulkhead workspace, or a damaged one: database disk image is malformed Unable to execute statement"},
    }));
    // clang-format on
    // A copy: opening must not change the file, and the corpus must not change if it does.
    QTemporaryDir dir;
    const QString path = dir.filePath(QLatin1String(expected.file));
    const QByteArray bytes = readBytes(hostileData(u"workspaces/"_s + QLatin1String(expected.file)));
    writeBytes(path, bytes);
    CAPTURE(path);
    CHECK(openBounded(path) == path + u": "_s + QString::fromUtf8(expected.error));
    CHECK(readBytes(path) == bytes);
    CHECK(besides(path).isEmpty());
}

TEST_CASE("the corpus of hostile workspaces is tested whole", "[hostile][workspace]")
{
    CHECK(hostileFiles(u"workspaces"_s).size() == 7);
}

TEST_CASE("a workspace with a damaged page is refused as damaged and left untouched", "[hostile][workspace]")
{
    QTemporaryDir dir;
    makeWorkspace(dir, u"ws.bulkhead"_s);
    const QString path = dir.filePath(u"ws.bulkhead"_s);
    QByteArray bytes = readBytes(path);
    REQUIRE(besides(path).isEmpty());
    // Page 2 onwards hold the schema's tables and indexes: make the third page noise.
    const qsizetype pageSize = (quint8(bytes.at(16)) << 8) | quint8(bytes.at(17));
    REQUIRE(pageSize == 4096);
    REQUIRE(bytes.size() > 8 * pageSize);
    QRandomGenerator noise(7);
    for (qsizetype i = 2 * pageSize; i < 3 * pageSize; ++i)
        bytes[i] = char(noise.bounded(256));
    writeBytes(path, bytes);
    const QString error = openBounded(path);
    CAPTURE(error);
    CHECK((error.startsWith(path + u": the workspace is damaged: "_s)
           || error.startsWith(path + u": not a Bulkhead workspace, or a damaged one: database disk image is malformed"_s)));
    CHECK(readBytes(path) == bytes);
}

TEST_CASE("a leftover WAL file of garbage is ignored and every answer is still there", "[hostile][workspace]")
{
    QTemporaryDir dir;
    makeWorkspace(dir, u"ws.bulkhead"_s);
    const QString path = dir.filePath(u"ws.bulkhead"_s);
    QByteArray garbage(64 * 1024, '\0');
    QRandomGenerator noise(11);
    for (auto &b : garbage)
        b = char(noise.bounded(256));
    writeBytes(path + u"-wal"_s, garbage);
    const BoundedRun run = runBounded([&path]() -> QByteArray {
        auto ws = Workspace::open(path);
        if (!ws)
            return ws.error().toString().toUtf8();
        auto answers = AnswerStore(**ws).answers(1);
        if (!answers)
            return answers.error().toString().toUtf8();
        QStringList notes;
        for (const auto &a : *answers)
            notes << a.note;
        notes.sort();
        return notes.join(u',').toUtf8();
    });
    INFO(run.describe());
    REQUIRE(run.finished());
    CHECK(run.output == "note 0,note 1,note 2,note 3,note 4,note 5,note 6,note 7,note 8,note 9");
}

TEST_CASE("a folder given as the workspace is refused, naming it", "[hostile][workspace]")
{
    QTemporaryDir dir;
    const QString error = openBounded(dir.path());
    CAPTURE(error);
    CHECK(error.startsWith(dir.path() + u": cannot read the workspace: "_s));
}
