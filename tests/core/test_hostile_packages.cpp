// Hostile engagement packages (tests/data/hostile/packages, made by make_corpus.py): each is
// refused by verifyPackage and by importPackage with the same one-line reason naming the file,
// in bounded time and memory, and the workspace it was imported into is left exactly as it was.
// tests/core/test_packages.cpp already covers the tampering a real package can suffer (a bad
// signature, changed, missing or added files, '..' and absolute entries, 10,001 entries, zip
// bombs under lowered limits, truncation); these are zips built wrong on purpose, and cases made
// here at run time: a manifest of 100 MB, one nested 10^5 deep, and a signed manifest that lists
// a path climbing out of the package.
#include "AuditTrail.h"
#include "BoundedRun.h"
#include "ContentLibrary.h"
#include "EngagementStore.h"
#include "HostileCorpus.h"
#include "Package.h"
#include "PackageImport.h"
#include "PackageSigning.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace bulkhead;
using namespace bulkhead::test;
using namespace Qt::StringLiterals;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

// A workspace with one engagement, to import into.
struct Target {
    QTemporaryDir dir;
    std::unique_ptr<Workspace> ws;

    Target()
    {
        ws = openWorkspace(dir, u"target.bulkhead"_s);
        Engagement e;
        e.client = u"Existing Client"_s;
        e.system = u"Payments"_s;
        e.csp = u"Amazon ECS"_s;
        REQUIRE(EngagementStore(*ws).create(e, library()).ok());
    }

    // Every table's row count: what a refused import must not change.
    QString rowCounts() const
    {
        QSqlQuery q = ws->query();
        REQUIRE(q.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s));
        QStringList counts;
        while (q.next()) {
            QSqlQuery count = ws->query();
            REQUIRE(count.exec(u"SELECT count(*) FROM \"%1\""_s.arg(q.value(0).toString())));
            REQUIRE(count.next());
            counts << q.value(0).toString() + u'=' + count.value(0).toString();
        }
        return counts.join(u' ');
    }
};

// verifyPackage and importPackage on one file in a bounded child; both answers, one per line.
// The child opens the workspace itself: an SQLite connection must not be used across fork().
QStringList refusalsOf(const Target &target, const QString &path)
{
    const BoundedRun run = runBounded([&]() -> QByteArray {
        const auto verified = verifyPackage(path);
        auto ws = Workspace::open(target.ws->path());
        if (!ws)
            return encodeLines({ws.error().toString()});
        const auto imported = importPackage(**ws, path);
        return encodeLines(
            {verified ? u"verified"_s : verified.error().toString(), imported ? u"imported"_s : imported.error().toString()});
    });
    INFO(run.describe());
    REQUIRE(run.finished());
    return decodeLines(run.output);
}

QByteArray zipOf(const QList<ZipEntry> &entries)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ZipWriter zip(buffer);
    for (const auto &e : entries)
        REQUIRE(zip.add(e.name, e.bytes).ok());
    REQUIRE(zip.finish().ok());
    return buffer.data();
}

struct Expected {
    const char *file; // in tests/data/hostile/packages
    const char *reason; // after "<path>: "
};

} // namespace

TEST_CASE("every hostile package is refused by verify and import with its reason, and nothing is written", "[hostile][packages]")
{
    const QString zip64 = u"the package uses Zip64 records, which packages of format version %1 never do"_s.arg(package_format::kVersion);
    // clang-format off
    const Expected expected = GENERATE(values<Expected>({
        {"bzip2_entry.bulkhead-package", "entry 'manifest.json' uses compression method 12; packages use only stored and deflated entries"},
        {"corrupt_deflate.bulkhead-package", "the package is damaged: entry 'manifest.json' cannot be inflated"},
        {"crc_mismatch.bulkhead-package", "the package is damaged: entry 'manifest.json' fails its CRC check"},
        {"directory_beyond_end.bulkhead-package", "the package is truncated or damaged: its directory lies beyond the end of the file"},
        {"duplicate_names.bulkhead-package", "entry 'manifest.json' appears twice"},
        {"empty_file.bulkhead-package", "the package is truncated or is not a zip file: it has no end-of-directory record"},
        {"empty_zip.bulkhead-package", "the package has no manifest.json: it is not a Bulkhead engagement package"},
        {"encrypted_entry.bulkhead-package", "entry 'manifest.json' is encrypted, which packages never are"},
        // The escape sequence in the name is shown as '?', so printing the error cannot drive a terminal.
        {"escape_sequence_name.bulkhead-package", "entry 'evil?[2J.json' is refused: its name contains a control character"},
        {"latin1_name.bulkhead-package", "entry 1 has a name that is not UTF-8 text"},
        // The name is shown cut to its first 200 characters: "evidence/" and 191 of its 300 a's.
        {"long_name.bulkhead-package", "entry 'evidence/%A' is refused: its name is longer than 255 characters"},
        {"manifest_is_array.bulkhead-package", "manifest.json is not a JSON object: it is an array"},
        {"manifest_not_json.bulkhead-package", "manifest.json is not a JSON object: unterminated string"},
        {"multi_volume.bulkhead-package", "the package spans several zip volumes, which packages never do"},
        {"no_local_header.bulkhead-package", "the package is damaged: entry 'manifest.json' has no local header where the directory says"},
        {"no_signature.bulkhead-package", "the package has no signature"},
        {"overlapping_entries.bulkhead-package", "entries 'a' and 'b' overlap in the file"},
        {"oversized_signature.bulkhead-package", "entry 'signature' is 2.0 KiB, over the limit of 1.0 KiB for it"},
        {"random_bytes.bulkhead-package", "the package is truncated or is not a zip file: it has no end-of-directory record"},
        {"stored_sizes_differ.bulkhead-package", "the package is damaged: stored entry 'manifest.json' has two different sizes"},
        // A symbolic link is never followed: its target is read as the entry's bytes.
        {"symlink_manifest.bulkhead-package", "manifest.json is not a JSON object: illegal value"},
        {"unreadable_public_key.bulkhead-package", "the signer's public key in manifest.json cannot be read: "},
        {"zip64_marker.bulkhead-package", ""},
        {"zip_bomb_lying_size.bulkhead-package", "entry 'evidence/bomb' inflates beyond the 1.0 KiB it declares: refused as a possible zip bomb"},
        {"zip_slip.bulkhead-package", "entry '../../../../tmp/bulkhead-zip-slip' is refused: its path climbs out of the package ('..')"},
        {"zip_slip_backslash.bulkhead-package", "entry '..\\..\\bulkhead-zip-slip' is refused: its path contains a backslash"},
    }));
    // clang-format on
    const QString path = hostileData(u"packages/"_s + QLatin1String(expected.file));
    CAPTURE(path);
    const QString reason = QLatin1String(expected.file) == QLatin1String("zip64_marker.bulkhead-package")
        ? zip64
        : QString::fromUtf8(expected.reason).replace(u"%A"_s, QString(191, u'a'));
    Target target;
    const QString before = target.rowCounts();
    const QByteArray bytes = readBytes(path);
    QFile::remove(u"/tmp/bulkhead-zip-slip"_s);

    const QStringList refusals = refusalsOf(target, path);
    REQUIRE(refusals.size() == 2);
    if (reason.endsWith(u": "_s)) {
        // The rest is OpenSSL's wording: it varies by version, and by what failed before
        // (Poco reports the oldest error on OpenSSL's queue, left there by an earlier failure).
        CHECK(refusals.at(0).startsWith(path + u": "_s + reason + u"OpenSSLException: "_s));
        CHECK(refusals.at(1).startsWith(path + u": "_s + reason + u"OpenSSLException: "_s));
    } else {
        CHECK(refusals.at(0) == path + u": "_s + reason);
        CHECK(refusals.at(1) == refusals.at(0));
    }
    CHECK(target.rowCounts() == before);
    CHECK(readBytes(path) == bytes);
    CHECK_FALSE(QFile::exists(u"/tmp/bulkhead-zip-slip"_s));
}

TEST_CASE("the corpus of hostile packages is tested whole", "[hostile][packages]")
{
    CHECK(hostileFiles(u"packages"_s).size() == 26);
}

TEST_CASE("a manifest inflating to 100 MB is refused at its limit and one nested 10^5 deep as invalid", "[hostile][packages][big]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"big.bulkhead-package"_s);
    const auto verify = [&path](const QByteArray &manifest) {
        const BoundedRun run = runBounded([&]() -> QByteArray {
            writeBytes(path, zipOf({{u"manifest.json"_s, manifest}}));
            const auto verified = verifyPackage(path);
            return verified ? QByteArray("verified") : verified.error().toString().toUtf8();
        });
        INFO(run.describe());
        REQUIRE(run.finished());
        return QString::fromUtf8(run.output);
    };
    CHECK(verify(QByteArray(100 * 1024 * 1024, ' '))
          == path + u": entry 'manifest.json' is 100.0 MiB, over the limit of 64.0 MiB for it"_s);
    CHECK(verify(QByteArray(100000, '[') + QByteArray(100000, ']'))
          == path + u": manifest.json is not a JSON object: too deeply nested document"_s);
}

TEST_CASE("a correctly signed manifest that lists a path out of the package is refused", "[hostile][packages]")
{
    // The signature only says who sent the package, not that its sender meant well.
    QTemporaryDir dir;
    auto key = PackageSigning::loadOrCreate(dir.filePath(u"keys"_s));
    REQUIRE(key.ok());
    const auto packageListing = [&](const QString &listed) {
        const QByteArray evil = "#!/bin/sh\necho owned\n";
        const QJsonObject manifest {
            {u"format"_s, QString::fromLatin1(package_format::kName)},
            {u"format_version"_s, package_format::kVersion},
            {u"signer"_s, QJsonObject {{u"public_key"_s, QString::fromLatin1(key->publicKeyPem)}, {u"fingerprint"_s, key->fingerprint}}},
            {u"files"_s, QJsonArray {QJsonObject {{u"path"_s, listed}, {u"sha256"_s, sha256Hex(evil)}, {u"size"_s, evil.size()}}}},
        };
        const QByteArray manifestBytes = QJsonDocument(manifest).toJson();
        auto signature = PackageSigning::sign(*key, manifestBytes);
        REQUIRE(signature.ok());
        const QString path = dir.filePath(u"signed.bulkhead-package"_s);
        writeBytes(path, zipOf({{u"manifest.json"_s, manifestBytes}, {u"signature"_s, *signature}}));
        const auto verified = verifyPackage(path);
        REQUIRE_FALSE(verified.ok());
        CHECK(verified.error().file == path);
        return verified.error().message;
    };
    CHECK(packageListing(u"../../.bashrc"_s)
          == u"manifest.json lists '../../.bashrc', which is refused: its path climbs out of the package ('..')"_s);
    CHECK(packageListing(u"/etc/cron.d/evil"_s) == u"manifest.json lists '/etc/cron.d/evil', which is refused: it has an absolute path"_s);
    CHECK(packageListing(u"manifest.json"_s) == u"manifest.json lists 'manifest.json' twice or lists itself"_s);
    // A listed file that is not in the zip at all.
    CHECK(packageListing(u"evidence/x"_s) == u"file 'evidence/x' listed in the manifest is missing from the package"_s);
}
