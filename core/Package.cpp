#include "Package.h"

#include "PackageSigning.h"

#include <Poco/Checksum.h>
#include <Poco/DeflatingStream.h>
#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <Poco/Zip/PartialStream.h>

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QtEndian>

#include <cmath>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <vector>

namespace bulkhead {

namespace {

constexpr quint32 kLocalHeader = 0x04034b50;
constexpr quint32 kCentralHeader = 0x02014b50;
constexpr quint32 kEndRecord = 0x06054b50;
constexpr qint64 kLocalHeaderSize = 30;
constexpr qint64 kCentralHeaderSize = 46;
constexpr qint64 kEndRecordSize = 22;
constexpr quint16 kStored = 0;
constexpr quint16 kDeflated = 8;
constexpr quint16 kEncrypted = 1;
constexpr quint16 kUtf8Names = 1 << 11;
// Entries carry no time (1980-01-01 00:00), so a package's bytes depend only on its content.
constexpr quint16 kDosDate = (1 << 5) | 1;
constexpr quint32 kZip32Max = 0xffffffff;

void put16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void put32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

quint16 get16(const char *at)
{
    return qFromLittleEndian<quint16>(at);
}

quint32 get32(const char *at)
{
    return qFromLittleEndian<quint32>(at);
}

QString readableSize(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 bytes").arg(bytes);
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    if (bytes < 1024LL * 1024 * 1024)
        return QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
    return QStringLiteral("%1 GiB").arg(double(bytes) / (1024.0 * 1024.0 * 1024.0), 0, 'f', 1);
}

// An entry name as it may be shown in one line of an error message.
QString shown(const QString &name)
{
    QString text = name.left(200);
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char('?');
    }
    return text;
}

quint32 crc32Of(const char *data, qint64 size)
{
    Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
    crc.update(data, unsigned(size));
    return crc.checksum();
}

// Raw deflate, as zip stores it: zlib's stream without its 2-byte header and Adler-32 trailer.
QByteArray deflated(const QByteArray &bytes)
{
    std::ostringstream out(std::ios::out | std::ios::binary);
    {
        Poco::DeflatingOutputStream deflater(out, Poco::DeflatingStreamBuf::STREAM_ZLIB, 9);
        deflater.write(bytes.constData(), std::streamsize(bytes.size()));
        deflater.close();
    }
    const std::string zlib = out.str();
    if (zlib.size() < 6)
        throw Poco::IOException("deflate produced no stream");
    return QByteArray(zlib.data() + 2, qsizetype(zlib.size() - 6));
}

struct DirectoryEntry {
    QString name;
    QByteArray rawName;
    quint16 method = kStored;
    quint32 crc = 0;
    qint64 compressedSize = 0;
    qint64 size = 0; // uncompressed, as declared
    qint64 headerOffset = 0;
    qint64 dataOffset = 0;
};

// Reads a zip from its central directory, checking every offset and size against the file
// and the limits before anything is inflated. Not Poco::Zip::ZipArchive: it walks the local
// headers front to back trusting their sizes, stops without a word at a truncated file and
// asserts on a repeated name, where a package must be refused with a reason.
class ZipReader {
public:
    ZipReader(QString path, const PackageLimits &limits) : m_path(std::move(path)), m_limits(limits) { }

    Status open();
    const QList<DirectoryEntry> &entries() const { return m_entries; }
    // Inflates an entry chunk by chunk into `sink`, stopping as soon as it produces more than
    // it declared or than `budget` (uncompressed bytes still allowed), and checks its CRC.
    Status inflate(const DirectoryEntry &entry, const std::function<bool(const char *, qint64)> &sink, qint64 &budget) const;

private:
    Error error(const QString &message) const { return Error {message, m_path}; }
    Error damaged(const QString &why) const { return error(QStringLiteral("the package is damaged: %1").arg(why)); }
    Status readDirectory(QFile &file, qint64 fileSize);
    Status readLocalHeaders(QFile &file, qint64 directoryOffset);

    QString m_path;
    PackageLimits m_limits;
    QList<DirectoryEntry> m_entries;
};

Status ZipReader::open()
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return error(QStringLiteral("cannot read the package: %1").arg(file.errorString()));
    return readDirectory(file, file.size());
}

Status ZipReader::readDirectory(QFile &file, qint64 fileSize)
{
    const Error truncated = error(QStringLiteral("the package is truncated or is not a zip file: it has no end-of-directory record"));
    if (fileSize < kEndRecordSize)
        return truncated;
    const qint64 tailSize = std::min<qint64>(fileSize, kEndRecordSize + 0xffff);
    if (!file.seek(fileSize - tailSize))
        return error(QStringLiteral("cannot read the package: %1").arg(file.errorString()));
    const QByteArray tail = file.read(tailSize);
    if (tail.size() != tailSize)
        return error(QStringLiteral("cannot read the package: %1").arg(file.errorString()));
    // The end record is the last thing in the file, after a comment of the length it states.
    qint64 end = -1;
    for (qint64 i = tailSize - kEndRecordSize; i >= 0; --i) {
        const char *at = tail.constData() + i;
        if (get32(at) == kEndRecord && i + kEndRecordSize + get16(at + 20) == tailSize) {
            end = i;
            break;
        }
    }
    if (end < 0)
        return truncated;
    const char *record = tail.constData() + end;
    const quint16 disk = get16(record + 4), directoryDisk = get16(record + 6);
    const quint16 onThisDisk = get16(record + 8), total = get16(record + 10);
    const quint32 directorySize = get32(record + 12), directoryOffset = get32(record + 16);
    if (disk != 0 || directoryDisk != 0 || onThisDisk != total)
        return error(QStringLiteral("the package spans several zip volumes, which packages never do"));
    if (total == 0xffff || directorySize == kZip32Max || directoryOffset == kZip32Max)
        return error(
            QStringLiteral("the package uses Zip64 records, which packages of format version %1 never do").arg(package_format::kVersion));
    if (total > m_limits.maxEntries)
        return error(QStringLiteral("the package has %1 entries, more than the limit of %2").arg(total).arg(m_limits.maxEntries));
    const qint64 endOffset = fileSize - tailSize + end;
    if (qint64(directoryOffset) + qint64(directorySize) > endOffset)
        return error(QStringLiteral("the package is truncated or damaged: its directory lies beyond the end of the file"));
    if (!file.seek(directoryOffset))
        return error(QStringLiteral("cannot read the package: %1").arg(file.errorString()));
    const QByteArray directory = file.read(directorySize);
    if (directory.size() != qint64(directorySize))
        return error(QStringLiteral("the package is truncated: its directory is cut short"));

    QSet<QString> names;
    qint64 declaredTotal = 0;
    qint64 pos = 0;
    for (int i = 0; i < total; ++i) {
        if (pos + kCentralHeaderSize > directory.size())
            return damaged(QStringLiteral("its directory holds %1 entries, not the %2 it declares").arg(i).arg(total));
        const char *h = directory.constData() + pos;
        if (get32(h) != kCentralHeader)
            return damaged(QStringLiteral("directory record %1 is not a file header").arg(i + 1));
        const quint16 flags = get16(h + 8);
        DirectoryEntry entry;
        entry.method = get16(h + 10);
        entry.crc = get32(h + 16);
        const quint32 compressed = get32(h + 20), size = get32(h + 24), offset = get32(h + 42);
        const qint64 nameLength = get16(h + 28), extraLength = get16(h + 30), commentLength = get16(h + 32);
        if (pos + kCentralHeaderSize + nameLength + extraLength + commentLength > directory.size())
            return damaged(QStringLiteral("directory record %1 runs past the directory").arg(i + 1));
        entry.rawName = directory.mid(pos + kCentralHeaderSize, nameLength);
        entry.name = QString::fromUtf8(entry.rawName);
        if (entry.name.toUtf8() != entry.rawName)
            return error(QStringLiteral("entry %1 has a name that is not UTF-8 text").arg(i + 1));
        if (const QString why = unsafeEntryNameReason(entry.name); !why.isEmpty())
            return error(QStringLiteral("entry '%1' is refused: %2").arg(shown(entry.name), why));
        if (names.contains(entry.name))
            return error(QStringLiteral("entry '%1' appears twice").arg(shown(entry.name)));
        names.insert(entry.name);
        if (flags & kEncrypted)
            return error(QStringLiteral("entry '%1' is encrypted, which packages never are").arg(shown(entry.name)));
        if (entry.method != kStored && entry.method != kDeflated)
            return error(QStringLiteral("entry '%1' uses compression method %2; packages use only stored and deflated entries")
                             .arg(shown(entry.name))
                             .arg(entry.method));
        if (compressed == kZip32Max || size == kZip32Max || offset == kZip32Max)
            return error(QStringLiteral("entry '%1' uses Zip64 sizes, which packages of format version %2 never do")
                             .arg(shown(entry.name))
                             .arg(package_format::kVersion));
        entry.compressedSize = compressed;
        entry.size = size;
        entry.headerOffset = offset;
        declaredTotal += entry.size;
        if (declaredTotal > m_limits.maxTotalBytes)
            return error(QStringLiteral("the package's entries declare more than %1 uncompressed, over the limit of %2")
                             .arg(readableSize(declaredTotal), readableSize(m_limits.maxTotalBytes)));
        m_entries.append(entry);
        pos += kCentralHeaderSize + nameLength + extraLength + commentLength;
    }
    if (pos != directory.size())
        return damaged(QStringLiteral("its directory holds more than the %1 entries it declares").arg(total));
    return readLocalHeaders(file, directoryOffset);
}

Status ZipReader::readLocalHeaders(QFile &file, qint64 directoryOffset)
{
    for (auto &entry : m_entries) {
        if (!file.seek(entry.headerOffset))
            return damaged(QStringLiteral("entry '%1' lies beyond the end of the file").arg(shown(entry.name)));
        const QByteArray header = file.read(kLocalHeaderSize);
        if (header.size() != kLocalHeaderSize || get32(header.constData()) != kLocalHeader)
            return damaged(QStringLiteral("entry '%1' has no local header where the directory says").arg(shown(entry.name)));
        const qint64 nameLength = get16(header.constData() + 26), extraLength = get16(header.constData() + 28);
        if (file.read(nameLength) != entry.rawName)
            return damaged(QStringLiteral("entry '%1' has another name in its local header").arg(shown(entry.name)));
        entry.dataOffset = entry.headerOffset + kLocalHeaderSize + nameLength + extraLength;
        if (entry.dataOffset + entry.compressedSize > directoryOffset)
            return damaged(QStringLiteral("entry '%1' runs into the directory").arg(shown(entry.name)));
    }
    // Entries sharing bytes are a way to make a small file inflate many times over.
    QList<const DirectoryEntry *> byOffset;
    for (const auto &entry : m_entries)
        byOffset.append(&entry);
    std::sort(byOffset.begin(), byOffset.end(), [](const auto *a, const auto *b) { return a->headerOffset < b->headerOffset; });
    for (qsizetype i = 1; i < byOffset.size(); ++i) {
        const DirectoryEntry *before = byOffset.at(i - 1);
        if (byOffset.at(i)->headerOffset < before->dataOffset + before->compressedSize)
            return error(QStringLiteral("entries '%1' and '%2' overlap in the file").arg(shown(before->name), shown(byOffset.at(i)->name)));
    }
    return {};
}

Status ZipReader::inflate(const DirectoryEntry &entry, const std::function<bool(const char *, qint64)> &sink, qint64 &budget) const
{
    if (entry.method == kStored && entry.compressedSize != entry.size)
        return damaged(QStringLiteral("stored entry '%1' has two different sizes").arg(shown(entry.name)));
    std::ifstream in(QFile::encodeName(m_path).toStdString(), std::ios::in | std::ios::binary);
    if (!in)
        return error(QStringLiteral("cannot read the package"));
    try {
        // Poco's inflater reads zlib streams; a zip entry is the raw deflate inside one, so it
        // is framed, as Poco's own ZipInputStream does, with a zlib header and a dummy Adler-32
        // that STREAM_ZIP does not check (the CRC below does that job).
        const bool deflate = entry.method == kDeflated;
        Poco::Zip::PartialInputStream part(
            in, std::ios::pos_type(entry.dataOffset), std::ios::pos_type(entry.dataOffset + entry.compressedSize), true,
            deflate ? std::string("\x78\x9c", 2) : std::string(), deflate ? std::string(4, '\0') : std::string());
        std::unique_ptr<Poco::InflatingInputStream> inflater;
        if (deflate)
            inflater = std::make_unique<Poco::InflatingInputStream>(part, Poco::InflatingStreamBuf::STREAM_ZIP);
        std::istream &data = inflater ? static_cast<std::istream &>(*inflater) : static_cast<std::istream &>(part);
        Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
        std::vector<char> buffer(64 * 1024);
        qint64 produced = 0;
        while (data) {
            data.read(buffer.data(), std::streamsize(buffer.size()));
            const qint64 n = data.gcount();
            if (n <= 0)
                break;
            produced += n;
            // Declared sizes can lie: what counts is what comes out.
            if (produced > entry.size)
                return error(QStringLiteral("entry '%1' inflates beyond the %2 it declares: refused as a possible zip bomb")
                                 .arg(shown(entry.name), readableSize(entry.size)));
            if (produced > budget)
                return error(QStringLiteral("the package inflates beyond the limit of %1: refused as a possible zip bomb")
                                 .arg(readableSize(m_limits.maxTotalBytes)));
            crc.update(buffer.data(), unsigned(n));
            if (!sink(buffer.data(), n))
                return error(QStringLiteral("cannot write entry '%1' to a temporary file").arg(shown(entry.name)));
        }
        if (data.bad())
            return damaged(QStringLiteral("entry '%1' cannot be inflated").arg(shown(entry.name)));
        if (produced != entry.size)
            return damaged(
                QStringLiteral("entry '%1' holds %2 bytes, not the %3 it declares").arg(shown(entry.name)).arg(produced).arg(entry.size));
        if (crc.checksum() != entry.crc)
            return damaged(QStringLiteral("entry '%1' fails its CRC check").arg(shown(entry.name)));
        budget -= produced;
    } catch (const Poco::Exception &e) {
        return damaged(QStringLiteral("entry '%1' cannot be inflated: %2").arg(shown(entry.name), QString::fromStdString(e.displayText())));
    } catch (const std::exception &e) {
        return damaged(QStringLiteral("entry '%1' cannot be inflated: %2").arg(shown(entry.name), QString::fromLocal8Bit(e.what())));
    }
    return {};
}

// The manifest's list of files: path -> (sha256, size). Its own shape is checked too.
Result<QHash<QString, std::pair<QString, qint64>>> listedFiles(const QJsonObject &manifest, const QString &path)
{
    QHash<QString, std::pair<QString, qint64>> files;
    const QJsonValue list = manifest.value(QStringLiteral("files"));
    if (!list.isArray())
        return Error {QStringLiteral("manifest.json has no list of files"), path};
    for (const auto &value : list.toArray()) {
        const QJsonObject file = value.toObject();
        const QString name = file.value(QStringLiteral("path")).toString();
        const QString sha = file.value(QStringLiteral("sha256")).toString();
        const QJsonValue size = file.value(QStringLiteral("size"));
        if (name.isEmpty() || sha.size() != 64 || !size.isDouble())
            return Error {QStringLiteral("manifest.json lists a file without a path, SHA-256 or size"), path};
        if (const QString why = unsafeEntryNameReason(name); !why.isEmpty())
            return Error {QStringLiteral("manifest.json lists '%1', which is refused: %2").arg(shown(name), why), path};
        if (name == QLatin1String(package_format::kManifest) || name == QLatin1String(package_format::kSignature) || files.contains(name))
            return Error {QStringLiteral("manifest.json lists '%1' twice or lists itself").arg(shown(name)), path};
        files.insert(name, {sha, qint64(size.toDouble())});
    }
    return files;
}

} // namespace

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString unsafeEntryNameReason(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("it has no name");
    if (name.size() > 255)
        return QStringLiteral("its name is longer than 255 characters");
    if (name.startsWith(QLatin1Char('/')))
        return QStringLiteral("it has an absolute path");
    if (name.contains(QLatin1Char('\\')))
        return QStringLiteral("its path contains a backslash");
    if (name.size() >= 2 && name.at(1) == QLatin1Char(':'))
        return QStringLiteral("its path starts with a drive letter");
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control)
            return QStringLiteral("its name contains a control character");
    }
    for (const auto &segment : name.split(QLatin1Char('/'))) {
        if (segment == QLatin1String(".."))
            return QStringLiteral("its path climbs out of the package ('..')");
        if (segment.isEmpty() || segment == QLatin1String("."))
            return QStringLiteral("its path has an empty or '.' folder (or names a folder)");
    }
    return {};
}

Status ZipWriter::add(const QString &name, const QByteArray &bytes, qint64 declaredSize)
{
    const QByteArray rawName = name.toUtf8();
    if (rawName.isEmpty() || rawName.size() > 0xffff)
        return Error {QStringLiteral("an entry name must have 1 to 65535 bytes")};
    QByteArray data;
    try {
        if (!bytes.isEmpty()) // an empty entry is stored: there is nothing to deflate
            data = deflated(bytes);
    } catch (const Poco::Exception &e) {
        return Error {QStringLiteral("cannot compress '%1': %2").arg(name, QString::fromStdString(e.displayText()))};
    }
    const bool stored = bytes.isEmpty() || data.size() >= bytes.size();
    if (stored)
        data = bytes;
    const qint64 size = declaredSize >= 0 ? declaredSize : bytes.size();
    if (m_directory.size() >= 0xfffe || m_offset + kLocalHeaderSize + rawName.size() + data.size() >= qint64(kZip32Max)
        || size >= qint64(kZip32Max))
        return Error {QStringLiteral("the package would be larger than a zip without Zip64 can hold (4 GiB, 65534 entries)")};
    const quint32 crc = crc32Of(bytes.constData(), bytes.size());

    QByteArray header;
    put32(header, kLocalHeader);
    put16(header, 20); // version needed: 2.0 (deflate)
    put16(header, kUtf8Names);
    put16(header, stored ? kStored : kDeflated);
    put16(header, 0); // time
    put16(header, kDosDate);
    put32(header, crc);
    put32(header, quint32(data.size()));
    put32(header, quint32(size));
    put16(header, quint16(rawName.size()));
    put16(header, 0); // extra field
    header += rawName;
    if (m_out.write(header) != header.size() || m_out.write(data) != data.size())
        return Error {QStringLiteral("cannot write the package: %1").arg(m_out.errorString())};

    QByteArray record;
    put32(record, kCentralHeader);
    put16(record, 0x0314); // made by: Unix, 2.0
    put16(record, 20);
    put16(record, kUtf8Names);
    put16(record, stored ? kStored : kDeflated);
    put16(record, 0);
    put16(record, kDosDate);
    put32(record, crc);
    put32(record, quint32(data.size()));
    put32(record, quint32(size));
    put16(record, quint16(rawName.size()));
    put16(record, 0); // extra
    put16(record, 0); // comment
    put16(record, 0); // disk
    put16(record, 0); // internal attributes
    put32(record, 0100644u << 16); // external attributes: a regular file, rw-r--r--
    put32(record, quint32(m_offset));
    record += rawName;
    m_directory.append(record);
    m_offset += header.size() + data.size();
    return {};
}

Status ZipWriter::finish()
{
    qint64 directorySize = 0;
    for (const auto &record : std::as_const(m_directory)) {
        if (m_out.write(record) != record.size())
            return Error {QStringLiteral("cannot write the package: %1").arg(m_out.errorString())};
        directorySize += record.size();
    }
    if (m_offset + directorySize >= qint64(kZip32Max))
        return Error {QStringLiteral("the package would be larger than a zip without Zip64 can hold (4 GiB)")};
    QByteArray end;
    put32(end, kEndRecord);
    put16(end, 0);
    put16(end, 0);
    put16(end, quint16(m_directory.size()));
    put16(end, quint16(m_directory.size()));
    put32(end, quint32(directorySize));
    put32(end, quint32(m_offset));
    put16(end, 0); // comment
    if (m_out.write(end) != end.size())
        return Error {QStringLiteral("cannot write the package: %1").arg(m_out.errorString())};
    return {};
}

QStringList VerifiedPackage::files() const
{
    QStringList names;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it.key() != QLatin1String(package_format::kManifest) && it.key() != QLatin1String(package_format::kSignature))
            names << it.key();
    }
    names.sort();
    return names;
}

Result<QByteArray> VerifiedPackage::bytes(const QString &entry, qint64 maxBytes) const
{
    const QString file = m_entries.value(entry);
    if (file.isEmpty())
        return Error {QStringLiteral("the package has no entry '%1'").arg(shown(entry)), m_path};
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("cannot read entry '%1': %2").arg(shown(entry), in.errorString()), m_path};
    if (in.size() > maxBytes)
        return Error {QStringLiteral("entry '%1' is %2, over the limit of %3 for it")
                          .arg(shown(entry), readableSize(in.size()), readableSize(maxBytes)),
                      m_path};
    return in.readAll();
}

Result<VerifiedPackage> verifyPackage(const QString &path, const PackageLimits &limits)
{
    using namespace package_format;
    ZipReader zip(path, limits);
    if (auto opened = zip.open(); !opened)
        return opened.error();

    VerifiedPackage package;
    package.m_path = path;
    package.m_dir = std::make_shared<QTemporaryDir>();
    if (!package.m_dir->isValid())
        return Error {QStringLiteral("cannot make a temporary folder to unpack into: %1").arg(package.m_dir->errorString()), path};
    QHash<QString, std::pair<QString, qint64>> actual; // entry -> (sha256, size)
    qint64 budget = limits.maxTotalBytes;
    int index = 0;
    for (const auto &entry : zip.entries()) {
        // Entries are unpacked under numbers, never under their own names.
        const QString file = package.m_dir->filePath(QStringLiteral("entry-%1").arg(++index));
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly))
            return Error {QStringLiteral("cannot unpack the package: %1").arg(out.errorString()), path};
        QCryptographicHash hash(QCryptographicHash::Sha256);
        const auto sink = [&out, &hash](const char *data, qint64 n) {
            hash.addData(QByteArrayView(data, n));
            return out.write(data, n) == n;
        };
        if (auto inflated = zip.inflate(entry, sink, budget); !inflated)
            return inflated.error();
        out.close();
        package.m_entries.insert(entry.name, file);
        actual.insert(entry.name, {QString::fromLatin1(hash.result().toHex()), entry.size});
        package.m_totalBytes += entry.size;
    }

    if (!package.contains(QLatin1String(kManifest)))
        return Error {QStringLiteral("the package has no manifest.json: it is not a Bulkhead engagement package"), path};
    auto manifestBytes = package.bytes(QLatin1String(kManifest), limits.maxManifestBytes);
    if (!manifestBytes)
        return manifestBytes.error();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*manifestBytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error {QStringLiteral("manifest.json is not a JSON object: %1")
                          .arg(doc.isArray() ? QStringLiteral("it is an array") : parseError.errorString()), // not "no error occurred"
                      path};
    const QJsonObject manifest = doc.object();
    if (manifest.value(QStringLiteral("format")).toString() != QLatin1String(kName))
        return Error {QStringLiteral("manifest.json does not describe a Bulkhead engagement package"), path};
    // Checked before the signature: another version may sign differently.
    const QJsonValue version = manifest.value(QStringLiteral("format_version"));
    const double number = version.toDouble();
    if (!version.isDouble() || number != std::floor(number) || number < kOldestReadableVersion || number > kVersion)
        return Error {QStringLiteral("unknown package format version %1; this Bulkhead reads versions %2 to %3")
                          .arg(version.isDouble() ? QString::number(number) : QStringLiteral("(none)"))
                          .arg(kOldestReadableVersion)
                          .arg(kVersion),
                      path};

    if (!package.contains(QLatin1String(kSignature)))
        return Error {QStringLiteral("the package has no signature"), path};
    auto signature = package.bytes(QLatin1String(kSignature), 1024);
    if (!signature)
        return signature.error();
    const QJsonObject signer = manifest.value(QStringLiteral("signer")).toObject();
    const QByteArray publicKey = signer.value(QStringLiteral("public_key")).toString().toLatin1();
    auto fingerprint = PackageSigning::fingerprint(publicKey);
    if (!fingerprint)
        return Error {QStringLiteral("the signer's public key in manifest.json cannot be read: %1").arg(fingerprint.error().message), path};
    if (signer.value(QStringLiteral("fingerprint")).toString() != *fingerprint)
        return Error {QStringLiteral("the signer fingerprint in manifest.json is not that of the public key beside it"), path};
    if (auto signedBy = PackageSigning::verify(publicKey, *manifestBytes, *signature); !signedBy)
        return Error {QStringLiteral("bad signature: %1").arg(signedBy.error().message), path};

    auto listed = listedFiles(manifest, path);
    if (!listed)
        return listed.error();
    QStringList names = listed->keys();
    names.sort();
    for (const auto &name : std::as_const(names)) {
        if (!actual.contains(name))
            return Error {QStringLiteral("file '%1' listed in the manifest is missing from the package").arg(shown(name)), path};
        if (actual.value(name) != listed->value(name))
            return Error {
                QStringLiteral(
                    "file '%1' does not match the SHA-256 and size the manifest records: it was changed after the package was signed")
                    .arg(shown(name)),
                path};
    }
    for (const auto &entry : zip.entries()) {
        if (entry.name != QLatin1String(kManifest) && entry.name != QLatin1String(kSignature) && !listed->contains(entry.name))
            return Error {QStringLiteral("entry '%1' is not listed in the manifest: it was added after the package was signed")
                              .arg(shown(entry.name)),
                          path};
    }
    package.m_manifest = manifest;
    package.m_manifestBytes = *manifestBytes;
    package.m_fingerprint = *fingerprint;
    return package;
}

Result<QList<ZipEntry>> readZipEntries(const QString &path, const PackageLimits &limits)
{
    ZipReader zip(path, limits);
    if (auto opened = zip.open(); !opened)
        return opened.error();
    QList<ZipEntry> entries;
    qint64 budget = limits.maxTotalBytes;
    for (const auto &entry : zip.entries()) {
        QByteArray bytes;
        const auto sink = [&bytes](const char *data, qint64 n) {
            bytes.append(data, n);
            return true;
        };
        if (auto inflated = zip.inflate(entry, sink, budget); !inflated)
            return inflated.error();
        entries.append({entry.name, bytes});
    }
    return entries;
}

} // namespace bulkhead
