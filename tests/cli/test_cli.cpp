// End-to-end tests of bulkhead-cli: each test runs the built binary on a workspace in its own
// temporary folder and checks the exact output, exit code and workspace contents a script
// would rely on (README.md, "The command line").
#include "CliTestSupport.h"

#include <catch2/catch.hpp>

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <string>

using namespace cli_test;

TEST_CASE("demo adds the three demo engagements once and prints their ids", "[cli][demo]")
{
    Sandbox s;
    const Run first = s.cli({u"demo"_s});
    CHECK(first.code == 0);
    CHECK(first.out == u"1\n2\n3\n"_s);
    CHECK(first.err.isEmpty());

    const Run again = s.cli({u"demo"_s});
    CHECK(again.code == 0);
    CHECK(again.out == u"1\n2\n3\n"_s);
    CHECK(again.err.isEmpty());

    // Two rounds of one client a year apart, and a draft for a second client.
    const QJsonArray list = s.json({u"engagement"_s, u"list"_s, u"--json"_s}).array();
    REQUIRE(list.size() == 3);
    CHECK(list.at(0)[u"id"_s].toInteger() == 1);
    CHECK(list.at(0)[u"client"_s].toString() == u"Harbourline Freight Ltd"_s);
    CHECK(list.at(0)[u"status"_s].toString() == u"approved"_s);
    CHECK(list.at(0)[u"period_start"_s].toString() == u"2025-11-03"_s);
    CHECK(list.at(0)[u"period_end"_s].toString() == u"2025-11-14"_s);
    CHECK(list.at(1)[u"id"_s].toInteger() == 2);
    CHECK(list.at(1)[u"client"_s].toString() == u"Harbourline Freight Ltd"_s);
    CHECK(list.at(1)[u"system"_s].toString() == list.at(0)[u"system"_s].toString());
    CHECK(list.at(1)[u"status"_s].toString() == u"in_review"_s);
    CHECK(list.at(1)[u"period_start"_s].toString() == u"2026-11-02"_s);
    CHECK(list.at(2)[u"id"_s].toInteger() == 3);
    CHECK(list.at(2)[u"client"_s].toString() == u"Northwind Clinics Group"_s);
    CHECK(list.at(2)[u"status"_s].toString() == u"draft"_s);
    // The second run added no answers either.
    CHECK(sqliteQuery(s.workspace(), u"SELECT engagement_id, count(*) FROM answer GROUP BY engagement_id ORDER BY 1"_s)
          == u"1|173\n2|173\n3|62"_s);
    // The work is dated inside each assessment period, by the people named on the engagement.
    CHECK(sqliteQuery(s.workspace(), u"SELECT min(answered_at), max(answered_at), answered_by FROM answer WHERE engagement_id = 1"_s)
          == u"2025-11-03T09:00:00.000Z|2025-11-14T16:26:00.000Z|Dana Whitfield"_s);
    CHECK(sqliteQuery(s.workspace(), u"SELECT actor, occurred_at FROM audit_event WHERE action = 'engagement.approve'"_s)
          == u"Ravi Menon|2025-11-19T10:00:00.000Z"_s);
}

TEST_CASE("engagement new prints only the new id and list --json shows the record", "[cli][engagement]")
{
    const QStringList create = {u"engagement"_s, u"new"_s, u"--client"_s,       u"Acme Corp"_s, u"--system"_s, u"Orders API"_s,
                                u"--csp"_s,      u"P"_s,   u"--architecture"_s, u"hybrid"_s,    u"--impact"_s, u"high"_s};
    Sandbox fresh;
    const Run first = fresh.cli(create);
    CHECK(first.code == 0);
    CHECK(first.out == u"1\n"_s);
    CHECK(first.err.isEmpty());

    const QJsonDocument doc = fresh.json({u"engagement"_s, u"list"_s, u"--json"_s});
    REQUIRE(doc.isArray());
    REQUIRE(doc.array().size() == 1);
    const QJsonObject e = doc.array().at(0).toObject();
    CHECK(e[u"id"_s].toInteger() == 1);
    CHECK(e[u"client"_s].toString() == u"Acme Corp"_s);
    CHECK(e[u"system"_s].toString() == u"Orders API"_s);
    CHECK(e[u"csp"_s].toString() == u"P"_s);
    CHECK(e[u"architecture"_s].toString() == u"hybrid"_s);
    CHECK(e[u"impact"_s].toString() == u"high"_s);
    CHECK(e[u"baseline"_s].toString() == u"high"_s);
    CHECK(e[u"status"_s].toString() == u"draft"_s);
    // Defaults from the README, and the assessor taken from BULKHEAD_USER.
    CHECK(e[u"infrastructure"_s].toString() == u"traditional"_s);
    CHECK(e[u"service_model"_s].toString() == u"caas"_s);
    CHECK(e[u"assessor"_s].toString() == u"tester"_s);

    Sandbox afterDemo;
    afterDemo.demo();
    const Run third = afterDemo.cli(create);
    CHECK(third.code == 0);
    CHECK(third.out == u"4\n"_s);
    CHECK(afterDemo.json({u"engagement"_s, u"list"_s, u"--json"_s}).array().size() == 4);
}

TEST_CASE("engagement new records the assessment period and refuses one that ends before it starts", "[cli][engagement]")
{
    const QStringList create = {u"engagement"_s, u"new"_s,   u"--client"_s, u"Acme Corp"_s,      u"--system"_s,
                                u"Orders API"_s, u"--csp"_s, u"P"_s,        u"--architecture"_s, u"typical"_s};
    Sandbox s;
    const Run dated = s.cli(create + QStringList {u"--period-start"_s, u"2026-03-02"_s, u"--period-end"_s, u"2026-03-13"_s});
    CHECK(dated.code == 0);
    CHECK(dated.out == u"1\n"_s);
    const QJsonObject e = s.json({u"engagement"_s, u"list"_s, u"--json"_s}).array().at(0).toObject();
    CHECK(e[u"period_start"_s].toString() == u"2026-03-02"_s);
    CHECK(e[u"period_end"_s].toString() == u"2026-03-13"_s);
    const Run listed = s.cli({u"engagement"_s, u"list"_s});
    CHECK(listed.out.contains(u" 2026-03-02..2026-03-13 draft\n"_s));

    const Run undated = s.cli(create);
    CHECK(undated.code == 0);
    CHECK_FALSE(s.json({u"engagement"_s, u"list"_s, u"--json"_s}).array().at(1).toObject().contains(u"period_start"_s));

    const Run notADate = s.cli(create + QStringList {u"--period-start"_s, u"2026-02-30"_s});
    CHECK(notADate.code == 2);
    CHECK(notADate.err == u"bulkhead-cli: --period-start '2026-02-30' is not a date (YYYY-MM-DD) (see bulkhead-cli --help)\n"_s);

    const Run backwards = s.cli(create + QStringList {u"--period-start"_s, u"2026-03-13"_s, u"--period-end"_s, u"2026-03-02"_s});
    CHECK(backwards.code == 3);
    CHECK(isOneLine(backwards.err));
    CHECK(backwards.err.contains(u"the assessment period ends (2026-03-02) before it starts (2026-03-13)"_s));
    CHECK(s.json({u"engagement"_s, u"list"_s, u"--json"_s}).array().size() == 2);
}

TEST_CASE("usage errors exit 2 with one line on stderr and touch no workspace", "[cli][usage]")
{
    struct Case {
        QStringList args;
        QString message;
    };
    const QList<Case> cases = {
        {{}, u"no command given"_s},
        {{u"frobnicate"_s}, u"unknown command 'frobnicate'"_s},
        {{u"engagement"_s, u"new"_s, u"--client"_s, u"C"_s, u"--system"_s, u"S"_s, u"--architecture"_s, u"hybrid"_s},
         u"engagement new needs --csp"_s},
        {{u"engagement"_s, u"new"_s, u"--client"_s, u"C"_s, u"--system"_s, u"S"_s, u"--csp"_s, u"P"_s, u"--architecture"_s, u"weird"_s},
         u"'weird' is not one of typical|hybrid"_s},
        {{u"answer"_s, u"1"_s, u"x"_s}, u"answer needs ENG QUESTION VALUE"_s},
        {{u"answer"_s, u"abc"_s, u"q"_s, u"v"_s}, u"'abc' is not an engagement id"_s},
        {{u"engagement"_s, u"list"_s, u"--bogus"_s}, u"unknown option --bogus"_s},
        {{u"--bogus"_s, u"demo"_s}, u"unknown option --bogus"_s},
        {{u"workflow"_s, u"1"_s, u"publish"_s}, u"'publish' is not a workflow step"_s},
    };
    for (const auto &c : cases) {
        Sandbox s;
        const Run r = s.cli(c.args);
        INFO("args: " << c.args.join(u' ').toStdString() << "\nstderr: " << r.err.toStdString());
        CHECK(r.code == 2);
        CHECK(r.out.isEmpty());
        CHECK(isOneLine(r.err));
        CHECK(r.err.startsWith(u"bulkhead-cli: "_s));
        CHECK(r.err.contains(c.message));
        CHECK_FALSE(QFileInfo::exists(s.workspace()));
    }
}

TEST_CASE("answer saves a value, counts revisions, and moves the control result", "[cli][answer]")
{
    Sandbox s;
    s.demo();
    const auto ca8 = [&s] {
        const QJsonObject c = withId(s.json({u"score"_s, u"3"_s, u"--json"_s}).object()[u"controls"_s].toArray(), u"CA-8"_s);
        // Only the interface security-testing question assesses CA-8 (penetration testing).
        CHECK(c[u"questions"_s].toArray() == QJsonArray {u"data.interfaces.security_testing"_s});
        return c[u"result"_s].toString();
    };
    CHECK(ca8() == u"not_assessed"_s); // Northwind's draft leaves it unanswered

    const Run no
        = s.cli({u"answer"_s, u"3"_s, u"data.interfaces.security_testing"_s, u"no"_s, u"--method"_s, u"interview"_s, u"--note"_s, u"n"_s});
    CHECK(no.code == 0);
    CHECK(no.out == u"saved data.interfaces.security_testing = no (not_implemented), revision 1\n"_s);
    CHECK(no.err.isEmpty());
    CHECK(sqliteQuery(s.workspace(),
                      u"SELECT answer_value, implementation_status, method, note, answered_by, revision FROM answer "
                      "WHERE engagement_id = 3 AND question_id = 'data.interfaces.security_testing'"_s)
          == u"no|not_implemented|interview|n|tester|1"_s);
    CHECK(ca8() == u"other_than_satisfied"_s);

    const Run yes = s.cli({u"answer"_s, u"3"_s, u"data.interfaces.security_testing"_s, u"yes"_s});
    CHECK(yes.code == 0);
    CHECK(yes.out == u"saved data.interfaces.security_testing = yes (implemented), revision 2\n"_s);
    CHECK(ca8() == u"satisfied"_s);
}

TEST_CASE("answer --expect-revision saves only over the revision it names, else exits 4 naming who saved what", "[cli][answer]")
{
    Sandbox s;
    s.demo();
    const int eventsBefore = auditEventCount(s.workspace());
    const QString q = u"data.interfaces.security_testing"_s; // unanswered in Northwind's draft
    const Run first = s.cli({u"answer"_s, u"3"_s, q, u"no"_s, u"--expect-revision"_s, u"0"_s});
    CHECK(first.code == 0);
    CHECK(first.out == u"saved data.interfaces.security_testing = no (not_implemented), revision 1\n"_s);

    // Someone who also saw it unanswered: refused, with what is there now.
    const Run late = s.cli({u"answer"_s, u"3"_s, q, u"yes"_s, u"--expect-revision"_s, u"0"_s});
    CHECK(late.code == 4);
    CHECK(late.out.isEmpty());
    CHECK(isOneLine(late.err));
    CHECK(late.err.startsWith(u"bulkhead-cli: "_s + s.workspace()
                              + u": the answer to 'data.interfaces.security_testing' of engagement 3 is at revision 1, not 0: tester saved "
                                "'no' at "_s));
    CHECK(late.err.endsWith(u"; nothing was saved. Read it again, then save with revision 1 expected, or without an expected revision "
                            "to overwrite it\n"_s));

    const Run resolved = s.cli({u"answer"_s, u"3"_s, q, u"yes"_s, u"--expect-revision"_s, u"1"_s});
    CHECK(resolved.code == 0);
    CHECK(resolved.out == u"saved data.interfaces.security_testing = yes (implemented), revision 2\n"_s);

    const Run bad = s.cli({u"answer"_s, u"3"_s, q, u"yes"_s, u"--expect-revision"_s, u"two"_s});
    CHECK(bad.code == 2);
    CHECK(bad.err
          == u"bulkhead-cli: --expect-revision 'two' is not a revision (0 for no answer yet, else the revision 'answer' last printed) "
             "(see bulkhead-cli --help)\n"_s);
    CHECK(auditEventCount(s.workspace()) == eventsBefore + 2);
}

TEST_CASE("invalid input exits 3 with one line naming the input and changes nothing", "[cli][answer]")
{
    Sandbox s;
    s.demo();
    const int eventsBefore = auditEventCount(s.workspace());
    struct Case {
        QStringList args;
        QStringList named;
    };
    const QList<Case> cases = {
        {{u"answer"_s, u"3"_s, u"arch.nope.question"_s, u"yes"_s}, {u"arch.nope.question"_s}},
        {{u"answer"_s, u"3"_s, u"arch.platform.model"_s, u"weird"_s}, {u"arch.platform.model"_s, u"'weird'"_s}},
        {{u"answer"_s, u"3"_s, u"arch.host.backup"_s, u"maybe"_s}, {u"arch.host.backup"_s, u"'maybe'"_s}},
        {{u"answer"_s, u"99"_s, u"arch.host.backup"_s, u"yes"_s}, {u"engagement 99"_s}},
        {{u"score"_s, u"99"_s}, {u"engagement 99"_s, s.workspace()}},
    };
    for (const auto &c : cases) {
        const Run r = s.cli(c.args);
        INFO("args: " << c.args.join(u' ').toStdString() << "\nstderr: " << r.err.toStdString());
        CHECK(r.code == 3);
        CHECK(r.out.isEmpty());
        CHECK(isOneLine(r.err));
        for (const auto &name : c.named)
            CHECK(r.err.contains(name));
    }
    CHECK(auditEventCount(s.workspace()) == eventsBefore);
    CHECK(sqliteQuery(s.workspace(),
                      u"SELECT answer_value, revision FROM answer WHERE engagement_id = 3 AND question_id = 'arch.platform.model'"_s)
          == u"typical|1"_s);
}

TEST_CASE("score --json on the demo follows the documented rules", "[cli][score]")
{
    Sandbox s;
    s.demo();
    // Engagement 2: Harbourline's 2026 round (hybrid, converged, caas, several cloud actors,
    // type 1 hypervisor, FIPS 199 moderate), every visible question answered.
    const QJsonObject card = s.json({u"score"_s, u"2"_s, u"--json"_s}).object();
    for (const char *key : {"engagement", "controls", "families", "risks", "poam"})
        CHECK(card.contains(QString::fromLatin1(key)));
    CHECK(card[u"engagement"_s][u"id"_s].toInteger() == 2);
    CHECK(card[u"baseline"_s].toString() == u"moderate"_s);
    CHECK(card[u"progress"_s][u"answered"_s].toInt() == 160);
    CHECK(card[u"progress"_s][u"questions"_s].toInt() == 160);

    const QStringList results = {u"satisfied"_s, u"other_than_satisfied"_s, u"not_assessed"_s, u"not_applicable"_s};
    const QJsonArray controls = card[u"controls"_s].toArray();
    CHECK(controls.size() == 256); // the moderate baseline's controls in the assessed families
    for (const auto &c : controls)
        CHECK(results.contains(c[u"result"_s].toString()));
    // IR-4: incident_coordination and forensics partial, the plan in place.
    const QJsonObject ir4 = withId(controls, u"IR-4"_s);
    CHECK(ir4[u"result"_s].toString() == u"other_than_satisfied"_s);
    CHECK(ir4[u"questions"_s].toArray()
          == QJsonArray {u"arch.access.incident_coordination"_s, u"csp.incident.plan"_s, u"csp.incident.forensics"_s});
    // PE-3: its one question (entry controls at the provider's facilities) answered "yes".
    CHECK(withId(controls, u"PE-3"_s)[u"result"_s].toString() == u"satisfied"_s);

    const QJsonArray risks = card[u"risks"_s].toArray();
    CHECK(risks.size() == 30);
    for (const auto &r : risks) {
        INFO(r[u"id"_s].toString().toStdString());
        for (const char *key : {"likelihood", "impact", "level", "inherent_likelihood", "inherent_impact", "inherent_level"})
            CHECK(kLevels.contains(r[QString::fromLatin1(key)].toString()));
    }

    // Hand-scored from risks.yaml, the questionnaires and the demo answers:
    // {inherent L, I, level; mitigation; residual L, I, level}. (tests/oracle checks every risk.)
    struct Expected {
        QString id;
        QString inherentLikelihood, inherentImpact, inherentLevel;
        double mitigation;
        QString likelihood, impact, level;
    };
    const QList<Expected> expected = {
        // moderate +1 (hybrid, several actors). Weights and answers: incident_coordination 1 partial,
        // responsibility .5 yes, plan 1 yes, exercise 1 yes, training .5 partial, audit_logs 1 yes,
        // log_protection .75 yes, monitoring 1 yes, forensics 1 partial, reporting .75 yes
        // = 7.25 / 8.5 = 0.853 -> floor(1.71) = 1 step.
        {u"risk.incident_response"_s, u"high"_s, u"high"_s, u"high"_s, 0.853, u"moderate"_s, u"high"_s, u"moderate"_s},
        // low +1 (hybrid). sla 1 no, vm_replication .5 yes, failover_exercise .25 no,
        // interference_testing .5 N/A (left out), autoscaling 1 partial, capacity_monitoring 1 partial,
        // rate_limiting .5 yes = 2 / 4.25 = 0.471 -> floor(0.94) = 0 steps.
        {u"risk.performance_loss"_s, u"moderate"_s, u"moderate"_s, u"moderate"_s, 0.471, u"moderate"_s, u"moderate"_s, u"moderate"_s},
        // No modifier (the provider's own network, off site); 23 questions, share 0.902 -> 1 step;
        // very low likelihood with high impact is low in Table I-2.
        {u"risk.hosting_environment"_s, u"low"_s, u"high"_s, u"low"_s, 0.902, u"very_low"_s, u"high"_s, u"low"_s},
        // 11 questions (the orchestrator's own roles are hidden on ECS), 5.875 / 6.75 = 0.870 -> 1 step;
        // low likelihood with very high impact is moderate.
        {u"risk.orchestrator_admin_access"_s, u"moderate"_s, u"very_high"_s, u"high"_s, 0.870, u"low"_s, u"very_high"_s, u"moderate"_s},
    };
    for (const auto &x : expected) {
        INFO(x.id.toStdString());
        const QJsonObject r = withId(risks, x.id);
        CHECK(r[u"inherent_likelihood"_s].toString() == x.inherentLikelihood);
        CHECK(r[u"inherent_impact"_s].toString() == x.inherentImpact);
        CHECK(r[u"inherent_level"_s].toString() == x.inherentLevel);
        CHECK(r[u"mitigation"_s].toDouble() == Approx(x.mitigation).margin(0.0005));
        CHECK(r[u"likelihood"_s].toString() == x.likelihood);
        CHECK(r[u"impact"_s].toString() == x.impact);
        CHECK(r[u"level"_s].toString() == x.level);
        CHECK_FALSE(r[u"overridden"_s].toBool());
    }

    // 63 controls of the moderate baseline are other than satisfied, plus 10 risks at moderate.
    const QJsonArray poam = card[u"poam"_s].toArray();
    CHECK(poam.size() == 73);
    const QHash<QString, int> dueDays = {{u"very_high"_s, 30}, {u"high"_s, 30}, {u"moderate"_s, 90}, {u"low"_s, 180}};
    int riskItems = 0;
    for (const auto &v : poam) {
        const QJsonObject p = v.toObject();
        INFO(p[u"id"_s].toString().toStdString()
             << " " << p[u"source_id"_s].toString().toStdString() << " level " << p[u"level"_s].toString().toStdString());
        const QDate detected = QDate::fromString(p[u"detected"_s].toString(), Qt::ISODate);
        const QDate due = QDate::fromString(p[u"due"_s].toString(), Qt::ISODate);
        REQUIRE(detected.isValid());
        REQUIRE(due.isValid());
        // Detected when the weakness was recorded, inside the 2026 assessment period.
        CHECK(detected >= QDate(2026, 11, 2));
        CHECK(detected <= QDate(2026, 11, 13));
        REQUIRE(dueDays.contains(p[u"level"_s].toString()));
        CHECK(detected.daysTo(due) == dueDays.value(p[u"level"_s].toString()));
        riskItems += p[u"source"_s].toString() == u"risk"_s ? 1 : 0;
    }
    CHECK(riskItems == 10);
    const auto poamFor = [&poam](const QString &sourceId) {
        for (const auto &v : poam)
            if (v[u"source_id"_s].toString() == sourceId)
                return v.toObject();
        FAIL("no POA&M item for " << sourceId.toStdString());
        return QJsonObject();
    };
    CHECK(poamFor(u"risk.incident_response"_s)[u"level"_s].toString() == u"moderate"_s);
    CHECK(poamFor(u"IR-4"_s)[u"level"_s].toString() == u"moderate"_s);
}

TEST_CASE("the second round of the demo shows progress over the first", "[cli][score][demo]")
{
    Sandbox s;
    s.demo();
    const QJsonObject first = s.json({u"score"_s, u"1"_s, u"--json"_s}).object();
    const QJsonObject second = s.json({u"score"_s, u"2"_s, u"--json"_s}).object();
    const auto levels = [](const QJsonObject &card) {
        QMap<QString, int> count;
        for (const auto &r : card[u"risks"_s].toArray())
            ++count[r[u"level"_s].toString()];
        return count;
    };
    CHECK(levels(first) == QMap<QString, int> {{u"high"_s, 1}, {u"moderate"_s, 11}, {u"low"_s, 18}});
    CHECK(levels(second) == QMap<QString, int> {{u"moderate"_s, 10}, {u"low"_s, 20}});
    CHECK(first[u"control_summary"_s][u"other_than_satisfied"_s].toInt() == 88);
    CHECK(second[u"control_summary"_s][u"other_than_satisfied"_s].toInt() == 63);
    CHECK(first[u"poam"_s].toArray().size() == 100);
    CHECK(second[u"poam"_s].toArray().size() == 73);
    // The one high risk of 2025 came down: the partner's procedures now cover forensics.
    CHECK(withId(first[u"risks"_s].toArray(), u"risk.incident_response"_s)[u"level"_s].toString() == u"high"_s);
    CHECK(withId(second[u"risks"_s].toArray(), u"risk.incident_response"_s)[u"level"_s].toString() == u"moderate"_s);
}

TEST_CASE("score prints a text summary headed by the engagement", "[cli][score]")
{
    Sandbox s;
    s.demo();
    const Run r = s.cli({u"score"_s, u"1"_s});
    CHECK(r.code == 0);
    CHECK(r.err.isEmpty());
    CHECK(r.out.startsWith(u"Engagement 1: Harbourline Freight Ltd / Cargo booking platform on Amazon Web Services (Amazon ECS)\n"
                           "  architecture hybrid, infrastructure converged, FIPS 199 moderate (baseline moderate), status approved\n"_s));
    CHECK(r.out.contains(u"  controls in baseline: 256 (satisfied 44, other than satisfied 88, not assessed 123, not applicable 1)\n"_s));
    CHECK(r.out.contains(u"POA&M items: 100\n"_s));
}

TEST_CASE("risk override replaces the residual rating and is audited", "[cli][risk]")
{
    Sandbox s;
    s.demo();
    const auto accessControl = [&s] {
        return withId(s.json({u"score"_s, u"3"_s, u"--json"_s}).object()[u"risks"_s].toArray(), u"risk.access_control"_s);
    };
    // Northwind (engagement 3), typical architecture: moderate +1 = high; shared_components .5 yes,
    // engine_privilege 1 "unrestricted", admin_access .75 unanswered, image non_root .5 yes
    // = 1 / 2.75 = 0.364 -> floor(0.73) = no step: high / high / high.
    const QJsonObject before = accessControl();
    CHECK(before[u"likelihood"_s].toString() == u"high"_s);
    CHECK(before[u"level"_s].toString() == u"high"_s);
    CHECK(before[u"mitigation"_s].toDouble() == Approx(0.364).margin(0.0005));

    const Run r = s.cli({u"risk"_s, u"override"_s, u"3"_s, u"risk.access_control"_s, u"--likelihood"_s, u"low"_s, u"--rationale"_s,
                         u"compensating control"_s});
    CHECK(r.code == 0);
    CHECK(r.out == u"overrode risk.access_control\n"_s);
    const QJsonObject after = accessControl();
    CHECK(after[u"overridden"_s].toBool());
    CHECK(after[u"inherent_likelihood"_s].toString() == u"high"_s);
    CHECK(after[u"likelihood"_s].toString() == u"low"_s);
    CHECK(after[u"impact"_s].toString() == u"high"_s);
    CHECK(after[u"level"_s].toString() == u"low"_s);
    CHECK(sqliteQuery(s.workspace(), u"SELECT id, actor, action, entity FROM audit_event ORDER BY id DESC LIMIT 1"_s)
          == u"445|tester|risk.override|engagement:3/risk:risk.access_control"_s);
}

// README's exit codes make a missing argument a usage error (2), as for `workflow reopen --reason`.
TEST_CASE("risk override without --rationale is a usage error", "[cli][risk]")
{
    Sandbox s;
    s.demo();
    const Run r = s.cli({u"risk"_s, u"override"_s, u"3"_s, u"risk.access_control"_s, u"--likelihood"_s, u"low"_s});
    INFO(r.err.toStdString());
    CHECK(r.code == 2);
    CHECK(isOneLine(r.err));
    CHECK(r.err.contains(u"rationale"_s));
    CHECK(sqliteQuery(s.workspace(), u"SELECT count(*) FROM risk_adjustment"_s) == u"0"_s);
}

TEST_CASE("an approved engagement refuses changes until it is reopened with a reason", "[cli][workflow]")
{
    Sandbox s;
    s.demo();
    const Run approve = s.cli({u"workflow"_s, u"2"_s, u"approve"_s});
    CHECK(approve.code == 0);
    CHECK(approve.err.isEmpty());
    CHECK(QRegularExpression(u"^engagement 2 is now approved \\(content hash [0-9a-f]{64}\\)\n$"_s).match(approve.out).hasMatch());

    const Run answer = s.cli({u"answer"_s, u"2"_s, u"arch.host.baseline_review"_s, u"yes"_s});
    CHECK(answer.code == 3);
    CHECK(answer.out.isEmpty());
    CHECK(isOneLine(answer.err));
    CHECK(answer.err.contains(u"approved"_s));

    const Run risk
        = s.cli({u"risk"_s, u"override"_s, u"2"_s, u"risk.access_control"_s, u"--likelihood"_s, u"low"_s, u"--rationale"_s, u"r"_s});
    CHECK(risk.code == 3);
    CHECK(isOneLine(risk.err));
    CHECK(risk.err.contains(u"approved"_s));
    CHECK(sqliteQuery(s.workspace(), u"SELECT count(*) FROM risk_adjustment"_s) == u"0"_s);

    // The freeze holds in the database too, against the sqlite3 shell.
    CHECK(sqliteShell(s.workspace(),
                      u"UPDATE answer SET answer_value = 'yes' WHERE engagement_id = 2 AND question_id = 'arch.host.baseline_review';"_s)
          != 0);
    CHECK(sqliteQuery(s.workspace(),
                      u"SELECT answer_value, revision FROM answer WHERE engagement_id = 2 AND question_id = 'arch.host.baseline_review'"_s)
          == u"partial|1"_s);

    const Run noReason = s.cli({u"workflow"_s, u"2"_s, u"reopen"_s});
    CHECK(noReason.code == 2);
    CHECK(isOneLine(noReason.err));
    CHECK(noReason.err.contains(u"--reason"_s));

    const Run reopen = s.cli({u"workflow"_s, u"2"_s, u"reopen"_s, u"--reason"_s, u"client supplied new evidence"_s});
    CHECK(reopen.code == 0);
    CHECK(reopen.out == u"engagement 2 is now draft\n"_s);
    CHECK(sqliteQuery(s.workspace(), u"SELECT after_state FROM audit_event ORDER BY id DESC LIMIT 1"_s)
          == u"{\"reason\":\"client supplied new evidence\",\"status\":\"draft\"}"_s);

    const Run accepted = s.cli({u"answer"_s, u"2"_s, u"arch.host.baseline_review"_s, u"yes"_s});
    CHECK(accepted.code == 0);
    CHECK(accepted.out == u"saved arch.host.baseline_review = yes (implemented), revision 2\n"_s);

    const Run draft = s.cli({u"workflow"_s, u"3"_s, u"approve"_s});
    CHECK(draft.code == 3);
    CHECK(isOneLine(draft.err));
    CHECK(draft.err.contains(u"engagement 3 is draft"_s));
    CHECK(s.json({u"engagement"_s, u"list"_s, u"--json"_s}).array().at(2)[u"status"_s].toString() == u"draft"_s);
}

TEST_CASE("audit verify walks the whole chain of the demo", "[cli][audit]")
{
    Sandbox s;
    s.demo();
    // Per engagement: create, seven questionnaire pins, three catalogue pins (risks, controls,
    // criteria) and its answers (173, 173 and 62); the two Harbourline rounds are submitted, and
    // the 2025 round approved.
    const int events = auditEventCount(s.workspace());
    CHECK(events == 444);
    const Run all = s.cli({u"audit"_s, u"verify"_s});
    CHECK(all.code == 0);
    CHECK(all.err.isEmpty());
    CHECK(all.out == u"audit trail intact: %1 event(s) checked\n"_s.arg(events));

    const Run one = s.cli({u"audit"_s, u"verify"_s, u"1"_s});
    CHECK(one.code == 0);
    CHECK(one.out == u"audit trail intact: %1 event(s) checked, 186 of them for engagement 1\n"_s.arg(events));
}

TEST_CASE("audit verify finds an event edited behind the program's back", "[cli][audit]")
{
    Sandbox s;
    s.demo();
    REQUIRE(sqliteShell(s.workspace(), u"DROP TRIGGER audit_event_no_update; UPDATE audit_event SET actor='mallory' WHERE id=5;"_s) == 0);
    REQUIRE(sqliteQuery(s.workspace(), u"SELECT actor FROM audit_event WHERE id = 5"_s) == u"mallory"_s);
    const Run r = s.cli({u"audit"_s, u"verify"_s});
    CHECK(r.code == 1);
    CHECK(r.out == u"audit trail BROKEN at event 5: event 5 was changed after it was written (its hash does not match its content)\n"_s);
}

TEST_CASE("audit verify finds an event deleted behind the program's back", "[cli][audit]")
{
    Sandbox s;
    s.demo();
    REQUIRE(sqliteShell(s.workspace(), u"DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event WHERE id=7;"_s) == 0);
    const Run r = s.cli({u"audit"_s, u"verify"_s});
    CHECK(r.code == 1);
    CHECK(r.out == u"audit trail BROKEN at event 7: event 7 is missing (the chain jumps from 6 to 8)\n"_s);
}

// Removing the newest event leaves a shorter chain that is consistent in itself; the recorded end
// of the trail (audit_head) is what gives it away.
TEST_CASE("audit verify finds the newest event deleted behind the program's back", "[cli][audit]")
{
    Sandbox s;
    s.demo();
    REQUIRE(s.cli({u"risk"_s, u"override"_s, u"3"_s, u"risk.access_control"_s, u"--likelihood"_s, u"low"_s, u"--rationale"_s, u"r"_s}).code
            == 0);
    REQUIRE(auditEventCount(s.workspace()) == 445);
    REQUIRE(sqliteShell(s.workspace(), u"DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event WHERE id=445;"_s) == 0);
    const Run r = s.cli({u"audit"_s, u"verify"_s});
    INFO(r.out.toStdString());
    CHECK(r.code == 1);
    CHECK(
        r.out
        == u"audit trail BROKEN at event 445: the trail ends at event 444, but event 445 was recorded as its last: events were removed from the end\n"_s);
}

TEST_CASE("a command that reads does not create a workspace at a mistyped path", "[cli][workspace]")
{
    Sandbox s;
    const Run r = s.cli({u"engagement"_s, u"list"_s});
    CHECK(r.code == 3);
    CHECK(r.err == u"bulkhead-cli: %1: no workspace here; create one with 'demo' or 'engagement new'\n"_s.arg(s.workspace()));
    CHECK_FALSE(QFile::exists(s.workspace()));
}

TEST_CASE("a file that is not an SQLite database is refused and left unchanged", "[cli][workspace]")
{
    Sandbox s;
    QRandomGenerator random(20240611);
    QByteArray noise(4096, '\0');
    random.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
    writeBytes(s.workspace(), noise);

    const Run r = s.cli({u"engagement"_s, u"list"_s});
    CHECK(r.code == 3);
    CHECK(r.out.isEmpty());
    CHECK(isOneLine(r.err));
    CHECK(r.err.startsWith(u"bulkhead-cli: %1: not a Bulkhead workspace"_s.arg(s.workspace())));
    CHECK(readBytes(s.workspace()) == noise);
}

TEST_CASE("a truncated workspace is refused and left unchanged", "[cli][workspace]")
{
    Sandbox s;
    s.demo();
    if (QFileInfo::exists(s.workspace() + u"-wal"_s))
        REQUIRE(sqliteShell(s.workspace(), u"PRAGMA wal_checkpoint(TRUNCATE);"_s) == 0);
    REQUIRE(QFileInfo(s.workspace() + u"-wal"_s).size() == 0); // 0 also when it does not exist
    const QByteArray whole = readBytes(s.workspace());
    REQUIRE(whole.size() >= 8192);
    const QByteArray half = whole.left(whole.size() / 2);
    writeBytes(s.workspace(), half);

    for (const auto &args : {QStringList {u"engagement"_s, u"list"_s}, QStringList {u"score"_s, u"1"_s}}) {
        const Run r = s.cli(args);
        INFO(args.join(u' ').toStdString() << "\nstderr: " << r.err.toStdString());
        CHECK(r.code == 3);
        CHECK(r.out.isEmpty());
        CHECK(isOneLine(r.err));
        CHECK(r.err.contains(s.workspace()));
        CHECK(readBytes(s.workspace()) == half);
    }
}

TEST_CASE("a workspace from a newer Bulkhead is refused and left unchanged", "[cli][workspace]")
{
    Sandbox s;
    s.demo();
    REQUIRE(sqliteShell(s.workspace(), u"UPDATE schema_version SET version = 99;"_s) == 0);
    const QByteArray before = readBytes(s.workspace());

    for (const auto &args :
         {QStringList {u"engagement"_s, u"list"_s}, QStringList {u"answer"_s, u"2"_s, u"arch.host.backup"_s, u"yes"_s}}) {
        const Run r = s.cli(args);
        INFO(args.join(u' ').toStdString() << "\nstderr: " << r.err.toStdString());
        CHECK(r.code == 3);
        CHECK(r.out.isEmpty());
        CHECK(isOneLine(r.err));
        CHECK(r.err.contains(s.workspace()));
        CHECK(r.err.contains(u"newer"_s));
        CHECK(r.err.contains(u"schema version 99"_s));
        CHECK(readBytes(s.workspace()) == before);
    }
    CHECK(sqliteQuery(s.workspace(), u"SELECT version FROM schema_version"_s) == u"99"_s);
}

TEST_CASE("validate accepts the built-in content files", "[cli][validate]")
{
    Sandbox s;
    const QString dir = sourceRoot() + u"/questionnaires/"_s;
    const Run r = s.run({u"validate"_s, dir});
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.code == 0);
    CHECK(r.err.isEmpty());
    // The issue's measure of a complete library: seven questionnaires, 186 questions, 30 risks.
    CHECK(r.out.endsWith(
        u"\nlibrary: 7 questionnaire(s), 186 question(s), 30 risk(s), 880 control(s), 61 criteria\n0 problem(s) in 11 file(s)\n"_s));
    for (const char *name : {"architecture.yaml", "controls.yaml", "criteria.yaml", "data.yaml", "hosting.yaml", "images.yaml",
                             "infrastructure.yaml", "provider.yaml", "risks.yaml", "webservers.yaml"})
        CHECK(r.out.contains(dir + QString::fromLatin1(name) + u": ok (the built-in file)\n"_s));
    // The scanner mapping is not content: it is checked against the library on its own.
    CHECK(r.out.contains(dir + u"scanner-mapping.yaml: ok\n"_s));
}

TEST_CASE("validate checks files as a user's folder would load them", "[cli][validate]")
{
    Sandbox s;
    // A risk catalogue and a questionnaire that mitigates its risk and whose risk reads its fact:
    // each needs the other, so they are checked together.
    writeBytes(s.path(u"registry-risks.yaml"_s),
               "catalogue: risks\n"
               "version: 1\n"
               "risks:\n"
               "  - id: risk.bx_unvetted_images\n"
               "    title: Images from untrusted sources\n"
               "    description: Images are pulled from registries nobody vetted.\n"
               "    area: content\n"
               "    likelihood: moderate\n"
               "    impact: high\n"
               "    modifiers:\n"
               "      - {when: \"fact.public_registry == 'yes'\", likelihood: 1, reason: Public registries are in use.}\n");
    writeBytes(s.path(u"registry.yaml"_s),
               "questionnaire: registry\n"
               "version: 1\n"
               "title: Registry\n"
               "sections:\n"
               "  - id: reg.src\n"
               "    title: Sources\n"
               "    questions:\n"
               "      - {id: reg.src.public, text: Are public registries used, type: yesno, sets: fact.public_registry}\n"
               "      - {id: reg.src.vetted, text: Are images vetted, type: yesno, controls: [SR-3], mitigates: {risk.bx_unvetted_images: "
               "1.0}}\n");
    const Run together = s.run({u"validate"_s, s.path(u"registry.yaml"_s), s.path(u"registry-risks.yaml"_s)});
    INFO(together.out.toStdString());
    CHECK(together.code == 0);
    CHECK(together.out.endsWith(
        u"library: 8 questionnaire(s), 188 question(s), 31 risk(s), 880 control(s), 61 criteria\n0 problem(s) in 2 file(s)\n"_s));

    // A changed copy of a built-in questionnaire that keeps its version would not replace it.
    QString copy = QString::fromUtf8(readBytes(sourceRoot() + u"/questionnaires/architecture.yaml"_s));
    copy.replace(u"title: Container architecture"_s, u"title: Container architecture (firm edition)"_s);
    writeBytes(s.path(u"architecture.yaml"_s), copy.toUtf8());
    const Run stale = s.run({u"validate"_s, s.path(u"architecture.yaml"_s)});
    CHECK(stale.code == 1);
    CHECK(stale.out.startsWith(
        u"%1:1:1: questionnaire 'architecture' version 2 is already loaded from :/questionnaires/architecture.yaml; give this file a higher version to replace it\n"_s
            .arg(s.path(u"architecture.yaml"_s))));

    // A YAML file that is not content at all (a compose file in the folder, say) is reported, not a crash.
    writeBytes(s.path(u"compose.yaml"_s), "services:\n  web:\n    image: nginx\n");
    const Run other = s.run({u"validate"_s, s.path(u"compose.yaml"_s)});
    CHECK(other.code == 1);
    CHECK(other.out.startsWith(u"%1:1:1: not a Bulkhead content file"_s.arg(s.path(u"compose.yaml"_s))));
}

TEST_CASE("after --, an answer may start with dashes", "[cli][answer]")
{
    Sandbox s;
    s.demo();
    const Run r = s.cli({u"answer"_s, u"--note"_s, u"n"_s, u"--"_s, u"3"_s, u"arch.host.patching"_s, u"--yes"_s});
    CHECK(r.code == 3);
    CHECK(
        r.err
        == u"bulkhead-cli: question 'arch.host.patching': '--yes' is not an answer to a yes/no question (expected yes, partial, no or na)\n"_s);
}

TEST_CASE("validate reports an unknown key at its line and column", "[cli][validate]")
{
    Sandbox s;
    const QString file = s.path(u"colours.yaml"_s);
    writeBytes(file,
               "questionnaire: colours\n"
               "version: 1\n"
               "title: Colours\n"
               "sections:\n"
               "  - id: colours.main\n"
               "    title: Main\n"
               "    questions:\n"
               "      - id: colours.main.favourite\n"
               "        text: Is the favourite colour recorded?\n"
               "        type: yesno\n"
               "        colour: blue\n");
    const Run r = s.run({u"validate"_s, file});
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.code == 1);
    CHECK(r.out.contains(u"%1:11:9: unknown key 'colour'"_s.arg(file)));
    CHECK(r.out.endsWith(u"\n1 problem(s) in 1 file(s)\n"_s));
}

TEST_CASE("questionnaires in the user's folder are used, and a broken one is reported and skipped", "[cli][content]")
{
    Sandbox s;
    const QString folder = s.path(u"xdg/bulkhead/questionnaires"_s);
    REQUIRE(QDir().mkpath(folder));
    writeBytes(folder + u"/registry.yaml"_s,
               "questionnaire: registry\n"
               "version: 1\n"
               "title: Image registry\n"
               "sections:\n"
               "  - id: reg.images\n"
               "    title: Images\n"
               "    questions:\n"
               "      - id: reg.images.signed\n"
               "        text: Are images signed and the signatures checked before deployment?\n"
               "        type: yesno\n"
               "        controls: [CM-14]\n"
               "        mitigates: {risk.underlying_security: 0.5}\n");
    writeBytes(folder + u"/broken.yaml"_s,
               "questionnaire: broken\n"
               "version: 1\n"
               "title: Broken\n"
               "sections:\n"
               "  - id: br.one\n"
               "    title: One\n"
               "    questions:\n"
               "      - {id: br.one.q1, text: Question, type: yesno, controls: [ZZ-1]}\n");

    const Run created = s.cli(
        {u"engagement"_s, u"new"_s, u"--client"_s, u"C"_s, u"--system"_s, u"S"_s, u"--csp"_s, u"P"_s, u"--architecture"_s, u"typical"_s});
    CHECK(created.code == 0);
    CHECK(created.out == u"1\n"_s);
    CHECK(
        created.err
        == u"bulkhead-cli: skipped user content: %1/broken.yaml:8:65: question 'br.one.q1' maps to unknown control 'ZZ-1' (not an active NIST SP 800-53 rev5 control in the catalogue)\n"_s
               .arg(folder));
    CHECK(sqliteQuery(s.workspace(), u"SELECT questionnaire_key FROM engagement_questionnaire ORDER BY 1"_s)
          == u"architecture\ndata\nhosting\nimages\ninfrastructure\nprovider\nregistry\nwebservers"_s);

    const Run answered = s.cli({u"answer"_s, u"1"_s, u"reg.images.signed"_s, u"no"_s});
    CHECK(answered.code == 0);
    CHECK(answered.out == u"saved reg.images.signed = no (not_implemented), revision 1\n"_s);

    // --questionnaires names another folder: the user's default one is then not read.
    REQUIRE(QDir().mkpath(s.path(u"empty"_s)));
    const Run elsewhere
        = s.run({u"--workspace"_s, s.path(u"other.bulkhead"_s), u"--questionnaires"_s, s.path(u"empty"_s), u"engagement"_s, u"new"_s,
                 u"--client"_s, u"C"_s, u"--system"_s, u"S"_s, u"--csp"_s, u"P"_s, u"--architecture"_s, u"hybrid"_s});
    CHECK(elsewhere.code == 0);
    CHECK(elsewhere.err.isEmpty());
    CHECK(sqliteQuery(s.path(u"other.bulkhead"_s), u"SELECT count(*) FROM engagement_questionnaire WHERE questionnaire_key = 'registry'"_s)
          == u"0"_s);
    CHECK(sqliteQuery(s.path(u"other.bulkhead"_s), u"SELECT count(*) FROM engagement_questionnaire"_s) == u"7"_s);
}

TEST_CASE("oscal inspect counts a catalog's and a profile's controls, and names bad input", "[cli][oscal]")
{
    Sandbox s;
    const QString rev5 = sharedTestData(u"oscal/rev5/"_s);
    const Run catalog
        = s.run({u"oscal"_s, u"inspect"_s, u"catalog"_s, rev5 + u"NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json"_s});
    CHECK(catalog.code == 0);
    CHECK(
        catalog.out
        == u"catalog \"NIST Special Publication 800-53 Revision 5.1.1 LOW IMPACT BASELINE\": 149 control(s) (131 controls, 18 enhancements) in 18 group(s)\n"_s);
    const Run profile = s.run({u"oscal"_s, u"inspect"_s, u"profile"_s, rev5 + u"NIST_SP-800-53_rev5_MODERATE-baseline_profile.json"_s});
    CHECK(profile.code == 0);
    CHECK(profile.out
          == u"profile \"NIST Special Publication 800-53 Revision 5.1.1 MODERATE IMPACT BASELINE\": selects 287 control(s)\n"_s);

    writeBytes(s.path(u"broken.json"_s), R"({"catalog": {"groups": [{"id": "ac", "controls": [{"id": "ac-1"}]}]}})");
    const Run broken = s.run({u"oscal"_s, u"inspect"_s, u"catalog"_s, s.path(u"broken.json"_s)});
    CHECK(broken.code == 3);
    CHECK(broken.err == u"bulkhead-cli: %1: $.catalog.groups[0].controls[0].title: missing\n"_s.arg(s.path(u"broken.json"_s)));
    CHECK(s.run({u"oscal"_s, u"inspect"_s, u"baseline"_s, s.path(u"broken.json"_s)}).code == 2);
}
