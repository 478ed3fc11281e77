#include "SecurityAssessmentReport.h"

#include "EngagementFacts.h"
#include "ReportCharts.h"
#include "ReportText.h"
#include "RiskLevelStyle.h"
#include "StoredEngagement.h"

#include <QHash>
#include <QLocale>
#include <QMap>

#include <algorithm>

namespace bulkhead {

namespace {

QString resultLabel(ControlDetermination d)
{
    switch (d) {
    case ControlDetermination::Satisfied: return QStringLiteral("Satisfied");
    case ControlDetermination::OtherThanSatisfied: return QStringLiteral("Other than satisfied");
    case ControlDetermination::NotAssessed: return QStringLiteral("Not assessed");
    case ControlDetermination::NotApplicable: return QStringLiteral("Not applicable");
    }
    return {};
}

QString percent(double value)
{
    return QStringLiteral("%1%").arg(value, 0, 'f', 1);
}

ReportCell levelCell(Level level)
{
    return {levelLabel(level), riskLevelColor(level)};
}

ReportCell cell(const QString &text)
{
    return {text, std::nullopt};
}

class SarBuilder {
public:
    explicit SarBuilder(const ReportInput &input)
        : m_in(input), m_stored(*input.engagement), m_e(m_stored.engagement), m_card(m_stored.card), m_content(m_stored.content)
    {
        for (const auto &a : m_stored.answers)
            m_answers.insert(a.questionId, a);
        m_facts = EngagementFacts::resolve(m_content, m_e, m_answers);
    }

    ReportDocument build()
    {
        cover();
        executiveSummary();
        scopeAndMethodology();
        systemDescription();
        resultsByFamily();
        riskExposure();
        poam();
        responses();
        evidenceIndex();
        return std::move(m_doc);
    }

private:
    void cover()
    {
        m_doc.title = QStringLiteral("Security Assessment Report");
        m_doc.generatedAt = m_in.generatedAt;
        m_doc.branding = m_in.branding;
        fillCover(m_doc, m_stored, m_in.contentHash);
    }

    void executiveSummary()
    {
        m_doc.heading(QStringLiteral("1 Executive summary"));
        const int satisfied = m_card.count(ControlDetermination::Satisfied);
        const int gaps = m_card.count(ControlDetermination::OtherThanSatisfied);
        const int notAssessed = m_card.count(ControlDetermination::NotAssessed);
        m_doc.paragraph(QStringLiteral("This report sets out the results of the security assessment of %1 operated for %2 on %3. "
                                       "Of the %4 controls in the %5 baseline, %6 were found satisfied and %7 other than satisfied; "
                                       "%8 were not covered by the questions asked in this assessment. %9 of %10 scored questions "
                                       "were answered.")
                            .arg(m_e.system, m_e.client, m_e.csp)
                            .arg(m_card.controls.size())
                            .arg(m_card.baseline)
                            .arg(satisfied)
                            .arg(gaps)
                            .arg(notAssessed)
                            .arg(m_card.answeredQuestions)
                            .arg(m_card.scoredQuestions));

        QMap<Level, int> inherent, residual;
        for (const auto &r : m_card.risks) {
            ++inherent[r.inherentLevel];
            ++residual[r.level];
        }
        const std::optional<Level> worst = m_card.highestRiskLevel();
        m_doc.paragraph(QStringLiteral("%1 risks were rated on the NIST SP 800-30 scale. After the controls in place are taken into "
                                       "account, the highest residual risk is %2; %3 risk(s) are rated high or very high.")
                            .arg(m_card.risks.size())
                            .arg(worst ? levelLabel(*worst).toLower() : QStringLiteral("not rated"))
                            .arg(m_card.risksAtOrAbove(Level::High)));
        ReportTable counts {{QStringLiteral("Risk level"), QStringLiteral("Inherent"), QStringLiteral("Residual")}, {}, {2, 1, 1}};
        for (Level level : {Level::VeryHigh, Level::High, Level::Moderate, Level::Low, Level::VeryLow})
            counts.rows.append(
                {levelCell(level), cell(QString::number(inherent.value(level))), cell(QString::number(residual.value(level)))});
        m_doc.table(std::move(counts));
        m_doc.figure({QStringLiteral("Figure 1. Residual risks by likelihood and impact (NIST SP 800-30 Table I-2 levels)"),
                      {}, 120, riskHeatMap(m_card.risks)});

        QList<const FamilyScore *> scored;
        for (const auto &f : m_card.families) {
            if (f.score)
                scored.append(&f);
        }
        std::stable_sort(scored.begin(), scored.end(), [](const FamilyScore *a, const FamilyScore *b) { return *a->score < *b->score; });
        if (!scored.isEmpty()) {
            QStringList weakest;
            for (qsizetype i = 0; i < std::min<qsizetype>(3, scored.size()); ++i)
                weakest << QStringLiteral("%1 %2 (%3)").arg(scored.at(i)->id, scored.at(i)->title, percent(*scored.at(i)->score));
            m_doc.paragraph(QStringLiteral("The weakest control families are %1.").arg(weakest.join(QStringLiteral(", "))));
            m_doc.figure({QStringLiteral("Figure 2. Share of assessed questions implemented, by control family"),
                          {}, 150, familyScores(m_card.families, m_in.branding.accent)});
        }

        QList<const RiskRating *> ranked;
        for (const auto &r : m_card.risks)
            ranked.append(&r);
        std::stable_sort(ranked.begin(), ranked.end(), [](const RiskRating *a, const RiskRating *b) { return a->level > b->level; });
        ReportTable top {{QStringLiteral("Highest residual risks"), QStringLiteral("Level")}, {}, {5, 1}};
        for (qsizetype i = 0; i < std::min<qsizetype>(5, ranked.size()); ++i)
            top.rows.append({cell(ranked.at(i)->title), levelCell(ranked.at(i)->level)});
        m_doc.table(std::move(top));
    }

    void scopeAndMethodology()
    {
        m_doc.heading(QStringLiteral("2 Scope and methodology"));
        m_doc.paragraph(
            QStringLiteral("The assessment covered the container platform that runs %1 and the layers beneath it: %2 architecture "
                           "(%3), %4 infrastructure, delivered as %5 by %6. The system is rated %7 impact under FIPS 199, so it "
                           "was assessed against the %8 control baseline.")
                .arg(m_e.system, m_e.architecture,
                     m_e.architecture == QLatin1String("hybrid")
                         ? QStringLiteral("the container engine runs inside virtual machines")
                         : QStringLiteral("the container engine runs on the hosts' operating system"),
                     m_e.infrastructure, m_e.serviceModel.toUpper(), m_e.csp, m_e.impact, m_card.baseline));
        QMap<QString, int> methods;
        for (const auto &a : m_stored.answers) {
            if (!a.method.isEmpty())
                ++methods[a.method];
        }
        m_doc.paragraph(QStringLiteral("Evidence was gathered with the three assessment methods of NIST SP 800-53A: %1 answers rest on "
                                       "examining documents and configuration, %2 on interviews and %3 on testing.")
                            .arg(methods.value(QStringLiteral("examine")))
                            .arg(methods.value(QStringLiteral("interview")))
                            .arg(methods.value(QStringLiteral("test"))));
        m_doc.paragraph(QStringLiteral(
            "Each answer carries an implementation status. A control is satisfied when every answered question mapped to it is "
            "implemented, and other than satisfied when any is partly or not implemented. A family's score is the share of its "
            "assessed questions that are implemented, counting partial answers as half. Each risk starts from an inherent likelihood "
            "and impact adjusted by facts about the platform; the weighted share of mitigating questions that are implemented lowers "
            "its likelihood, and the level is read from NIST SP 800-30 Table I-2. Assessor overrides are shown with their rationale."));
        ReportTable versions {
            {QStringLiteral("Questionnaire"), QStringLiteral("Version"), QStringLiteral("SHA-256 of the text used")}, {}, {3, 1, 6}};
        for (const auto &q : m_content.questionnaires())
            versions.rows.append({cell(q.title), cell(QString::number(q.version)), cell(q.sha256)});
        m_doc.table(std::move(versions));
    }

    // The answers that record facts about the platform, in the assessor's words.
    void systemDescription()
    {
        m_doc.heading(QStringLiteral("3 System description"));
        m_doc.paragraph(QStringLiteral("The platform as the assessment found it, from the answers that record facts rather than "
                                       "test controls."));
        ReportTable facts {{QStringLiteral("Aspect"), QStringLiteral("Finding"), QStringLiteral("Assessor's note")}, {}, {4, 3, 4}};
        for (const auto &questionnaire : m_content.questionnaires()) {
            for (const auto &section : questionnaire.sections) {
                for (const auto &q : section.questions) {
                    const auto it = m_answers.constFind(q.id);
                    if (q.isScored() || it == m_answers.constEnd() || !m_facts.isVisible(q.id))
                        continue;
                    facts.rows.append({cell(q.text), cell(answerText(q, *it)), cell(it->note)});
                }
            }
        }
        if (facts.rows.isEmpty())
            m_doc.paragraph(QStringLiteral("No descriptive answers have been recorded yet."));
        else
            m_doc.table(std::move(facts));
    }

    void resultsByFamily()
    {
        m_doc.heading(QStringLiteral("4 Results by control family"));
        m_doc.paragraph(QStringLiteral("For each family, the controls the questions assessed, with their result and the answers behind "
                                       "it. Controls of the baseline that no question in this assessment covers are listed after each "
                                       "table; they need other evidence before an authorisation decision."));
        for (const auto &f : m_card.families) {
            if (f.controlsInScope == 0)
                continue;
            m_doc.heading(QStringLiteral("%1 %2 — %3").arg(f.id, f.title, f.score ? percent(*f.score) : QStringLiteral("not assessed")), 2);
            ReportTable results {{QStringLiteral("Control"), QStringLiteral("Title"), QStringLiteral("Result"), QStringLiteral("Finding")},
                                 {},
                                 {2, 4, 3, 8}};
            QStringList uncovered;
            for (const auto &c : m_card.controls) {
                if (c.family != f.id)
                    continue;
                if (c.result == ControlDetermination::NotAssessed && c.questions.isEmpty()) {
                    uncovered << c.id;
                    continue;
                }
                ReportCell result = cell(resultLabel(c.result));
                if (c.result == ControlDetermination::OtherThanSatisfied)
                    result.fill = riskLevelColor(Level::Moderate);
                QString finding = c.reasons.join(QStringLiteral("; "));
                if (const QStringList refs = evidenceFor(c); !refs.isEmpty())
                    finding += QStringLiteral(" Evidence: %1.").arg(refs.join(QStringLiteral(", ")));
                results.rows.append({cell(c.id), cell(c.title), result, cell(finding)});
            }
            if (!results.rows.isEmpty())
                m_doc.table(std::move(results));
            if (!uncovered.isEmpty())
                m_doc.paragraph(
                    QStringLiteral("Not covered by this assessment's questions: %1.").arg(uncovered.join(QStringLiteral(", "))));
        }
    }

    void riskExposure()
    {
        m_doc.heading(QStringLiteral("5 Risk exposure"));
        m_doc.paragraph(QStringLiteral("Inherent ratings include the adjustments for this platform's facts; residual ratings add the "
                                       "effect of the controls found in place and any assessor override."));
        ReportTable risks {{QStringLiteral("Risk"), QStringLiteral("Inherent likelihood / impact"), QStringLiteral("Inherent"),
                            QStringLiteral("Residual likelihood / impact"), QStringLiteral("Residual"), QStringLiteral("Why")},
                           {},
                           {5, 3, 2, 3, 2, 7}};
        for (const auto &r : m_card.risks)
            risks.rows.append(
                {cell(r.title), cell(QStringLiteral("%1 / %2").arg(levelLabel(r.inherentLikelihood), levelLabel(r.inherentImpact))),
                 levelCell(r.inherentLevel), cell(QStringLiteral("%1 / %2").arg(levelLabel(r.likelihood), levelLabel(r.impact))),
                 levelCell(r.level), cell(r.reasons.join(QStringLiteral("; ")))});
        m_doc.table(std::move(risks));
    }

    void poam()
    {
        m_doc.heading(QStringLiteral("6 Plan of action and milestones"));
        if (m_card.poam.isEmpty()) {
            m_doc.paragraph(QStringLiteral("No weakness needs a plan of action."));
            return;
        }
        m_doc.paragraph(QStringLiteral("%1 item(s): each control found other than satisfied and each risk rated moderate or above. "
                                       "Due dates follow from the level.")
                            .arg(m_card.poam.size()));
        ReportTable items {{QStringLiteral("Item"), QStringLiteral("Weakness"), QStringLiteral("Level"), QStringLiteral("Detected"),
                            QStringLiteral("Due"), QStringLiteral("Owner")},
                           {},
                           {2, 8, 2, 2, 2, 3}};
        for (const auto &p : m_card.poam)
            items.rows.append({cell(p.id), cell(QStringLiteral("%1. %2").arg(p.title, p.weakness)), levelCell(p.level),
                               cell(reportDate(p.detected)), cell(reportDate(p.due)), cell(p.owner)});
        m_doc.table(std::move(items));
    }

    void responses()
    {
        m_doc.pageBreak();
        m_doc.heading(QStringLiteral("Appendix A Responses"));
        for (const auto &questionnaire : m_content.questionnaires()) {
            m_doc.heading(QStringLiteral("%1 (version %2)").arg(questionnaire.title).arg(questionnaire.version), 2);
            ReportTable rows {{QStringLiteral("Question"), QStringLiteral("Answer"), QStringLiteral("Method"),
                               QStringLiteral("Interviewee"), QStringLiteral("Note")},
                              {},
                              {6, 3, 2, 3, 6}};
            for (const auto &section : questionnaire.sections) {
                for (const auto &q : section.questions) {
                    if (!m_facts.isVisible(q.id))
                        continue;
                    const auto it = m_answers.constFind(q.id);
                    const QString question = QStringLiteral("%1  %2").arg(q.id, q.text);
                    if (it == m_answers.constEnd())
                        rows.rows.append({cell(question), cell(QStringLiteral("not answered")), cell({}), cell({}), cell({})});
                    else
                        rows.rows.append(
                            {cell(question), cell(answerText(q, *it)), cell(it->method), cell(it->interviewee), cell(it->note)});
                }
            }
            m_doc.table(std::move(rows));
        }
    }

    // The evidence a control's finding rests on: files attached to the control itself or to a
    // question behind it, as their index references (E1, E2, ...).
    QStringList evidenceFor(const ControlResult &c) const
    {
        QStringList refs;
        for (const auto &item : m_stored.evidence) {
            if (item.controlId == c.id || (!item.questionId.isEmpty() && c.questions.contains(item.questionId)))
                refs << evidenceRef(item);
        }
        return refs;
    }

    static QString evidenceRef(const EvidenceItem &item) { return QStringLiteral("E%1").arg(item.id); }

    void evidenceIndex()
    {
        m_doc.heading(QStringLiteral("Appendix B Evidence index"));
        if (m_stored.evidence.isEmpty()) {
            m_doc.paragraph(QStringLiteral("No evidence files are attached to this engagement in the workspace; the evidence examined "
                                           "is described in the notes of Appendix A."));
            return;
        }
        m_doc.paragraph(QStringLiteral("Every file below is kept in the assessment workspace. Its SHA-256 identifies the exact bytes "
                                       "examined: a copy whose hash differs is not the evidence this report relies on. Findings in "
                                       "section 4 cite files by their reference."));
        ReportTable files {{QStringLiteral("Ref"), QStringLiteral("File"), QStringLiteral("Attached to"), QStringLiteral("Collected"),
                            QStringLiteral("Expires"), QStringLiteral("SHA-256")},
                           {},
                           {2, 5, 4, 3, 3, 9}};
        const QDate asOf = m_e.periodEnd.isValid() ? m_e.periodEnd : m_in.generatedAt.toUTC().date();
        for (const auto &item : m_stored.evidence) {
            QStringList place;
            if (!item.questionId.isEmpty())
                place << QStringLiteral("question %1").arg(item.questionId);
            if (!item.controlId.isEmpty())
                place << QStringLiteral("control %1").arg(item.controlId);
            QString expires = item.expiresOn.isValid() ? reportDate(item.expiresOn) : QStringLiteral("does not expire");
            if (item.expiredOn(asOf))
                expires += QStringLiteral(" (expired before the end of the assessment)");
            files.rows.append({cell(evidenceRef(item)),
                               cell(QStringLiteral("%1 (%2, %3 bytes)").arg(item.fileName, item.mediaType).arg(item.size)),
                               cell(place.isEmpty() ? QStringLiteral("the engagement") : place.join(QStringLiteral(", "))),
                               cell(reportDate(item.collectedOn)), cell(expires), cell(item.sha256)});
        }
        m_doc.table(std::move(files));
    }

    const ReportInput &m_in;
    const StoredEngagement &m_stored;
    const Engagement &m_e;
    const ScoreCard &m_card;
    const ContentLibrary &m_content;
    QHash<QString, Answer> m_answers;
    EngagementFacts m_facts;
    ReportDocument m_doc;
};

} // namespace

ReportDocument buildSecurityAssessmentReport(const ReportInput &input)
{
    return SarBuilder(input).build();
}

} // namespace bulkhead
