#include "Questionnaire.h"

#include <QDate>
#include <QRegularExpression>

#include <cmath>

namespace bulkhead {

namespace {
const QStringList kYesNoValues = {QStringLiteral("yes"), QStringLiteral("partial"), QStringLiteral("no"), QStringLiteral("na")};
}

QString questionTypeKey(QuestionType type)
{
    switch (type) {
    case QuestionType::YesNo: return QStringLiteral("yesno");
    case QuestionType::Choice: return QStringLiteral("choice");
    case QuestionType::Multi: return QStringLiteral("multi");
    case QuestionType::Text: return QStringLiteral("text");
    case QuestionType::Number: return QStringLiteral("number");
    case QuestionType::Date: return QStringLiteral("date");
    }
    return {};
}

std::optional<QuestionType> parseQuestionType(const QString &key)
{
    for (auto t :
         {QuestionType::YesNo, QuestionType::Choice, QuestionType::Multi, QuestionType::Text, QuestionType::Number, QuestionType::Date}) {
        if (questionTypeKey(t) == key)
            return t;
    }
    return std::nullopt;
}

QStringList Question::answerValues(const QString &value) const
{
    if (value.isEmpty())
        return {};
    if (type == QuestionType::Multi)
        return value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    return {value};
}

const AnswerOption *Question::option(const QString &value) const
{
    for (const auto &o : options) {
        if (o.value == value)
            return &o;
    }
    return nullptr;
}

std::optional<QString> Question::invalidValueReason(const QString &value) const
{
    auto optionList = [this] {
        QStringList values;
        for (const auto &o : options)
            values << o.value;
        return values.join(QStringLiteral(", "));
    };
    switch (type) {
    case QuestionType::YesNo:
        if (!kYesNoValues.contains(value))
            return QStringLiteral("'%1' is not an answer to a yes/no question (expected yes, partial, no or na)").arg(value);
        return std::nullopt;
    case QuestionType::Choice:
        if (!option(value))
            return QStringLiteral("'%1' is not one of the options (%2)").arg(value, optionList());
        return std::nullopt;
    case QuestionType::Multi: {
        const QStringList values = answerValues(value);
        if (value.split(QLatin1Char(',')).contains(QString()) && !value.isEmpty())
            return QStringLiteral("'%1' has an empty choice; list the options separated by single commas").arg(value);
        if (values.isEmpty())
            return QStringLiteral("a multiple-choice answer needs at least one option (%1)").arg(optionList());
        for (const auto &v : values) {
            if (!option(v))
                return QStringLiteral("'%1' is not one of the options (%2)").arg(v, optionList());
            if (values.count(v) > 1)
                return QStringLiteral("'%1' is chosen twice").arg(v);
        }
        return std::nullopt;
    }
    case QuestionType::Text:
        if (value.trimmed().isEmpty())
            return QStringLiteral("the answer is empty");
        return std::nullopt;
    case QuestionType::Number: {
        bool ok = false;
        const double number = value.toDouble(&ok);
        if (!ok || !std::isfinite(number) || value.trimmed() != value)
            return QStringLiteral("'%1' is not a number").arg(value);
        return std::nullopt;
    }
    case QuestionType::Date:
        // Qt's ISO parser also takes 2026/02/28 and a time after the date; an answer is a day.
        static const QRegularExpression dayPattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        if (!dayPattern.match(value).hasMatch() || !QDate::fromString(value, Qt::ISODate).isValid())
            return QStringLiteral("'%1' is not a date in the form YYYY-MM-DD").arg(value);
        return std::nullopt;
    }
    return std::nullopt;
}

ImplementationStatus Question::statusOf(const QString &value) const
{
    switch (type) {
    case QuestionType::YesNo:
        if (value == QLatin1String("yes"))
            return ImplementationStatus::Implemented;
        if (value == QLatin1String("partial"))
            return ImplementationStatus::Partial;
        if (value == QLatin1String("no"))
            return ImplementationStatus::NotImplemented;
        if (value == QLatin1String("na"))
            return ImplementationStatus::NotApplicable;
        return ImplementationStatus::Informational;
    case QuestionType::Choice:
        if (const auto *o = option(value))
            return o->status;
        return ImplementationStatus::Informational;
    case QuestionType::Multi: {
        // Several options: the weakest scored option chosen decides, because one gap is a gap.
        std::optional<ImplementationStatus> weakest;
        auto rank = [](ImplementationStatus s) {
            switch (s) {
            case ImplementationStatus::NotImplemented: return 0;
            case ImplementationStatus::Partial: return 1;
            case ImplementationStatus::Implemented: return 2;
            case ImplementationStatus::NotApplicable: return 3;
            case ImplementationStatus::Informational: return 4;
            }
            return 4;
        };
        for (const auto &v : answerValues(value)) {
            const auto *o = option(v);
            if (!o || o->status == ImplementationStatus::Informational)
                continue;
            if (!weakest || rank(o->status) < rank(*weakest))
                weakest = o->status;
        }
        return weakest.value_or(ImplementationStatus::Informational);
    }
    case QuestionType::Text:
    case QuestionType::Number:
    case QuestionType::Date: return ImplementationStatus::Informational;
    }
    return ImplementationStatus::Informational;
}

bool Question::isScored() const
{
    if (type == QuestionType::YesNo)
        return true;
    for (const auto &o : options) {
        if (o.status != ImplementationStatus::Informational)
            return true;
    }
    return false;
}

const Question *Questionnaire::question(const QString &id) const
{
    for (const auto &s : sections) {
        for (const auto &q : s.questions) {
            if (q.id == id)
                return &q;
        }
    }
    return nullptr;
}

int Questionnaire::questionCount() const
{
    int n = 0;
    for (const auto &s : sections)
        n += static_cast<int>(s.questions.size());
    return n;
}

} // namespace bulkhead
