// The words the GUI uses for answers, answer methods and responsibilities. Only names for
// values that core defines; what an answer means is decided in core (Question::statusOf).
#pragma once

#include <QString>
#include <QStringList>

namespace bulkhead {

struct Question;

namespace answer_labels {

// The values a single-choice answer can take, in the order the digit keys pick them:
// yes, partial, no, na for a yes/no question; the options for choice and multi questions.
QStringList choiceValues(const Question &question);
QString optionLabel(const Question &question, const QString &value);
// The whole answer as shown to a reader; several options are joined with "; ".
QString answerLabel(const Question &question, const QString &value);
QString methodLabel(const QString &method); // examine | interview | test
QString responsibilityLabel(const QString &responsibility); // csp | customer | shared

} // namespace answer_labels

} // namespace bulkhead
