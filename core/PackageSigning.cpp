#include "PackageSigning.h"

#include <Poco/Crypto/Crypto.h>
#include <Poco/Crypto/ECDSADigestEngine.h>
#include <Poco/Crypto/ECKey.h>
#include <Poco/Exception.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <sstream>

namespace bulkhead {

namespace {

const std::string kCurve = "prime256v1"; // NIST P-256
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
    | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

void initialiseCrypto()
{
    static const bool done = [] {
        Poco::Crypto::initializeCrypto();
        return true;
    }();
    (void)done;
}

QByteArray publicPemOf(const Poco::Crypto::ECKey &key)
{
    std::ostringstream out;
    key.save(&out, nullptr);
    const std::string pem = out.str();
    return QByteArray(pem.data(), qsizetype(pem.size()));
}

// The DER SubjectPublicKeyInfo a "BEGIN PUBLIC KEY" PEM block encodes.
QByteArray derOf(const QByteArray &pem)
{
    QByteArray base64;
    bool inside = false;
    for (const QByteArray &line : pem.split('\n')) {
        const QByteArray text = line.trimmed();
        if (text == "-----BEGIN PUBLIC KEY-----")
            inside = true;
        else if (text == "-----END PUBLIC KEY-----")
            return QByteArray::fromBase64(base64);
        else if (inside)
            base64 += text;
    }
    return {};
}

Result<Poco::Crypto::ECKey> publicKey(const QByteArray &pem)
{
    initialiseCrypto();
    if (derOf(pem).isEmpty())
        return Error {QStringLiteral("not a PEM public key")};
    try {
        std::istringstream in(pem.toStdString());
        Poco::Crypto::ECKey key(&in);
        if (key.impl()->groupName() != kCurve)
            return Error {QStringLiteral("the key is on curve %1, not P-256").arg(QString::fromStdString(key.impl()->groupName()))};
        return key;
    } catch (const Poco::Exception &e) {
        return Error {QString::fromStdString(e.displayText())};
    }
}

Result<SigningKey> readKey(const QString &file)
{
    if (QFile::permissions(file) & kOthers)
        return Error {QStringLiteral("the signing key may be read or changed by other users; make it private (chmod 600) or remove it "
                                     "to have a new one made"),
                      file};
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("cannot read the signing key: %1").arg(in.errorString()), file};
    SigningKey key;
    key.file = file;
    key.privateKeyPem = in.read(64 * 1024);
    try {
        std::istringstream pem(key.privateKeyPem.toStdString());
        const Poco::Crypto::ECKey pair(nullptr, &pem);
        if (pair.impl()->groupName() != kCurve)
            return Error {QStringLiteral("the signing key is not a P-256 key"), file};
        key.publicKeyPem = publicPemOf(pair);
    } catch (const Poco::Exception &e) {
        return Error {QStringLiteral("the signing key cannot be read: %1").arg(QString::fromStdString(e.displayText())), file};
    }
    auto fingerprint = PackageSigning::fingerprint(key.publicKeyPem);
    if (!fingerprint)
        return Error {fingerprint.error().message, file};
    key.fingerprint = *fingerprint;
    return key;
}

} // namespace

QString PackageSigning::defaultKeyDirectory()
{
    const QString configured = qEnvironmentVariable("BULKHEAD_CONFIG_DIR");
    if (!configured.isEmpty())
        return configured;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/bulkhead");
}

Result<SigningKey> PackageSigning::loadOrCreate(const QString &directory)
{
    initialiseCrypto();
    const QString file = QDir(directory).filePath(keyFileName());
    if (QFileInfo::exists(file))
        return readKey(file);
    if (!QFileInfo::exists(directory)) {
        if (!QDir().mkpath(directory))
            return Error {QStringLiteral("cannot make the folder for the signing key"), directory};
        QFile::setPermissions(directory, kOwnerOnly | QFileDevice::ExeOwner);
    }
    QByteArray privatePem;
    try {
        const Poco::Crypto::ECKey pair(kCurve);
        std::ostringstream out;
        pair.save(nullptr, &out);
        privatePem = QByteArray::fromStdString(out.str());
    } catch (const Poco::Exception &e) {
        return Error {QStringLiteral("cannot make a signing key: %1").arg(QString::fromStdString(e.displayText())), file};
    }
    // Written beside its final name, owner-only from the start, then renamed into place; a
    // rename never replaces a key another process made meanwhile: that one is used instead.
    QTemporaryFile temporary(file + QStringLiteral(".XXXXXX"));
    if (!temporary.open() || !temporary.setPermissions(kOwnerOnly) || temporary.write(privatePem) != privatePem.size()
        || !temporary.flush())
        return Error {QStringLiteral("cannot write the signing key: %1").arg(temporary.errorString()), file};
    if (!temporary.rename(file)) {
        if (QFileInfo::exists(file))
            return readKey(file);
        return Error {QStringLiteral("cannot write the signing key: %1").arg(temporary.errorString()), file};
    }
    temporary.setAutoRemove(false);
    auto key = readKey(file);
    if (key)
        key->created = true;
    return key;
}

Result<QByteArray> PackageSigning::sign(const SigningKey &key, const QByteArray &data)
{
    initialiseCrypto();
    try {
        std::istringstream pem(key.privateKeyPem.toStdString());
        const Poco::Crypto::ECKey pair(nullptr, &pem);
        Poco::Crypto::ECDSADigestEngine engine(pair, "SHA256");
        engine.update(data.constData(), unsigned(data.size()));
        const auto &signature = engine.signature();
        return QByteArray(reinterpret_cast<const char *>(signature.data()), qsizetype(signature.size()));
    } catch (const Poco::Exception &e) {
        return Error {QStringLiteral("cannot sign: %1").arg(QString::fromStdString(e.displayText())), key.file};
    }
}

Status PackageSigning::verify(const QByteArray &publicKeyPem, const QByteArray &data, const QByteArray &signature)
{
    auto key = publicKey(publicKeyPem);
    if (!key)
        return key.error();
    const Error mismatch {QStringLiteral(
        "the signature does not match manifest.json: the package was changed after it was signed, or not signed by the key it names")};
    if (signature.isEmpty())
        return mismatch;
    try {
        Poco::Crypto::ECDSADigestEngine engine(*key, "SHA256");
        engine.update(data.constData(), unsigned(data.size()));
        const Poco::DigestEngine::Digest digest(signature.cbegin(), signature.cend());
        if (!engine.verify(digest))
            return mismatch;
    } catch (const Poco::Exception &) {
        return mismatch; // OpenSSL throws on a signature that is not even DER
    }
    return {};
}

Result<QString> PackageSigning::fingerprint(const QByteArray &publicKeyPem)
{
    if (auto key = publicKey(publicKeyPem); !key)
        return key.error();
    const QByteArray hex = QCryptographicHash::hash(derOf(publicKeyPem), QCryptographicHash::Sha256).toHex();
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        groups << QString::fromLatin1(hex.mid(i, 4));
    return groups.join(QLatin1Char(':'));
}

} // namespace bulkhead
