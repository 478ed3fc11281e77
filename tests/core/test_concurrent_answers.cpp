// Colleagues answering one engagement at once, each in their own program: eight writer
// processes (tests/tools/answer_writer.cpp) save 200 answers each to the same 40 questions,
// every save expecting the revision its writer last read. Run on SQLite (test_store) and on
// PostgreSQL (test_store_postgres): no acknowledged answer may be lost or counted twice, every
// question's revisions run 1, 2, 3 ... with one acknowledged save each, the stored answer is
// the last one acknowledged, and the audit trail is one unbroken chain holding every save.
#include "AnswerStore.h"
#include "AuditTrail.h"
#include "ContentLibrary.h"
#include "EngagementStore.h"
#include "TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QSqlQuery>

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <vector>

using namespace bulkhead;

namespace {

constexpr int kWriters = 8;
constexpr int kSavesEach = 200;
constexpr int kQuestions = 40;

struct Ack {
    int revision = 0;
    QString value;
    int writer = 0;
    int sequence = 0;
};

} // namespace

TEST_CASE("Eight writer processes saving 200 answers each lose none, count none twice and keep one audit chain")
{
    const ContentLibrary library = ContentLibrary::builtIn();
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    Engagement e;
    e.client = QStringLiteral("Example Health");
    e.system = QStringLiteral("Claims API");
    e.csp = QStringLiteral("Amazon ECS");
    auto id = EngagementStore(*ws).create(e, library);
    REQUIRE(id.ok());
    const qint64 engagement = *id;
    QStringList questions;
    for (const auto &questionnaire : library.questionnaires())
        for (const auto &section : questionnaire.sections)
            for (const auto &question : section.questions)
                if (question.type == QuestionType::YesNo && questions.size() < kQuestions)
                    questions << question.id;
    REQUIRE(questions.size() == kQuestions);

    std::vector<std::unique_ptr<QProcess>> writers;
    for (int w = 0; w < kWriters; ++w) {
        auto p = std::make_unique<QProcess>();
        p->start(test::answerWriterPath(),
                 QStringList {ws->path(), QString::number(engagement), QString::number(w), QString::number(kSavesEach)} + questions);
        REQUIRE(p->waitForStarted(30000));
        writers.push_back(std::move(p));
    }
    QMap<QString, QList<Ack>> acks; // question -> acknowledged saves
    int acknowledged = 0;
    int conflicts = 0;
    for (int w = 0; w < kWriters; ++w) {
        QProcess &p = *writers.at(static_cast<size_t>(w));
        REQUIRE(p.waitForFinished(600000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        INFO("writer " << w << ": " << err.toStdString());
        CHECK(p.exitStatus() == QProcess::NormalExit);
        CHECK(p.exitCode() == 0);
        const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        REQUIRE(lines.size() == kSavesEach + 1);
        for (const QString &line : lines.mid(0, kSavesEach)) {
            const QStringList f = line.split(QLatin1Char(' '));
            REQUIRE(f.size() == 6);
            REQUIRE(f.at(0) == QStringLiteral("ack"));
            CHECK(f.at(4).toInt() == w);
            acks[f.at(1)].append({f.at(2).toInt(), f.at(3), f.at(4).toInt(), f.at(5).toInt()});
            ++acknowledged;
        }
        const QStringList done = lines.last().split(QLatin1Char(' '));
        REQUIRE(done.size() == 3);
        CHECK(done.at(0) == QStringLiteral("done"));
        conflicts += done.at(2).toInt();
    }
    REQUIRE(acknowledged == kWriters * kSavesEach);
    UNSCOPED_INFO("conflicts met and retried: " << conflicts);

    // Each question's acknowledged revisions are exactly 1..n: a revision acknowledged twice
    // would be one save silently overwriting another, a gap a save that was never acknowledged.
    REQUIRE(acks.size() == kQuestions);
    auto stored = AnswerStore(*ws).answers(engagement);
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == kQuestions);
    for (const Answer &answer : *stored) {
        INFO(answer.questionId.toStdString());
        QList<Ack> saves = acks.value(answer.questionId);
        std::sort(saves.begin(), saves.end(), [](const Ack &a, const Ack &b) { return a.revision < b.revision; });
        for (qsizetype i = 0; i < saves.size(); ++i)
            CHECK(saves.at(i).revision == i + 1);
        REQUIRE_FALSE(saves.isEmpty());
        CHECK(answer.revision == saves.size());
        CHECK(answer.value == saves.last().value);
        CHECK(answer.note == QStringLiteral("writer %1 save %2").arg(saves.last().writer).arg(saves.last().sequence));
        CHECK(answer.answeredBy == QStringLiteral("writer-%1").arg(saves.last().writer));
    }

    // The trail holds every acknowledged save once, each question's in revision order.
    auto events = AuditTrail(*ws).events(engagement);
    REQUIRE(events.ok());
    QMap<QString, QList<int>> audited;
    for (const AuditEvent &event : *events) {
        if (event.action != QLatin1String("answer.save"))
            continue;
        const QJsonObject after = QJsonDocument::fromJson(event.after.toUtf8()).object();
        audited[after.value(QStringLiteral("question")).toString()].append(after.value(QStringLiteral("revision")).toInt());
    }
    int auditedSaves = 0;
    for (auto it = audited.cbegin(); it != audited.cend(); ++it) {
        INFO(it.key().toStdString());
        QList<int> expected;
        for (int r = 1; r <= acks.value(it.key()).size(); ++r)
            expected << r;
        CHECK(it.value() == expected);
        auditedSaves += static_cast<int>(it.value().size());
    }
    CHECK(auditedSaves == kWriters * kSavesEach);
    auto verified = AuditTrail(*ws).verify();
    REQUIRE(verified.ok());
    INFO(verified->problem.toStdString());
    CHECK(verified->ok());
    CHECK(verified->eventsChecked == 11 + kWriters * kSavesEach); // create and 10 pins, then every save
}
