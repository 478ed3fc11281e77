// A questionnaire as loaded from YAML: sections of questions in interview order.
// Plain data; loading and validation live in QuestionnaireParser and ContentValidator.
#pragma once

#include "Condition.h"
#include "ImplementationStatus.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulkhead {

enum class QuestionType { YesNo, Choice, Multi, Text, Number, Date };

QString questionTypeKey(QuestionType type);
std::optional<QuestionType> parseQuestionType(const QString &key);

struct SourcePosition {
    int line = 0;
    int column = 0;
};

struct AnswerOption {
    QString value;
    QString label;
    ImplementationStatus status = ImplementationStatus::Informational;
};

struct Question {
    QString id;
    QString text;
    QuestionType type = QuestionType::YesNo;
    QList<AnswerOption> options; // choice and multi only
    QString guidance;
    QStringList evidence;
    QStringList methods;
    QString responsibility; // csp | customer | shared, or empty
    QStringList controls; // rev5 display ids, e.g. "AC-6(9)"
    QStringList soc2; // Trust Services Criteria, e.g. "CC6.1"
    QMap<QString, double> mitigates; // risk id -> weight
    QString sets; // fact name, or empty
    Condition when; // empty: always shown
    QString questionnaireKey; // owner, filled by the parser
    SourcePosition position; // of the question in its file, for messages
    // Of its keys' values ("controls", "when", ...) and of list entries ("controls/AC-2",
    // "mitigates/risk.x"), so that a problem is reported where it is written.
    QMap<QString, SourcePosition> fieldPositions;

    // The values an answer holds: several for multi, else one (none for an empty answer).
    QStringList answerValues(const QString &value) const;
    // Checks a value against the type and options; returns an explanation when invalid.
    std::optional<QString> invalidValueReason(const QString &value) const;
    ImplementationStatus statusOf(const QString &value) const;
    const AnswerOption *option(const QString &value) const;
    bool isScored() const;
};

struct Section {
    SourcePosition position; // of the section's id, for messages
    QString id;
    QString title;
    QString description;
    QList<Question> questions;
};

struct Questionnaire {
    QString key;
    int version = 0;
    QString title;
    QString description;
    QList<Section> sections;
    QString sourceFile; // where it was read from (":/questionnaires/..." for built-ins)
    QString yamlText; // the exact text it was parsed from, pinned into workspaces
    QString sha256; // hex SHA-256 of yamlText's UTF-8 bytes

    const Question *question(const QString &id) const;
    int questionCount() const;
};

} // namespace bulkhead
