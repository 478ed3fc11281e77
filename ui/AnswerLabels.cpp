#include "AnswerLabels.h"

#include "Questionnaire.h"

#include <QCoreApplication>

namespace bulkhead::answer_labels {

QStringList choiceValues(const Question &question)
{
    if (question.type == QuestionType::YesNo)
        return {QStringLiteral("yes"), QStringLiteral("partial"), QStringLiteral("no"), QStringLiteral("na")};
    QStringList values;
    for (const auto &o : question.options)
        values << o.value;
    return values;
}

QString optionLabel(const Question &question, const QString &value)
{
    if (question.type == QuestionType::YesNo) {
        if (value == QLatin1String("yes"))
            return QCoreApplication::translate("AnswerLabels", "Yes");
        if (value == QLatin1String("partial"))
            return QCoreApplication::translate("AnswerLabels", "Partly");
        if (value == QLatin1String("no"))
            return QCoreApplication::translate("AnswerLabels", "No");
        if (value == QLatin1String("na"))
            return QCoreApplication::translate("AnswerLabels", "Not applicable");
        return value;
    }
    const AnswerOption *o = question.option(value);
    return o ? o->label : value;
}

QString answerLabel(const Question &question, const QString &value)
{
    if (question.type != QuestionType::YesNo && question.type != QuestionType::Choice && question.type != QuestionType::Multi)
        return value;
    QStringList labels;
    for (const auto &v : question.answerValues(value))
        labels << optionLabel(question, v);
    return labels.join(QStringLiteral("; "));
}

QString methodLabel(const QString &method)
{
    if (method == QLatin1String("examine"))
        return QCoreApplication::translate("AnswerLabels", "Examine");
    if (method == QLatin1String("interview"))
        return QCoreApplication::translate("AnswerLabels", "Interview");
    if (method == QLatin1String("test"))
        return QCoreApplication::translate("AnswerLabels", "Test");
    return method;
}

QString responsibilityLabel(const QString &responsibility)
{
    if (responsibility == QLatin1String("csp"))
        return QCoreApplication::translate("AnswerLabels", "Cloud service provider");
    if (responsibility == QLatin1String("customer"))
        return QCoreApplication::translate("AnswerLabels", "Customer");
    if (responsibility == QLatin1String("shared"))
        return QCoreApplication::translate("AnswerLabels", "Shared");
    return responsibility;
}

} // namespace bulkhead::answer_labels
