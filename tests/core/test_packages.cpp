// Engagement packages: an engagement exported from one workspace, imported into another, scores
// exactly as before; the signing key is made once, private; and every way a package can be
// tampered with, truncated or made hostile is refused with its reason, writing nothing.
#include "AnswerStore.h"
#include "AuditTrail.h"
#include "BaselineProfiles.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "EvidenceStore.h"
#include "Package.h"
#include "PackageExport.h"
#include "PackageImport.h"
#include "PackageSigning.h"
#include "QuestionnairePins.h"
#include "ScanImport.h"
#include "ScoreJson.h"
#include "StoredEngagement.h"
#include "TestSupport.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace bulkhead;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

WorkspaceOptions options(const QString &actor, const QDate &day)
{
    WorkspaceOptions o;
    o.actor = actor;
    o.clock = test::steppingClock(QDateTime(day, QTime(10, 0), Qt::UTC));
    return o;
}

int modeOf(const QString &path)
{
    struct stat info { };
    REQUIRE(::stat(QFile::encodeName(path).constData(), &info) == 0);
    return int(info.st_mode & 0777);
}

// The demo workspace, with two evidence files and a risk override on the draft engagement 3.
struct Source {
    QTemporaryDir dir;
    std::unique_ptr<Workspace> ws;
    QString keyDir;
    SigningKey key;

    Source()
    {
        ws = test::openWorkspace(dir, QStringLiteral("source.bulkhead"), options(QStringLiteral("a.okafor"), QDate(2026, 2, 2)));
        auto ids = buildDemo(*ws, library());
        REQUIRE(ids.ok());
        REQUIRE(*ids == QList<qint64> {1, 2, 3});
        test::writeBytes(dir.filePath(QStringLiteral("registry-scan.txt")), "registry: signed images only, 0 unsigned tags\n");
        test::writeBytes(dir.filePath(QStringLiteral("pentest.pdf")), QByteArray("%PDF-1.4\n") + QByteArray(3000, 'x'));
        EvidenceStore evidence(*ws);
        REQUIRE(evidence
                    .add({3,
                          dir.filePath(QStringLiteral("registry-scan.txt")),
                          QStringLiteral("image.registry.metadata"),
                          {},
                          QDate(2026, 1, 20),
                          QDate(2027, 1, 20)},
                         library())
                    .ok());
        REQUIRE(
            evidence.add({3, dir.filePath(QStringLiteral("pentest.pdf")), {}, QStringLiteral("CA-8"), QDate(2026, 1, 22), {}}, library())
                .ok());
        RiskOverride o;
        o.engagementId = 3;
        o.riskId = QStringLiteral("risk.access_control");
        o.likelihood = Level::High;
        o.rationale = QStringLiteral("Shared cluster admin credentials seen during walkthrough");
        REQUIRE(AnswerStore(*ws).setRiskOverride(o, library()).ok());
        keyDir = dir.filePath(QStringLiteral("config/bulkhead"));
        auto made = PackageSigning::loadOrCreate(keyDir);
        REQUIRE(made.ok());
        key = *made;
    }

    QString exported(qint64 id)
    {
        const QString file = dir.filePath(QStringLiteral("engagement-%1.bulkhead-package").arg(id));
        auto written = exportPackage(*ws, library(), id, file, key);
        INFO((written ? QString() : written.error().toString()).toStdString());
        REQUIRE(written.ok());
        return file;
    }
};

std::unique_ptr<Workspace> target(const QTemporaryDir &dir)
{
    return test::openWorkspace(dir, QStringLiteral("target.bulkhead"), options(QStringLiteral("m.reyes"), QDate(2026, 4, 1)));
}

QJsonObject scoreWithoutEngagement(Workspace &ws, qint64 id)
{
    auto stored = loadAndScore(ws, library(), id);
    REQUIRE(stored.ok());
    QJsonObject json = scoreCardToJson(stored->engagement, stored->card);
    json.remove(QStringLiteral("engagement"));
    return json;
}

QSet<QString> evidenceShas(Workspace &ws, qint64 id)
{
    auto items = EvidenceStore(ws).list(id);
    REQUIRE(items.ok());
    QSet<QString> shas;
    for (const auto &item : *items)
        shas.insert(item.sha256);
    return shas;
}

// Rows of every table: what a refused import must leave exactly as it was.
QMap<QString, int> rowCounts(Workspace &ws)
{
    QMap<QString, int> counts;
    for (const auto &table : test::tableNames(ws)) {
        QSqlQuery count = ws.query();
        REQUIRE(count.exec(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table)));
        REQUIRE(count.next());
        counts.insert(table, count.value(0).toInt());
    }
    return counts;
}

void writeZip(const QString &path, const QList<ZipEntry> &entries, const QHash<QString, qint64> &declared = {})
{
    QFile out(path);
    REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    ZipWriter zip(out);
    for (const auto &e : entries) {
        auto added = zip.add(e.name, e.bytes, declared.value(e.name, -1));
        INFO((added ? QString() : added.error().toString()).toStdString());
        REQUIRE(added.ok());
    }
    REQUIRE(zip.finish().ok());
}

QList<ZipEntry> entriesOf(const QString &package)
{
    auto entries = readZipEntries(package);
    INFO((entries ? QString() : entries.error().toString()).toStdString());
    REQUIRE(entries.ok());
    return *entries;
}

QByteArray &bytesOf(QList<ZipEntry> &entries, const QString &name)
{
    for (auto &e : entries) {
        if (e.name == name)
            return e.bytes;
    }
    FAIL("no entry " << name.toStdString());
    static QByteArray none;
    return none;
}

} // namespace

TEST_CASE("the first export makes a private P-256 signing key and later ones reuse it", "[packages][signing]")
{
    QTemporaryDir dir;
    const QString keyDir = dir.filePath(QStringLiteral("config/bulkhead"));
    auto first = PackageSigning::loadOrCreate(keyDir);
    REQUIRE(first.ok());
    CHECK(first->created);
    CHECK(first->file == keyDir + QStringLiteral("/signing-key.pem"));
    CHECK(modeOf(first->file) == 0600);
    CHECK(modeOf(keyDir) == 0700);
    CHECK(first->privateKeyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
    CHECK(first->publicKeyPem.startsWith("-----BEGIN PUBLIC KEY-----"));
    CHECK(QRegularExpression(QStringLiteral("^([0-9a-f]{4}:){15}[0-9a-f]{4}$")).match(first->fingerprint).hasMatch());
    CHECK(PackageSigning::fingerprint(first->publicKeyPem).value() == first->fingerprint);

    auto second = PackageSigning::loadOrCreate(keyDir);
    REQUIRE(second.ok());
    CHECK_FALSE(second->created);
    CHECK(second->fingerprint == first->fingerprint);
    CHECK(second->publicKeyPem == first->publicKeyPem);

    const QByteArray data = "manifest bytes";
    auto signature = PackageSigning::sign(*second, data);
    REQUIRE(signature.ok());
    CHECK(PackageSigning::verify(first->publicKeyPem, data, *signature).ok());
    CHECK_FALSE(PackageSigning::verify(first->publicKeyPem, "manifest bytez", *signature).ok());
    auto other = PackageSigning::loadOrCreate(dir.filePath(QStringLiteral("other")));
    REQUIRE(other.ok());
    CHECK(other->fingerprint != first->fingerprint);
    CHECK_FALSE(PackageSigning::verify(other->publicKeyPem, data, *signature).ok());

    qputenv("BULKHEAD_CONFIG_DIR", keyDir.toUtf8());
    CHECK(PackageSigning::defaultKeyDirectory() == keyDir);
    qunsetenv("BULKHEAD_CONFIG_DIR");

    // A key others could read is no longer the signer's alone.
    REQUIRE(QFile::setPermissions(first->file, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    auto exposed = PackageSigning::loadOrCreate(keyDir);
    REQUIRE_FALSE(exposed.ok());
    CHECK(exposed.error().message.contains(QStringLiteral("may be read or changed by other users")));
}

TEST_CASE("an exported engagement imports into a new workspace and scores exactly as it did", "[packages]")
{
    Source source;
    const QString package = source.exported(3);

    auto verified = verifyPackage(package);
    INFO((verified ? QString() : verified.error().toString()).toStdString());
    REQUIRE(verified.ok());
    CHECK(verified->signerFingerprint() == source.key.fingerprint);
    CHECK(verified->manifest().value(QStringLiteral("format_version")).toInt() == 2);
    CHECK(verified->manifest().value(QStringLiteral("engagement")).toObject().value(QStringLiteral("id")).toInt() == 3);
    const QStringList files = verified->files();
    CHECK(files.contains(QStringLiteral("answers.json")));
    CHECK(files.contains(QStringLiteral("risk-overrides.json")));
    CHECK(files.contains(QStringLiteral("poam.json")));
    CHECK(files.contains(QStringLiteral("audit-trail.json")));
    CHECK(files.contains(QStringLiteral("evidence.json")));
    CHECK(files.filter(QStringLiteral("content/questionnaires/")).size() == library().questionnaires().size());
    CHECK(files.filter(QStringLiteral("content/catalogues/")).size() == library().catalogueTexts().size());
    CHECK(files.filter(QStringLiteral("evidence/")).size() == 2);
    CHECK(verified->entryCount() == files.size() + 2);

    QTemporaryDir dir;
    auto ws = target(dir);
    auto imported = importPackage(*ws, package);
    INFO((imported ? QString() : imported.error().toString()).toStdString());
    REQUIRE(imported.ok());
    CHECK(imported->engagementId == 1);
    CHECK(imported->originalEngagementId == 3);
    CHECK(imported->signerFingerprint == source.key.fingerprint);
    const auto sourceHash = EngagementStore(*source.ws).contentHash(3);
    CHECK(imported->originalContentHash == sourceHash.value());
    CHECK(imported->riskOverrides == 1);
    CHECK(imported->evidenceFiles == 2);
    auto sourceAnswers = AnswerStore(*source.ws).answers(3);
    REQUIRE(sourceAnswers.ok());
    CHECK(imported->answers == sourceAnswers->size());
    CHECK(imported->answers > 10);

    // Scores, risks and POA&M are the same, down to every reason and due date.
    auto sourceCard = loadAndScore(*source.ws, library(), 3);
    auto importedCard = loadAndScore(*ws, library(), 1);
    REQUIRE(sourceCard.ok());
    REQUIRE(importedCard.ok());
    CHECK(scoreWithoutEngagement(*ws, 1) == scoreWithoutEngagement(*source.ws, 3));
    REQUIRE(importedCard->card.controls.size() == sourceCard->card.controls.size());
    for (qsizetype i = 0; i < sourceCard->card.controls.size(); ++i) {
        CHECK(importedCard->card.controls.at(i).id == sourceCard->card.controls.at(i).id);
        CHECK(importedCard->card.controls.at(i).result == sourceCard->card.controls.at(i).result);
    }
    REQUIRE(importedCard->card.families.size() == sourceCard->card.families.size());
    for (qsizetype i = 0; i < sourceCard->card.families.size(); ++i)
        CHECK(importedCard->card.families.at(i).score == sourceCard->card.families.at(i).score);
    REQUIRE(importedCard->card.risks.size() == sourceCard->card.risks.size());
    for (qsizetype i = 0; i < sourceCard->card.risks.size(); ++i) {
        CHECK(importedCard->card.risks.at(i).level == sourceCard->card.risks.at(i).level);
        CHECK(importedCard->card.risks.at(i).overridden == sourceCard->card.risks.at(i).overridden);
    }
    REQUIRE(importedCard->card.poam.size() == sourceCard->card.poam.size());
    CHECK(!sourceCard->card.poam.isEmpty());
    for (qsizetype i = 0; i < sourceCard->card.poam.size(); ++i) {
        CHECK(importedCard->card.poam.at(i).sourceId == sourceCard->card.poam.at(i).sourceId);
        CHECK(importedCard->card.poam.at(i).detected == sourceCard->card.poam.at(i).detected);
        CHECK(importedCard->card.poam.at(i).due == sourceCard->card.poam.at(i).due);
    }

    // The record is a draft of the same engagement, pinned to the same texts.
    const Engagement &e = importedCard->engagement;
    CHECK(e.status == EngagementStatus::Draft);
    CHECK(e.client == sourceCard->engagement.client);
    CHECK(e.createdAt == sourceCard->engagement.createdAt);
    auto sourcePins = QuestionnairePins(*source.ws).pinned(3);
    auto importedPins = QuestionnairePins(*ws).pinned(1);
    REQUIRE(importedPins->size() == sourcePins->size());
    for (auto it = sourcePins->cbegin(); it != sourcePins->cend(); ++it)
        CHECK(importedPins->value(it.key()).sha256 == it->sha256);
    // Who answered, and when, is kept.
    REQUIRE(importedCard->answers.size() == sourceAnswers->size());
    for (qsizetype i = 0; i < sourceAnswers->size(); ++i) {
        CHECK(importedCard->answers.at(i).questionId == sourceAnswers->at(i).questionId);
        CHECK(importedCard->answers.at(i).value == sourceAnswers->at(i).value);
        CHECK(importedCard->answers.at(i).answeredBy == sourceAnswers->at(i).answeredBy);
        CHECK(importedCard->answers.at(i).answeredAt == sourceAnswers->at(i).answeredAt);
    }
    CHECK(importedCard->overrides.value(0).overriddenBy == QStringLiteral("a.okafor"));

    // The same evidence, plus the original audit trail as signed.
    const auto trailBytes = verified->bytes(QStringLiteral("audit-trail.json"), 1 << 24);
    REQUIRE(trailBytes.ok());
    CHECK(evidenceShas(*ws, 1) == (evidenceShas(*source.ws, 3) | QSet<QString> {sha256Hex(*trailBytes)}));
    auto attached = EvidenceStore(*ws).list(1);
    REQUIRE(attached->size() == 3);
    CHECK(attached->at(0).fileName == QStringLiteral("registry-scan.txt"));
    CHECK(attached->at(0).questionId == QStringLiteral("image.registry.metadata"));
    CHECK(attached->at(0).expiresOn == QDate(2027, 1, 20));
    CHECK(attached->at(1).controlId == QStringLiteral("CA-8"));
    CHECK(attached->at(2).fileName == QStringLiteral("original-audit-trail.json"));
    CHECK(attached->at(2).addedBy == QStringLiteral("m.reyes"));
    auto sourceEvents = AuditTrail(*source.ws).events(3);
    const QJsonArray originalTrail = QJsonDocument::fromJson(*trailBytes).array();
    REQUIRE(originalTrail.size() == sourceEvents->size());
    CHECK(originalTrail.last().toObject().value(QStringLiteral("hash")).toString() == sourceEvents->last().hash);

    // The local trail records the import and still verifies.
    auto events = AuditTrail(*ws).events(1);
    REQUIRE(events.ok());
    const auto importEvent = std::find_if(events->cbegin(), events->cend(),
                                          [](const AuditEvent &ev) { return ev.action == QStringLiteral("engagement.import"); });
    REQUIRE(importEvent != events->cend());
    CHECK(importEvent->actor == QStringLiteral("m.reyes"));
    const QJsonObject after = QJsonDocument::fromJson(importEvent->after.toUtf8()).object();
    CHECK(after.value(QStringLiteral("signer_fingerprint")).toString() == source.key.fingerprint);
    CHECK(after.value(QStringLiteral("original_content_hash")).toString() == sourceHash.value());
    CHECK(after.value(QStringLiteral("status")).toString() == QStringLiteral("draft"));
    auto audit = AuditTrail(*ws).verify();
    REQUIRE(audit.ok());
    CHECK(audit->ok());
}

namespace {

QString kubeBenchReport(const QTemporaryDir &dir, const QString &name, const QList<std::pair<const char *, const char *>> &checks)
{
    QJsonArray results;
    for (const auto &[id, state] : checks)
        results.append(QJsonObject {{QStringLiteral("test_number"), QLatin1String(id)},
                                    {QStringLiteral("test_desc"), QStringLiteral("check %1").arg(QLatin1String(id))},
                                    {QStringLiteral("status"), QLatin1String(state)}});
    const QJsonObject report {
        {QStringLiteral("Controls"),
         QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("1")},
                                  {QStringLiteral("version"), QStringLiteral("cis-1.8")},
                                  {QStringLiteral("tests"),
                                   QJsonArray {QJsonObject {{QStringLiteral("section"), QStringLiteral("1.1")},
                                                            {QStringLiteral("results"), results}}}}}}}};
    const QString path = dir.filePath(name);
    test::writeBytes(path, QJsonDocument(report).toJson());
    return path;
}

// An observation's JSON without what is local to a workspace (row ids).
QJsonObject withoutIds(QJsonObject json)
{
    for (const char *field : {"id", "engagement", "evidence", "observations"})
        json.remove(QLatin1String(field));
    return json;
}

} // namespace

TEST_CASE("scanner observations, answer proposals and an imported baseline travel with the package", "[packages][scan-import]")
{
    Source source;
    Workspace &from = *source.ws;
    auto baseline = BaselineProfiles(from).import(
        QStringLiteral("nist-moderate"), test::sharedTestData(QStringLiteral("oscal/rev5/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json")),
        library().controls());
    REQUIRE(baseline.ok());
    auto engagement = EngagementStore(from).get(3);
    REQUIRE(engagement.ok());
    Engagement changed = *engagement;
    changed.baselineProfile = QStringLiteral("nist-moderate");
    REQUIRE(EngagementStore(from).update(changed).ok());

    // One proposal accepted, one rejected, one left pending.
    auto first = importScan(from, library(), 3, ScanTool::KubeBench, test::sharedTestData(QStringLiteral("kube-bench/result.json")));
    REQUIRE(first.ok());
    REQUIRE(first->proposals.size() == 1);
    REQUIRE(acceptProposal(from, library(), 3, first->proposals.first().questionId).ok());
    auto second = importScan(from, library(), 3, ScanTool::KubeBench,
                             kubeBenchReport(source.dir, QStringLiteral("host-files.json"), {{"1.1.1", "FAIL"}, {"1.1.2", "FAIL"}}));
    REQUIRE(second.ok());
    REQUIRE(second->proposals.size() == 1);
    REQUIRE(rejectProposal(from, 3, second->proposals.first().questionId).ok());
    auto third = importScan(from, library(), 3, ScanTool::KubeBench,
                            kubeBenchReport(source.dir, QStringLiteral("node-identity.json"), {{"2.2", "FAIL"}}));
    REQUIRE(third.ok());
    REQUIRE(third->proposals.size() == 1);
    auto sourceObservations = observations(from, 3);
    auto sourceProposals = proposals(from, 3);
    REQUIRE(sourceObservations.ok());
    REQUIRE(sourceProposals.ok());
    REQUIRE(sourceObservations->size() == first->observations + 2 + 1);
    REQUIRE(sourceProposals->size() == 3);

    const QString package = source.exported(3);
    auto verified = verifyPackage(package);
    REQUIRE(verified.ok());
    const QJsonObject counts = verified->manifest().value(QStringLiteral("counts")).toObject();
    CHECK(counts.value(QStringLiteral("observations")).toInt() == sourceObservations->size());
    CHECK(counts.value(QStringLiteral("proposals")).toInt() == 3);
    CHECK(verified->manifest().value(QStringLiteral("baseline_profile")).toObject().value(QStringLiteral("source_sha256")).toString()
          == baseline->sourceSha256);

    SECTION("into a workspace without the baseline")
    {
        QTemporaryDir dir;
        auto ws = target(dir);
        auto imported = importPackage(*ws, package);
        INFO((imported ? QString() : imported.error().toString()).toStdString());
        REQUIRE(imported.ok());
        CHECK(imported->observations == sourceObservations->size());
        CHECK(imported->proposals == 3);
        CHECK(imported->evidenceFiles == 2 + 3);

        auto adopted = BaselineProfiles(*ws).get(QStringLiteral("nist-moderate"));
        REQUIRE(adopted.ok());
        CHECK(adopted->sourceSha256 == baseline->sourceSha256);
        CHECK(adopted->controlIds == baseline->controlIds);
        CHECK(adopted->importedBy == QStringLiteral("m.reyes"));
        CHECK(EngagementStore(*ws).get(1)->baselineProfile == QStringLiteral("nist-moderate"));
        CHECK(scoreWithoutEngagement(*ws, 1) == scoreWithoutEngagement(from, 3));

        // Every observation, under new ids, tied to the same file by name and bytes.
        auto copied = observations(*ws, 1);
        REQUIRE(copied.ok());
        REQUIRE(copied->size() == sourceObservations->size());
        auto localEvidence = EvidenceStore(*ws).list(1);
        auto sourceEvidence = EvidenceStore(from).list(3);
        QHash<qint64, QString> localSha, sourceSha;
        for (const auto &item : *localEvidence)
            localSha.insert(item.id, item.sha256);
        for (const auto &item : *sourceEvidence)
            sourceSha.insert(item.id, item.sha256);
        QHash<qint64, qint64> newIdOf;
        for (qsizetype i = 0; i < copied->size(); ++i) {
            const StoredObservation &a = sourceObservations->at(i);
            const StoredObservation &b = copied->at(i);
            CHECK(withoutIds(toJson(b)) == withoutIds(toJson(a)));
            CHECK(b.engagementId == 1);
            CHECK(localSha.value(b.evidenceId) == sourceSha.value(a.evidenceId));
            newIdOf.insert(a.id, b.id);
        }
        // Every proposal with its state, its people and times, and its observations renumbered.
        auto made = proposals(*ws, 1);
        REQUIRE(made.ok());
        REQUIRE(made->size() == 3);
        QStringList states;
        for (qsizetype i = 0; i < made->size(); ++i) {
            const AnswerProposal &a = sourceProposals->at(i);
            const AnswerProposal &b = made->at(i);
            CHECK(withoutIds(toJson(b)) == withoutIds(toJson(a)));
            QList<qint64> renumbered;
            for (const qint64 id : a.observationIds)
                renumbered << newIdOf.value(id);
            CHECK(b.observationIds == renumbered);
            states << proposalStateKey(b.state);
        }
        CHECK(states == QStringList {QStringLiteral("accepted"), QStringLiteral("rejected"), QStringLiteral("pending")});
        // The pending one can still be decided here.
        CHECK(rejectProposal(*ws, 1, made->at(2).questionId).ok());

        auto events = AuditTrail(*ws).events(1);
        REQUIRE(events.ok());
        int scans = 0, decisions = 0;
        for (const auto &e : *events) {
            scans += e.action == QLatin1String("scan.import");
            decisions += e.action.startsWith(QLatin1String("answer.proposal."));
        }
        CHECK(scans == 3);
        CHECK(decisions == 3);
        auto audit = AuditTrail(*ws).verify();
        REQUIRE(audit.ok());
        INFO(audit->problem.toStdString());
        CHECK(audit->ok());
    }
    SECTION("into a workspace that already has the same baseline")
    {
        QTemporaryDir dir;
        auto ws = target(dir);
        REQUIRE(BaselineProfiles(*ws)
                    .import(QStringLiteral("nist-moderate"),
                            test::sharedTestData(QStringLiteral("oscal/rev5/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json")),
                            library().controls())
                    .ok());
        auto imported = importPackage(*ws, package);
        REQUIRE(imported.ok());
        CHECK(BaselineProfiles(*ws).list()->size() == 1);
        CHECK(scoreWithoutEngagement(*ws, 1) == scoreWithoutEngagement(from, 3));
    }
    SECTION("into a workspace with a different baseline of that name")
    {
        QTemporaryDir dir;
        auto ws = target(dir);
        REQUIRE(BaselineProfiles(*ws)
                    .import(QStringLiteral("nist-moderate"),
                            test::sharedTestData(QStringLiteral("oscal/rev5/NIST_SP-800-53_rev5_LOW-baseline_profile.json")),
                            library().controls())
                    .ok());
        const auto before = rowCounts(*ws);
        auto refused = importPackage(*ws, package);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().message.startsWith(
            QStringLiteral("nothing was imported: this workspace already has a different baseline named 'nist-moderate'")));
        CHECK(rowCounts(*ws) == before);
    }
}

TEST_CASE("a format 1 package, from before observations, proposals and baselines travelled, still imports", "[packages]")
{
    Source source;
    const QString package = source.exported(3);
    // Rewrite it as version 1 wrote it: no observations.json or proposals.json, no baseline,
    // and signed again by the same key.
    const QStringList added {QStringLiteral("observations.json"), QStringLiteral("proposals.json")};
    auto entries = entriesOf(package);
    QJsonObject manifest = QJsonDocument::fromJson(bytesOf(entries, QStringLiteral("manifest.json"))).object();
    manifest.insert(QStringLiteral("format_version"), 1);
    manifest.remove(QStringLiteral("baseline_profile"));
    QJsonArray files;
    for (const auto &f : manifest.value(QStringLiteral("files")).toArray()) {
        if (!added.contains(f.toObject().value(QStringLiteral("path")).toString()))
            files.append(f);
    }
    manifest.insert(QStringLiteral("files"), files);
    const QByteArray manifestBytes = QJsonDocument(manifest).toJson();
    auto signature = PackageSigning::sign(source.key, manifestBytes);
    REQUIRE(signature.ok());
    QList<ZipEntry> old;
    for (auto e : entries) {
        if (added.contains(e.name))
            continue;
        if (e.name == QLatin1String("manifest.json"))
            e.bytes = manifestBytes;
        else if (e.name == QLatin1String("signature"))
            e.bytes = *signature;
        old.append(e);
    }
    REQUIRE(old.size() == entries.size() - 2);
    const QString oldPackage = source.dir.filePath(QStringLiteral("format-1.bulkhead-package"));
    writeZip(oldPackage, old);

    QTemporaryDir dir;
    auto ws = target(dir);
    auto imported = importPackage(*ws, oldPackage);
    INFO((imported ? QString() : imported.error().toString()).toStdString());
    REQUIRE(imported.ok());
    CHECK(imported->observations == 0);
    CHECK(imported->proposals == 0);
    CHECK(imported->evidenceFiles == 2);
    CHECK(scoreWithoutEngagement(*ws, 1) == scoreWithoutEngagement(*source.ws, 3));
    auto audit = AuditTrail(*ws).verify();
    REQUIRE(audit.ok());
    CHECK(audit->ok());
}

TEST_CASE("an approved engagement imports as a draft, also as another round of a client", "[packages]")
{
    Source source;
    const QString approved = source.exported(1);
    QTemporaryDir dir;
    auto ws = target(dir);
    Engagement earlier;
    earlier.client = QStringLiteral("Harbourline Freight");
    earlier.system = QStringLiteral("Cargo booking (legacy name)");
    earlier.csp = QStringLiteral("Amazon ECS");
    REQUIRE(EngagementStore(*ws).create(earlier, library()).value() == 1);

    auto imported = importPackage(*ws, approved);
    INFO((imported ? QString() : imported.error().toString()).toStdString());
    REQUIRE(imported.ok());
    CHECK(imported->engagementId == 2);
    auto round = importPackage(*ws, approved, {1, {}});
    REQUIRE(round.ok());
    CHECK(round->engagementId == 3);
    auto plain = EngagementStore(*ws).get(2);
    auto asRound = EngagementStore(*ws).get(3);
    CHECK(plain->status == EngagementStatus::Draft);
    CHECK(plain->client == QStringLiteral("Harbourline Freight Ltd"));
    CHECK(asRound->client == QStringLiteral("Harbourline Freight"));
    CHECK(asRound->system == QStringLiteral("Cargo booking (legacy name)"));
    CHECK(scoreWithoutEngagement(*ws, 2) == scoreWithoutEngagement(*source.ws, 1));
    CHECK(AuditTrail(*ws).verify()->ok());
}

TEST_CASE("a tampered, truncated or hostile package is refused with its reason and nothing is written", "[packages][refused]")
{
    Source source;
    const QString good = source.exported(3);
    QTemporaryDir dir;
    auto ws = target(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    const auto before = rowCounts(*ws);
    REQUIRE(before.value(QStringLiteral("engagement")) == 3);
    const QList<ZipEntry> entries = entriesOf(good);
    const QString evidenceEntry = QStringLiteral("evidence/") + sha256Hex("registry: signed images only, 0 unsigned tags\n");
    const QString bad = dir.filePath(QStringLiteral("bad.bulkhead-package"));
    PackageLimits limits;

    const auto refused = [&](const QString &expected) {
        auto verified = verifyPackage(bad, limits);
        REQUIRE_FALSE(verified.ok());
        CHECK(verified.error().file == bad);
        CHECK(verified.error().message.startsWith(expected));
        auto imported = importPackage(*ws, bad, {std::nullopt, limits});
        REQUIRE_FALSE(imported.ok());
        CHECK(imported.error().message.startsWith(expected));
        CHECK(rowCounts(*ws) == before);
        auto audit = AuditTrail(*ws).verify();
        REQUIRE(audit.ok());
        CHECK(audit->ok());
    };

    SECTION("bad signature")
    {
        auto changed = entries;
        QByteArray &signature = bytesOf(changed, QStringLiteral("signature"));
        signature[signature.size() / 2] = char(signature.at(signature.size() / 2) ^ 0x01);
        writeZip(bad, changed);
        refused(QStringLiteral("bad signature: the signature does not match manifest.json"));
    }
    SECTION("a file changed after signing, the old manifest kept")
    {
        auto changed = entries;
        QByteArray &answers = bytesOf(changed, QStringLiteral("answers.json"));
        const qsizetype at = answers.indexOf("\"value\": \"");
        REQUIRE(at > 0);
        answers.insert(at + 10, "no"); // the first answer's value now starts with "no"
        writeZip(bad, changed);
        refused(QStringLiteral("file 'answers.json' does not match the SHA-256 and size the manifest records"));
    }
    SECTION("a file missing")
    {
        auto changed = entries;
        changed.removeIf([&](const ZipEntry &e) { return e.name == evidenceEntry; });
        writeZip(bad, changed);
        refused(QStringLiteral("file '%1' listed in the manifest is missing from the package").arg(evidenceEntry));
    }
    SECTION("an entry added after signing")
    {
        writeZip(bad, entries + QList<ZipEntry> {{QStringLiteral("evidence/extra"), "smuggled"}});
        refused(QStringLiteral("entry 'evidence/extra' is not listed in the manifest"));
    }
    SECTION("an entry climbing out with ..")
    {
        writeZip(bad, entries + QList<ZipEntry> {{QStringLiteral("../evil"), "#!/bin/sh\n"}});
        refused(QStringLiteral("entry '../evil' is refused: its path climbs out of the package ('..')"));
    }
    SECTION("an entry with an absolute path")
    {
        writeZip(bad, QList<ZipEntry> {{QStringLiteral("/etc/x"), "root::0:0::/:/bin/sh\n"}} + entries);
        refused(QStringLiteral("entry '/etc/x' is refused: it has an absolute path"));
    }
    SECTION("more entries than the limit")
    {
        auto many = entries;
        for (int i = 0; i < 10001 - entries.size(); ++i)
            many.append({QStringLiteral("padding/%1").arg(i), QByteArray()});
        writeZip(bad, many);
        refused(QStringLiteral("the package has 10001 entries, more than the limit of 10000"));
    }
    SECTION("a zip bomb that declares a small size")
    {
        qint64 total = 0;
        for (const auto &e : entries)
            total += e.bytes.size();
        limits.maxTotalBytes = total + 64 * 1024;
        writeZip(bad, entries + QList<ZipEntry> {{QStringLiteral("evidence/bomb"), QByteArray(8 * 1024 * 1024, '\0')}},
                 {{QStringLiteral("evidence/bomb"), 1000}});
        CHECK(QFileInfo(bad).size() < total + 64 * 1024);
        refused(QStringLiteral("entry 'evidence/bomb' inflates beyond the 1000 bytes it declares: refused as a possible zip bomb"));
    }
    SECTION("a zip bomb that declares its size")
    {
        qint64 total = 0;
        for (const auto &e : entries)
            total += e.bytes.size();
        limits.maxTotalBytes = total + 64 * 1024;
        writeZip(bad, entries + QList<ZipEntry> {{QStringLiteral("evidence/bomb"), QByteArray(8 * 1024 * 1024, '\0')}});
        refused(QStringLiteral("the package's entries declare more than"));
    }
    SECTION("an unknown format version")
    {
        auto changed = entries;
        bytesOf(changed, QStringLiteral("manifest.json")).replace("\"format_version\": 2", "\"format_version\": 3");
        writeZip(bad, changed);
        refused(QStringLiteral("unknown package format version 3; this Bulkhead reads versions 1 to 2"));
    }
    SECTION("a truncated file")
    {
        const QByteArray whole = test::readBytes(good);
        test::writeBytes(bad, whole.left(whole.size() / 2));
        refused(QStringLiteral("the package is truncated or is not a zip file"));
    }
    SECTION("not a zip at all")
    {
        test::writeBytes(bad, "just some text, no zip here\n");
        refused(QStringLiteral("the package is truncated or is not a zip file"));
    }
}

TEST_CASE("a package re-zipped unchanged still verifies: the signature covers content, not zip layout", "[packages]")
{
    Source source;
    const QString good = source.exported(3);
    const QString copy = source.dir.filePath(QStringLiteral("copy.bulkhead-package"));
    writeZip(copy, entriesOf(good));
    auto verified = verifyPackage(copy);
    INFO((verified ? QString() : verified.error().toString()).toStdString());
    REQUIRE(verified.ok());
    CHECK(verified->signerFingerprint() == source.key.fingerprint);
    CHECK(unsafeEntryNameReason(QStringLiteral("content/questionnaires/hosting-v3.yaml")).isEmpty());
    CHECK(unsafeEntryNameReason(QStringLiteral("a//b")) == QStringLiteral("its path has an empty or '.' folder (or names a folder)"));
    CHECK(unsafeEntryNameReason(QStringLiteral("C:/x")) == QStringLiteral("its path starts with a drive letter"));
    CHECK(unsafeEntryNameReason(QStringLiteral("a\\..\\b")) == QStringLiteral("its path contains a backslash"));
}
