// The keys that sign engagement packages: one ECDSA P-256 key pair per user, made on first use
// in the user's configuration folder (the private key readable by its owner only), and known to
// others by its fingerprint: the SHA-256 of the DER public key, in hex groups of four.
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace bulkhead {

struct SigningKey {
    QString file; // the PEM file holding the private key
    QByteArray privateKeyPem; // PKCS #8
    QByteArray publicKeyPem; // SubjectPublicKeyInfo ("BEGIN PUBLIC KEY")
    QString fingerprint;
    bool created = false; // made by the call that returned it
};

class PackageSigning {
public:
    // $BULKHEAD_CONFIG_DIR if set, else <the user's configuration folder>/bulkhead.
    static QString defaultKeyDirectory();
    static QString keyFileName() { return QStringLiteral("signing-key.pem"); }

    // The key in `directory`, made (mode 0600, in a folder of mode 0700) if there is none. A
    // key file others may read is refused, as ssh refuses one.
    static Result<SigningKey> loadOrCreate(const QString &directory = defaultKeyDirectory());

    // A DER-encoded ECDSA signature over SHA-256 of `data`.
    static Result<QByteArray> sign(const SigningKey &key, const QByteArray &data);
    // An error saying why unless `signature` is one by `publicKeyPem` over `data`.
    static Status verify(const QByteArray &publicKeyPem, const QByteArray &data, const QByteArray &signature);
    // The fingerprint of a PEM public key ("9f3a:07c2:..."), which must be P-256.
    static Result<QString> fingerprint(const QByteArray &publicKeyPem);
};

} // namespace bulkhead
