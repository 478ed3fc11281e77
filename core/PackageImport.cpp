#include "PackageImport.h"

#include "AnswerStore.h"
#include "AuditTrail.h"
#include "BaselineProfiles.h"
#include "ContentLibrary.h"
#include "ContentParser.h"
#include "EngagementStore.h"
#include "EvidenceStore.h"
#include "ObservationRecords.h"
#include "Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <algorithm>

namespace bulkhead {

namespace {

struct ImportedEvidence {
    qint64 originalId = 0; // its record's id where the package came from
    QString entry;
    QString sha256;
    QString fileName;
    QString questionId;
    QString controlId;
    QDate collectedOn;
    QDate expiresOn;
    QString addedBy;
    QDateTime addedAt;
};

// Everything the package holds, read and checked before the workspace is touched.
struct Contents {
    Engagement engagement;
    qint64 originalId = 0;
    QString originalStatus;
    QString contentHash;
    ContentLibrary content; // exactly the package's questionnaires and catalogues
    QList<Answer> answers;
    QList<RiskOverride> overrides;
    QList<ImportedEvidence> evidence;
    std::optional<BaselineProfile> baseline;
    QList<StoredObservation> observations; // ids and evidence ids as in the package
    QList<AnswerProposal> proposals;
    int auditEvents = 0;
};

// Restores the workspace's own actor and clock however the import ends.
struct AttributionGuard {
    Workspace &workspace;
    ~AttributionGuard() { workspace.attributeTo({}, {}); }
};

class PackageReading {
public:
    PackageReading(const VerifiedPackage &package, const PackageLimits &limits) : m_package(package), m_limits(limits) { }

    Result<Contents> read();

private:
    Error refuse(const QString &message) const { return Error {message, m_package.path()}; }
    Result<QJsonArray> jsonArray(const char *entry) const;
    Result<QString> text(const QString &entry, const QString &sha256) const;
    Status readEngagement(Contents &c) const;
    Status readContent(Contents &c) const;
    Status readAnswers(Contents &c) const;
    Status readOverrides(Contents &c) const;
    Status readEvidence(Contents &c) const;
    Status readBaseline(Contents &c) const;
    Status readObservations(Contents &c) const;
    Status readProposals(Contents &c) const;
    // Entries that version 1 packages do not have.
    bool hasVersion2Entries() const { return m_package.manifest().value(QStringLiteral("format_version")).toInt() >= 2; }

    const VerifiedPackage &m_package;
    PackageLimits m_limits;
};

Result<QJsonArray> PackageReading::jsonArray(const char *entry) const
{
    auto bytes = m_package.bytes(QLatin1String(entry), m_limits.maxManifestBytes);
    if (!bytes)
        return bytes.error();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return refuse(QStringLiteral("%1 is not a JSON array: %2")
                          .arg(QLatin1String(entry), doc.isObject() ? QStringLiteral("it is an object") : error.errorString()));
    return doc.array();
}

Result<QString> PackageReading::text(const QString &entry, const QString &sha256) const
{
    auto bytes = m_package.bytes(entry, m_limits.maxManifestBytes);
    if (!bytes)
        return bytes.error();
    if (sha256Hex(*bytes) != sha256)
        return refuse(QStringLiteral("%1 does not have the SHA-256 the manifest gives its content").arg(entry));
    const QString text = QString::fromUtf8(*bytes);
    if (text.toUtf8() != *bytes)
        return refuse(QStringLiteral("%1 is not UTF-8 text").arg(entry));
    return text;
}

Status PackageReading::readEngagement(Contents &c) const
{
    const QJsonObject manifest = m_package.manifest();
    const QJsonObject r = manifest.value(QStringLiteral("engagement")).toObject();
    const auto field = [&r](const char *name) { return r.value(QLatin1String(name)).toString(); };
    Engagement &e = c.engagement;
    e.client = field("client");
    e.system = field("system");
    e.csp = field("csp");
    e.serviceModel = field("service_model");
    e.architecture = field("architecture");
    e.infrastructure = field("infrastructure");
    e.impact = field("impact");
    e.assessor = field("assessor");
    e.reviewer = field("reviewer");
    e.baselineProfile = field("baseline_profile");
    e.periodStart = QDate::fromString(field("period_start"), Qt::ISODate);
    e.periodEnd = QDate::fromString(field("period_end"), Qt::ISODate);
    e.createdAt = fromStoredTime(field("created_at"));
    if (e.client.isEmpty() || e.system.isEmpty() || !e.createdAt.isValid())
        return refuse(QStringLiteral("manifest.json has no engagement record with a client, a system and a creation time"));
    c.originalId = r.value(QStringLiteral("id")).toInteger();
    c.originalStatus = field("status");
    c.contentHash = manifest.value(QStringLiteral("content_hash")).toString();
    return {};
}

Status PackageReading::readContent(Contents &c) const
{
    const QJsonObject manifest = m_package.manifest();
    QList<QJsonObject> listed;
    for (const auto &v : manifest.value(QStringLiteral("catalogues")).toArray())
        listed.append(v.toObject());
    std::sort(listed.begin(), listed.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QStringLiteral("position")).toInt() < b.value(QStringLiteral("position")).toInt();
    });
    QList<CatalogueText> catalogues;
    for (const auto &cat : std::as_const(listed)) {
        const QString sha = cat.value(QStringLiteral("sha256")).toString();
        auto t = text(cat.value(QStringLiteral("entry")).toString(), sha);
        if (!t)
            return t.error();
        const QString source = QStringLiteral("package:%1").arg(cat.value(QStringLiteral("source")).toString());
        catalogues.append({cat.value(QStringLiteral("kind")).toString(), source, *t, sha});
    }
    if (catalogues.isEmpty())
        return refuse(QStringLiteral("the package carries no risk, control or criteria catalogues"));
    if (const auto problems = c.content.setCatalogues(catalogues); !problems.isEmpty())
        return refuse(QStringLiteral("a catalogue in the package cannot be read: %1").arg(problems.first().toString()));
    const auto &loaded = c.content.catalogueTexts();
    for (qsizetype i = 0; i < catalogues.size(); ++i) {
        if (i >= loaded.size() || loaded.at(i).kind != catalogues.at(i).kind)
            return refuse(
                QStringLiteral("catalogue %1 in the package is not the kind the manifest says (%2)").arg(i).arg(catalogues.at(i).kind));
    }

    const QJsonArray questionnaires = manifest.value(QStringLiteral("questionnaires")).toArray();
    if (questionnaires.isEmpty())
        return refuse(QStringLiteral("the package carries no questionnaires"));
    for (const auto &v : questionnaires) {
        const QJsonObject q = v.toObject();
        const QString key = q.value(QStringLiteral("key")).toString();
        const int version = q.value(QStringLiteral("version")).toInt();
        const QString entry = q.value(QStringLiteral("entry")).toString();
        auto t = text(entry, q.value(QStringLiteral("sha256")).toString());
        if (!t)
            return t.error();
        QList<Error> problems;
        auto parsed = parseQuestionnaire(QStringLiteral("package:%1").arg(entry), *t, problems);
        if (!parsed)
            return refuse(QStringLiteral("questionnaire '%1' in the package cannot be read: %2")
                              .arg(key, problems.value(0, Error {QStringLiteral("unknown problem")}).toString()));
        if (parsed->key != key || parsed->version != version)
            return refuse(QStringLiteral("%1 holds questionnaire '%2' version %3, not '%4' version %5 as the manifest says")
                              .arg(entry, parsed->key)
                              .arg(parsed->version)
                              .arg(key)
                              .arg(version));
        if (c.content.questionnaire(key))
            return refuse(QStringLiteral("the manifest lists questionnaire '%1' twice").arg(key));
        c.content.setQuestionnaire(std::move(*parsed));
    }
    return {};
}

Status PackageReading::readAnswers(Contents &c) const
{
    auto array = jsonArray(package_format::kAnswers);
    if (!array)
        return array.error();
    for (const auto &v : std::as_const(*array)) {
        const QJsonObject o = v.toObject();
        Answer a;
        a.questionId = o.value(QStringLiteral("question")).toString();
        a.value = o.value(QStringLiteral("value")).toString();
        a.note = o.value(QStringLiteral("note")).toString();
        a.method = o.value(QStringLiteral("method")).toString();
        a.interviewee = o.value(QStringLiteral("interviewee")).toString();
        a.answeredBy = o.value(QStringLiteral("answered_by")).toString();
        a.answeredAt = fromStoredTime(o.value(QStringLiteral("answered_at")).toString());
        if (!c.content.question(a.questionId))
            return refuse(
                QStringLiteral("answers.json answers question '%1', which the package's questionnaires do not have").arg(a.questionId));
        if (a.answeredBy.isEmpty() || !a.answeredAt.isValid())
            return refuse(QStringLiteral("answers.json: the answer to '%1' does not say who gave it and when").arg(a.questionId));
        c.answers.append(a);
    }
    return {};
}

Status PackageReading::readOverrides(Contents &c) const
{
    auto array = jsonArray(package_format::kRiskOverrides);
    if (!array)
        return array.error();
    for (const auto &v : std::as_const(*array)) {
        const QJsonObject o = v.toObject();
        RiskOverride r;
        r.riskId = o.value(QStringLiteral("risk")).toString();
        const QString likelihood = o.value(QStringLiteral("likelihood")).toString();
        const QString impact = o.value(QStringLiteral("impact")).toString();
        r.likelihood = likelihood.isEmpty() ? std::nullopt : parseLevel(likelihood);
        r.impact = impact.isEmpty() ? std::nullopt : parseLevel(impact);
        r.rationale = o.value(QStringLiteral("rationale")).toString();
        r.overriddenBy = o.value(QStringLiteral("overridden_by")).toString();
        r.overriddenAt = fromStoredTime(o.value(QStringLiteral("overridden_at")).toString());
        if ((!likelihood.isEmpty() && !r.likelihood) || (!impact.isEmpty() && !r.impact) || r.overriddenBy.isEmpty()
            || !r.overriddenAt.isValid())
            return refuse(QStringLiteral("risk-overrides.json: the override of '%1' is incomplete or has an unknown level").arg(r.riskId));
        c.overrides.append(r);
    }
    return {};
}

Status PackageReading::readEvidence(Contents &c) const
{
    auto array = jsonArray(package_format::kEvidence);
    if (!array)
        return array.error();
    QHash<QString, QString> listedSha; // entry -> sha256 the signed manifest gives it
    for (const auto &v : m_package.manifest().value(QStringLiteral("files")).toArray())
        listedSha.insert(v.toObject().value(QStringLiteral("path")).toString(), v.toObject().value(QStringLiteral("sha256")).toString());
    for (const auto &v : std::as_const(*array)) {
        const QJsonObject o = v.toObject();
        ImportedEvidence e;
        e.originalId = o.value(QStringLiteral("id")).toInteger();
        e.entry = o.value(QStringLiteral("entry")).toString();
        e.sha256 = o.value(QStringLiteral("sha256")).toString();
        e.fileName = o.value(QStringLiteral("file_name")).toString();
        e.questionId = o.value(QStringLiteral("question")).toString();
        e.controlId = o.value(QStringLiteral("control")).toString();
        e.collectedOn = QDate::fromString(o.value(QStringLiteral("collected_on")).toString(), Qt::ISODate);
        e.expiresOn = QDate::fromString(o.value(QStringLiteral("expires_on")).toString(), Qt::ISODate);
        e.addedBy = o.value(QStringLiteral("added_by")).toString();
        e.addedAt = fromStoredTime(o.value(QStringLiteral("added_at")).toString());
        // The name becomes a file name in a temporary folder: one plain name, nothing more.
        if (e.fileName.isEmpty() || e.fileName == QLatin1String(".") || e.fileName == QLatin1String("..")
            || e.fileName.contains(QLatin1Char('/')) || e.fileName.contains(QLatin1Char('\\'))
            || !unsafeEntryNameReason(e.fileName).isEmpty())
            return refuse(QStringLiteral("evidence.json names a file '%1', which is not a plain file name").arg(e.fileName.left(100)));
        if (!m_package.contains(e.entry) || listedSha.value(e.entry) != e.sha256)
            return refuse(QStringLiteral("evidence.json: the bytes of '%1' are not in the package under its SHA-256").arg(e.fileName));
        if (!e.collectedOn.isValid() || e.addedBy.isEmpty() || !e.addedAt.isValid())
            return refuse(QStringLiteral("evidence.json: '%1' does not say when it was collected, who added it and when").arg(e.fileName));
        c.evidence.append(e);
    }
    return {};
}

Status PackageReading::readBaseline(Contents &c) const
{
    if (c.engagement.baselineProfile.isEmpty() || !hasVersion2Entries())
        return {};
    const QJsonObject b = m_package.manifest().value(QStringLiteral("baseline_profile")).toObject();
    BaselineProfile p;
    p.name = b.value(QStringLiteral("name")).toString();
    p.title = b.value(QStringLiteral("title")).toString();
    p.sourceSha256 = b.value(QStringLiteral("source_sha256")).toString();
    for (const auto &id : b.value(QStringLiteral("control_ids")).toArray())
        p.controlIds << id.toString();
    if (p.name != c.engagement.baselineProfile || p.sourceSha256.size() != 64 || p.controlIds.isEmpty())
        return refuse(QStringLiteral("the engagement uses baseline '%1', which manifest.json does not carry in full")
                          .arg(c.engagement.baselineProfile));
    c.baseline = p;
    return {};
}

Status PackageReading::readObservations(Contents &c) const
{
    if (!hasVersion2Entries())
        return {};
    auto array = jsonArray(package_format::kObservations);
    if (!array)
        return array.error();
    QSet<qint64> files, seen;
    for (const auto &e : std::as_const(c.evidence))
        files.insert(e.originalId);
    for (const auto &v : std::as_const(*array)) {
        auto o = observationFromJson(v.toObject());
        if (!o)
            return refuse(QStringLiteral("observations.json: %1").arg(o.error().message));
        if (!files.contains(o->evidenceId))
            return refuse(QStringLiteral("observations.json: observation %1 comes from evidence %2, which evidence.json does not list")
                              .arg(o->id)
                              .arg(o->evidenceId));
        if (seen.contains(o->id))
            return refuse(QStringLiteral("observations.json lists observation %1 twice").arg(o->id));
        seen.insert(o->id);
        c.observations.append(*o);
    }
    std::sort(c.observations.begin(), c.observations.end(),
              [](const StoredObservation &a, const StoredObservation &b) { return a.id < b.id; });
    return {};
}

Status PackageReading::readProposals(Contents &c) const
{
    if (!hasVersion2Entries())
        return {};
    auto array = jsonArray(package_format::kProposals);
    if (!array)
        return array.error();
    QSet<qint64> observed;
    for (const auto &o : std::as_const(c.observations))
        observed.insert(o.id);
    QSet<QString> pending;
    for (const auto &v : std::as_const(*array)) {
        auto p = proposalFromJson(v.toObject());
        if (!p)
            return refuse(QStringLiteral("proposals.json: %1").arg(p.error().message));
        const Question *question = c.content.question(p->questionId);
        if (!question || question->type != QuestionType::YesNo)
            return refuse(QStringLiteral("proposals.json proposes an answer to '%1', which is not a yes/no question of the package")
                              .arg(p->questionId));
        for (const qint64 id : std::as_const(p->observationIds)) {
            if (!observed.contains(id))
                return refuse(QStringLiteral("proposals.json: the proposal for '%1' rests on observation %2, which observations.json "
                                             "does not have")
                                  .arg(p->questionId)
                                  .arg(id));
        }
        if (p->state == AnswerProposal::State::Pending) {
            if (pending.contains(p->questionId))
                return refuse(QStringLiteral("proposals.json has two pending proposals for '%1'").arg(p->questionId));
            pending.insert(p->questionId);
        }
        c.proposals.append(*p);
    }
    std::sort(c.proposals.begin(), c.proposals.end(), [](const AnswerProposal &a, const AnswerProposal &b) { return a.id < b.id; });
    return {};
}

Result<Contents> PackageReading::read()
{
    Contents c;
    for (const auto &step : {&PackageReading::readEngagement, &PackageReading::readContent, &PackageReading::readAnswers,
                             &PackageReading::readOverrides, &PackageReading::readEvidence, &PackageReading::readBaseline,
                             &PackageReading::readObservations, &PackageReading::readProposals}) {
        if (auto done = (this->*step)(c); !done)
            return done.error();
    }
    auto trail = jsonArray(package_format::kAuditTrail);
    if (!trail)
        return trail.error();
    c.auditEvents = int(trail->size());
    return c;
}

// Copies an entry to `folder/name`, so that EvidenceStore records it under its own name.
Result<QString> stage(const VerifiedPackage &package, const QString &entry, const QString &folder, const QString &name)
{
    if (!QDir().mkpath(folder))
        return Error {QStringLiteral("cannot make a temporary folder for evidence"), folder};
    const QString target = QDir(folder).filePath(name);
    if (!QFile::copy(package.extractedFile(entry), target))
        return Error {QStringLiteral("cannot stage evidence '%1' for import").arg(name), target};
    return target;
}

// Copies the package's observations, file by file, and the proposals made from them, each
// under new ids and audited as the scan import and proposal decisions were where they came
// from (by the same people, at the same times), inside the import's write.
Status importObservations(Workspace &ws, Contents &c, qint64 engagementId, const QHash<qint64, qint64> &evidenceIds,
                          const QHash<qint64, const ImportedEvidence *> &originalEvidence, const QString &packageName)
{
    QHash<qint64, qint64> observationIds; // package's id -> this workspace's
    QList<qint64> files; // in the order their first observation was recorded
    QHash<qint64, QList<StoredObservation>> byFile;
    for (const StoredObservation &o : std::as_const(c.observations)) {
        if (!byFile.contains(o.evidenceId))
            files << o.evidenceId;
        byFile[o.evidenceId].append(o);
    }
    ObservationInserter inserter(ws);
    for (const qint64 file : std::as_const(files)) {
        const qint64 localFile = evidenceIds.value(file);
        const ImportedEvidence *source = originalEvidence.value(file);
        ws.attributeTo(source->addedBy, [at = source->addedAt] { return at; });
        for (StoredObservation o : std::as_const(byFile[file])) {
            const qint64 original = o.id;
            o.engagementId = engagementId;
            o.evidenceId = localFile;
            auto inserted = inserter.insert(o);
            if (!inserted)
                return inserted.error();
            observationIds.insert(original, *inserted);
        }
        auto rows = observationsOfFile(ws, engagementId, localFile);
        if (!rows)
            return rows.error();
        const QJsonObject after {{QStringLiteral("file"), source->fileName},
                                 {QStringLiteral("sha256"), source->sha256},
                                 {QStringLiteral("evidence"), localFile},
                                 {QStringLiteral("observations"), rows->size()},
                                 {QStringLiteral("first_observation"), rows->first().id},
                                 {QStringLiteral("last_observation"), rows->last().id},
                                 {QStringLiteral("observations_sha256"), observationsDigest(*rows)},
                                 {QStringLiteral("from_package"), packageName}};
        if (auto audited = AuditTrail(ws).append(engagementId, QStringLiteral("scan.import"), scanImportEntity(engagementId, localFile),
                                                 {}, after);
            !audited)
            return audited;
    }
    for (AnswerProposal p : std::as_const(c.proposals)) {
        p.engagementId = engagementId;
        for (qint64 &observation : p.observationIds)
            observation = observationIds.value(observation);
        AnswerProposal proposed = p;
        proposed.state = AnswerProposal::State::Pending;
        proposed.decidedBy.clear();
        proposed.decidedAt = {};
        if (auto inserted = insertProposal(ws, p); !inserted)
            return inserted;
        proposed.id = p.id;
        ws.attributeTo(p.proposedBy, [at = p.proposedAt] { return at; });
        if (auto audited = AuditTrail(ws).append(engagementId, QStringLiteral("answer.propose"), proposalEntity(p), {}, toJson(proposed));
            !audited)
            return audited;
        if (p.state == AnswerProposal::State::Pending)
            continue;
        ws.attributeTo(p.decidedBy, [at = p.decidedAt] { return at; });
        const QString action = p.state == AnswerProposal::State::Accepted ? QStringLiteral("answer.proposal.accept")
                                                                          : QStringLiteral("answer.proposal.reject");
        if (auto audited = AuditTrail(ws).append(engagementId, action, proposalEntity(p), toJson(proposed), toJson(p)); !audited)
            return audited;
    }
    return {};
}

} // namespace

Result<PackageImportResult> importPackage(Workspace &ws, const QString &path, const PackageImportOptions &options)
{
    auto package = verifyPackage(path, options.limits);
    if (!package)
        return package.error();
    return importPackage(ws, *package, options.asRoundOf, options.limits);
}

Result<PackageImportResult> importPackage(Workspace &ws, const VerifiedPackage &package, std::optional<qint64> asRoundOf,
                                          const PackageLimits &limits)
{
    auto contents = PackageReading(package, limits).read();
    if (!contents)
        return contents.error();
    Contents &c = *contents;
    QTemporaryDir staging;
    if (!staging.isValid())
        return Error {QStringLiteral("cannot make a temporary folder for evidence: %1").arg(staging.errorString())};

    PackageImportResult result;
    result.signerFingerprint = package.signerFingerprint();
    result.originalContentHash = c.contentHash;
    result.originalEngagementId = c.originalId;
    result.originalAuditEvents = c.auditEvents;
    const QString localActor = ws.actor();
    const QDateTime importedAt = ws.now();
    AttributionGuard guard {ws};
    // Each record keeps who made it and when (the audit event that stores it says the same),
    // so answers date the POA&M as they did; the import itself is the local actor's, now.
    const auto attribute = [&ws](const QString &actor, const QDateTime &at) { ws.attributeTo(actor, [at] { return at; }); };

    auto written = ws.write([&]() -> Status {
        EngagementStore engagements(ws);
        if (asRoundOf) {
            auto earlier = engagements.get(*asRoundOf);
            if (!earlier)
                return earlier.error();
            c.engagement.client = earlier->client;
            c.engagement.system = earlier->system;
        }
        if (c.baseline) {
            attribute(localActor, importedAt);
            auto adopted = BaselineProfiles(ws).adopt(*c.baseline, c.content.controls(), QFileInfo(package.path()).fileName());
            if (!adopted)
                return adopted.error();
        }
        attribute(localActor, c.engagement.createdAt);
        auto id = engagements.create(c.engagement, c.content);
        if (!id)
            return id.error();
        result.engagementId = *id;
        attribute(localActor, importedAt);
        QJsonObject imported {{QStringLiteral("status"), QStringLiteral("draft")},
                              {QStringLiteral("package"), QFileInfo(package.path()).fileName()},
                              {QStringLiteral("signer_fingerprint"), package.signerFingerprint()},
                              {QStringLiteral("original_content_hash"), c.contentHash},
                              {QStringLiteral("original_engagement_id"), c.originalId},
                              {QStringLiteral("original_status"), c.originalStatus},
                              {QStringLiteral("exported_by"), package.manifest().value(QStringLiteral("exported_by"))},
                              {QStringLiteral("exported_at"), package.manifest().value(QStringLiteral("exported_at"))}};
        if (asRoundOf)
            imported.insert(QStringLiteral("round_of"), *asRoundOf);
        if (auto logged
            = AuditTrail(ws).append(*id, QStringLiteral("engagement.import"), QStringLiteral("engagement:%1").arg(*id), {}, imported);
            !logged)
            return logged;

        AnswerStore answers(ws);
        for (const auto &a : std::as_const(c.answers)) {
            attribute(a.answeredBy, a.answeredAt);
            if (auto saved = answers.save(*id, {a.questionId, a.value, a.note, a.method, a.interviewee}, c.content); !saved)
                return Error {QStringLiteral("the answer to '%1' cannot be imported: %2").arg(a.questionId, saved.error().message)};
        }
        for (RiskOverride o : std::as_const(c.overrides)) {
            o.engagementId = *id;
            attribute(o.overriddenBy, o.overriddenAt);
            if (auto set = answers.setRiskOverride(o, c.content); !set)
                return Error {QStringLiteral("the override of '%1' cannot be imported: %2").arg(o.riskId, set.error().message)};
        }
        EvidenceStore evidence(ws);
        QHash<qint64, const ImportedEvidence *> originalEvidence;
        QHash<qint64, qint64> evidenceIds; // package's id -> this workspace's
        int n = 0;
        for (const auto &e : std::as_const(c.evidence)) {
            auto file = stage(package, e.entry, staging.filePath(QString::number(++n)), e.fileName);
            if (!file)
                return file.error();
            attribute(e.addedBy, e.addedAt);
            auto added = evidence.add({*id, *file, e.questionId, e.controlId, e.collectedOn, e.expiresOn}, c.content);
            if (!added)
                return Error {QStringLiteral("evidence '%1' cannot be imported: %2").arg(e.fileName, added.error().message)};
            if (added->item.sha256 != e.sha256)
                return Error {QStringLiteral("evidence '%1' changed while it was imported").arg(e.fileName)};
            evidenceIds.insert(e.originalId, added->item.id);
            originalEvidence.insert(e.originalId, &e);
        }
        if (auto copied = importObservations(ws, c, *id, evidenceIds, originalEvidence, QFileInfo(package.path()).fileName());
            !copied)
            return copied;
        // The original trail, as signed, kept beside the engagement rather than re-appended:
        // its hashes chain in the workspace it came from, not in this one.
        auto trail = stage(package, QLatin1String(package_format::kAuditTrail), staging.filePath(QStringLiteral("trail")),
                           QLatin1String(kOriginalAuditTrailFile));
        if (!trail)
            return trail.error();
        attribute(localActor, importedAt);
        if (auto added = evidence.add({*id, *trail, {}, {}, importedAt.toUTC().date(), {}}, c.content); !added)
            return Error {QStringLiteral("the original audit trail cannot be attached: %1").arg(added.error().message)};
        return {};
    });
    if (!written) {
        Error e = written.error();
        e.message = QStringLiteral("nothing was imported: %1").arg(e.message);
        if (e.file.isEmpty())
            e.file = package.path();
        return e;
    }
    result.answers = int(c.answers.size());
    result.riskOverrides = int(c.overrides.size());
    result.evidenceFiles = int(c.evidence.size());
    result.observations = int(c.observations.size());
    result.proposals = int(c.proposals.size());
    return result;
}

} // namespace bulkhead
