// Fuzzes the engagement package reader (core/Package): the bytes are written to a file, as a
// package arrives, then verified and read entry by entry. Limits are lowered so that a small
// input declaring or inflating to gigabytes is refused quickly instead of filling the disk.
#include "FuzzSupport.h"
#include "Package.h"

#include <QDir>
#include <QFile>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <unistd.h>

using namespace bulkhead;

namespace {

// The file's name as plain bytes for the exit handler, which runs after static QStrings are gone.
char g_exitPath[4096];

QString packagePath()
{
    static const QString path = [] {
        const QString p = QDir::temp().filePath(QStringLiteral("bulkhead-fuzz-%1.bulkhead-package").arg(::getpid()));
        qstrncpy(g_exitPath, QFile::encodeName(p).constData(), sizeof g_exitPath);
        std::atexit([] { ::unlink(g_exitPath); });
        return p;
    }();
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = packagePath();
    {
        QFile out(path);
        fuzz::require(out.open(QIODevice::WriteOnly | QIODevice::Truncate), "cannot write the package file", path);
        fuzz::require(out.write(reinterpret_cast<const char *>(data), qint64(size)) == qint64(size), "cannot write the package file", path);
    }
    PackageLimits limits;
    limits.maxEntries = 200;
    limits.maxTotalBytes = 16LL * 1024 * 1024;
    limits.maxManifestBytes = 1024 * 1024;
    const auto verified = verifyPackage(path, limits);
    if (!verified)
        fuzz::requireClearError(verified.error(), path);
    const auto entries = readZipEntries(path, limits);
    if (!entries) {
        fuzz::requireClearError(entries.error(), path);
    } else {
        qint64 total = 0;
        for (const auto &e : *entries) {
            fuzz::require(unsafeEntryNameReason(e.name).isEmpty(), "an unsafe entry name was accepted", e.name);
            total += e.bytes.size();
        }
        fuzz::require(entries->size() <= limits.maxEntries && total <= limits.maxTotalBytes, "the limits were not kept");
    }
    return 0;
}
