// Fuzzes the content loader the way a user's questionnaire folder reaches it: ContentLibrary
// sniffs the kind (questionnaire, risk, control or criteria catalogue), parses it and validates
// references and `when` cycles. An empty library keeps each run fast and still validates the
// file against itself. Every problem must name the file.
#include "ContentLibrary.h"
#include "FuzzSupport.h"

#include <cstddef>
#include <cstdint>

using namespace bulkhead;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString file = QStringLiteral("fuzz.yaml");
    ContentLibrary library;
    const QList<Error> problems = library.addText(file, text, ContentLibrary::Replace::Any);
    for (const auto &p : problems)
        fuzz::requireClearError(p, file);
    // A file is taken whole or not at all.
    fuzz::require(problems.isEmpty() || (library.questionnaires().isEmpty() && library.catalogueTexts().isEmpty()),
                  "a file with problems was partly loaded", problems.value(0).toString());
    return 0;
}
