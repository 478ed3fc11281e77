// Baselines imported from OSCAL profiles: NIST's MODERATE profile gives exactly the built-in
// moderate baseline, a tailored profile scopes an engagement to its own controls, bad profiles
// are refused naming the input, and imported baselines never change.
#include "AnswerStore.h"
#include "AuditTrail.h"
#include "BaselineProfiles.h"
#include "ContentLibrary.h"
#include "EngagementStore.h"
#include "StoredEngagement.h"
#include "TestSupport.h"

#include <QSqlQuery>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

QString nistProfile(const char *level)
{
    return test::sharedTestData(QStringLiteral("oscal/rev5/NIST_SP-800-53_rev5_%1-baseline_profile.json").arg(QLatin1String(level)));
}

Engagement engagement(const QString &baselineProfile = {})
{
    Engagement e;
    e.client = QStringLiteral("Example Health");
    e.system = QStringLiteral("Claims API");
    e.csp = QStringLiteral("Amazon ECS");
    e.architecture = QStringLiteral("hybrid");
    e.infrastructure = QStringLiteral("converged");
    e.impact = QStringLiteral("moderate");
    e.baselineProfile = baselineProfile;
    return e;
}

qint64 createAnswered(Workspace &ws, const QString &baselineProfile)
{
    auto id = EngagementStore(ws).create(engagement(baselineProfile), library());
    INFO((id ? QString() : id.error().toString()).toStdString());
    REQUIRE(id.ok());
    AnswerStore answers(ws);
    for (const auto &[question, value] : {std::pair {"arch.access.accounts", "partial"}, std::pair {"arch.access.admin_access", "yes"},
                                          std::pair {"arch.access.incident_coordination", "no"}}) {
        const AnswerInput input {QString::fromLatin1(question), QString::fromLatin1(value), {}, QStringLiteral("examine"), {}};
        REQUIRE(answers.save(*id, input, library()).ok());
    }
    return *id;
}

int count(Workspace &ws, const QString &sql)
{
    QSqlQuery q = ws.query();
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toInt();
}

} // namespace

TEST_CASE("NIST's MODERATE profile, imported, scores exactly as the built-in moderate baseline")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    auto imported = BaselineProfiles(*ws).import(QStringLiteral("nist-moderate"), nistProfile("MODERATE"), library().controls());
    INFO((imported ? QString() : imported.error().toString()).toStdString());
    REQUIRE(imported.ok());
    CHECK(imported->title == QStringLiteral("NIST Special Publication 800-53 Revision 5.1.1 MODERATE IMPACT BASELINE"));
    CHECK(imported->controlIds.size() == 287);
    CHECK(imported->controlIds.first() == QStringLiteral("AC-1"));
    CHECK(imported->sourceSha256.size() == 64);
    // The 31 others are in families Bulkhead does not assess (AT, PL, PM, PS, PT).
    const QSet<QString> scope = imported->inScope(library().controls());
    CHECK(scope.size() == 256);
    int builtInModerate = 0;
    for (const auto &c : library().controls().controls())
        builtInModerate += c.inModerate ? 1 : 0;
    CHECK(builtInModerate == 256);
    for (const auto &id : scope)
        CHECK(library().controls().control(id)->inModerate);

    const qint64 tailored = createAnswered(*ws, QStringLiteral("nist-moderate"));
    const qint64 builtIn = createAnswered(*ws, {});
    auto a = loadAndScore(*ws, library(), tailored);
    auto b = loadAndScore(*ws, library(), builtIn);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->card.baseline == QStringLiteral("nist-moderate"));
    CHECK(b->card.baseline == QStringLiteral("moderate"));
    REQUIRE(a->card.controls.size() == b->card.controls.size());
    for (qsizetype i = 0; i < a->card.controls.size(); ++i) {
        INFO(a->card.controls.at(i).id.toStdString());
        CHECK(a->card.controls.at(i).id == b->card.controls.at(i).id);
        CHECK(a->card.controls.at(i).result == b->card.controls.at(i).result);
    }
    CHECK(a->card.count(ControlDetermination::OtherThanSatisfied) == b->card.count(ControlDetermination::OtherThanSatisfied));
    CHECK(a->card.poam.size() == b->card.poam.size());
}

TEST_CASE("A resolved baseline catalog imports to the same controls as its profile")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    BaselineProfiles profiles(*ws);
    const struct {
        const char *level;
        qsizetype controls, assessed;
    } levels[] = {{"LOW", 149, 125}, {"MODERATE", 287, 256}, {"HIGH", 370, 335}};
    for (const auto &l : levels) {
        INFO(l.level);
        const QString resolved
            = test::sharedTestData(QStringLiteral("oscal/rev5/NIST_SP-800-53_rev5_%1-baseline-resolved-profile_catalog%2.json")
                                       .arg(QLatin1String(l.level), QLatin1String(qstrcmp(l.level, "LOW") == 0 ? "" : "-min")));
        auto fromCatalog
            = profiles.import(QStringLiteral("catalog-%1").arg(QString::fromLatin1(l.level).toLower()), resolved, library().controls());
        INFO((fromCatalog ? QString() : fromCatalog.error().toString()).toStdString());
        REQUIRE(fromCatalog.ok());
        auto fromProfile = profiles.import(QStringLiteral("profile-%1").arg(QString::fromLatin1(l.level).toLower()), nistProfile(l.level),
                                           library().controls());
        REQUIRE(fromProfile.ok());
        CHECK(fromCatalog->controlIds.size() == l.controls);
        CHECK(fromProfile->controlIds.size() == l.controls);
        const QSet<QString> a(fromCatalog->controlIds.cbegin(), fromCatalog->controlIds.cend());
        const QSet<QString> b(fromProfile->controlIds.cbegin(), fromProfile->controlIds.cend());
        CHECK(a == b);
        CHECK(fromCatalog->inScope(library().controls()).size() == l.assessed);
        CHECK(fromCatalog->sourceSha256 != fromProfile->sourceSha256);
    }
    CHECK(profiles.list()->size() == 6);
}

TEST_CASE("A tailored profile scopes an engagement to its own controls")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    auto imported = BaselineProfiles(*ws).import(
        QStringLiteral("example-llp"), test::projectTestData(QStringLiteral("oscal/tailored-profile.json")), library().controls());
    REQUIRE(imported.ok());
    CHECK(imported->controlIds
          == QStringList {QStringLiteral("AC-2"), QStringLiteral("AC-6(9)"), QStringLiteral("PL-2"), QStringLiteral("SC-7(21)"),
                          QStringLiteral("IR-4")});

    const qint64 id = createAnswered(*ws, QStringLiteral("example-llp"));
    CHECK(EngagementStore(*ws).get(id)->baselineProfile == QStringLiteral("example-llp"));
    auto scored = loadAndScore(*ws, library(), id);
    REQUIRE(scored.ok());
    // PL-2 is outside the assessed families; SC-7(21) is scored although it is in no NIST
    // moderate baseline, because the profile selects it.
    QStringList ids;
    QMap<QString, ControlDetermination> results;
    for (const auto &c : scored->card.controls) {
        ids << c.id;
        results.insert(c.id, c.result);
    }
    CHECK(ids == QStringList {QStringLiteral("AC-2"), QStringLiteral("AC-6(9)"), QStringLiteral("IR-4"), QStringLiteral("SC-7(21)")});
    CHECK(results.value(QStringLiteral("AC-2")) == ControlDetermination::OtherThanSatisfied); // accounts: partial
    CHECK(results.value(QStringLiteral("AC-6(9)")) == ControlDetermination::Satisfied); // admin_access: yes
    CHECK(results.value(QStringLiteral("IR-4")) == ControlDetermination::OtherThanSatisfied); // incident_coordination: no
    CHECK(results.value(QStringLiteral("SC-7(21)")) == ControlDetermination::NotAssessed);
    CHECK(scored->card.baseline == QStringLiteral("example-llp"));

    // The import is audited, and the audit trail stays whole.
    auto events = AuditTrail(*ws).events();
    REQUIRE(events.ok());
    REQUIRE_FALSE(events->isEmpty());
    CHECK(events->first().action == QStringLiteral("baseline.import"));
    CHECK(events->first().entity == QStringLiteral("baseline:example-llp"));
    CHECK_FALSE(events->first().engagementId.has_value());
    auto verified = AuditTrail(*ws).verify();
    REQUIRE(verified.ok());
    CHECK(verified->ok());
}

TEST_CASE("Bad baselines are refused, naming the input, and nothing is stored")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    BaselineProfiles profiles(*ws);
    const QString withdrawn = test::projectTestData(QStringLiteral("oscal/withdrawn-profile.json"));
    auto refused = profiles.import(QStringLiteral("old"), withdrawn, library().controls());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().file == withdrawn);
    CHECK(refused.error().message
          == QStringLiteral("the profile selects 'AC-13', which is not an active NIST SP 800-53 rev5 control (withdrawn, or a typo)"));

    auto badName = profiles.import(QStringLiteral("Fed RAMP"), nistProfile("LOW"), library().controls());
    REQUIRE_FALSE(badName.ok());
    CHECK(badName.error().message == QStringLiteral("baseline name 'Fed RAMP' must be lower case letters, digits, '.', '_' or '-'"));

    auto missing = profiles.import(QStringLiteral("gone"), dir.filePath(QStringLiteral("nope.json")), library().controls());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().file == dir.filePath(QStringLiteral("nope.json")));
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM baseline_profile")) == 0);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM audit_event")) == 0);

    REQUIRE(profiles.import(QStringLiteral("nist-low"), nistProfile("LOW"), library().controls()).ok());
    auto again = profiles.import(QStringLiteral("nist-low"), nistProfile("HIGH"), library().controls());
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message
          == QStringLiteral("a baseline named 'nist-low' is already imported; imported baselines never change, so choose another name"));
    CHECK(profiles.get(QStringLiteral("nist-low"))->controlIds.size() == 149);

    auto unknown = EngagementStore(*ws).create(engagement(QStringLiteral("fedramp-moderate")), library());
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message == QStringLiteral("there is no imported baseline named 'fedramp-moderate' in this workspace"));
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM engagement")) == 0);
}

TEST_CASE("The database itself keeps imported baselines unchanged")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(BaselineProfiles(*ws).import(QStringLiteral("nist-low"), nistProfile("LOW"), library().controls()).ok());
    const QString path = ws->path();
    CHECK(test::engineShell(path, QStringLiteral("UPDATE baseline_profile SET control_ids = '[]'")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("DELETE FROM baseline_profile")) != 0);
    // An engagement cannot name a baseline that is not there, even past the application.
    CHECK(test::engineShell(path,
                            // The sqlite3 shell leaves foreign keys off unless asked; PostgreSQL always checks them.
                            QString::fromLatin1(test::onPostgresql() ? "" : "PRAGMA foreign_keys = ON; ")
                                + QStringLiteral("INSERT INTO engagement (client, system_name, csp, "
                                                 "service_model, architecture, infrastructure, impact, baseline, created_at, "
                                                 "updated_at, baseline_profile) VALUES ('c', 's', 'p', 'caas', 'typical', "
                                                 "'traditional', 'low', 'low', 'x', 'x', 'nope')"))
          != 0);
    CHECK(BaselineProfiles(*ws).get(QStringLiteral("nist-low"))->controlIds.size() == 149);
}

TEST_CASE("Imported baselines are listed in byte order of their names on every engine")
{
    // '-' < '.' < '_' in bytes (and in SQLite); an English collation, as a PostgreSQL database
    // may have, puts '_' first. The list, and whatever is built from it, must not depend on that.
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    BaselineProfiles profiles(*ws);
    for (const char *name : {"nist_low", "nist.low", "nist-low2", "nist-low"})
        REQUIRE(profiles.import(QString::fromLatin1(name), nistProfile("LOW"), library().controls()).ok());
    auto all = profiles.list();
    REQUIRE(all.ok());
    QStringList names;
    for (const auto &p : *all)
        names << p.name;
    CHECK(names
          == QStringList {QStringLiteral("nist-low"), QStringLiteral("nist-low2"), QStringLiteral("nist.low"), QStringLiteral("nist_low")});
}
