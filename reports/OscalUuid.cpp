#include "OscalUuid.h"

#include <QCryptographicHash>

namespace bulkhead {

QString oscalUuid(const QString &contentHash, const QString &path)
{
    QByteArray bytes = QCryptographicHash::hash((contentHash + path).toUtf8(), QCryptographicHash::Sha256).left(16);
    bytes[6] = static_cast<char>((static_cast<unsigned char>(bytes[6]) & 0x0F) | 0x40); // version 4
    bytes[8] = static_cast<char>((static_cast<unsigned char>(bytes[8]) & 0x3F) | 0x80); // variant 10xx
    const QString hex = QString::fromLatin1(bytes.toHex());
    return hex.left(8) + QLatin1Char('-') + hex.mid(8, 4) + QLatin1Char('-') + hex.mid(12, 4) + QLatin1Char('-') + hex.mid(16, 4)
        + QLatin1Char('-') + hex.mid(20);
}

} // namespace bulkhead
