// POA&M due days by risk level as workspace settings: they move the due dates of engagements
// still being worked on, are refused when they are not whole days from 1 to 3650, and an
// approval freezes the days in force (recorded in its audit event, covered by the content
// hash), so an approved engagement keeps its due dates and its trail verifies.
#include "AuditTrail.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "PoamPolicySettings.h"
#include "StoredEngagement.h"
#include "TestSupport.h"
#include "WorkspaceSettings.h"

#include <QJsonDocument>
#include <QSqlQuery>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

// The demo: engagement 1 approved (11 high POA&M items), 2 in review (59 moderate, 14 low),
// 3 a draft (26 high items).
struct Demo {
    QTemporaryDir dir;
    std::unique_ptr<Workspace> ws;
    ContentLibrary library = ContentLibrary::builtIn();

    Demo()
    {
        ws = test::openWorkspace(dir);
        auto ids = buildDemo(*ws, library);
        REQUIRE(ids.ok());
        REQUIRE(*ids == QList<qint64> {1, 2, 3});
    }

    QList<PoamItem> poam(qint64 id, std::optional<PoamPolicy> policy = std::nullopt)
    {
        auto scored = loadAndScore(*ws, library, id, policy);
        INFO((scored ? QString() : scored.error().toString()).toStdString());
        REQUIRE(scored.ok());
        return scored->card.poam;
    }

    void set(const char *key, const char *value)
    {
        auto saved = WorkspaceSettings(*ws).set(QString::fromLatin1(key), QString::fromLatin1(value));
        INFO((saved ? QString() : saved.error().toString()).toStdString());
        REQUIRE(saved.ok());
    }

    Engagement engagement(qint64 id)
    {
        auto e = EngagementStore(*ws).get(id);
        REQUIRE(e.ok());
        return *e;
    }

    QString contentHash(qint64 id)
    {
        auto hash = EngagementStore(*ws).contentHash(id);
        REQUIRE(hash.ok());
        return *hash;
    }

    // The `after` of the engagement's latest approval event.
    QJsonObject lastApproval(qint64 id)
    {
        auto events = AuditTrail(*ws).events(id);
        REQUIRE(events.ok());
        for (auto it = events->crbegin(); it != events->crend(); ++it) {
            if (it->action == QLatin1String("engagement.approve"))
                return QJsonDocument::fromJson(it->after.toUtf8()).object();
        }
        FAIL("engagement " << id << " has no approval event");
        return {};
    }

    void requireVerifies()
    {
        auto verified = AuditTrail(*ws).verify();
        REQUIRE(verified.ok());
        INFO(verified->problem.toStdString());
        CHECK(verified->ok());
    }
};

QList<PoamItem> ofLevel(const QList<PoamItem> &items, Level level)
{
    QList<PoamItem> selected;
    for (const auto &item : items) {
        if (item.level == level)
            selected.append(item);
    }
    return selected;
}

// Every item of the level is due `days` after it was detected.
void requireDueAfter(const QList<PoamItem> &items, Level level, qsizetype count, int days)
{
    const auto selected = ofLevel(items, level);
    REQUIRE(selected.size() == count);
    for (const auto &item : selected) {
        INFO(item.id.toStdString() << " detected " << item.detected.toString(Qt::ISODate).toStdString());
        CHECK(item.due == item.detected.addDays(days));
    }
}

QList<QPair<QString, QDate>> dueDates(const QList<PoamItem> &items)
{
    QList<QPair<QString, QDate>> dates;
    for (const auto &item : items)
        dates.append({item.id, item.due});
    return dates;
}

QJsonObject dueDays(int veryHigh, int high, int moderate, int low, int veryLow)
{
    return {{QStringLiteral("very_high"), veryHigh},
            {QStringLiteral("high"), high},
            {QStringLiteral("moderate"), moderate},
            {QStringLiteral("low"), low},
            {QStringLiteral("very_low"), veryLow}};
}

} // namespace

TEST_CASE("Setting poam.due_days.high to 14 moves a draft engagement's high items to detection + 14 days")
{
    Demo demo;
    REQUIRE(demo.engagement(3).status == EngagementStatus::Draft);
    const auto before = demo.poam(3);
    requireDueAfter(before, Level::High, 26, 30);
    const PoamItem first = ofLevel(before, Level::High).first();
    CHECK(first.id == QLatin1String("POAM-003"));
    CHECK(first.detected == QDate(2026, 11, 25));
    CHECK(first.due == QDate(2026, 12, 25));

    demo.set("poam.due_days.high", "14");
    auto policy = poamPolicyFromSettings(*demo.ws);
    REQUIRE(policy.ok());
    CHECK(policy->dueDays
          == QMap<Level, int> {{Level::VeryHigh, 30}, {Level::High, 14}, {Level::Moderate, 90}, {Level::Low, 180}, {Level::VeryLow, 365}});

    const auto after = demo.poam(3);
    requireDueAfter(after, Level::High, 26, 14);
    CHECK(ofLevel(after, Level::High).first().due == QDate(2026, 12, 9));
    requireDueAfter(after, Level::Moderate, 35, 90); // the other levels keep their defaults
    requireDueAfter(after, Level::Low, 4, 180);

    // An explicit policy still wins over the settings.
    requireDueAfter(demo.poam(3, PoamPolicy()), Level::High, 26, 30);
    // Empty puts the default back.
    demo.set("poam.due_days.high", "");
    requireDueAfter(demo.poam(3), Level::High, 26, 30);
}

TEST_CASE("Due days that are not whole days from 1 to 3650 are refused, naming the key and value, and nothing is stored")
{
    Demo demo;
    demo.set("poam.due_days.moderate", "60");
    WorkspaceSettings settings(*demo.ws);
    auto eventsBefore = AuditTrail(*demo.ws).events();
    REQUIRE(eventsBefore.ok());

    const QList<QPair<QString, QString>> refused = {
        {QStringLiteral("poam.due_days.high"), QStringLiteral("0")},
        {QStringLiteral("poam.due_days.high"), QStringLiteral("3651")},
        {QStringLiteral("poam.due_days.very_low"), QStringLiteral("-5")},
        {QStringLiteral("poam.due_days.moderate"), QStringLiteral("14.5")},
        {QStringLiteral("poam.due_days.low"), QStringLiteral("two weeks")},
        {QStringLiteral("poam.due_days.very_high"), QStringLiteral("99999999999")},
    };
    for (const auto &[key, value] : refused) {
        auto saved = settings.set(key, value);
        REQUIRE_FALSE(saved.ok());
        CHECK(saved.error().message == QStringLiteral("%1 '%2' is not a whole number of days from 1 to 3650").arg(key, value));
    }
    CHECK(settings.set(QStringLiteral("poam.due_days.high"), QStringLiteral("0")).error().message
          == QLatin1String("poam.due_days.high '0' is not a whole number of days from 1 to 3650"));

    auto stored = settings.all();
    REQUIRE(stored.ok());
    CHECK(*stored == QMap<QString, QString> {{QStringLiteral("poam.due_days.moderate"), QStringLiteral("60")}});
    auto eventsAfter = AuditTrail(*demo.ws).events();
    REQUIRE(eventsAfter.ok());
    CHECK(eventsAfter->size() == eventsBefore->size());

    // The bounds are accepted, and stored as plain numbers.
    demo.set("poam.due_days.very_high", "1");
    demo.set("poam.due_days.very_low", " 3650 ");
    demo.set("poam.due_days.low", "0021");
    auto values = settings.values({QStringLiteral("poam.due_days.very_high"), QStringLiteral("poam.due_days.very_low"),
                                   QStringLiteral("poam.due_days.low"), QStringLiteral("poam.due_days.high")});
    REQUIRE(values.ok());
    CHECK(*values
          == QMap<QString, QString> {{QStringLiteral("poam.due_days.very_high"), QStringLiteral("1")},
                                     {QStringLiteral("poam.due_days.very_low"), QStringLiteral("3650")},
                                     {QStringLiteral("poam.due_days.low"), QStringLiteral("21")}});
}

TEST_CASE("An approved engagement keeps its due dates when the settings change, and its trail still verifies")
{
    Demo demo;
    const Engagement approved = demo.engagement(1);
    REQUIRE(approved.status == EngagementStatus::Approved);
    // The demo was approved under the defaults, and its approval says so.
    CHECK(demo.lastApproval(1).value(QStringLiteral("poam_due_days")).toObject() == dueDays(30, 30, 90, 180, 365));
    const auto before = demo.poam(1);
    requireDueAfter(before, Level::High, 11, 30);
    CHECK(ofLevel(before, Level::High).first().id == QLatin1String("POAM-015"));
    CHECK(ofLevel(before, Level::High).first().due == QDate(2025, 12, 7));

    demo.set("poam.due_days.very_high", "7");
    demo.set("poam.due_days.high", "14");
    demo.set("poam.due_days.moderate", "45");
    demo.set("poam.due_days.low", "60");

    const auto after = demo.poam(1);
    CHECK(dueDates(after) == dueDates(before));
    requireDueAfter(after, Level::High, 11, 30);
    requireDueAfter(after, Level::Moderate, 81, 90);
    CHECK(demo.contentHash(1) == approved.approvedContentHash);
    demo.requireVerifies();
    // Only the engagements still open follow the settings.
    requireDueAfter(demo.poam(3), Level::High, 26, 14);
    requireDueAfter(demo.poam(2), Level::Moderate, 59, 45);
}

TEST_CASE("Approving records the due days in force, and reopening and approving again records the new ones")
{
    Demo demo;
    EngagementStore store(*demo.ws);
    REQUIRE(demo.engagement(2).status == EngagementStatus::InReview);
    const QString draftHash = demo.contentHash(2);

    demo.set("poam.due_days.moderate", "60");
    demo.set("poam.due_days.high", "14");
    REQUIRE(store.approve(2).ok());
    CHECK(demo.lastApproval(2).value(QStringLiteral("poam_due_days")).toObject() == dueDays(30, 14, 60, 180, 365));
    auto recorded = store.approvedPoamPolicy(2);
    REQUIRE(recorded.ok());
    CHECK(recorded->dueDays.value(Level::Moderate) == 60);
    // Days other than the defaults are content: the approval's hash covers them.
    const QString firstApproval = demo.engagement(2).approvedContentHash;
    CHECK(demo.lastApproval(2).value(QStringLiteral("content_hash")).toString() == firstApproval);
    CHECK(firstApproval != draftHash);
    CHECK(demo.contentHash(2) == firstApproval);
    requireDueAfter(demo.poam(2), Level::Moderate, 59, 60);

    demo.set("poam.due_days.moderate", "120");
    requireDueAfter(demo.poam(2), Level::Moderate, 59, 60); // frozen
    demo.requireVerifies();

    REQUIRE(store.reopen(2, QStringLiteral("due days revised by the firm")).ok());
    CHECK(demo.contentHash(2) == draftHash); // not approved: the days are not hashed
    requireDueAfter(demo.poam(2), Level::Moderate, 59, 120);
    REQUIRE(store.submit(2).ok());
    REQUIRE(store.approve(2).ok());
    CHECK(demo.lastApproval(2).value(QStringLiteral("poam_due_days")).toObject() == dueDays(30, 14, 120, 180, 365));
    const QString secondApproval = demo.engagement(2).approvedContentHash;
    CHECK(secondApproval != firstApproval);
    CHECK(secondApproval != draftHash);
    demo.set("poam.due_days.moderate", "");
    requireDueAfter(demo.poam(2), Level::Moderate, 59, 120);
    demo.requireVerifies();

    // Approved under the defaults again, the engagement hashes exactly as before the days were
    // a setting.
    demo.set("poam.due_days.high", "");
    REQUIRE(store.reopen(2, QStringLiteral("back to the firm's defaults")).ok());
    REQUIRE(store.submit(2).ok());
    REQUIRE(store.approve(2).ok());
    CHECK(demo.lastApproval(2).value(QStringLiteral("poam_due_days")).toObject() == dueDays(30, 30, 90, 180, 365));
    CHECK(demo.engagement(2).approvedContentHash == draftHash);
    demo.requireVerifies();
}

TEST_CASE("An approval recorded before the due days were a setting means the defaults, and still verifies")
{
    Demo demo;
    const QString hash = demo.contentHash(2);
    // What approve() wrote before this change: status, hash and an event without poam_due_days.
    auto approved = demo.ws->write([&]() -> Status {
        QSqlQuery q = demo.ws->query();
        q.prepare(QStringLiteral("UPDATE engagement SET status = 'approved', approved_hash = ? WHERE id = 2"));
        q.addBindValue(hash);
        if (!q.exec())
            return demo.ws->sqlError(q, QStringLiteral("approving the old way"));
        return AuditTrail(*demo.ws).append(
            2, QStringLiteral("engagement.approve"), QStringLiteral("engagement:2"),
            {{QStringLiteral("status"), QStringLiteral("in_review")}},
            {{QStringLiteral("status"), QStringLiteral("approved")}, {QStringLiteral("content_hash"), hash}});
    });
    INFO((approved ? QString() : approved.error().toString()).toStdString());
    REQUIRE(approved.ok());
    REQUIRE_FALSE(demo.lastApproval(2).contains(QStringLiteral("poam_due_days")));

    demo.set("poam.due_days.moderate", "45");
    auto recorded = EngagementStore(*demo.ws).approvedPoamPolicy(2);
    REQUIRE(recorded.ok());
    CHECK(recorded->dueDays == PoamPolicy().dueDays);
    requireDueAfter(demo.poam(2), Level::Moderate, 59, 90);
    CHECK(demo.contentHash(2) == hash);
    demo.requireVerifies();
}
