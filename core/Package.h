// The engagement package format: one zip file that carries an engagement from one workspace to
// another. `manifest.json` describes the engagement and lists every other entry with its
// SHA-256 and size; `signature` is an ECDSA P-256 / SHA-256 signature over the manifest's exact
// bytes, by the key whose public half the manifest itself carries. So the signature covers
// every byte of the package, and the signer is known by the key's fingerprint.
//
// Reading a package trusts nothing it says before checking it: entry names (no `..`, no
// absolute paths), the number of entries, the uncompressed total (counted as entries inflate,
// not only as declared), CRCs, then the format version, the signature and every hash.
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

class QIODevice;
class QTemporaryDir;

namespace bulkhead {

namespace package_format {
// Version 2 added observations.json, proposals.json and the manifest's "baseline_profile";
// version 1 packages are still read (they carry none of those).
inline constexpr int kVersion = 2;
inline constexpr int kOldestReadableVersion = 1;
inline constexpr char kName[] = "bulkhead-engagement-package";
inline constexpr char kSignatureAlgorithm[] = "ECDSA P-256 SHA-256";
// Entries. Pinned content is under content/, evidence under evidence/<sha256>.
inline constexpr char kManifest[] = "manifest.json";
inline constexpr char kSignature[] = "signature";
inline constexpr char kAnswers[] = "answers.json";
inline constexpr char kRiskOverrides[] = "risk-overrides.json";
inline constexpr char kPoam[] = "poam.json";
inline constexpr char kAuditTrail[] = "audit-trail.json";
inline constexpr char kEvidence[] = "evidence.json";
inline constexpr char kObservations[] = "observations.json";
inline constexpr char kProposals[] = "proposals.json";
} // namespace package_format

// What a package may hold before it is refused unread. Tests lower them.
struct PackageLimits {
    int maxEntries = 10000;
    qint64 maxTotalBytes = 2LL * 1024 * 1024 * 1024; // all entries, uncompressed
    qint64 maxManifestBytes = 64LL * 1024 * 1024; // manifest and the JSON entries read into memory
};

// Hex SHA-256 of bytes, as the manifest records it.
QString sha256Hex(const QByteArray &bytes);
// Why `name` may not be an entry name (absolute, `..`, backslashes, ...); empty if it may.
QString unsafeEntryNameReason(const QString &name);

// Writes a zip entry by entry (deflated unless that does not help), then its central directory.
class ZipWriter {
public:
    explicit ZipWriter(QIODevice &out) : m_out(out) { }

    // `declaredSize` is for tests that build lying packages: the uncompressed size to claim
    // instead of the true one (-1).
    Status add(const QString &name, const QByteArray &bytes, qint64 declaredSize = -1);
    Status finish();
    int entries() const { return int(m_directory.size()); }

private:
    QIODevice &m_out;
    QList<QByteArray> m_directory;
    qint64 m_offset = 0;
};

// A package whose structure, signature and file hashes have all been checked. Its entries
// are inflated into a private temporary folder that lives as long as the last copy.
class VerifiedPackage {
public:
    const QString &path() const { return m_path; }
    const QJsonObject &manifest() const { return m_manifest; }
    const QByteArray &manifestBytes() const { return m_manifestBytes; }
    const QString &signerFingerprint() const { return m_fingerprint; }
    int entryCount() const { return int(m_entries.size()); }
    qint64 totalBytes() const { return m_totalBytes; }
    // Every entry but the manifest and the signature: the files the manifest lists.
    QStringList files() const;

    bool contains(const QString &entry) const { return m_entries.contains(entry); }
    // The bytes of an entry, refused beyond `maxBytes` (they are on disk, not in memory).
    Result<QByteArray> bytes(const QString &entry, qint64 maxBytes) const;
    // The inflated file holding an entry's bytes, to copy from.
    QString extractedFile(const QString &entry) const { return m_entries.value(entry); }

private:
    friend Result<VerifiedPackage> verifyPackage(const QString &path, const PackageLimits &limits);

    QString m_path;
    QJsonObject m_manifest;
    QByteArray m_manifestBytes;
    QString m_fingerprint;
    qint64 m_totalBytes = 0;
    QHash<QString, QString> m_entries; // entry name -> inflated file
    std::shared_ptr<QTemporaryDir> m_dir;
};

// Reads and checks a package; the error names what failed (and the package as its file).
Result<VerifiedPackage> verifyPackage(const QString &path, const PackageLimits &limits = {});

// The raw entries of a zip, in order, checked as verifyPackage checks them but not verified:
// for tests that take a package apart and put it back together changed.
struct ZipEntry {
    QString name;
    QByteArray bytes;
};
Result<QList<ZipEntry>> readZipEntries(const QString &path, const PackageLimits &limits = {});

} // namespace bulkhead
