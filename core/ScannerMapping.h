// Which questions and NIST SP 800-53 controls a scanner's check speaks to, read from
// questionnaires/scanner-mapping.yaml (compiled in; the file's header describes its format).
// Checks are matched by their normalised id (scan/CheckIds.h); Trivy's vulnerabilities and
// secrets, whose ids are not fixed, are matched by class.
#pragma once

#include "Result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulkhead {

class ContentLibrary;
struct Observation;

// What one observation is tied to. Each list is sorted and holds an id once.
struct ScanLinks {
    QStringList questions;
    QStringList controls;
    QStringList proposing; // the questions whose entries may propose answers from it
};

class ScannerMapping {
public:
    struct Reference {
        QString id;
        int line = 0;
        int column = 0;
    };
    struct Entry {
        QStringList checks; // normalised
        QString observationClass; // "vulnerability" or "secret"; empty for an entry of checks
        QList<Reference> questions;
        QList<Reference> controls;
        bool propose = true;
        int line = 0; // of the entry, for messages
    };

    static constexpr const char *kBuiltInPath = ":/questionnaires/scanner-mapping.yaml";

    // The compiled-in mapping; an error in it is a defect (a test loads it).
    static Result<ScannerMapping> builtIn();
    // Reads a mapping file's text; the first problem is returned with its line and column.
    static Result<ScannerMapping> parse(const QString &file, const QString &text);
    // The mapping is a mapping file if its top level says `mapping: scanner-checks`.
    static bool looksLikeMapping(const QString &text);

    // Every question that is not in `library` and every control not in its catalogue, each at
    // the place the file names it.
    QList<Error> check(const ContentLibrary &library) const;

    ScanLinks linksFor(const Observation &observation) const;
    const QList<Entry> &entries() const { return m_entries; }
    const QString &file() const { return m_file; }

    // "vulnerability" or "secret" for a Trivy finding of that kind (from a Trivy JSON report or
    // Trivy's SARIF); nullopt for checks and for every other tool's results.
    static std::optional<QString> observationClass(const Observation &observation);
    // How the mapping file's check ids are compared: CIS ids ("k8s-cis:1.2.1") and other tools'
    // ("bandit:B101") as written, Trivy ids in their one spelling ("AVD-DS-0002" -> "DS-0002").
    static QString normaliseMappedCheck(const QString &id);

private:
    QString m_file;
    QList<Entry> m_entries;
    QHash<QString, QList<qsizetype>> m_byCheck;
    QHash<QString, QList<qsizetype>> m_byClass;
};

} // namespace bulkhead
