// Parsers for the three kinds of content file: questionnaires, the risk catalogue and the
// control catalogue. Each checks what can be checked within one file (syntax, keys, types,
// duplicate ids, `when` syntax) and appends every problem it finds; references between
// files are ContentValidator's job. A parser returns nothing when the file had any error.
#pragma once

#include "ControlCatalogue.h"
#include "CriteriaCatalogue.h"
#include "Questionnaire.h"
#include "Result.h"
#include "RiskCatalogue.h"

#include <QList>
#include <QString>

#include <optional>

namespace YAML {
class Node;
}

namespace bulkhead {

class YamlReader;

std::optional<Questionnaire> parseQuestionnaire(const QString &file, const QString &text, QList<Error> &problems);
std::optional<RiskCatalogue> parseRiskCatalogue(const QString &file, const QString &text, QList<Error> &problems);
std::optional<ControlCatalogue> parseControlCatalogue(const QString &file, const QString &text, QList<Error> &problems);
std::optional<CriteriaCatalogue> parseCriteriaCatalogue(const QString &file, const QString &text, QList<Error> &problems);

// The same for a document `yaml` has already parsed from `text` (its root), so that a caller that
// looked at the document to choose the parser does not parse the text again. Problems go to the
// list `yaml` was made with, which must be `problems`.
std::optional<Questionnaire> parseQuestionnaire(YamlReader &yaml, const YAML::Node &root, const QString &text, QList<Error> &problems);
std::optional<RiskCatalogue> parseRiskCatalogue(YamlReader &yaml, const YAML::Node &root, QList<Error> &problems);
std::optional<ControlCatalogue> parseControlCatalogue(YamlReader &yaml, const YAML::Node &root, QList<Error> &problems);
std::optional<CriteriaCatalogue> parseCriteriaCatalogue(YamlReader &yaml, const YAML::Node &root, QList<Error> &problems);

} // namespace bulkhead
