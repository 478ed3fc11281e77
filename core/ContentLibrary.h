// All assessment content in use: questionnaires, the risk catalogue and the control
// catalogue. The built-in library is compiled in as Qt resources and always loads; users'
// files are added on top, and each broken one is reported and skipped.
#pragma once

#include "ControlCatalogue.h"
#include "CriteriaCatalogue.h"
#include "Questionnaire.h"
#include "Result.h"
#include "RiskCatalogue.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace bulkhead {

// The text of one catalogue file as it was loaded, kept so an engagement can pin the exact
// catalogues it is scored and reported with.
struct CatalogueText {
    QString kind; // risks | controls | criteria
    QString file;
    QString text;
    QString sha256; // of the UTF-8 text
};

class ContentLibrary {
public:
    // What to do with a questionnaire whose key is already loaded.
    enum class Replace {
        NewerVersionOnly, // a user's folder: only a higher version replaces (a stale copy is an error)
        Any, // `validate`: the file under review stands in for the loaded one
    };

    ContentLibrary() = default;
    // Copies rebuild the question index, which points into this object's own lists.
    ContentLibrary(const ContentLibrary &other);
    ContentLibrary &operator=(const ContentLibrary &other);
    ContentLibrary(ContentLibrary &&) noexcept = default;
    ContentLibrary &operator=(ContentLibrary &&) noexcept = default;

    // Facts every engagement has, from its record; questions may set more.
    static const QStringList &engagementFacts();

    // The built-in file (":/questionnaires/...") whose bytes are exactly `bytes`, if any.
    static QString builtInFileMatching(const QByteArray &bytes);

    // The compiled-in library. Problems in it are defects; tests assert there are none.
    static ContentLibrary builtIn(QList<Error> *problems = nullptr);

    // Adds content files (questionnaires or a risk catalogue). Returns every problem found;
    // a file with any problem is left out entirely and the library stays as it was.
    QList<Error> addFiles(const QStringList &paths, Replace replace = Replace::NewerVersionOnly);
    // Adds every *.yaml / *.yml file of a folder, in name order.
    QList<Error> addFolder(const QString &folder);
    // Same as addFiles for text that is already in memory (pinned questionnaires, tests).
    QList<Error> addText(const QString &file, const QString &text, Replace replace);

    // Puts a questionnaire in place of the one with the same key (pinned versions).
    void setQuestionnaire(Questionnaire questionnaire);
    // Replaces the risk, control and criteria catalogues with those parsed from `texts`, in
    // order (an engagement's pinned catalogues). On any problem the library stays as it was.
    QList<Error> setCatalogues(const QList<CatalogueText> &texts);
    // The catalogue files the risk, control and criteria catalogues were built from, in load order.
    const QList<CatalogueText> &catalogueTexts() const { return m_catalogueTexts; }

    const QList<Questionnaire> &questionnaires() const { return m_questionnaires; }
    const Questionnaire *questionnaire(const QString &key) const;
    const Question *question(const QString &id) const;
    const RiskCatalogue &risks() const { return m_risks; }
    const ControlCatalogue &controls() const { return m_controls; }
    const CriteriaCatalogue &criteria() const { return m_criteria; }
    // Every fact a `when` may read: the engagement facts and every fact a question sets.
    QStringList knownFacts() const;
    // Every question, in interview order (questionnaires in load order, then sections).
    QList<const Question *> allQuestions() const;

private:
    // Parses one file into this library without checking references to other files.
    bool merge(const QString &file, const QString &text, Replace replace, QList<Error> &problems);
    QList<Error> addBatch(QList<std::pair<QString, QString>> texts, Replace replace);
    // The file of `batch` a new problem is due to, with the problem as that file's error.
    Error chargeToBatch(const Error &problem, const QList<std::pair<QString, QString>> &batch, const ContentLibrary &before) const;
    void reindex();
    // Records a catalogue file's text; `replacesKind` drops earlier texts of the same kind.
    void keepCatalogueText(const QString &kind, const QString &file, const QString &text, bool replacesKind);

    QList<Questionnaire> m_questionnaires;
    RiskCatalogue m_risks;
    ControlCatalogue m_controls;
    CriteriaCatalogue m_criteria;
    QList<CatalogueText> m_catalogueTexts;
    QHash<QString, const Question *> m_questionIndex;
};

} // namespace bulkhead
