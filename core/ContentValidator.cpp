#include "ContentValidator.h"

#include "ContentLibrary.h"

#include <QHash>
#include <QSet>

namespace bulkhead {

namespace {

Error at(const Questionnaire &q, const Question &question, const QString &field, const QString &message)
{
    const QString key = field.section(QLatin1Char('/'), 0, 0);
    const SourcePosition p = question.fieldPositions.value(field, question.fieldPositions.value(key, question.position));
    return Error {message, q.sourceFile, p.line, p.column};
}

class Validator {
public:
    explicit Validator(const ContentLibrary &library) : m_lib(library)
    {
        for (const auto *q : library.allQuestions()) {
            if (!q->sets.isEmpty())
                m_setters[q->sets].append(q->id);
        }
        for (const auto &f : library.knownFacts())
            m_facts.insert(f);
    }

    QList<Error> run()
    {
        checkUniqueIds();
        for (const auto &q : m_lib.questionnaires())
            for (const auto &s : q.sections)
                for (const auto &question : s.questions)
                    checkQuestion(q, question);
        for (const auto &r : m_lib.risks().risks) {
            for (const auto &c : r.controls)
                if (!m_lib.controls().control(c))
                    m_problems.append(Error {QStringLiteral("risk '%1' names unknown control '%2' (not an active NIST SP 800-53 rev5 "
                                                            "control in the catalogue)")
                                                 .arg(r.id, c),
                                             r.sourceFile, r.position.line, r.position.column});
            for (const auto &m : r.modifiers)
                for (const auto &name : m.when.references())
                    if (!isKnown(name))
                        m_problems.append(
                            Error {QStringLiteral("a modifier of risk '%1' reads '%2', which is %3").arg(r.id, name, unknownWhat(name)),
                                   r.sourceFile, m.position.line, m.position.column});
        }
        const CriteriaCatalogue &criteria = m_lib.criteria();
        for (auto it = criteria.crosswalk.cbegin(); it != criteria.crosswalk.cend(); ++it) {
            if (!m_lib.controls().control(it.key())) {
                const SourcePosition p = criteria.crosswalkPositions.value(it.key());
                m_problems.append(
                    Error {QStringLiteral("the crosswalk maps '%1', which is not a control of the control catalogue").arg(it.key()),
                           criteria.sourceFile, p.line, p.column});
            }
        }
        checkCycles();
        return m_problems;
    }

private:
    bool isKnown(const QString &name) const
    {
        return name.startsWith(QLatin1String("fact.")) ? m_facts.contains(name) : m_lib.question(name) != nullptr;
    }

    static QString unknownWhat(const QString &name)
    {
        return name.startsWith(QLatin1String("fact.")) ? QStringLiteral("not a fact of the engagement and not set by any question")
                                                       : QStringLiteral("not a known question id (facts are written fact.<name>)");
    }

    void checkUniqueIds()
    {
        QHash<QString, QString> seen; // id -> questionnaire key
        for (const auto &q : m_lib.questionnaires()) {
            for (const auto &s : q.sections) {
                if (seen.contains(s.id) && seen.value(s.id) != q.key)
                    m_problems.append(
                        Error {QStringLiteral("duplicate id '%1': also used in questionnaire '%2'").arg(s.id, seen.value(s.id)),
                               q.sourceFile, s.position.line, s.position.column});
                seen.insert(s.id, q.key);
                for (const auto &question : s.questions) {
                    if (seen.contains(question.id) && seen.value(question.id) != q.key)
                        m_problems.append(at(q, question, QStringLiteral("id"),
                                             QStringLiteral("duplicate id '%1': also used in questionnaire '%2'")
                                                 .arg(question.id, seen.value(question.id))));
                    seen.insert(question.id, q.key);
                }
            }
        }
    }

    void checkQuestion(const Questionnaire &q, const Question &question)
    {
        for (const auto &c : question.controls) {
            if (!m_lib.controls().control(c))
                m_problems.append(
                    at(q, question, QStringLiteral("controls/") + c,
                       QStringLiteral(
                           "question '%1' maps to unknown control '%2' (not an active NIST SP 800-53 rev5 control in the catalogue)")
                           .arg(question.id, c)));
        }
        // Without a criteria catalogue (a test library, say) the ids' form is all that is checked.
        if (!m_lib.criteria().criteria.isEmpty()) {
            for (const auto &c : question.soc2) {
                if (!m_lib.criteria().criterion(c))
                    m_problems.append(at(q, question, QStringLiteral("soc2/") + c,
                                         QStringLiteral("question '%1' names '%2', which is not in the Trust Services Criteria catalogue")
                                             .arg(question.id, c)));
            }
        }
        for (auto it = question.mitigates.cbegin(); it != question.mitigates.cend(); ++it) {
            if (!m_lib.risks().risk(it.key()))
                m_problems.append(at(q, question, QStringLiteral("mitigates/") + it.key(),
                                     QStringLiteral("question '%1' mitigates unknown risk '%2'").arg(question.id, it.key())));
        }
        for (const auto &name : question.when.references()) {
            if (!isKnown(name))
                m_problems.append(
                    at(q, question, QStringLiteral("when"),
                       QStringLiteral("the 'when' of question '%1' reads '%2', which is %3").arg(question.id, name, unknownWhat(name))));
        }
    }

    // The questions a question's visibility depends on, directly.
    QStringList dependencies(const Question &question) const
    {
        QStringList deps;
        for (const auto &name : question.when.references()) {
            if (name.startsWith(QLatin1String("fact.")))
                deps << m_setters.value(name);
            else if (m_lib.question(name))
                deps << name;
        }
        return deps;
    }

    void checkCycles()
    {
        enum class Mark { None, Open, Done };
        QHash<QString, Mark> marks;
        QStringList path;
        QSet<QString> reported;
        // Depth first with a stack of its own, not recursion: a chain of questions, each shown
        // after the one before, is as long as a file makes it, and recursing that deep
        // overflows the call stack.
        struct Frame {
            const Question *question;
            QStringList dependencies;
            qsizetype next = 0;
        };
        QList<Frame> stack;
        const auto open = [&](const Question &question) {
            marks[question.id] = Mark::Open;
            path.append(question.id);
            stack.append(Frame {&question, dependencies(question)});
        };
        for (const auto *q : m_lib.allQuestions()) {
            if (marks.value(q->id, Mark::None) != Mark::None)
                continue;
            open(*q);
            while (!stack.isEmpty()) {
                Frame &top = stack.last();
                if (top.next == top.dependencies.size()) {
                    marks[top.question->id] = Mark::Done;
                    path.removeLast();
                    stack.removeLast();
                    continue;
                }
                const QString dep = top.dependencies.at(top.next++);
                const Mark m = marks.value(dep, Mark::None);
                if (m == Mark::Open) {
                    const QStringList cycle = path.mid(path.indexOf(dep)) << dep;
                    if (!reported.contains(dep)) {
                        reported.insert(dep);
                        const auto *start = m_lib.question(dep);
                        const auto *owner = m_lib.questionnaire(start->questionnaireKey);
                        m_problems.append(
                            at(*owner, *start, QStringLiteral("when"),
                               QStringLiteral("the 'when' conditions form a cycle: %1").arg(cycle.join(QStringLiteral(" -> ")))));
                    }
                } else if (m == Mark::None) {
                    open(*m_lib.question(dep));
                }
            }
        }
    }

    const ContentLibrary &m_lib;
    QHash<QString, QStringList> m_setters; // fact -> questions that set it
    QSet<QString> m_facts;
    QList<Error> m_problems;
};

} // namespace

QList<Error> validateContent(const ContentLibrary &library)
{
    return Validator(library).run();
}

} // namespace bulkhead
