#include "Soc2ReadinessReport.h"

#include "EngagementFacts.h"
#include "ReportText.h"
#include "RiskLevelStyle.h"
#include "StoredEngagement.h"

#include <QHash>
#include <QMap>
#include <QSet>

namespace bulkhead {

namespace {

ReportCell cell(const QString &text)
{
    return {text, std::nullopt};
}

// Which component of the system a questionnaire's descriptive answers describe.
QString componentOf(const QString &questionnaireKey)
{
    if (questionnaireKey == QLatin1String("architecture") || questionnaireKey == QLatin1String("hosting")
        || questionnaireKey == QLatin1String("infrastructure"))
        return QStringLiteral("Infrastructure");
    if (questionnaireKey == QLatin1String("data"))
        return QStringLiteral("Data");
    return QStringLiteral("Software");
}

class Soc2Builder {
public:
    explicit Soc2Builder(const ReportInput &input)
        : m_in(input), m_stored(*input.engagement), m_e(m_stored.engagement), m_content(m_stored.content),
          m_criteria(m_stored.content.criteria())
    {
        for (const auto &a : m_stored.answers)
            m_answers.insert(a.questionId, a);
        m_facts = EngagementFacts::resolve(m_content, m_e, m_answers);
        for (const auto &c : m_stored.card.controls)
            m_inScopeControls.insert(c.id);
    }

    ReportDocument build()
    {
        m_doc.title = QStringLiteral("SOC 2 Readiness Assessment");
        m_doc.generatedAt = m_in.generatedAt;
        m_doc.branding = m_in.branding;
        fillCover(m_doc, m_stored, m_in.contentHash);
        notice();
        systemDescription();
        results();
        return std::move(m_doc);
    }

private:
    void notice()
    {
        m_doc.heading(QStringLiteral("About this report"));
        m_doc.paragraph(QStringLiteral(
            "This is a readiness assessment: it shows how far the controls found in place would support the AICPA Trust Services "
            "Criteria, so that gaps can be closed before a SOC 2 examination. It is not a SOC 2 report, it is not an examination "
            "under the AICPA attestation standards, and it contains no opinion of a certified public accountant. No assurance is "
            "given on the design or operating effectiveness of any control."));
        m_doc.paragraph(QStringLiteral("Criteria are identified by their AICPA reference (2017 Trust Services Criteria, revised "
                                       "points of focus 2022); the short titles are our own summaries."));
    }

    void systemDescription()
    {
        m_doc.heading(QStringLiteral("1 System description"));
        m_doc.heading(QStringLiteral("Services provided"), 2);
        m_doc.paragraph(QStringLiteral("%1 operates %2 as a containerised system on %3, delivered as %4. The system is rated %5 impact "
                                       "under FIPS 199.")
                            .arg(m_e.client, m_e.system, m_e.csp, m_e.serviceModel.toUpper(), m_e.impact));

        m_doc.heading(QStringLiteral("Components of the system"), 2);
        QMap<QString, QStringList> components;
        for (const auto &questionnaire : m_content.questionnaires()) {
            for (const auto &section : questionnaire.sections) {
                for (const auto &q : section.questions) {
                    const auto it = m_answers.constFind(q.id);
                    if (q.isScored() || it == m_answers.constEnd() || !m_facts.isVisible(q.id))
                        continue;
                    QString line = QStringLiteral("%1 %2").arg(q.text, answerText(q, *it));
                    if (!it->note.isEmpty())
                        line += QStringLiteral(" (%1)").arg(it->note);
                    components[componentOf(questionnaire.key)] << line;
                }
            }
        }
        QStringList people = {QStringLiteral("Assessor: %1").arg(m_e.assessor), QStringLiteral("Reviewer: %1").arg(m_e.reviewer)};
        QSet<QString> interviewees;
        for (const auto &a : m_stored.answers) {
            if (!a.interviewee.isEmpty() && !interviewees.contains(a.interviewee)) {
                interviewees.insert(a.interviewee);
                people << QStringLiteral("Interviewed: %1").arg(a.interviewee);
            }
        }
        components[QStringLiteral("People")] = people;
        QStringList procedures;
        for (const auto &questionnaire : m_content.questionnaires()) {
            int answered = 0;
            for (const auto &section : questionnaire.sections)
                for (const auto &q : section.questions)
                    answered += q.isScored() && m_answers.contains(q.id) && m_facts.isVisible(q.id) ? 1 : 0;
            procedures << QStringLiteral("%1: %2 control procedures assessed").arg(questionnaire.title).arg(answered);
        }
        components[QStringLiteral("Procedures")] = procedures;
        ReportTable table {{QStringLiteral("Component"), QStringLiteral("As found in the assessment")}, {}, {1, 5}};
        for (const char *name : {"Infrastructure", "Software", "People", "Procedures", "Data"}) {
            const QStringList lines = components.value(QString::fromLatin1(name));
            table.rows.append(
                {cell(QString::fromLatin1(name)),
                 cell(lines.isEmpty() ? QStringLiteral("Not described by the answers recorded.") : lines.join(QLatin1Char('\n')))});
        }
        m_doc.table(std::move(table));

        m_doc.heading(QStringLiteral("Subservice organisations"), 2);
        const bool several = m_facts.value(QStringLiteral("fact.cloud_actors")).contains(QStringLiteral("several"));
        m_doc.paragraph(several ? QStringLiteral("The system runs on layers operated by %1 and by further parties the client engages; "
                                                 "their controls are outside this assessment and are relied on through their own "
                                                 "attestations (see the hosting responses).")
                                      .arg(m_e.csp)
                                : QStringLiteral("The system runs on layers operated by %1, whose controls are outside this assessment "
                                                 "and are relied on through its attestations (see the hosting responses).")
                                      .arg(m_e.csp));
    }

    struct CriterionResult {
        QStringList tests; // "question id (methods)"
        QStringList exceptions;
        int answered = 0;
    };

    CriterionResult evaluate(const Criterion &criterion) const
    {
        CriterionResult r;
        for (const auto &questionnaire : m_content.questionnaires()) {
            for (const auto &section : questionnaire.sections) {
                for (const auto &q : section.questions) {
                    if (!q.isScored() || !q.soc2.contains(criterion.id) || !m_facts.isVisible(q.id))
                        continue;
                    const auto it = m_answers.constFind(q.id);
                    if (it == m_answers.constEnd()) {
                        r.tests << QStringLiteral("%1 (not yet performed)").arg(q.id);
                        continue;
                    }
                    ++r.answered;
                    r.tests << QStringLiteral("%1 (%2)").arg(q.id,
                                                             it->method.isEmpty() ? QStringLiteral("method not recorded") : it->method);
                    if (it->status == ImplementationStatus::Partial || it->status == ImplementationStatus::NotImplemented) {
                        QString exception = QStringLiteral("%1: %2").arg(q.text, answerText(q, *it));
                        if (!it->note.isEmpty())
                            exception += QStringLiteral(" — %1").arg(it->note);
                        r.exceptions << exception;
                    }
                }
            }
        }
        return r;
    }

    void results()
    {
        m_doc.heading(QStringLiteral("2 Results by Trust Services Criterion"));
        // The common criteria are always in scope; another category is when a question tests it.
        QSet<QString> categoriesInScope = {QStringLiteral("CC")};
        for (const auto &questionnaire : m_content.questionnaires())
            for (const auto &section : questionnaire.sections)
                for (const auto &q : section.questions)
                    if (q.isScored() && m_facts.isVisible(q.id))
                        for (const auto &id : q.soc2)
                            if (const Criterion *c = m_criteria.criterion(id))
                                categoriesInScope.insert(c->category);

        int clean = 0, withExceptions = 0, untested = 0;
        for (const auto &category : m_criteria.categories) {
            if (!categoriesInScope.contains(category.id))
                continue;
            m_doc.heading(QStringLiteral("%1 (%2)").arg(category.title, category.id), 2);
            ReportTable table {{QStringLiteral("Criterion"), QStringLiteral("Mapped controls"), QStringLiteral("Tests performed"),
                                QStringLiteral("Result")},
                               {},
                               {4, 3, 4, 6}};
            for (const auto &criterion : m_criteria.criteria) {
                if (criterion.category != category.id)
                    continue;
                QStringList controls;
                for (const auto &control : m_criteria.controlsFor(criterion.id)) {
                    if (m_inScopeControls.contains(control))
                        controls << control;
                }
                const CriterionResult r = evaluate(criterion);
                ReportCell result;
                if (r.answered == 0) {
                    result = {QStringLiteral("Not tested in this assessment."), QColor(0xe8, 0xe8, 0xe8)};
                    ++untested;
                } else if (r.exceptions.isEmpty()) {
                    result = cell(QStringLiteral("No exceptions noted."));
                    ++clean;
                } else {
                    result = {QStringLiteral("Exceptions noted:\n%1").arg(r.exceptions.join(QLatin1Char('\n'))),
                              riskLevelColor(Level::Moderate)};
                    ++withExceptions;
                }
                table.rows.append({cell(QStringLiteral("%1 %2").arg(criterion.id, criterion.title)),
                                   cell(controls.isEmpty() ? QStringLiteral("none in the baseline") : controls.join(QStringLiteral(", "))),
                                   cell(r.tests.isEmpty() ? QStringLiteral("none") : r.tests.join(QStringLiteral(", "))), result});
            }
            m_doc.table(std::move(table));
        }
        m_doc.heading(QStringLiteral("3 Summary"));
        m_doc.paragraph(QStringLiteral("Of the criteria in scope, %1 showed no exceptions, %2 showed exceptions to address before an "
                                       "examination, and %3 were not tested by this assessment and need other evidence.")
                            .arg(clean)
                            .arg(withExceptions)
                            .arg(untested));
    }

    const ReportInput &m_in;
    const StoredEngagement &m_stored;
    const Engagement &m_e;
    const ContentLibrary &m_content;
    const CriteriaCatalogue &m_criteria;
    QHash<QString, Answer> m_answers;
    EngagementFacts m_facts;
    QSet<QString> m_inScopeControls;
    ReportDocument m_doc;
};

} // namespace

ReportDocument buildSoc2ReadinessReport(const ReportInput &input)
{
    return Soc2Builder(input).build();
}

} // namespace bulkhead
