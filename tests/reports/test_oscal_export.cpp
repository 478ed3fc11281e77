// The OSCAL 1.1.2 assessment-results and POA&M exports: checked with ajv (tests/oscal/validate.mjs,
// run with node from the source tree) against NIST's official JSON schemas in ../shared/testdata,
// which use Unicode property escapes no std::regex understands. Then concrete contents of the
// demo's first engagement, identifiers, determinism, and an engagement full of hostile text.
// A machine without node or without `npm ci` in tests/oscal fails these tests; it does not skip them.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "OscalAssessmentResults.h"
#include "OscalPoam.h"
#include "OscalUuid.h"
#include "StoredEngagement.h"
#include "TestSupport.h"
#include "Workspace.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

const QDateTime kGenerated(QDate(2026, 11, 13), QTime(17, 30), Qt::UTC);

QString schema(const QString &name)
{
    return test::sharedTestData(QStringLiteral("oscal/schema/v1.1.2/") + name);
}

const QString kArSchema = QStringLiteral("oscal_assessment-results_schema.json");
const QString kPoamSchema = QStringLiteral("oscal_poam_schema.json");

struct Validation {
    int exitCode = -1;
    QString output;
};

// Runs tests/oscal/validate.mjs on the bytes. Fails the test, never skips it, when node or the
// installed ajv is missing.
Validation runValidator(const QString &schemaName, const QByteArray &document)
{
    const QString folder = test::sourceRoot() + QStringLiteral("/tests/oscal");
    {
        INFO("ajv is not installed: run scripts/install-deps.sh (npm ci in tests/oscal)");
        REQUIRE(QFileInfo::exists(folder + QStringLiteral("/node_modules/ajv/package.json")));
        REQUIRE(QFileInfo::exists(folder + QStringLiteral("/node_modules/ajv-formats/package.json")));
    }
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("document.json"));
    test::writeBytes(path, document);
    QProcess node;
    node.start(QStringLiteral("node"), {folder + QStringLiteral("/validate.mjs"), schema(schemaName), path});
    const bool started = node.waitForStarted(30000);
    INFO("node (Node.js) must be on PATH: " << node.errorString().toStdString());
    REQUIRE(started);
    REQUIRE(node.waitForFinished(120000));
    REQUIRE(node.exitStatus() == QProcess::NormalExit);
    return {node.exitCode(), QString::fromUtf8(node.readAllStandardOutput() + node.readAllStandardError())};
}

void requireValid(const QString &schemaName, const QByteArray &document)
{
    const Validation v = runValidator(schemaName, document);
    INFO(v.output.toStdString());
    REQUIRE(v.exitCode == 0);
}

QJsonObject parse(const QByteArray &bytes, const QString &root)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    INFO(error.errorString().toStdString());
    REQUIRE(error.error == QJsonParseError::NoError);
    REQUIRE(doc.object().contains(root));
    return doc.object().value(root).toObject();
}

// Every (key, string value) pair in the document, strings in arrays under their array's key.
void strings(const QJsonValue &value, const QString &key, QList<std::pair<QString, QString>> &out)
{
    if (value.isString()) {
        out.append({key, value.toString()});
    } else if (value.isArray()) {
        for (const auto &v : value.toArray())
            strings(v, key, out);
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            strings(it.value(), it.key(), out);
    }
}

QList<std::pair<QString, QString>> strings(const QJsonObject &root)
{
    QList<std::pair<QString, QString>> out;
    strings(root, QString(), out);
    return out;
}

const QRegularExpression kV4(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
const QRegularExpression kZoned(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$"));

// Every uuid is in v4 form and defined once, and every reference to one points at a definition
// in the same document (import-ap's "#uuid" included).
void checkUuids(const QJsonObject &root)
{
    QSet<QString> defined;
    QList<QString> references;
    int count = 0;
    for (const auto &[key, value] : strings(root)) {
        if (key == QLatin1String("uuid")) {
            ++count;
            INFO(value.toStdString());
            CHECK(kV4.match(value).hasMatch());
            CHECK_FALSE(defined.contains(value));
            defined.insert(value);
        } else if (key.endsWith(QLatin1String("-uuid")) || key.endsWith(QLatin1String("-uuids"))
                   || key == QLatin1String("member-of-organizations")) {
            references << value;
        } else if (key == QLatin1String("href") && value.startsWith(QLatin1Char('#'))) {
            references << value.mid(1);
        }
    }
    CHECK(count == defined.size());
    for (const auto &r : references) {
        INFO(r.toStdString());
        CHECK(kV4.match(r).hasMatch());
        CHECK(defined.contains(r));
    }
}

// Every date-time field carries a zone.
int checkDateTimes(const QJsonObject &root)
{
    static const QSet<QString> keys
        = {QStringLiteral("published"), QStringLiteral("last-modified"), QStringLiteral("start"),   QStringLiteral("end"),
           QStringLiteral("collected"), QStringLiteral("expires"),       QStringLiteral("deadline")};
    int count = 0;
    for (const auto &[key, value] : strings(root)) {
        if (!keys.contains(key))
            continue;
        ++count;
        INFO(key.toStdString() << ": " << value.toStdString());
        CHECK(kZoned.match(value).hasMatch());
    }
    return count;
}

QString prop(const QJsonObject &o, const QString &name)
{
    for (const auto &p : o.value(QStringLiteral("props")).toArray()) {
        if (p.toObject().value(QStringLiteral("name")).toString() == name)
            return p.toObject().value(QStringLiteral("value")).toString();
    }
    return {};
}

QJsonObject byProp(const QJsonArray &objects, const QString &name, const QString &value)
{
    for (const auto &o : objects) {
        if (prop(o.toObject(), name) == value)
            return o.toObject();
    }
    return {};
}

struct Scored {
    StoredEngagement stored;
    QString hash;
};

Scored score(Workspace &ws, qint64 id)
{
    auto stored = loadAndScore(ws, library(), id);
    INFO((stored ? QString() : stored.error().toString()).toStdString());
    REQUIRE(stored.ok());
    auto hash = EngagementStore(ws).contentHash(id);
    REQUIRE(hash.ok());
    return {std::move(*stored), *hash};
}

// Markdown's backslash escapes undone: what a Markdown reader shows.
QString unescaped(const QString &markdown)
{
    static const QRegularExpression escape(QStringLiteral("\\\\([!-/:-@\\[-`{-~])"));
    return QString(markdown).replace(escape, QStringLiteral("\\1"));
}

} // namespace

TEST_CASE("OSCAL UUIDs are SHA-256 of content hash and path in version 4 form", "[reports][oscal]")
{
    // SHA-256("abcrisk/risk.example") begins 4b31c3a2 fcdc 51a2 f22c ...; the version nibble becomes 4
    // and the variant bits 10.
    CHECK(oscalUuid(QStringLiteral("abc"), QStringLiteral("risk/risk.example")) == QStringLiteral("4b31c3a2-fcdc-41a2-b22c-6264c7e780c8"));
    CHECK(oscalUuid(QStringLiteral("abc"), QStringLiteral("risk/risk.example"))
          == oscalUuid(QStringLiteral("abc"), QStringLiteral("risk/risk.example")));
    CHECK(oscalUuid(QStringLiteral("abd"), QStringLiteral("risk/risk.example"))
          != oscalUuid(QStringLiteral("abc"), QStringLiteral("risk/risk.example")));
    for (int i = 0; i < 64; ++i)
        CHECK(kV4.match(oscalUuid(QStringLiteral("hash"), QString::number(i))).hasMatch());
}

TEST_CASE("OSCAL text helpers escape Markdown, keep one line where OSCAL wants one, and drop what XML cannot hold", "[reports][oscal]")
{
    CHECK(oscal::controlId(QStringLiteral("AC-2(1)")) == QStringLiteral("ac-2.1"));
    CHECK(oscal::controlId(QStringLiteral("IR-4")) == QStringLiteral("ir-4"));
    CHECK(oscal::markupLine(QStringLiteral("# <b>x</b> & *y* [z](u)\nnext"))
          == QStringLiteral("\\# \\<b\\>x\\</b\\> \\& \\*y\\* \\[z\\](u) next"));
    CHECK(oscal::markupMultiline(QStringLiteral("1. one\r\n    - two\n\n")) == QStringLiteral("1\\. one\n\\- two"));
    CHECK(oscal::markupLine(QStringLiteral("storage_access _x_")) == QStringLiteral("storage_access \\_x\\_"));
    CHECK(oscal::plainString(QStringLiteral("\t A\u0001\nB \uFEFF")) == QStringLiteral("A B"));
    CHECK(oscal::plainString(QStringLiteral(" \u0007 ")).isEmpty());
    CHECK(oscal::dateTime(QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), QTimeZone(10 * 3600)))
          == QStringLiteral("2026-01-01T17:04:05Z"));
    const QString text = QStringLiteral("a\\b `c` <d> & e_f ~g~ |h| [i]");
    CHECK(unescaped(oscal::markupMultiline(text)) == text);
}

TEST_CASE("The demo's approved engagement as OSCAL assessment results validates and says what scoring found", "[reports][oscal][ar]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    const Scored s = score(*ws, 1);
    const ScoreCard &card = s.stored.card;
    REQUIRE(s.stored.engagement.client == QStringLiteral("Harbourline Freight Ltd"));
    REQUIRE(s.stored.engagement.status == EngagementStatus::Approved);
    const ReportInput input {&s.stored, s.hash, {}, kGenerated};
    const QByteArray bytes = renderOscalAssessmentResults(input);
    requireValid(kArSchema, bytes);

    const QJsonObject ar = parse(bytes, QStringLiteral("assessment-results"));
    const QJsonObject metadata = ar.value(QStringLiteral("metadata")).toObject();
    CHECK(metadata.value(QStringLiteral("oscal-version")).toString() == QStringLiteral("1.1.2"));
    CHECK(metadata.value(QStringLiteral("published")).toString() == QStringLiteral("2026-11-13T17:30:00Z"));
    CHECK(metadata.value(QStringLiteral("last-modified")).toString() == QStringLiteral("2026-11-13T17:30:00Z"));
    CHECK(metadata.value(QStringLiteral("version")).toString() == QStringLiteral("approved-") + s.hash.left(12));
    CHECK(prop(metadata, QStringLiteral("content-hash")) == s.hash);
    CHECK(prop(metadata, QStringLiteral("scoring-rules")) == QStringLiteral("bulkhead-scoring-1"));
    CHECK(prop(metadata, QStringLiteral("marking")) == QStringLiteral("CONFIDENTIAL"));
    QStringList roles;
    for (const auto &r : metadata.value(QStringLiteral("roles")).toArray())
        roles << r.toObject().value(QStringLiteral("id")).toString();
    CHECK(roles.contains(QStringLiteral("prepared-by")));
    CHECK(roles.contains(QStringLiteral("assessor")));
    CHECK(roles.contains(QStringLiteral("prepared-for")));
    bool client = false;
    for (const auto &p : metadata.value(QStringLiteral("parties")).toArray())
        client = client || p.toObject().value(QStringLiteral("name")).toString() == QStringLiteral("Harbourline Freight Ltd");
    CHECK(client);

    // import-ap points at this document's own description of the plan, not at a missing file.
    const QString plan = ar.value(QStringLiteral("import-ap")).toObject().value(QStringLiteral("href")).toString();
    REQUIRE(plan.startsWith(QLatin1Char('#')));
    const QJsonArray resources = ar.value(QStringLiteral("back-matter")).toObject().value(QStringLiteral("resources")).toArray();
    REQUIRE(resources.size() == 1);
    CHECK(resources.at(0).toObject().value(QStringLiteral("uuid")).toString() == plan.mid(1));

    const QJsonArray results = ar.value(QStringLiteral("results")).toArray();
    REQUIRE(results.size() == 1);
    const QJsonObject result = results.at(0).toObject();
    CHECK(result.value(QStringLiteral("start")).toString() == QStringLiteral("2025-11-03T00:00:00Z"));
    CHECK(result.value(QStringLiteral("end")).toString() == QStringLiteral("2025-11-14T23:59:59Z"));

    // Reviewed controls: every control in scope, in NIST's OSCAL spelling.
    const QJsonArray included = result.value(QStringLiteral("reviewed-controls"))
                                    .toObject()
                                    .value(QStringLiteral("control-selections"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QStringLiteral("include-controls"))
                                    .toArray();
    CHECK(included.size() == card.controls.size());
    CHECK(included.size() == 256); // the MODERATE baseline within the built-in catalogue's 14 families
    QSet<QString> controlIds;
    for (const auto &c : included)
        controlIds.insert(c.toObject().value(QStringLiteral("control-id")).toString());
    CHECK(controlIds.size() == 256);
    CHECK(controlIds.contains(QStringLiteral("ir-4")));
    CHECK(controlIds.contains(QStringLiteral("ac-2.1")));
    const QRegularExpression oscalControl(QStringLiteral("^[a-z]{2}-\\d+(\\.\\d+)?$"));
    for (const auto &id : controlIds) {
        INFO(id.toStdString());
        CHECK(oscalControl.match(id).hasMatch());
    }

    // One observation per answered scored question.
    const QJsonArray observations = result.value(QStringLiteral("observations")).toArray();
    CHECK(observations.size() == card.answeredQuestions);
    CHECK(observations.size() == 160);
    QSet<QString> methods;
    for (const auto &o : observations)
        for (const auto &m : o.toObject().value(QStringLiteral("methods")).toArray())
            methods.insert(m.toString());
    CHECK(methods == QSet<QString> {QStringLiteral("EXAMINE"), QStringLiteral("INTERVIEW"), QStringLiteral("TEST")});

    // One finding per assessed control; IR-4 is not satisfied and rests on observations.
    const QJsonArray findings = result.value(QStringLiteral("findings")).toArray();
    const int assessed = card.count(ControlDetermination::Satisfied) + card.count(ControlDetermination::OtherThanSatisfied);
    CHECK(findings.size() == assessed);
    CHECK(findings.size() == 132);
    int notSatisfied = 0;
    for (const auto &f : findings) {
        const QJsonObject target = f.toObject().value(QStringLiteral("target")).toObject();
        CHECK(target.value(QStringLiteral("type")).toString() == QStringLiteral("objective-id"));
        notSatisfied += target.value(QStringLiteral("status")).toObject().value(QStringLiteral("state")).toString()
            == QStringLiteral("not-satisfied");
    }
    CHECK(notSatisfied == card.count(ControlDetermination::OtherThanSatisfied));
    const QJsonObject ir4 = byProp(findings, QStringLiteral("control-id"), QStringLiteral("ir-4"));
    REQUIRE_FALSE(ir4.isEmpty());
    const QJsonObject ir4Target = ir4.value(QStringLiteral("target")).toObject();
    CHECK(ir4Target.value(QStringLiteral("target-id")).toString() == QStringLiteral("ir-4_obj"));
    CHECK(ir4Target.value(QStringLiteral("status")).toObject().value(QStringLiteral("state")).toString()
          == QStringLiteral("not-satisfied"));
    CHECK(ir4.value(QStringLiteral("related-observations")).toArray().size() >= 1);
    CHECK(ir4.value(QStringLiteral("related-risks")).toArray().size() >= 1);
    const QJsonObject pe3 = byProp(findings, QStringLiteral("control-id"), QStringLiteral("pe-3"));
    CHECK(
        pe3.value(QStringLiteral("target")).toObject().value(QStringLiteral("status")).toObject().value(QStringLiteral("state")).toString()
        == QStringLiteral("satisfied"));

    // One risk per rating, characterised with NIST SP 800-30 levels.
    const QJsonArray risks = result.value(QStringLiteral("risks")).toArray();
    CHECK(risks.size() == card.risks.size());
    CHECK(risks.size() == 30);
    QJsonObject incidents;
    for (const auto &r : risks) {
        const QJsonObject risk = r.toObject();
        CHECK(risk.value(QStringLiteral("status")).toString() == QStringLiteral("open"));
        if (risk.value(QStringLiteral("title")).toString()
            == QStringLiteral("Incidents in provider-run layers are handled late or without forensic data"))
            incidents = risk;
    }
    REQUIRE_FALSE(incidents.isEmpty());
    QMap<QString, QString> facets;
    for (const auto &f :
         incidents.value(QStringLiteral("characterizations")).toArray().at(0).toObject().value(QStringLiteral("facets")).toArray()) {
        CHECK(f.toObject().value(QStringLiteral("system")).toString() == QStringLiteral("http://csrc.nist.gov/ns/oscal"));
        facets.insert(f.toObject().value(QStringLiteral("name")).toString(), f.toObject().value(QStringLiteral("value")).toString());
    }
    CHECK(facets.value(QStringLiteral("risk")) == QStringLiteral("high"));
    CHECK(facets.keys() == QStringList {QStringLiteral("impact"), QStringLiteral("likelihood"), QStringLiteral("risk")});

    checkUuids(ar);
    CHECK(checkDateTimes(ar) == 2 + 2 + observations.size()); // metadata, result start/end, collected

    // The same engagement gives the same bytes, loaded and scored again; only the timestamps follow
    // the clock.
    const Scored again = score(*ws, 1);
    CHECK(renderOscalAssessmentResults({&again.stored, again.hash, {}, kGenerated}) == bytes);
    const QByteArray later = renderOscalAssessmentResults({&s.stored, s.hash, {}, kGenerated.addDays(1)});
    CHECK(later != bytes);
    CHECK(QByteArray(later).replace("2026-11-14T17:30:00Z", "2026-11-13T17:30:00Z") == bytes);
}

TEST_CASE("The demo's approved engagement as an OSCAL POA&M validates and carries every item", "[reports][oscal][poam]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    const Scored s = score(*ws, 1);
    const ScoreCard &card = s.stored.card;
    // Ten hours ahead of UTC: the export still writes UTC.
    const ReportInput input {&s.stored, s.hash, {}, QDateTime(QDate(2026, 11, 14), QTime(3, 30), QTimeZone(10 * 3600))};
    const QByteArray bytes = renderOscalPoam(input);
    requireValid(kPoamSchema, bytes);

    const QJsonObject poam = parse(bytes, QStringLiteral("plan-of-action-and-milestones"));
    CHECK(poam.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("last-modified")).toString()
          == QStringLiteral("2026-11-13T17:30:00Z"));
    const QJsonObject systemId = poam.value(QStringLiteral("system-id")).toObject();
    CHECK(systemId.value(QStringLiteral("identifier-type")).toString() == QStringLiteral("https://ietf.org/rfc/rfc4122"));
    CHECK(kV4.match(systemId.value(QStringLiteral("id")).toString()).hasMatch());

    const QJsonArray items = poam.value(QStringLiteral("poam-items")).toArray();
    CHECK(items.size() == card.poam.size());
    CHECK(items.size() == 100);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const PoamItem &p = card.poam.at(i);
        INFO(p.id.toStdString());
        CHECK(prop(item, QStringLiteral("poam-id")) == p.id);
        CHECK(prop(item, QStringLiteral("due-date")) == p.due.toString(Qt::ISODate));
        const bool related = item.contains(QStringLiteral("related-risks")) || item.contains(QStringLiteral("related-findings"));
        CHECK(related);
    }
    CHECK(prop(items.at(0).toObject(), QStringLiteral("poam-id")) == QStringLiteral("POAM-001"));

    // Control gaps point at their finding, risks at their risk; both are in the document.
    const QJsonArray findings = poam.value(QStringLiteral("findings")).toArray();
    CHECK(findings.size() == card.count(ControlDetermination::OtherThanSatisfied));
    const QJsonArray risks = poam.value(QStringLiteral("risks")).toArray();
    CHECK(risks.size() >= 1);
    CHECK(risks.size() <= 30);
    CHECK(poam.value(QStringLiteral("observations")).toArray().size() >= 1);

    checkUuids(poam);
    CHECK(checkDateTimes(poam) == 2 + poam.value(QStringLiteral("observations")).toArray().size());

    // The POA&M and the assessment results name the same things with the same UUIDs.
    const QJsonObject ar = parse(renderOscalAssessmentResults(input), QStringLiteral("assessment-results"));
    QSet<QString> arUuids;
    for (const auto &[key, value] : strings(ar))
        if (key == QLatin1String("uuid"))
            arUuids.insert(value);
    for (const auto &f : findings)
        CHECK(arUuids.contains(f.toObject().value(QStringLiteral("uuid")).toString()));
    for (const auto &r : risks)
        CHECK(arUuids.contains(r.toObject().value(QStringLiteral("uuid")).toString()));

    CHECK(renderOscalPoam(input) == bytes);
}

TEST_CASE("Hostile text in an engagement is carried by both OSCAL documents, which still validate", "[reports][oscal][hostile]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    const QString longWord = QString(5000, QLatin1Char('W'));
    const QString rtl = QString(QChar(0x05E9)) + QChar(0x05DC) + QChar(0x05D5) + QChar(0x05DD);
    const QString rocket = QString::fromUtf8("\xF0\x9F\x9A\x80");
    const QString hostile
        = QStringLiteral("<script>alert(1)</script> & \"quoted\" 'single' ]]> %1 \u0001\u0007 ") + rtl + QLatin1Char(' ') + rocket;
    Engagement e;
    e.client = hostile;
    e.system = longWord;
    e.csp = QStringLiteral("Amazon ECS & <Fargate>");
    e.architecture = QStringLiteral("typical");
    auto id = EngagementStore(*ws).create(e, library());
    REQUIRE(id.ok());
    REQUIRE(AnswerStore(*ws)
                .save(*id,
                      {QStringLiteral("arch.host.hardening"), QStringLiteral("partial"),
                       hostile + QStringLiteral("\n\n# not a heading\n") + longWord, QStringLiteral("examine"), hostile},
                      library())
                .ok());
    const Scored s = score(*ws, *id);
    const ReportInput input {&s.stored, s.hash, {}, kGenerated};

    const QByteArray arBytes = renderOscalAssessmentResults(input);
    requireValid(kArSchema, arBytes);
    const QByteArray poamBytes = renderOscalPoam(input);
    requireValid(kPoamSchema, poamBytes);
    for (const QByteArray *bytes : {&arBytes, &poamBytes}) {
        CHECK_FALSE(bytes->contains("\\u0001"));
        CHECK_FALSE(bytes->contains("\\u0007"));
        CHECK_FALSE(bytes->contains('\x01'));
    }

    const QJsonObject ar = parse(arBytes, QStringLiteral("assessment-results"));
    // Names are plain strings: the client's name as typed, without the control characters.
    const QString expectedName
        = QStringLiteral("<script>alert(1)</script> & \"quoted\" 'single' ]]> %1 ") + rtl + QLatin1Char(' ') + rocket;
    QStringList names;
    for (const auto &p : ar.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("parties")).toArray())
        names << p.toObject().value(QStringLiteral("name")).toString();
    CHECK(names.contains(expectedName));
    CHECK(names.contains(QStringLiteral("Amazon ECS & <Fargate>")));

    // Markdown fields escape what Markdown would act on, and read back as the text typed.
    const QJsonObject result = ar.value(QStringLiteral("results")).toArray().at(0).toObject();
    CHECK(result.value(QStringLiteral("title")).toString().contains(longWord));
    const QJsonObject observation = byProp(result.value(QStringLiteral("observations")).toArray(), QStringLiteral("question-id"),
                                           QStringLiteral("arch.host.hardening"));
    REQUIRE_FALSE(observation.isEmpty());
    const QString evidence
        = observation.value(QStringLiteral("relevant-evidence")).toArray().at(0).toObject().value(QStringLiteral("description")).toString();
    CHECK(evidence.startsWith(QStringLiteral("\\<script\\>alert(1)\\</script\\> \\& \"quoted\" 'single' \\]\\]\\> %1  ") + rtl));
    CHECK(evidence.contains(QStringLiteral("\n\\# not a heading\n")));
    CHECK(evidence.contains(longWord));
    CHECK(evidence.contains(rocket));
    CHECK(unescaped(evidence)
          == QStringLiteral("<script>alert(1)</script> & \"quoted\" 'single' ]]> %1  ") + rtl + QLatin1Char(' ') + rocket
              + QStringLiteral("\n\n# not a heading\n") + longWord);
    CHECK(observation.value(QStringLiteral("remarks")).toString().startsWith(QStringLiteral("Interviewee: \\<script\\>")));
    CHECK(observation.value(QStringLiteral("methods")).toArray() == QJsonArray {QStringLiteral("EXAMINE")});

    checkUuids(ar);
    CHECK(checkDateTimes(ar) >= 4);
    checkUuids(parse(poamBytes, QStringLiteral("plan-of-action-and-milestones")));
}

TEST_CASE("An engagement with nothing scored still gives valid assessment results and no POA&M", "[reports][oscal]")
{
    StoredEngagement empty;
    empty.engagement.client = QStringLiteral("Client");
    empty.engagement.system = QStringLiteral("System");
    const ReportInput input {&empty, QStringLiteral("00"), {}, kGenerated};
    const QByteArray bytes = renderOscalAssessmentResults(input);
    requireValid(kArSchema, bytes);
    const QJsonObject result
        = parse(bytes, QStringLiteral("assessment-results")).value(QStringLiteral("results")).toArray().at(0).toObject();
    CHECK_FALSE(result.contains(QStringLiteral("findings")));
    CHECK_FALSE(result.contains(QStringLiteral("observations")));
    CHECK(result.value(QStringLiteral("start")).toString() == QStringLiteral("2026-11-13T17:30:00Z"));
    CHECK(renderOscalPoam(input).isEmpty());
}

TEST_CASE("The validator rejects what OSCAL forbids, so a pass means something", "[reports][oscal]")
{
    StoredEngagement empty;
    const ReportInput input {&empty, QStringLiteral("00"), {}, kGenerated};
    const QByteArray good = renderOscalAssessmentResults(input);
    requireValid(kArSchema, good);
    const QJsonObject ar = parse(good, QStringLiteral("assessment-results"));
    const QString uuid = ar.value(QStringLiteral("uuid")).toString();

    // A version 1 UUID, a date-time without a zone, and a role id with a space.
    QByteArray bad = good;
    bad.replace(uuid.toUtf8(), QByteArray("6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
    bad.replace("2026-11-13T17:30:00Z", "2026-11-13T17:30:00");
    bad.replace("\"prepared-by\"", "\"prepared by\"");
    const Validation v = runValidator(kArSchema, bad);
    INFO(v.output.toStdString());
    CHECK(v.exitCode == 1);
    CHECK(v.output.contains(QStringLiteral("/assessment-results/uuid")));
    CHECK(v.output.contains(QStringLiteral("/assessment-results/metadata/published")));
    CHECK(v.output.contains(QStringLiteral("/assessment-results/metadata/roles/0/id"))); // \p{L} compiled and applied

    // And the POA&M schema does not take assessment results.
    CHECK(runValidator(kPoamSchema, good).exitCode == 1);
}
