// Crash safety: a process saving answers is killed with SIGKILL at a random moment, again and
// again, and after every kill the workspace must be intact (PRAGMA integrity_check), hold every
// answer the process had reported saved, with its value, and have an audit chain that verifies.
// The seed is printed; BULKHEAD_KILL_SEED=N repeats a run, BULKHEAD_KILL_ITERATIONS=N changes
// how many kills there are (at least 30 by default).
#include "AnswerStore.h"
#include "AuditTrail.h"
#include "CrashPlan.h"
#include "EngagementStore.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <iostream>
#include <random>

using namespace bulkhead;

namespace {

// One acknowledged save, as the writer printed it.
struct Acknowledged {
    int run = 0;
    int save = 0;
    QString questionId;
    QString value;
    int revision = 0;
};

std::optional<Acknowledged> parseLine(const QString &line)
{
    const QStringList f = line.split(QLatin1Char(' '));
    if (f.size() != 6 || f.at(0) != QLatin1String("saved"))
        return std::nullopt;
    return Acknowledged {f.at(1).toInt(), f.at(2).toInt(), f.at(3), f.at(4), f.at(5).toInt()};
}

quint64 seedFromEnvironment()
{
    bool ok = false;
    const quint64 seed = qEnvironmentVariable("BULKHEAD_KILL_SEED").toULongLong(&ok);
    return ok ? seed : std::random_device {}();
}

int iterationsFromEnvironment()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("BULKHEAD_KILL_ITERATIONS", &ok);
    return ok && n > 0 ? n : 30;
}

// The writer's complete lines so far; a line cut short by the kill is not an acknowledgement.
QList<Acknowledged> completeLines(const QByteArray &out)
{
    QList<Acknowledged> acks;
    const qsizetype end = out.lastIndexOf('\n');
    if (end < 0)
        return acks;
    for (const auto &line : QString::fromUtf8(out.left(end)).split(QLatin1Char('\n'))) {
        const auto ack = parseLine(line);
        REQUIRE(ack.has_value());
        acks << *ack;
    }
    return acks;
}

// Starts a writer, waits for its first acknowledged save, lets it run `delayMs` longer, then
// kills it with SIGKILL and returns everything it printed.
QByteArray runAndKill(const QString &workspace, qint64 engagement, int run, int delayMs)
{
    QProcess writer;
    writer.start(QStringLiteral(BULKHEAD_ANSWER_WRITER_PATH), {workspace, QString::number(engagement), QString::number(run)});
    REQUIRE(writer.waitForStarted(10000));
    QByteArray out;
    QElapsedTimer startup;
    startup.start();
    while (!out.contains('\n')) {
        INFO("writer stderr: " << writer.readAllStandardError().toStdString());
        REQUIRE(writer.state() == QProcess::Running);
        REQUIRE(startup.elapsed() < 60000);
        writer.waitForReadyRead(100);
        out += writer.readAllStandardOutput();
    }
    QElapsedTimer running;
    running.start();
    while (running.elapsed() < delayMs) {
        writer.waitForReadyRead(std::max<int>(1, delayMs - int(running.elapsed())));
        out += writer.readAllStandardOutput();
    }
    REQUIRE(writer.state() == QProcess::Running);
    REQUIRE(::kill(pid_t(writer.processId()), SIGKILL) == 0);
    REQUIRE(writer.waitForFinished(10000));
    out += writer.readAllStandardOutput();
    CHECK(writer.exitStatus() == QProcess::CrashExit);
    INFO("writer stderr: " << writer.readAllStandardError().toStdString());
    return out;
}

struct Totals {
    int acknowledged = 0;
    int checked = 0;
    int inFlightCommitted = 0; // the save under way at the kill turned out committed
};

// Everything that must hold after a kill, given every save acknowledged so far in this workspace
// and the saves that earlier kills caught after their commit but before their line was printed
// (`unacknowledged`, to which this kill's such save, if any, is added).
void checkAfterKill(const QString &path, qint64 engagement, const QStringList &questions, const QList<Acknowledged> &acks,
                    QList<Acknowledged> &unacknowledged, int lastRun, Totals &totals)
{
    auto opened = Workspace::open(path);
    INFO((opened ? QString() : opened.error().toString()).toStdString());
    REQUIRE(opened.ok());
    Workspace &ws = **opened;
    QSqlQuery q = ws.query();
    REQUIRE(q.exec(QStringLiteral("PRAGMA integrity_check")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == QStringLiteral("ok"));

    auto audit = AuditTrail(ws).verify();
    REQUIRE(audit.ok());
    INFO("audit: " << audit->problem.toStdString());
    CHECK(audit->ok());

    // Every acknowledged save is in the trail with its value, note and revision.
    auto events = AuditTrail(ws).events(engagement);
    REQUIRE(events.ok());
    QHash<QString, QJsonObject> savedByNote;
    QHash<QString, int> savesPerQuestion;
    for (const auto &e : *events) {
        if (e.action != QLatin1String("answer.save"))
            continue;
        const QJsonObject after = QJsonDocument::fromJson(e.after.toUtf8()).object();
        savedByNote.insert(after.value(QStringLiteral("note")).toString(), after);
        ++savesPerQuestion[after.value(QStringLiteral("question")).toString()];
    }
    const auto noteOf = [](const Acknowledged &save) { return QStringLiteral("run %1 save %2").arg(save.run).arg(save.save); };
    const auto checkInTrail = [&](const Acknowledged &save) {
        INFO("saved " << noteOf(save).toStdString() << " " << save.questionId.toStdString());
        REQUIRE(savedByNote.contains(noteOf(save)));
        const QJsonObject after = savedByNote.value(noteOf(save));
        CHECK(after.value(QStringLiteral("question")).toString() == save.questionId);
        CHECK(after.value(QStringLiteral("value")).toString() == save.value);
        CHECK(after.value(QStringLiteral("revision")).toInt() == save.revision);
    };
    for (const auto &ack : acks)
        checkInTrail(ack);
    for (const auto &save : std::as_const(unacknowledged))
        checkInTrail(save);

    // Each question's last save, in the order they were made.
    QList<Acknowledged> saves = acks + unacknowledged;
    std::sort(saves.begin(), saves.end(), [](const auto &a, const auto &b) { return std::pair(a.run, a.save) < std::pair(b.run, b.save); });
    QHash<QString, Acknowledged> latest;
    for (const auto &save : std::as_const(saves))
        latest.insert(save.questionId, save);

    // The save in flight at this kill (the one after the last line) may have committed before the
    // process died; the one after it cannot have begun.
    const int lastSave = acks.isEmpty() || acks.last().run != lastRun ? 0 : acks.last().save;
    const crash::PlannedSave inFlight = crash::plannedSave(questions, lastRun, lastSave + 1);
    CHECK_FALSE(savedByNote.contains(crash::plannedSave(questions, lastRun, lastSave + 2).note));
    if (savedByNote.contains(inFlight.note)) {
        ++totals.inFlightCommitted;
        const Acknowledged committed {lastRun, lastSave + 1, inFlight.questionId, inFlight.value,
                                      latest.contains(inFlight.questionId) ? latest.value(inFlight.questionId).revision + 1 : 1};
        checkInTrail(committed);
        unacknowledged << committed;
        latest.insert(committed.questionId, committed);
    }

    // The answers themselves: each question holds its last save.
    auto stored = AnswerStore(ws).answers(engagement);
    REQUIRE(stored.ok());
    QHash<QString, Answer> byQuestion;
    for (const auto &a : *stored)
        byQuestion.insert(a.questionId, a);
    CHECK(byQuestion.size() == latest.size());
    for (auto it = latest.cbegin(); it != latest.cend(); ++it) {
        INFO("question " << it.key().toStdString());
        REQUIRE(byQuestion.contains(it.key()));
        const Answer &a = byQuestion.value(it.key());
        CHECK(a.value == it->value);
        CHECK(a.note == noteOf(*it));
        CHECK(a.revision == it->revision);
        // The table and the trail agree on how often the question was answered.
        CHECK(a.revision == savesPerQuestion.value(it.key()));
    }
    totals.checked += int(acks.size());
}

} // namespace

TEST_CASE("answers reported saved survive SIGKILL at random moments and the workspace stays intact", "[crash]")
{
    const quint64 seed = seedFromEnvironment();
    const int iterations = iterationsFromEnvironment();
    std::cout << "kill test: seed " << seed << " (BULKHEAD_KILL_SEED=" << seed << " repeats this run), " << iterations << " kills"
              << std::endl;
    INFO("seed " << seed);
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<int> delay(0, 300);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("crash.bulkhead"));
    const ContentLibrary library = ContentLibrary::builtIn();
    const QStringList questions = crash::plannedQuestions(library);
    REQUIRE(questions.size() == crash::kQuestions);
    qint64 engagement = 0;
    {
        auto ws = test::openWorkspace(dir, QStringLiteral("crash.bulkhead"));
        Engagement e;
        e.client = QStringLiteral("Kill Test Ltd");
        e.system = QStringLiteral("Orders API");
        e.csp = QStringLiteral("Amazon ECS");
        auto created = EngagementStore(*ws).create(e, library);
        REQUIRE(created.ok());
        engagement = *created;
    }

    QElapsedTimer timer;
    timer.start();
    QList<Acknowledged> acks;
    QList<Acknowledged> unacknowledged; // committed, but killed before the line was printed
    Totals totals;
    for (int run = 1; run <= iterations; ++run) {
        const int delayMs = delay(random);
        INFO("kill " << run << " after " << delayMs << " ms");
        const QList<Acknowledged> printed = completeLines(runAndKill(path, engagement, run, delayMs));
        REQUIRE(!printed.isEmpty());
        for (int i = 0; i < printed.size(); ++i) {
            CHECK(printed.at(i).run == run);
            CHECK(printed.at(i).save == i + 1); // no line lost or repeated
        }
        acks += printed;
        totals.acknowledged += int(printed.size());
        checkAfterKill(path, engagement, questions, acks, unacknowledged, run, totals);
    }
    std::cout << "kill test: " << iterations << " kills in " << timer.elapsed() << " ms, " << totals.acknowledged
              << " answers acknowledged, " << totals.checked << " acknowledged answers checked across all kills, "
              << totals.inFlightCommitted << " kills landed after a commit and before its acknowledgement" << std::endl;
    CHECK(totals.acknowledged >= iterations);

    // The command line agrees that the trail is whole.
    QProcess cli;
    cli.start(test::cliPath(), {QStringLiteral("--workspace"), path, QStringLiteral("audit"), QStringLiteral("verify")});
    REQUIRE(cli.waitForFinished(60000));
    CHECK(cli.exitCode() == 0);
    CHECK(QString::fromUtf8(cli.readAllStandardOutput()).startsWith(QStringLiteral("audit trail intact: ")));
}
