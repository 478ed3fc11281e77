// OSCAL catalogs and profiles: NIST's rev5 baselines from ../shared/testdata read with their
// known counts, agreeing with each other and with the built-in control catalogue; malformed
// documents reported with file and JSON path.
#include "ContentLibrary.h"
#include "OscalCatalog.h"
#include "TestSupport.h"

#include <QSet>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

QString rev5(const QString &name)
{
    return test::sharedTestData(QStringLiteral("oscal/rev5/") + name);
}

QString resolvedCatalog(const char *level)
{
    const QString suffix = QLatin1String(level) == QLatin1String("LOW") ? QStringLiteral(".json") : QStringLiteral("-min.json");
    return rev5(QStringLiteral("NIST_SP-800-53_rev5_%1-baseline-resolved-profile_catalog%2").arg(QLatin1String(level), suffix));
}

QSet<QString> idsOf(const OscalCatalog &catalog)
{
    QSet<QString> ids;
    for (const auto &c : catalog.controls)
        ids.insert(c.id);
    return ids;
}

Error readError(const QByteArray &json, bool profile = false)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("doc.json"));
    test::writeBytes(path, json);
    if (profile) {
        auto p = readOscalProfile(path);
        REQUIRE_FALSE(p.ok());
        Error e = p.error();
        e.file = e.file.section(QLatin1Char('/'), -1);
        return e;
    }
    auto c = readOscalCatalog(path);
    REQUIRE_FALSE(c.ok());
    Error e = c.error();
    e.file = e.file.section(QLatin1Char('/'), -1);
    return e;
}

} // namespace

TEST_CASE("OSCAL ids are shown in SP 800-53 form", "[oscal]")
{
    CHECK(oscalDisplayId(QStringLiteral("ac-2")) == QStringLiteral("AC-2"));
    CHECK(oscalDisplayId(QStringLiteral("ac-2.1")) == QStringLiteral("AC-2(1)"));
    CHECK(oscalDisplayId(QStringLiteral("si-4.12")) == QStringLiteral("SI-4(12)"));
    CHECK(oscalDisplayId(QStringLiteral("s1.1.1")) == QStringLiteral("s1.1.1"));
}

TEST_CASE("NIST's resolved baseline catalogs hold 149, 287 and 370 controls and match their profiles", "[oscal]")
{
    const struct {
        const char *level;
        int base, enhancements;
    } baselines[] = {{"LOW", 131, 18}, {"MODERATE", 177, 110}, {"HIGH", 188, 182}};
    for (const auto &b : baselines) {
        INFO(b.level);
        auto catalog = readOscalCatalog(resolvedCatalog(b.level));
        INFO((catalog ? QString() : catalog.error().toString()).toStdString());
        REQUIRE(catalog.ok());
        CHECK(catalog->baseControlCount() == b.base);
        CHECK(catalog->enhancementCount() == b.enhancements);
        CHECK(catalog->controls.size() == b.base + b.enhancements);
        CHECK(catalog->groupCount == 18);

        auto profile = readOscalProfile(rev5(QStringLiteral("NIST_SP-800-53_rev5_%1-baseline_profile.json").arg(QLatin1String(b.level))));
        REQUIRE(profile.ok());
        CHECK(profile->controlIds.size() == b.base + b.enhancements);
        const QSet<QString> listed(profile->controlIds.cbegin(), profile->controlIds.cend());
        CHECK(listed == idsOf(*catalog));
    }
    auto low = readOscalCatalog(resolvedCatalog("LOW"));
    REQUIRE(low.ok());
    CHECK(low->controls.at(0).id == QStringLiteral("AC-1"));
    CHECK(low->controls.at(0).groupId == QStringLiteral("ac"));
    CHECK(low->controls.at(0).title == QStringLiteral("Policy and Procedures"));
}

TEST_CASE("The built-in control catalogue agrees with NIST's HIGH baseline catalog", "[oscal]")
{
    const ContentLibrary library = ContentLibrary::builtIn();
    auto high = readOscalCatalog(resolvedCatalog("HIGH"));
    REQUIRE(high.ok());
    int compared = 0;
    for (const auto &c : high->controls) {
        const ControlDefinition *ours = library.controls().control(c.id);
        if (!ours)
            continue; // a family Bulkhead does not assess (PL, PM, PS, PT, AT)
        ++compared;
        INFO(c.id.toStdString());
        CHECK(ours->inHigh);
        if (!c.enhancement) // enhancement titles are prefixed with their control's in the catalogue
            CHECK(ours->title == c.title);
        else
            CHECK(ours->title.endsWith(QStringLiteral(" | ") + c.title));
    }
    CHECK(compared > 300);
    // And nothing in the built-in HIGH baseline is missing from NIST's.
    const QSet<QString> nist = idsOf(*high);
    for (const auto &c : library.controls().controls()) {
        if (c.inHigh)
            CHECK(nist.contains(c.id));
    }
}

TEST_CASE("A generic OSCAL catalog with nested groups reads as written", "[oscal]")
{
    auto basic = readOscalCatalog(test::sharedTestData(QStringLiteral("oscal/examples/basic-catalog.json")));
    REQUIRE(basic.ok());
    CHECK(basic->groupCount == 4);
    REQUIRE(basic->controls.size() == 4);
    CHECK(basic->controls.at(0).id == QStringLiteral("s1.1.1"));
    CHECK(basic->controls.at(0).title == QStringLiteral("Information security roles and responsibilities"));
    CHECK(basic->controls.at(0).groupId == QStringLiteral("s1.1"));
    CHECK(basic->controls.at(3).id == QStringLiteral("s2.1.2"));
}

TEST_CASE("Malformed OSCAL is reported with the file and the JSON path", "[oscal]")
{
    Error e = readError("{\n  \"catalog\": {\n    \"groups\": [\n  }\n}\n");
    CHECK(e.file == QStringLiteral("doc.json"));
    CHECK(e.message.startsWith(QStringLiteral("not valid JSON: ")));
    CHECK(e.line == 4);

    e = readError("{\"profile\": {}}");
    CHECK(e.toString() == QStringLiteral("doc.json: $: not an OSCAL catalog: expected an object with a 'catalog' member"));

    e = readError(R"({"catalog": {"groups": [{"id": "ac", "controls": [{"id": "ac-1", "title": "P"}, {"id": "ac-2"}]}]}})");
    CHECK(e.toString() == QStringLiteral("doc.json: $.catalog.groups[0].controls[1].title: missing"));

    e = readError(R"({"catalog": {"groups": [{"id": "ac", "controls": {"id": "ac-1"}}]}})");
    CHECK(e.toString() == QStringLiteral("doc.json: $.catalog.groups[0].controls: must be an array"));

    e = readError(R"({"catalog": {"groups": []}})");
    CHECK(e.toString() == QStringLiteral("doc.json: $.catalog: holds no controls"));

    e = readError(R"({"profile": {"imports": []}})", true);
    CHECK(e.toString() == QStringLiteral("doc.json: $.profile.imports: a profile must import at least one catalog"));

    e = readError(R"({"profile": {"imports": [{"include-controls": [{"with-ids": ["ac-1", 7]}]}]}})", true);
    CHECK(e.toString() == QStringLiteral("doc.json: $.profile.imports[0].include-controls[0].with-ids[1]: must be a control id string"));
}
