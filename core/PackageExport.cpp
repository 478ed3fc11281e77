#include "PackageExport.h"

#include "AuditTrail.h"
#include "BaselineProfiles.h"
#include "EngagementJson.h"
#include "EngagementStore.h"
#include "EvidenceStore.h"
#include "ObservationRecords.h"
#include "Package.h"
#include "PackageSigning.h"
#include "QuestionnairePins.h"
#include "ScoreJson.h"
#include "StoredEngagement.h"
#include "Workspace.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

#include <algorithm>

namespace bulkhead {

namespace {

QByteArray jsonBytes(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
}

QJsonObject auditEventJson(const AuditEvent &e)
{
    // before/after stay the strings the chain hashed, so a reader can recompute every hash.
    return {{QStringLiteral("id"), e.id},
            {QStringLiteral("engagement_id"), e.engagementId ? QJsonValue(*e.engagementId) : QJsonValue()},
            {QStringLiteral("actor"), e.actor},
            {QStringLiteral("occurred_at"), toStoredTime(e.occurredAt)},
            {QStringLiteral("action"), e.action},
            {QStringLiteral("entity"), e.entity},
            {QStringLiteral("before"), e.before},
            {QStringLiteral("after"), e.after},
            {QStringLiteral("prev_hash"), e.prevHash},
            {QStringLiteral("hash"), e.hash}};
}

// A name fit for an entry path, or a numbered one.
QString entryPart(const QString &text, int number)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$"));
    return plain.match(text).hasMatch() ? text : QStringLiteral("item-%1").arg(number);
}

// Entries go straight into the zip as they are made; the manifest lists each one.
class PackageBuilder {
public:
    PackageBuilder(QSaveFile &out, const QString &path) : m_zip(out), m_path(path) { }

    Status add(const QString &name, const QByteArray &bytes)
    {
        m_total += bytes.size();
        if (m_total > PackageLimits().maxTotalBytes)
            return Error {QStringLiteral("the engagement's files come to more than an importing workspace accepts (%1 bytes)")
                              .arg(PackageLimits().maxTotalBytes),
                          m_path};
        if (auto added = m_zip.add(name, bytes); !added)
            return Error {added.error().message, m_path};
        m_files.append(QJsonObject {
            {QStringLiteral("path"), name}, {QStringLiteral("sha256"), sha256Hex(bytes)}, {QStringLiteral("size"), bytes.size()}});
        return {};
    }
    Status addRaw(const QString &name, const QByteArray &bytes)
    {
        if (auto added = m_zip.add(name, bytes); !added)
            return Error {added.error().message, m_path};
        return {};
    }
    Status finish()
    {
        if (auto done = m_zip.finish(); !done)
            return Error {done.error().message, m_path};
        return {};
    }
    const QJsonArray &files() const { return m_files; }
    int entries() const { return m_zip.entries(); }

private:
    ZipWriter m_zip;
    QString m_path;
    QJsonArray m_files;
    qint64 m_total = 0;
};

} // namespace

Result<PackageExportResult> exportPackage(Workspace &ws, const ContentLibrary &library, qint64 engagementId, const QString &outputPath,
                                          const SigningKey &key)
{
    using namespace package_format;
    auto stored = loadAndScore(ws, library, engagementId);
    if (!stored)
        return stored.error();
    const Engagement &e = stored->engagement;
    auto contentHash = EngagementStore(ws).contentHash(engagementId);
    if (!contentHash)
        return contentHash.error();
    auto pins = QuestionnairePins(ws).pinned(engagementId);
    if (!pins)
        return pins.error();
    auto events = AuditTrail(ws).events(engagementId);
    if (!events)
        return events.error();
    const EvidenceStore evidenceStore(ws);

    QSaveFile out(outputPath);
    if (!out.open(QIODevice::WriteOnly))
        return Error {QStringLiteral("cannot write the package: %1").arg(out.errorString()), outputPath};
    PackageBuilder package(out, outputPath);

    // The pinned content, so the importing workspace pins exactly the same texts.
    QJsonArray questionnaires;
    QStringList keys = pins->keys();
    std::sort(keys.begin(), keys.end());
    for (const auto &k : std::as_const(keys)) {
        const PinnedVersion pin = pins->value(k);
        const Questionnaire *q = stored->content.questionnaire(k);
        if (!q || q->sha256 != pin.sha256)
            return Error {QStringLiteral("the pinned text of questionnaire '%1' version %2 cannot be found").arg(k).arg(pin.version),
                          ws.path()};
        const QString entry
            = QStringLiteral("content/questionnaires/%1-v%2.yaml").arg(entryPart(k, int(questionnaires.size()) + 1)).arg(pin.version);
        if (auto added = package.add(entry, q->yamlText.toUtf8()); !added)
            return added.error();
        questionnaires.append(QJsonObject {{QStringLiteral("key"), k},
                                           {QStringLiteral("version"), pin.version},
                                           {QStringLiteral("title"), q->title},
                                           {QStringLiteral("sha256"), pin.sha256},
                                           {QStringLiteral("entry"), entry}});
    }
    // The catalogues it is scored with: the pinned ones, or the library's for an engagement
    // from before catalogues were pinned.
    QJsonArray catalogues;
    int position = 0;
    for (const auto &c : stored->content.catalogueTexts()) {
        const QString entry = QStringLiteral("content/catalogues/%1-%2.yaml").arg(position).arg(entryPart(c.kind, position));
        if (auto added = package.add(entry, c.text.toUtf8()); !added)
            return added.error();
        catalogues.append(QJsonObject {{QStringLiteral("position"), position},
                                       {QStringLiteral("kind"), c.kind},
                                       {QStringLiteral("source"), QFileInfo(c.file).fileName()},
                                       {QStringLiteral("sha256"), c.sha256},
                                       {QStringLiteral("entry"), entry}});
        ++position;
    }

    QJsonArray answers;
    for (const auto &a : std::as_const(stored->answers))
        answers.append(toJson(a));
    QJsonArray overrides;
    for (const auto &o : std::as_const(stored->overrides))
        overrides.append(toJson(o));
    const QJsonArray poam = scoreCardToJson(e, stored->card).value(QStringLiteral("poam")).toArray();
    QJsonArray trail;
    for (const auto &event : std::as_const(*events))
        trail.append(auditEventJson(event));
    for (const auto &[name, value] : {std::pair {kAnswers, QJsonValue(answers)}, std::pair {kRiskOverrides, QJsonValue(overrides)},
                                      std::pair {kPoam, QJsonValue(poam)}, std::pair {kAuditTrail, QJsonValue(trail)}}) {
        if (auto added = package.add(QLatin1String(name), jsonBytes(value)); !added)
            return added.error();
    }

    // Evidence: the list with each file's record, and each file's bytes once, by SHA-256.
    QJsonArray evidence;
    QSet<QString> written;
    for (const auto &item : std::as_const(stored->evidence)) {
        const QString entry = QStringLiteral("evidence/%1").arg(item.sha256);
        if (!written.contains(item.sha256)) {
            auto bytes = evidenceStore.content(item);
            if (!bytes)
                return bytes.error();
            if (sha256Hex(*bytes) != item.sha256)
                return Error {QStringLiteral("evidence %1 (%2) no longer matches its SHA-256 in the workspace; run evidence verify")
                                  .arg(item.id)
                                  .arg(item.fileName),
                              ws.path()};
            if (auto added = package.add(entry, *bytes); !added)
                return added.error();
            written.insert(item.sha256);
        }
        QJsonObject record = toJson(item);
        record.insert(QStringLiteral("entry"), entry);
        evidence.append(record);
    }
    if (auto added = package.add(QLatin1String(kEvidence), jsonBytes(evidence)); !added)
        return added.error();

    // Scanner observations and the answers proposed from them; observations name their file
    // by its evidence record's id in this workspace, which evidence.json carries.
    auto observed = observations(ws, engagementId);
    if (!observed)
        return observed.error();
    QJsonArray observationArray;
    for (const auto &o : std::as_const(*observed))
        observationArray.append(toJson(o));
    auto proposed = proposals(ws, engagementId);
    if (!proposed)
        return proposed.error();
    QJsonArray proposalArray;
    for (const auto &p : std::as_const(*proposed))
        proposalArray.append(toJson(p));
    for (const auto &[name, value] : {std::pair {kObservations, observationArray}, std::pair {kProposals, proposalArray}}) {
        if (auto added = package.add(QLatin1String(name), jsonBytes(value)); !added)
            return added.error();
    }

    QJsonObject record = toJson(e);
    record.insert(QStringLiteral("created_at"), toStoredTime(e.createdAt));
    record.insert(QStringLiteral("updated_at"), toStoredTime(e.updatedAt));
    if (!e.approvedContentHash.isEmpty())
        record.insert(QStringLiteral("approved_content_hash"), e.approvedContentHash);
    // An imported baseline goes with the engagement that is scored against it.
    QJsonValue baseline;
    if (!e.baselineProfile.isEmpty()) {
        auto profile = BaselineProfiles(ws).get(e.baselineProfile);
        if (!profile)
            return profile.error();
        baseline = QJsonObject {{QStringLiteral("name"), profile->name},
                                {QStringLiteral("title"), profile->title},
                                {QStringLiteral("source_sha256"), profile->sourceSha256},
                                {QStringLiteral("control_ids"), QJsonArray::fromStringList(profile->controlIds)}};
    }
    const QJsonObject manifest {
        {QStringLiteral("format"), QLatin1String(kName)},
        {QStringLiteral("format_version"), kVersion},
        {QStringLiteral("generator"), QStringLiteral("Bulkhead %1").arg(QStringLiteral(BULKHEAD_VERSION))},
        {QStringLiteral("exported_at"), toStoredTime(ws.now())},
        {QStringLiteral("exported_by"), ws.actor()},
        {QStringLiteral("engagement"), record},
        {QStringLiteral("content_hash"), *contentHash},
        {QStringLiteral("questionnaires"), questionnaires},
        {QStringLiteral("catalogues"), catalogues},
        {QStringLiteral("baseline_profile"), baseline},
        {QStringLiteral("counts"),
         QJsonObject {{QStringLiteral("answers"), answers.size()},
                      {QStringLiteral("risk_overrides"), overrides.size()},
                      {QStringLiteral("poam_items"), poam.size()},
                      {QStringLiteral("audit_events"), trail.size()},
                      {QStringLiteral("evidence"), evidence.size()},
                      {QStringLiteral("observations"), observationArray.size()},
                      {QStringLiteral("proposals"), proposalArray.size()}}},
        {QStringLiteral("files"), package.files()},
        {QStringLiteral("signer"),
         QJsonObject {{QStringLiteral("algorithm"), QLatin1String(kSignatureAlgorithm)},
                      {QStringLiteral("fingerprint"), key.fingerprint},
                      {QStringLiteral("public_key"), QString::fromLatin1(key.publicKeyPem)}}},
    };
    const QByteArray manifestBytes = QJsonDocument(manifest).toJson(QJsonDocument::Indented);
    auto signature = PackageSigning::sign(key, manifestBytes);
    if (!signature)
        return signature.error();
    if (auto added = package.addRaw(QLatin1String(kManifest), manifestBytes); !added)
        return added.error();
    if (auto added = package.addRaw(QLatin1String(kSignature), *signature); !added)
        return added.error();
    if (auto finished = package.finish(); !finished)
        return finished.error();
    const qint64 bytes = out.size();
    if (!out.commit())
        return Error {QStringLiteral("cannot write the package: %1").arg(out.errorString()), outputPath};
    return PackageExportResult {bytes, package.entries(), int(written.size()), *contentHash, key.fingerprint};
}

} // namespace bulkhead
