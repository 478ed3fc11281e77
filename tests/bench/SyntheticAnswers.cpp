#include "SyntheticAnswers.h"

#include "ContentLibrary.h"
#include "EngagementFacts.h"

#include <QHash>
#include <QStringList>

#include <cmath>

namespace bulkhead::bench {

namespace {

int pick(Random &random, int n)
{
    return std::uniform_int_distribution<int>(0, n - 1)(random);
}

bool chance(Random &random, double p)
{
    return std::uniform_real_distribution<double>(0, 1)(random) < p;
}

const QStringList &notes()
{
    static const QStringList all {
        QStringLiteral("Confirmed on the configuration export dated two weeks before fieldwork."),
        QStringLiteral("Interviewee walked through the runbook; two of the five steps are not automated yet."),
        QStringLiteral("Sampled 12 of 140 items; all 12 matched the documented baseline."),
        QStringLiteral("Policy exists but was last reviewed 19 months ago; owner agreed to review it this quarter."),
        QStringLiteral("Tested from a jump host in the assessment VPC; the request was refused as expected."),
        QStringLiteral("Evidence is a screenshot only; the export was requested and is still outstanding."),
        QStringLiteral("Provider's SOC 2 Type 2 report (period ending June) covers this; no exceptions noted for the control."),
        QStringLiteral("Only the production cluster was in scope; staging follows a different process."),
        QStringLiteral("Partially in place: enforced for new services, 3 legacy services are excepted until the migration ends."),
        QStringLiteral("Not applicable: the client runs no workloads of this kind on the platform."),
        QStringLiteral("Ticket references seen for the last two quarterly reviews."),
        QStringLiteral("Answer given by the platform lead; to be confirmed with the security team at the closing meeting."),
    };
    return all;
}

const QStringList &interviewees()
{
    static const QStringList all {QStringLiteral("J. Okafor, platform engineering lead"), QStringLiteral("L. Brandt, CISO"),
                                  QStringLiteral("P. Sandoval, SRE manager"), QStringLiteral("K. Nakamura, cloud architect"),
                                  QStringLiteral("R. Duarte, DevOps engineer")};
    return all;
}

QString yesNo(Random &random)
{
    // The mix of a typical mid-maturity client: mostly in place, a quarter partial, some gaps.
    const double r = std::uniform_real_distribution<double>(0, 1)(random);
    return r < 0.52 ? QStringLiteral("yes") : r < 0.74 ? QStringLiteral("partial") : r < 0.91 ? QStringLiteral("no") : QStringLiteral("na");
}

QString valueFor(const Question &q, Random &random)
{
    switch (q.type) {
    case QuestionType::YesNo: return yesNo(random);
    case QuestionType::Choice: return q.options.at(pick(random, static_cast<int>(q.options.size()))).value;
    case QuestionType::Multi: {
        QStringList chosen;
        const int n = 1 + pick(random, std::min<int>(2, static_cast<int>(q.options.size())));
        for (int i = 0; i < n; ++i) {
            const QString v = q.options.at(pick(random, static_cast<int>(q.options.size()))).value;
            if (!chosen.contains(v))
                chosen << v;
        }
        const QString joined = chosen.join(QLatin1Char(','));
        // An option that must stand alone ("none") makes a mix invalid; then take it alone.
        return q.invalidValueReason(joined) ? chosen.first() : joined;
    }
    case QuestionType::Text: return QStringLiteral("Documented in the client's platform handbook, section %1.").arg(1 + pick(random, 12));
    case QuestionType::Number: return QString::number(1 + pick(random, 40));
    case QuestionType::Date:
        return QStringLiteral("2025-%1-%2")
            .arg(1 + pick(random, 12), 2, 10, QLatin1Char('0'))
            .arg(1 + pick(random, 28), 2, 10, QLatin1Char('0'));
    }
    return {};
}

} // namespace

QList<AnswerInput> syntheticAnswers(const ContentLibrary &content, const Engagement &engagement, double completeness, Random &random)
{
    const QList<const Question *> questions = content.allQuestions();
    QHash<QString, Answer> candidates;
    QHash<QString, AnswerInput> inputs;
    const QHash<QString, QString> recorded {{QStringLiteral("fact.architecture"), engagement.architecture},
                                            {QStringLiteral("fact.infrastructure"), engagement.infrastructure},
                                            {QStringLiteral("fact.service_model"), engagement.serviceModel}};
    for (const auto *q : questions) {
        AnswerInput in;
        in.questionId = q->id;
        in.value = valueFor(*q, random);
        // A question that records a fact of the engagement record agrees with the record.
        if (recorded.contains(q->sets) && q->option(recorded.value(q->sets)))
            in.value = recorded.value(q->sets);
        if (q->invalidValueReason(in.value))
            continue;
        if (chance(random, 0.6))
            in.note = notes().at(pick(random, static_cast<int>(notes().size())));
        if (q->isScored()) {
            const QStringList methods = q->methods.isEmpty() ? QStringList {QStringLiteral("interview")} : q->methods;
            in.method = methods.at(pick(random, static_cast<int>(methods.size())));
        }
        in.interviewee = interviewees().at(pick(random, static_cast<int>(interviewees().size())));
        Answer a;
        a.questionId = in.questionId;
        a.value = in.value;
        a.status = q->statusOf(in.value);
        candidates.insert(q->id, a);
        inputs.insert(q->id, in);
    }
    // Facts decide visibility and answers decide facts: keep what the resolved facts show, then
    // stop part way through the interview, and resolve again for what the shorter list shows.
    QList<AnswerInput> answered;
    for (int pass = 0; pass < 2; ++pass) {
        const EngagementFacts facts = EngagementFacts::resolve(content, engagement, candidates);
        QList<const Question *> visible;
        for (const auto *q : questions) {
            if (facts.isVisible(q->id) && candidates.contains(q->id))
                visible.append(q);
        }
        const auto keep
            = pass == 0 ? static_cast<qsizetype>(std::ceil(completeness * static_cast<double>(visible.size()))) : visible.size();
        QHash<QString, Answer> kept;
        answered.clear();
        for (qsizetype i = 0; i < std::min(keep, visible.size()); ++i) {
            kept.insert(visible.at(i)->id, candidates.value(visible.at(i)->id));
            answered.append(inputs.value(visible.at(i)->id));
        }
        candidates = kept;
    }
    return answered;
}

QString extraQuestionnaireYaml(const ContentLibrary &content, int questions)
{
    QStringList controls;
    for (const auto &c : content.controls().controls()) {
        if (c.inModerate)
            controls << c.id;
    }
    QStringList risks;
    for (const auto &r : content.risks().risks)
        risks << r.id;
    const QStringList criteria {QStringLiteral("CC6.1"), QStringLiteral("CC6.6"), QStringLiteral("CC7.1"), QStringLiteral("CC7.2"),
                                QStringLiteral("CC8.1")};
    const QStringList methods {QStringLiteral("[examine]"), QStringLiteral("[interview]"), QStringLiteral("[examine, test]")};
    const QStringList parties {QStringLiteral("csp"), QStringLiteral("customer"), QStringLiteral("shared")};
    QString yaml = QStringLiteral("questionnaire: bench_extra\nversion: 1\ntitle: Supplementary platform controls\n"
                                  "description: Synthetic questions that bring a benchmark engagement to its size.\nsections:\n");
    const int perSection = 15;
    for (int i = 0; i < questions; ++i) {
        if (i % perSection == 0)
            yaml += QStringLiteral("  - id: bench.s%1\n    title: Supplementary controls, part %2\n    questions:\n")
                        .arg(i / perSection)
                        .arg(i / perSection + 1);
        const auto n = static_cast<int>(controls.size());
        yaml += QStringLiteral(
                    "      - id: bench.s%1.q%2\n"
                    "        text: Is supplementary safeguard %3 documented, implemented on every production cluster and reviewed at least "
                    "yearly?\n"
                    "        type: yesno\n"
                    "        guidance: Ask for the procedure and sample two clusters; answer partial when only some clusters follow it.\n"
                    "        evidence: [Procedure document, Configuration export from two clusters]\n"
                    "        methods: %4\n"
                    "        responsibility: %5\n"
                    "        controls: [%6, %7]\n"
                    "        soc2: [%8]\n"
                    "        mitigates: {%9: 0.5}\n")
                    .arg(i / perSection)
                    .arg(i)
                    .arg(i + 1)
                    .arg(methods.at(i % methods.size()), parties.at(i % parties.size()), controls.at((i * 7) % n),
                         controls.at((i * 13 + 5) % n), criteria.at(i % criteria.size()), risks.at(i % risks.size()));
    }
    return yaml;
}

Engagement syntheticEngagement(int index, Random &random)
{
    static const QStringList clients {QStringLiteral("Harbourline Freight"),     QStringLiteral("Northwind Clinics"),
                                      QStringLiteral("Alder Mutual Insurance"),  QStringLiteral("Corvid Payments"),
                                      QStringLiteral("Elmstead County Council"), QStringLiteral("Kestrel Retail Group"),
                                      QStringLiteral("Meridian Energy Trading"), QStringLiteral("Orchard Learning Trust")};
    static const QStringList systems {QStringLiteral("Cargo booking platform"), QStringLiteral("Patient portal"),
                                      QStringLiteral("Claims processing"),      QStringLiteral("Card tokenisation service"),
                                      QStringLiteral("Citizen services API"),   QStringLiteral("E-commerce storefront")};
    static const QStringList providers {QStringLiteral("Amazon Web Services (Amazon ECS)"), QStringLiteral("Google Cloud (GKE)"),
                                        QStringLiteral("Google Cloud (Cloud Run)"), QStringLiteral("Microsoft Azure (AKS)"),
                                        QStringLiteral("OVHcloud Managed Kubernetes")};
    Engagement e;
    e.client = QStringLiteral("%1 %2").arg(clients.at(index % clients.size())).arg(index / clients.size() + 1);
    e.system = systems.at(pick(random, static_cast<int>(systems.size())));
    e.csp = providers.at(pick(random, static_cast<int>(providers.size())));
    e.serviceModel = QStringLiteral("caas");
    e.architecture = chance(random, 0.6) ? QStringLiteral("typical") : QStringLiteral("hybrid");
    e.infrastructure = engagement_values::infrastructures().at(pick(random, 3));
    const double impact = std::uniform_real_distribution<double>(0, 1)(random);
    e.impact = impact < 0.2 ? QStringLiteral("low") : impact < 0.8 ? QStringLiteral("moderate") : QStringLiteral("high");
    e.assessor = QStringLiteral("Dana Whitfield");
    e.reviewer = QStringLiteral("Ravi Menon");
    e.periodStart = QDate(2023, 1, 9).addDays(7 * pick(random, 52 * 3));
    e.periodEnd = e.periodStart.addDays(11);
    return e;
}

} // namespace bulkhead::bench
