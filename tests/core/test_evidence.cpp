// Evidence files in the workspace: stored once by SHA-256, tied to questions and controls of the
// engagement, refused over the size limit or on an approved engagement, and verified byte for
// byte against their recorded hashes.
#include "AuditTrail.h"
#include "ContentLibrary.h"
#include "EngagementStore.h"
#include "EvidenceStore.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QSqlQuery>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

WorkspaceOptions options()
{
    WorkspaceOptions o;
    o.actor = QStringLiteral("d.whitfield");
    o.clock = test::steppingClock(QDateTime(QDate(2026, 3, 9), QTime(10, 0), Qt::UTC));
    return o;
}

qint64 newEngagement(Workspace &ws)
{
    Engagement e;
    e.client = QStringLiteral("Example Health");
    e.system = QStringLiteral("Claims API");
    e.csp = QStringLiteral("Amazon ECS");
    auto id = EngagementStore(ws).create(e, library());
    REQUIRE(id.ok());
    return *id;
}

int count(Workspace &ws, const QString &sql)
{
    QSqlQuery q = ws.query();
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toInt();
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace

TEST_CASE("Evidence is stored once by SHA-256 and attached to questions and controls of the engagement")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), options());
    const qint64 id = newEngagement(*ws);
    const QByteArray sbom = R"({"bomFormat": "CycloneDX", "components": []})";
    const QString path = dir.filePath(QStringLiteral("registry-sbom.json"));
    test::writeBytes(path, sbom);
    EvidenceStore store(*ws);

    auto first = store.add({id, path, QStringLiteral("image.registry.metadata"), {}, QDate(2026, 3, 2), QDate(2026, 6, 30)}, library());
    INFO((first ? QString() : first.error().toString()).toStdString());
    REQUIRE(first.ok());
    CHECK_FALSE(first->alreadyAttached);
    const EvidenceItem &item = first->item;
    CHECK(item.id == 1);
    CHECK(item.fileName == QStringLiteral("registry-sbom.json"));
    CHECK(item.size == sbom.size());
    CHECK(item.sha256 == sha256(sbom));
    CHECK(item.mediaType == QStringLiteral("application/json"));
    CHECK(item.collectedOn == QDate(2026, 3, 2));
    CHECK(item.expiresOn == QDate(2026, 6, 30));
    CHECK(item.addedBy == QStringLiteral("d.whitfield"));
    CHECK(item.expiredOn(QDate(2026, 7, 1)));
    CHECK_FALSE(item.expiredOn(QDate(2026, 6, 30)));

    // The same bytes for a control: a second attachment, the same stored file.
    auto forControl = store.add({id, path, {}, QStringLiteral("CM-8"), {}, {}}, library());
    REQUIRE(forControl.ok());
    CHECK(forControl->item.id == 2);
    CHECK(forControl->item.collectedOn == QDate(2026, 3, 9)); // the day it was added
    CHECK_FALSE(forControl->item.expiresOn.isValid());
    // The same bytes to the same place again: the earlier attachment.
    auto again = store.add({id, path, QStringLiteral("image.registry.metadata"), {}, {}, {}}, library());
    REQUIRE(again.ok());
    CHECK(again->alreadyAttached);
    CHECK(again->item.id == 1);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM evidence")) == 2);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM evidence_blob")) == 1);
    auto bytes = store.content(item);
    REQUIRE(bytes.ok());
    CHECK(*bytes == sbom);

    auto listed = store.list(id);
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 2);
    CHECK(listed->at(0).questionId == QStringLiteral("image.registry.metadata"));
    CHECK(listed->at(1).controlId == QStringLiteral("CM-8"));
    auto events = AuditTrail(*ws).events(id);
    REQUIRE(events.ok());
    CHECK(events->last().action == QStringLiteral("evidence.add"));
    CHECK(events->last().entity == QStringLiteral("engagement:1/evidence:2"));
    CHECK(events->last().after.contains(sha256(sbom)));

    auto verified = store.verify(id);
    REQUIRE(verified.ok());
    CHECK(verified->checked == 2);
    CHECK(verified->ok());
}

TEST_CASE("Evidence that cannot be attached is refused with a message naming it, and nothing is stored")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), options());
    const qint64 id = newEngagement(*ws);
    const QString big = dir.filePath(QStringLiteral("memory-dump.bin"));
    test::writeBytes(big, QByteArray(3 * 1024, 'x'));
    const QString small = dir.filePath(QStringLiteral("policy.txt"));
    test::writeBytes(small, "Access policy v3");

    auto tooBig = EvidenceStore(*ws, 2048).add({id, big, {}, {}, {}, {}}, library());
    REQUIRE_FALSE(tooBig.ok());
    CHECK(tooBig.error().toString()
          == big + QStringLiteral(": the file is 3.0 KiB, over the evidence limit of 2.0 KiB; nothing was attached"));
    CHECK(EvidenceStore::kDefaultMaxBytes == 100 * 1024 * 1024);

    EvidenceStore store(*ws);
    const QString missing = dir.filePath(QStringLiteral("nope.pdf"));
    CHECK(store.add({id, missing, {}, {}, {}, {}}, library()).error().toString()
          == missing + QStringLiteral(": there is no file to attach here"));
    CHECK(store.add({id, small, QStringLiteral("arch.no_such_question"), {}, {}, {}}, library()).error().message
          == QStringLiteral("there is no question 'arch.no_such_question' in the questionnaires of engagement 1"));
    CHECK(store.add({id, small, {}, QStringLiteral("AC-99"), {}, {}}, library()).error().message
          == QStringLiteral("there is no control 'AC-99' in the control catalogue (write it as AC-2 or AC-2(1))"));
    CHECK(store.add({id, small, {}, {}, QDate(2026, 3, 2), QDate(2026, 3, 1)}, library()).error().message
          == QStringLiteral("the evidence would expire (2026-03-01) before it was collected (2026-03-02)"));
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM evidence")) == 0);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM evidence_blob")) == 0);

    // An approved engagement takes no new evidence, from the program or around it.
    REQUIRE(store.add({id, small, {}, {}, {}, {}}, library()).ok());
    REQUIRE(EngagementStore(*ws).submit(id).ok());
    REQUIRE(EngagementStore(*ws).approve(id).ok());
    CHECK(store.add({id, big, {}, {}, {}, {}}, library()).error().message
          == QStringLiteral("engagement 1 is approved and cannot be changed; reopen it with a reason first"));
    const QString path = ws->path();
    CHECK(test::engineShell(path, QStringLiteral("DELETE FROM evidence WHERE engagement_id = 1")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("UPDATE evidence SET file_name = 'x'")) != 0);
    CHECK(test::engineShell(path, QStringLiteral("UPDATE evidence_blob SET content = %1").arg(test::blobLiteral(QByteArray(1, '\0'))))
          != 0);
    CHECK(count(*ws, QStringLiteral("SELECT count(*) FROM evidence")) == 1);
}

TEST_CASE("Evidence verification names every file whose stored bytes no longer match their hash")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), options());
    const qint64 id = newEngagement(*ws);
    const QString a = dir.filePath(QStringLiteral("firewall-rules.csv"));
    const QString b = dir.filePath(QStringLiteral("restore-test.pdf"));
    test::writeBytes(a, "rule,port\nallow,443\n");
    test::writeBytes(b, "%PDF-1.4 restore test");
    EvidenceStore store(*ws);
    REQUIRE(store.add({id, a, {}, QStringLiteral("SC-7"), {}, {}}, library()).ok());
    REQUIRE(store.add({id, b, {}, QStringLiteral("CP-9"), {}, {}}, library()).ok());
    REQUIRE(test::engineShell(ws->path(),
                              test::dropTriggerSql(QStringLiteral("evidence_blob_no_update"), QStringLiteral("evidence_blob"))
                                  + QStringLiteral("; UPDATE evidence_blob SET content = %1 WHERE sha256 = '%2'")
                                        .arg(test::blobLiteral("rule,port\nallow,22\n"), sha256("rule,port\nallow,443\n")))
            == 0);
    auto verified = store.verify(id);
    REQUIRE(verified.ok());
    CHECK(verified->checked == 2);
    REQUIRE(verified->mismatches.size() == 1);
    CHECK(verified->mismatches.first()
          == QStringLiteral("evidence 1 (firewall-rules.csv): SHA-256 is %1, recorded %2")
                 .arg(sha256("rule,port\nallow,22\n"), sha256("rule,port\nallow,443\n")));
}

TEST_CASE("audit verify names an evidence record changed behind the program's back")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), options());
    const qint64 id = newEngagement(*ws);
    const QString file = dir.filePath(QStringLiteral("scan.json"));
    test::writeBytes(file, "{}");
    REQUIRE(EvidenceStore(*ws).add({id, file, {}, QStringLiteral("RA-5"), {}, {}}, library()).ok());
    auto clean = AuditTrail(*ws).verify();
    REQUIRE(clean.ok());
    CHECK(clean->ok());
    REQUIRE(test::engineShell(ws->path(), QStringLiteral("UPDATE evidence SET control_id = 'SI-2'")) == 0);
    auto v = AuditTrail(*ws).verify();
    REQUIRE(v.ok());
    CHECK(v->problem == QStringLiteral("the evidence record engagement:1/evidence:1 differs from the last audit event that changed it"));
}
