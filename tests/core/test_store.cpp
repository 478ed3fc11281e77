// The workspace store: engagements, answers, overrides, the review workflow with its
// approval freeze, the audit hash chain, and questionnaire versions and catalogues pinned per
// engagement.
#include "AnswerStore.h"
#include "AuditTrail.h"
#include "CataloguePins.h"
#include "ContentLibrary.h"
#include "EngagementStore.h"
#include "QuestionnairePins.h"
#include "ScoreJson.h"
#include "StoredEngagement.h"
#include "TestSupport.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

const ContentLibrary &builtIn()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

WorkspaceOptions testOptions()
{
    WorkspaceOptions o;
    o.actor = QStringLiteral("d.whitfield");
    o.clock = test::steppingClock(QDateTime(QDate(2026, 2, 3), QTime(9, 0), Qt::UTC));
    return o;
}

Engagement sample()
{
    Engagement e;
    e.client = QStringLiteral("Example Health");
    e.system = QStringLiteral("Claims API");
    e.csp = QStringLiteral("Amazon ECS");
    e.architecture = QStringLiteral("hybrid");
    e.infrastructure = QStringLiteral("converged");
    e.impact = QStringLiteral("high");
    e.assessor = QStringLiteral("Dana Whitfield");
    return e;
}

qint64 create(Workspace &ws, const ContentLibrary &lib = builtIn())
{
    auto id = EngagementStore(ws).create(sample(), lib);
    INFO((id ? QString() : id.error().toString()).toStdString());
    REQUIRE(id.ok());
    return *id;
}

Result<Answer> save(Workspace &ws, qint64 id, const QString &q, const QString &v, const ContentLibrary &lib = builtIn())
{
    return AnswerStore(ws).save(id, {q, v, QStringLiteral("note"), QStringLiteral("examine"), QStringLiteral("M. Ortega")}, lib);
}

int count(Workspace &ws, const QString &sql)
{
    QSqlQuery q = ws.query();
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toInt();
}

} // namespace

TEST_CASE("Engagements are created with their fields and listed in order")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    const qint64 first = create(*ws);
    Engagement other = sample();
    other.client = QStringLiteral("Second Client");
    other.impact = QStringLiteral("low");
    auto second = EngagementStore(*ws).create(other, builtIn());
    REQUIRE(second.ok());
    CHECK(first == 1);
    CHECK(*second == 2);
    auto all = EngagementStore(*ws).list();
    REQUIRE(all.ok());
    REQUIRE(all->size() == 2);
    CHECK(all->at(0).client == QStringLiteral("Example Health"));
    CHECK(all->at(0).baseline() == Baseline::High);
    CHECK(all->at(0).status == EngagementStatus::Draft);
    CHECK(all->at(0).createdAt == QDateTime(QDate(2026, 2, 3), QTime(9, 0), Qt::UTC));
    CHECK(all->at(1).baseline() == Baseline::Low);
    REQUIRE(builtIn().questionnaires().size() == 7);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM engagement_questionnaire")) == 14); // seven questionnaires each
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM questionnaire_version")) == 7); // each stored once
}

TEST_CASE("Invalid engagement fields are refused")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    Engagement e = sample();
    e.architecture = QStringLiteral("serverless");
    auto bad = EngagementStore(*ws).create(e, builtIn());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == QStringLiteral("architecture 'serverless' is not one of typical, hybrid"));
    e = sample();
    e.client = QStringLiteral("  ");
    CHECK(EngagementStore(*ws).create(e, builtIn()).error().message == QStringLiteral("the client name is empty"));
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM engagement")) == 0);
}

TEST_CASE("Answers are validated, revised and durable when save returns")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    const qint64 id = create(*ws);

    auto first = save(*ws, id, QStringLiteral("arch.host.hardening"), QStringLiteral("partial"));
    REQUIRE(first.ok());
    CHECK(first->revision == 1);
    CHECK(first->status == ImplementationStatus::Partial);
    CHECK(first->answeredBy == QStringLiteral("d.whitfield"));
    CHECK(first->questionnaireKey == QStringLiteral("architecture"));
    CHECK(first->questionnaireVersion == 2);
    auto second = save(*ws, id, QStringLiteral("arch.host.hardening"), QStringLiteral("yes"));
    REQUIRE(second.ok());
    CHECK(second->revision == 2);

    // A second connection (another process would see the same) reads the committed answer.
    auto other = Workspace::open(ws->path());
    REQUIRE(other.ok());
    auto seen = AnswerStore(**other).answers(id);
    REQUIRE(seen.ok());
    REQUIRE(seen->size() == 1);
    CHECK(seen->at(0).value == QStringLiteral("yes"));
    CHECK(seen->at(0).revision == 2);
    CHECK(seen->at(0).method == QStringLiteral("examine"));
    CHECK(seen->at(0).interviewee == QStringLiteral("M. Ortega"));

    auto unknown = save(*ws, id, QStringLiteral("arch.host.colour"), QStringLiteral("yes"));
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message == QStringLiteral("there is no question 'arch.host.colour' in the questionnaires of engagement 1"));
    auto outside = save(*ws, id, QStringLiteral("arch.platform.model"), QStringLiteral("serverless"));
    REQUIRE_FALSE(outside.ok());
    CHECK(outside.error().message
          == QStringLiteral("question 'arch.platform.model': 'serverless' is not one of the options (typical, hybrid)"));
    auto maybe = save(*ws, id, QStringLiteral("arch.host.patching"), QStringLiteral("maybe"));
    REQUIRE_FALSE(maybe.ok());
    CHECK(maybe.error().message.contains(QStringLiteral("'maybe' is not an answer to a yes/no question")));
    auto method = AnswerStore(*ws).save(id, {QStringLiteral("arch.host.patching"), QStringLiteral("yes"), {}, QStringLiteral("guess"), {}},
                                        builtIn());
    CHECK(method.error().message == QStringLiteral("method 'guess' is not one of examine, interview, test"));
    auto multi = save(*ws, id, QStringLiteral("arch.infrastructure.storage_attachment"), QStringLiteral("iscsi,nfs"));
    REQUIRE(multi.ok());
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM answer")) == 2);
    auto noEngagement = save(*ws, 42, QStringLiteral("arch.host.patching"), QStringLiteral("yes"));
    CHECK(noEngagement.error().message == QStringLiteral("there is no engagement 42 in this workspace"));
}

TEST_CASE("Risk overrides need a rationale and a known risk")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    const qint64 id = create(*ws);
    AnswerStore store(*ws);
    RiskOverride o {id, QStringLiteral("risk.access_control"), Level::Low, std::nullopt, QStringLiteral("  "), {}, {}};
    CHECK(store.setRiskOverride(o, builtIn()).error().message == QStringLiteral("overriding risk 'risk.access_control' needs a rationale"));
    o.rationale = QStringLiteral("Rootless engine verified on all nodes.");
    o.riskId = QStringLiteral("risk.nope");
    CHECK(store.setRiskOverride(o, builtIn()).error().message == QStringLiteral("there is no risk 'risk.nope' in the risk catalogue"));
    o.riskId = QStringLiteral("risk.access_control");
    REQUIRE(store.setRiskOverride(o, builtIn()).ok());
    o.likelihood = Level::VeryLow; // a second override replaces the first
    REQUIRE(store.setRiskOverride(o, builtIn()).ok());
    auto all = store.riskOverrides(id);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 1);
    CHECK(all->at(0).likelihood == Level::VeryLow);
    CHECK_FALSE(all->at(0).impact.has_value());
    CHECK(all->at(0).overriddenBy == QStringLiteral("d.whitfield"));

    auto scored = loadAndScore(*ws, builtIn(), id);
    REQUIRE(scored.ok());
    bool found = false;
    for (const auto &r : scored->card.risks) {
        if (r.id != QStringLiteral("risk.access_control"))
            continue;
        found = true;
        CHECK(r.overridden);
        CHECK(r.likelihood == Level::VeryLow);
        CHECK(r.level == Level::Low); // very low x high
    }
    CHECK(found);
}

TEST_CASE("Workflow: draft, in review, approved, where approval freezes and reopening needs a reason")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    const qint64 id = create(*ws);
    REQUIRE(save(*ws, id, QStringLiteral("arch.host.hardening"), QStringLiteral("yes")).ok());
    EngagementStore store(*ws);

    CHECK(store.approve(id).error().message == QStringLiteral("engagement 1 is draft; approve needs it to be in_review"));
    REQUIRE(store.submit(id).ok());
    REQUIRE(store.approve(id).ok());
    auto approved = store.get(id);
    REQUIRE(approved.ok());
    CHECK(approved->status == EngagementStatus::Approved);
    CHECK(approved->approvedContentHash.size() == 64);
    CHECK(approved->approvedContentHash == *store.contentHash(id));

    const QString frozen = QStringLiteral("engagement 1 is approved and cannot be changed; reopen it with a reason first");
    CHECK(save(*ws, id, QStringLiteral("arch.host.hardening"), QStringLiteral("no")).error().message == frozen);
    CHECK(
        AnswerStore(*ws)
            .setRiskOverride({id, QStringLiteral("risk.access_control"), Level::Low, std::nullopt, QStringLiteral("r"), {}, {}}, builtIn())
            .error()
            .message
        == frozen);
    Engagement renamed = *approved;
    renamed.client = QStringLiteral("Renamed");
    CHECK(store.update(renamed).error().message == frozen);
    CHECK(store.submit(id).error().message.contains(QStringLiteral("is approved")));
    auto kept = AnswerStore(*ws).answers(id);
    REQUIRE(kept.ok());
    CHECK(kept->at(0).value == QStringLiteral("yes"));

    CHECK(store.reopen(id, QStringLiteral("   ")).error().message == QStringLiteral("reopening engagement 1 needs a reason"));
    REQUIRE(store.reopen(id, QStringLiteral("Client supplied the 2026 restore test report.")).ok());
    CHECK(store.get(id)->status == EngagementStatus::Draft);
    CHECK(store.get(id)->approvedContentHash.isEmpty());
    REQUIRE(save(*ws, id, QStringLiteral("arch.host.hardening"), QStringLiteral("no")).ok());
    REQUIRE(store.update(renamed).ok());
    CHECK(store.get(id)->client == QStringLiteral("Renamed"));

    auto events = AuditTrail(*ws).events(id);
    REQUIRE(events.ok());
    QStringList actions;
    for (const auto &e : *events)
        actions << e.action;
    const QStringList pins(7, QStringLiteral("questionnaire.pin")); // one per built-in questionnaire
    const QStringList catalogues(3, QStringLiteral("catalogue.pin")); // risks, controls, criteria
    CHECK(actions
          == QStringList {QStringLiteral("engagement.create")} + pins + catalogues
              + QStringList {QStringLiteral("answer.save"), QStringLiteral("engagement.submit"), QStringLiteral("engagement.approve"),
                             QStringLiteral("engagement.reopen"), QStringLiteral("answer.save"), QStringLiteral("engagement.update")});
    CHECK(events->at(14).after.contains(QStringLiteral("Client supplied the 2026 restore test report.")));
    CHECK(events->at(15).before.contains(QStringLiteral("\"value\":\"yes\"")));
    CHECK(events->at(15).after.contains(QStringLiteral("\"value\":\"no\"")));
    CHECK(events->at(15).actor == QStringLiteral("d.whitfield"));
}

TEST_CASE("The database itself refuses changes to an approved engagement")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    const qint64 id = create(*ws);
    REQUIRE(save(*ws, id, QStringLiteral("arch.host.hardening"), QStringLiteral("yes")).ok());
    REQUIRE(EngagementStore(*ws).submit(id).ok());
    REQUIRE(EngagementStore(*ws).approve(id).ok());

    // Another tool writing to the file directly, past the application's checks.
    const QString path = ws->path();
    CHECK(test::engineShell(path, QStringLiteral("UPDATE answer SET answer_value = 'no' WHERE engagement_id = 1")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("DELETE FROM answer WHERE engagement_id = 1")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("UPDATE engagement SET client = 'x' WHERE id = 1")) != 0);
    CHECK(test::engineShell(
              path, QStringLiteral("INSERT INTO risk_adjustment VALUES (1, 'risk.access_control', 'low', NULL, 'r', 'm', '2026-01-01')"))
          != 0);
    CHECK(test::engineShell(path, QStringLiteral("DELETE FROM audit_event WHERE id = 1")) != 0);
    QSqlQuery q = ws->query();
    CHECK_FALSE(q.exec(QStringLiteral("INSERT INTO answer (engagement_id, question_id, answer_value, implementation_status, answered_by, "
                                      "answered_at, revision, questionnaire_version_id) "
                                      "VALUES (1, 'arch.host.patching', 'yes', 'implemented', 'x', '2026-01-01', 1, 1)")));
    CHECK(q.lastError().databaseText().contains(QStringLiteral("engagement is approved and cannot be changed")));
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM answer WHERE answer_value = 'yes'")) == 1);
    // Reopening is the one change allowed.
    CHECK(test::engineShell(path, QStringLiteral("UPDATE engagement SET status = 'draft' WHERE id = 1")) == 0);
}

TEST_CASE("The audit chain verifies, and names the first event edited or removed behind its back")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    const qint64 id = create(*ws);
    for (const auto &v : {QStringLiteral("yes"), QStringLiteral("partial"), QStringLiteral("no")})
        REQUIRE(save(*ws, id, QStringLiteral("arch.host.hardening"), v).ok());
    AuditTrail trail(*ws);
    auto clean = trail.verify();
    REQUIRE(clean.ok());
    CHECK(clean->ok());
    CHECK(clean->eventsChecked == 14); // create, seven questionnaire pins, three catalogue pins, three answers (events 12 to 14)
    auto events = trail.events();
    REQUIRE(events->size() == 14);
    CHECK(events->at(0).prevHash == QString(64, QLatin1Char('0')));
    for (int i = 1; i < 14; ++i)
        CHECK(events->at(i).prevHash == events->at(i - 1).hash);
    CHECK(AuditTrail::computeHash(events->at(3)) == events->at(3).hash);

    const QString path = ws->path();
    SECTION("an edited event")
    {
        REQUIRE(test::engineShell(
                    path,
                    test::dropTriggerSql(QStringLiteral("audit_event_no_update"), QStringLiteral("audit_event"))
                        + QStringLiteral("; UPDATE audit_event SET after_state = replace(after_state, 'partial', 'yes') WHERE id = 13;"))
                == 0);
        auto v = trail.verify();
        REQUIRE(v.ok());
        CHECK(v->firstBrokenEvent == 13);
        CHECK(v->eventsChecked == 13);
        CHECK(v->problem == QStringLiteral("event 13 was changed after it was written (its hash does not match its content)"));
    }
    SECTION("an edited event whose hash was recomputed breaks the link of the next one")
    {
        auto forged = events->at(2);
        forged.actor = QStringLiteral("mallory");
        const QString hash = AuditTrail::computeHash(forged);
        REQUIRE(test::engineShell(path,
                                  test::dropTriggerSql(QStringLiteral("audit_event_no_update"), QStringLiteral("audit_event"))
                                      + QStringLiteral("; UPDATE audit_event SET actor = 'mallory', hash = '%1' WHERE id = 3;").arg(hash))
                == 0);
        auto v = trail.verify();
        CHECK(v->firstBrokenEvent == 4);
        CHECK(v->problem.contains(QStringLiteral("does not link to the event before it")));
    }
    SECTION("the last event removed")
    {
        REQUIRE(test::engineShell(path,
                                  test::dropTriggerSql(QStringLiteral("audit_event_no_delete"), QStringLiteral("audit_event"))
                                      + QStringLiteral("; DELETE FROM audit_event WHERE id = 14;"))
                == 0);
        auto v = trail.verify();
        CHECK(v->firstBrokenEvent == 14);
        CHECK(v->problem
              == QStringLiteral("the trail ends at event 13, but event 14 was recorded as its last: events were removed from the end"));
    }
    SECTION("the last event removed and the recorded end forged to match")
    {
        REQUIRE(test::engineShell(
                    path,
                    test::dropTriggerSql(QStringLiteral("audit_event_no_delete"), QStringLiteral("audit_event"))
                        + QStringLiteral("; DELETE FROM audit_event WHERE id = 14; "
                                         "UPDATE audit_head SET last_id = 13, last_hash = (SELECT hash FROM audit_event WHERE id = 13);"))
                == 0);
        auto v = trail.verify();
        CHECK_FALSE(v->ok());
        CHECK_FALSE(v->firstBrokenEvent.has_value());
        CHECK(v->problem
              == QStringLiteral("the answer engagement:1/answer:arch.host.hardening differs from the last audit event that changed it"));
    }
    SECTION("an answer changed without the application")
    {
        REQUIRE(test::engineShell(path, QStringLiteral("UPDATE answer SET answer_value = 'yes', implementation_status = 'implemented'"))
                == 0);
        auto v = trail.verify();
        CHECK_FALSE(v->ok());
        CHECK(v->problem
              == QStringLiteral("the answer engagement:1/answer:arch.host.hardening differs from the last audit event that changed it"));
    }
    SECTION("a removed event")
    {
        REQUIRE(test::engineShell(path,
                                  test::dropTriggerSql(QStringLiteral("audit_event_no_delete"), QStringLiteral("audit_event"))
                                      + QStringLiteral("; DELETE FROM audit_event WHERE id = 2;"))
                == 0);
        auto v = trail.verify();
        CHECK(v->firstBrokenEvent == 2);
        CHECK(v->problem == QStringLiteral("event 2 is missing (the chain jumps from 1 to 3)"));
    }
}

TEST_CASE("An engagement keeps the questionnaire version it was answered under")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    const qint64 id = create(*ws);
    REQUIRE(save(*ws, id, QStringLiteral("arch.host.os_placement"), QStringLiteral("ad_hoc")).ok());

    // Version 3 of the library changes the option's meaning: 'ad_hoc' is now fully implemented,
    // and 'separated' is gone.
    const ContentLibrary &v2 = builtIn();
    QString text = v2.questionnaire(QStringLiteral("architecture"))->yamlText;
    text.replace(QStringLiteral("version: 2"), QStringLiteral("version: 3"));
    const qsizetype adHoc = text.indexOf(QStringLiteral("value: ad_hoc"));
    REQUIRE(adHoc > 0);
    const qsizetype status = text.indexOf(QStringLiteral("status: partial"), adHoc);
    REQUIRE(status > adHoc);
    text.replace(status, 15, QStringLiteral("status: implemented"));
    ContentLibrary v3 = v2;
    const auto problems = v3.addText(QStringLiteral("architecture-v3.yaml"), text, ContentLibrary::Replace::NewerVersionOnly);
    INFO((problems.isEmpty() ? QString() : problems.first().toString()).toStdString());
    REQUIRE(problems.isEmpty());
    REQUIRE(v3.questionnaire(QStringLiteral("architecture"))->version == 3);
    REQUIRE(v3.question(QStringLiteral("arch.host.os_placement"))->statusOf(QStringLiteral("ad_hoc")) == ImplementationStatus::Implemented);

    // The old engagement still scores and validates under version 2.
    auto content = QuestionnairePins(*ws).contentFor(id, v3);
    REQUIRE(content.ok());
    CHECK(content->questionnaire(QStringLiteral("architecture"))->version == 2);
    CHECK(content->question(QStringLiteral("arch.host.os_placement"))->statusOf(QStringLiteral("ad_hoc")) == ImplementationStatus::Partial);
    auto again = save(*ws, id, QStringLiteral("arch.host.os_placement"), QStringLiteral("ad_hoc"), v3);
    REQUIRE(again.ok());
    CHECK(again->status == ImplementationStatus::Partial);
    CHECK(again->questionnaireVersion == 2);
    auto scored = loadAndScore(*ws, v3, id);
    REQUIRE(scored.ok());
    for (const auto &c : scored->card.controls)
        if (c.id == QStringLiteral("CM-8"))
            CHECK(c.result == ControlDetermination::OtherThanSatisfied);

    // A new engagement starts on version 3.
    auto fresh = EngagementStore(*ws).create(sample(), v3);
    REQUIRE(fresh.ok());
    auto pins = QuestionnairePins(*ws).pinned(*fresh);
    REQUIRE(pins.ok());
    CHECK(pins->value(QStringLiteral("architecture")).version == 3);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM questionnaire_version")) == 8);
    auto freshAnswer = save(*ws, *fresh, QStringLiteral("arch.host.os_placement"), QStringLiteral("ad_hoc"), v3);
    REQUIRE(freshAnswer.ok());
    CHECK(freshAnswer->status == ImplementationStatus::Implemented);
    CHECK(freshAnswer->questionnaireVersion == 3);
}

TEST_CASE("Rows cannot be moved into an approved engagement, nor its pins or stored questionnaires changed")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    const qint64 approved = create(*ws);
    const qint64 draft = create(*ws);
    REQUIRE(save(*ws, draft, QStringLiteral("arch.host.hardening"), QStringLiteral("no")).ok());
    REQUIRE(
        AnswerStore(*ws)
            .setRiskOverride({draft, QStringLiteral("risk.account_management"), Level::VeryLow, std::nullopt, QStringLiteral("r"), {}, {}},
                             builtIn())
            .ok());
    REQUIRE(EngagementStore(*ws).submit(approved).ok());
    REQUIRE(EngagementStore(*ws).approve(approved).ok());
    const QString path = ws->path();
    CHECK(test::engineShell(path, QStringLiteral("UPDATE risk_adjustment SET engagement_id = 1")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("UPDATE answer SET engagement_id = 1")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("DELETE FROM engagement_questionnaire WHERE engagement_id = 1")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("UPDATE questionnaire_version SET yaml_text = 'x'")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("DELETE FROM engagement_catalogue WHERE engagement_id = 1")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("UPDATE engagement_catalogue SET catalogue_text_id = 1 WHERE engagement_id = 1")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("INSERT INTO engagement_catalogue VALUES (1, 3, 1)")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("UPDATE catalogue_text SET yaml_text = 'x'")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("DELETE FROM catalogue_text")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("DELETE FROM audit_head")) != 0);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM engagement_catalogue WHERE engagement_id = 1")) == 3);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM answer WHERE engagement_id = 2")) == 1);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM risk_adjustment WHERE engagement_id = 2")) == 1);
    auto verified = AuditTrail(*ws).verify();
    REQUIRE(verified.ok());
    CHECK(verified->ok());
}

TEST_CASE("Engagements pin the risk, control and criteria catalogues, each text stored once")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    const qint64 first = create(*ws);
    const qint64 second = create(*ws);
    auto pins = CataloguePins(*ws).pinned(first);
    REQUIRE(pins.ok());
    REQUIRE(pins->size() == 3);
    QStringList kinds;
    for (const auto &p : *pins)
        kinds << p.kind;
    // In the built-in library's load order.
    CHECK(kinds == QStringList {QStringLiteral("controls"), QStringLiteral("risks"), QStringLiteral("criteria")});
    for (qsizetype i = 0; i < 3; ++i) {
        CHECK(pins->at(i).position == i);
        CHECK(pins->at(i).sha256 == builtIn().catalogueTexts().at(i).sha256);
        CHECK(pins->at(i).sha256.size() == 64);
    }
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM catalogue_text")) == 3);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM engagement_catalogue")) == 6);

    SECTION("an engagement without pins (from an older Bulkhead) takes the library's on its next answer")
    {
        const QString path = ws->path();
        REQUIRE(test::engineShell(path, QStringLiteral("DELETE FROM engagement_catalogue WHERE engagement_id = 2")) == 0);
        CHECK(CataloguePins(*ws).pinned(second)->isEmpty());
        REQUIRE(save(*ws, second, QStringLiteral("arch.host.hardening"), QStringLiteral("yes")).ok());
        CHECK(CataloguePins(*ws).pinned(second)->size() == 3);
        CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM catalogue_text")) == 3);
    }
    SECTION("a stored catalogue text changed behind the program's back is named by audit verify and refused by scoring")
    {
        REQUIRE(test::engineShell(ws->path(),
                                  test::dropTriggerSql(QStringLiteral("catalogue_text_no_update"), QStringLiteral("catalogue_text"))
                                      + QStringLiteral("; UPDATE catalogue_text SET yaml_text = yaml_text || ' ' WHERE kind = 'risks'"))
                == 0);
        auto verified = AuditTrail(*ws).verify();
        REQUIRE(verified.ok());
        CHECK(verified->problem == QStringLiteral("the stored text of a risks catalogue does not match its SHA-256"));
        // The library still holds the pinned text, so scoring does not need the stored copy...
        CHECK(loadAndScore(*ws, builtIn(), first).ok());
        // ...but under a library whose catalogues differ it must read it, and refuses the changed one.
        ContentLibrary other = builtIn();
        REQUIRE(other.setCatalogues({builtIn().catalogueTexts().at(0), builtIn().catalogueTexts().at(2)}).isEmpty());
        auto scored = loadAndScore(*ws, other, first);
        REQUIRE_FALSE(scored.ok());
        CHECK(
            scored.error().message
            == QStringLiteral("the stored text of the pinned risks catalogue does not match its SHA-256; it was changed outside Bulkhead"));
    }
}

TEST_CASE("audit verify finds records changed around the trail")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    const qint64 id = create(*ws);
    REQUIRE(save(*ws, id, QStringLiteral("arch.host.hardening"), QStringLiteral("yes")).ok());
    REQUIRE(save(*ws, id, QStringLiteral("arch.host.patching"), QStringLiteral("partial")).ok());
    REQUIRE(AnswerStore(*ws)
                .setRiskOverride({id, QStringLiteral("risk.account_management"), Level::Low, std::nullopt, QStringLiteral("r"), {}, {}},
                                 builtIn())
                .ok());
    AuditTrail trail(*ws);
    REQUIRE(trail.verify()->ok());
    const QString path = ws->path();
    auto problem = [&] {
        auto v = trail.verify();
        REQUIRE(v.ok());
        CHECK_FALSE(v->firstBrokenEvent.has_value()); // the chain itself is intact
        return v->problem;
    };
    SECTION("an answer's status changed, its value left alone")
    {
        REQUIRE(
            test::engineShell(
                path,
                QStringLiteral(
                    "UPDATE answer SET implementation_status = 'not_implemented', note = 'x' WHERE question_id = 'arch.host.hardening'"))
            == 0);
        CHECK(problem()
              == QStringLiteral("the answer engagement:1/answer:arch.host.hardening differs from the last audit event that changed it"));
    }
    SECTION("an answer deleted")
    {
        REQUIRE(test::engineShell(path, QStringLiteral("DELETE FROM answer WHERE question_id = 'arch.host.patching'")) == 0);
        CHECK(problem() == QStringLiteral("the answer engagement:1/answer:arch.host.patching was removed without an audit event"));
    }
    SECTION("an engagement's record changed")
    {
        REQUIRE(test::engineShell(path, QStringLiteral("UPDATE engagement SET client = 'Evil Corp'")) == 0);
        CHECK(problem() == QStringLiteral("the record of engagement:1 differs from the last audit event that changed it"));
    }
    SECTION("an engagement inserted with another tool")
    {
        REQUIRE(test::engineShell(
                    path,
                    QStringLiteral("INSERT INTO engagement (client, system_name, csp, service_model, architecture, infrastructure, impact, "
                                   "baseline, status, created_at, updated_at) "
                                   "VALUES ('Ghost', 'S', 'P', 'caas', 'typical', 'traditional', 'low', 'low', 'approved', 'x', 'x')"))
                == 0);
        CHECK(problem() == QStringLiteral("the record of engagement:2 has no audit event that created it"));
    }
    SECTION("a risk override changed")
    {
        REQUIRE(test::engineShell(path, QStringLiteral("UPDATE risk_adjustment SET likelihood = 'very_low'")) == 0);
        CHECK(problem()
              == QStringLiteral(
                  "the risk override engagement:1/risk:risk.account_management differs from the last audit event that changed it"));
    }
    SECTION("a stored questionnaire text changed, its hash left alone")
    {
        REQUIRE(test::engineShell(
                    path,
                    test::dropTriggerSql(QStringLiteral("questionnaire_version_no_update"), QStringLiteral("questionnaire_version"))
                        + QStringLiteral("; UPDATE questionnaire_version SET yaml_text = replace(yaml_text, 'controls: [CM-2, CM-6, "
                                         "CM-7]', 'controls: [AC-2]')"))
                == 0);
        CHECK(problem() == QStringLiteral("the stored text of questionnaire 'architecture' version 2 does not match its SHA-256"));
        // Scoring refuses the changed text rather than using it, once the library has moved on.
        ContentLibrary v3 = builtIn();
        QString text = builtIn().questionnaire(QStringLiteral("architecture"))->yamlText;
        text.replace(QStringLiteral("version: 2"), QStringLiteral("version: 3"));
        REQUIRE(v3.addText(QStringLiteral("v3.yaml"), text, ContentLibrary::Replace::NewerVersionOnly).isEmpty());
        auto content = QuestionnairePins(*ws).contentFor(id, v3);
        REQUIRE_FALSE(content.ok());
        CHECK(content.error().message
              == QStringLiteral(
                  "the stored text of questionnaire 'architecture' version 2 does not match its SHA-256; it was changed outside Bulkhead"));
    }
}

TEST_CASE("Engagement fields are stored and audited as trimmed")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    Engagement e = sample();
    e.client = QStringLiteral("  Acme  ");
    auto id = EngagementStore(*ws).create(e, builtIn());
    REQUIRE(id.ok());
    CHECK(EngagementStore(*ws).get(*id)->client == QStringLiteral("Acme"));
    auto events = AuditTrail(*ws).events(*id);
    CHECK(events->at(0).after.contains(QStringLiteral("\"client\":\"Acme\"")));
    CHECK(AuditTrail(*ws).verify()->ok());
}

TEST_CASE("Rescoring in memory after a save gives what reading the engagement again gives")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    const qint64 id = create(*ws);
    REQUIRE(save(*ws, id, QStringLiteral("arch.platform.model"), QStringLiteral("hybrid")).ok());
    REQUIRE(save(*ws, id, QStringLiteral("arch.host.hardening"), QStringLiteral("yes")).ok());
    auto stored = loadAndScore(*ws, builtIn(), id);
    REQUIRE(stored.ok());
    // A changed answer, then a first answer to another question (it goes in question order).
    for (const auto &[question, value] : {std::pair {"arch.host.hardening", "no"}, std::pair {"arch.host.patching", "partial"}}) {
        auto saved = save(*ws, id, QLatin1String(question), QLatin1String(value));
        REQUIRE(saved.ok());
        auto inMemory = rescoreWithAnswer(*ws, builtIn(), *stored, *saved);
        auto reread = loadAndScore(*ws, builtIn(), id);
        REQUIRE(inMemory.ok());
        REQUIRE(reread.ok());
        CHECK(scoreCardToJson(inMemory->engagement, inMemory->card) == scoreCardToJson(reread->engagement, reread->card));
        REQUIRE(inMemory->answers.size() == reread->answers.size());
        for (qsizetype i = 0; i < reread->answers.size(); ++i) {
            CHECK(inMemory->answers.at(i).questionId == reread->answers.at(i).questionId);
            CHECK(inMemory->answers.at(i).value == reread->answers.at(i).value);
            CHECK(inMemory->answers.at(i).answeredAt == reread->answers.at(i).answeredAt);
        }
        stored = std::move(inMemory);
    }
    CHECK(stored->card.answeredQuestions == 2); // the platform model only records a fact
}

TEST_CASE("A save expecting a revision the answer has moved past is refused as a conflict, and resolved by reading again")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), testOptions());
    const qint64 id = create(*ws);
    AnswerStore store(*ws);
    auto input = [](const QString &value, std::optional<int> expected) {
        AnswerInput in {QStringLiteral("arch.host.hardening"), value, QStringLiteral("note"), QStringLiteral("examine"), {}};
        in.expectedRevision = expected;
        return in;
    };
    auto first = store.save(id, input(QStringLiteral("partial"), 0), builtIn()); // 0: nobody has answered yet
    REQUIRE(first.ok());
    CHECK(first->revision == 1);
    auto second = store.save(id, input(QStringLiteral("yes"), 1), builtIn());
    REQUIRE(second.ok());
    CHECK(second->revision == 2);

    // A colleague who read revision 1 saves: refused, and nothing changes.
    auto stale = store.save(id, input(QStringLiteral("no"), 1), builtIn());
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().kind == ErrorKind::Conflict);
    CHECK(stale.error().toString()
          == ws->path()
              + QStringLiteral(": the answer to 'arch.host.hardening' of engagement 1 is at revision 2, not 1: d.whitfield saved 'yes' at "
                               "2026-02-03T09:00:14.000Z; nothing was saved. Read it again, then save with revision 2 expected, or "
                               "without an expected revision to overwrite it"));
    auto again = store.save(id, input(QStringLiteral("no"), 0), builtIn());
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().kind == ErrorKind::Conflict);
    auto current = store.answer(id, QStringLiteral("arch.host.hardening"));
    REQUIRE(current.ok());
    REQUIRE(current->has_value());
    CHECK((*current)->value == QStringLiteral("yes"));
    CHECK((*current)->revision == 2);

    // Resolved: with the revision just read, or by overwriting on purpose.
    auto resolved = store.save(id, input(QStringLiteral("no"), (*current)->revision), builtIn());
    REQUIRE(resolved.ok());
    CHECK(resolved->revision == 3);
    auto overwritten = store.save(id, input(QStringLiteral("partial"), std::nullopt), builtIn());
    REQUIRE(overwritten.ok());
    CHECK(overwritten->revision == 4);

    auto gone = store.save(id, AnswerInput {QStringLiteral("arch.host.patching"), QStringLiteral("yes"), {}, {}, {}, 3}, builtIn());
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.error().kind == ErrorKind::Conflict);
    CHECK(gone.error().message
          == QStringLiteral("question 'arch.host.patching' of engagement 1 has no answer, but revision 3 of one was expected: it has been "
                            "removed since; nothing was saved"));
    CHECK_FALSE(store.answer(id, QStringLiteral("arch.host.patching"))->has_value());
    auto negative = store.save(id, input(QStringLiteral("yes"), -1), builtIn());
    REQUIRE_FALSE(negative.ok());
    CHECK(negative.error().kind == ErrorKind::Failed);
    CHECK(negative.error().message
          == QStringLiteral(
              "expected revision -1 of the answer to 'arch.host.hardening' is not a revision (0 for no answer yet, else 1 or more)"));

    auto events = AuditTrail(*ws).events(id);
    REQUIRE(events.ok());
    CHECK(events->size() == 15); // create, 10 pins, the four saves that went through
    CHECK(AuditTrail(*ws).verify()->ok());
}
