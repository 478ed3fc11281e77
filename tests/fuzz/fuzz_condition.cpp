// Fuzzes the `when` condition language (core/Condition): parsing must end in a condition or in an
// error whose column lies inside the text or just past it, and evaluating must terminate.
#include "Condition.h"
#include "FuzzSupport.h"

#include <QCryptographicHash>

#include <cstddef>
#include <cstdint>

using namespace bulkhead;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = Condition::parse(text);
    if (!parsed) {
        const Error &e = parsed.error();
        fuzz::require(!e.message.isEmpty(), "a condition error without a message", text);
        fuzz::require(e.column >= 1 && e.column <= text.size() + 1, "a condition error outside the text", e.message);
        return 0;
    }
    fuzz::require(parsed->text() == text, "the condition does not keep its text", text);
    for (const auto &name : parsed->references())
        fuzz::require(text.contains(name), "a reference that is not in the text", name);
    // Values derived from the name, so that equal, in and truthiness take both branches.
    const auto lookup = [](const QString &name) -> QStringList {
        const QByteArray h = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256);
        switch (quint8(h.at(0)) % 4) {
        case 0: return {};
        case 1: return {QStringLiteral("yes")};
        case 2: return {QStringLiteral("3"), QStringLiteral("no")};
        default: return {name};
        }
    };
    const bool once = parsed->evaluate(lookup);
    fuzz::require(parsed->evaluate(lookup) == once, "evaluation is not deterministic", text);
    return 0;
}
