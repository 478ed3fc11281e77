#include "Scoring.h"

#include "ContentLibrary.h"
#include "EngagementFacts.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <array>
#include <cmath>

namespace bulkhead {

namespace {

// The status as words ("not implemented"), made once: describe() runs for every answer behind
// every control of every engagement scored.
const QString &statusWords(ImplementationStatus status)
{
    static const auto words = [] {
        std::array<QString, 5> all;
        for (auto st : {ImplementationStatus::Informational, ImplementationStatus::Implemented, ImplementationStatus::Partial,
                        ImplementationStatus::NotImplemented, ImplementationStatus::NotApplicable})
            all.at(static_cast<size_t>(st)) = implementationStatusKey(st).replace(QLatin1Char('_'), QLatin1Char(' '));
        return all;
    }();
    return words.at(static_cast<size_t>(status));
}

// "Q answered 'V' (status)". Concatenated rather than QString::arg, which scans its pattern on
// every call; the text is the same.
QString describe(const Question &q, const Answer &a)
{
    return q.id + QStringLiteral(" answered '") + a.value + QStringLiteral("' (") + statusWords(a.status) + QLatin1Char(')');
}

// QDate::toString(Qt::ISODate) for the dates of POA&M items, without the general formatter, which
// costs more than the rest of an item together. Same text for every valid date of years 1..9999.
QString isoDate(QDate date)
{
    int year = 0, month = 0, day = 0;
    date.getDate(&year, &month, &day); // one calendar conversion, not three; 0s when invalid
    if (!date.isValid() || year < 1 || year > 9999)
        return date.toString(Qt::ISODate);
    QString text(10, Qt::Uninitialized);
    QChar *out = text.data();
    const auto put = [&out](int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            out[i] = QLatin1Char(static_cast<char>('0' + value % 10));
            value /= 10;
        }
        out += width;
    };
    put(year, 4);
    *out++ = QLatin1Char('-');
    put(month, 2);
    *out++ = QLatin1Char('-');
    put(day, 2);
    return text;
}

bool counts(const Answer &a)
{
    return a.status != ImplementationStatus::Informational;
}

class Scorer {
public:
    explicit Scorer(const ScoringInput &input) : m_in(input), m_content(*input.content)
    {
        for (const auto &a : input.answers)
            m_answers.insert(a.questionId, a);
        m_facts = EngagementFacts::resolve(m_content, input.engagement, m_answers);
        m_lookup = m_facts.lookup();
        for (const auto *q : m_content.allQuestions()) {
            if (!m_facts.isVisible(q->id))
                continue;
            for (const auto &c : q->controls)
                m_questionsByControl[c].append(q);
            for (auto it = q->mitigates.cbegin(); it != q->mitigates.cend(); ++it)
                m_questionsByRisk[it.key()].append(q);
        }
    }

    ScoreCard run()
    {
        ScoreCard card;
        card.engagementId = m_in.engagement.id;
        card.baseline = baselineName();
        card.scoringRules = scoringRulesVersion();
        for (const auto *q : m_content.allQuestions()) {
            if (!q->isScored() || !m_facts.isVisible(q->id))
                continue;
            ++card.scoredQuestions;
            card.answeredQuestions += answerTo(q) ? 1 : 0;
        }
        scoreControls(card);
        scoreFamilies(card);
        scoreRisks(card);
        buildPoam(card);
        return card;
    }

private:
    const Answer *answerTo(const Question *q) const
    {
        const auto it = m_answers.constFind(q->id);
        return it == m_answers.constEnd() ? nullptr : &*it;
    }

    // The imported baseline's name, or the built-in baseline's level ("moderate").
    QString baselineName() const
    {
        return m_in.engagement.baselineProfile.isEmpty() ? baselineKey(m_in.engagement.baseline()) : m_in.engagement.baselineProfile;
    }

    bool inScope(const ControlDefinition &c) const
    {
        return m_in.engagement.baselineProfile.isEmpty() ? c.inBaseline(m_in.engagement.baseline()) : m_in.profileControls.contains(c.id);
    }

    void scoreControls(ScoreCard &card)
    {
        for (const auto &c : m_content.controls().controls()) {
            if (!inScope(c))
                continue;
            ControlResult r {c.id, c.family, c.title, ControlDetermination::NotAssessed, {}, {}};
            const auto found = m_questionsByControl.constFind(c.id);
            const QList<const Question *> &questions = found == m_questionsByControl.cend() ? m_noQuestions : *found;
            int implemented = 0, gaps = 0, na = 0;
            QStringList gapReasons, okReasons;
            for (const auto *q : questions) {
                r.questions << q->id;
                const Answer *a = answerTo(q);
                if (!a || !counts(*a))
                    continue;
                switch (a->status) {
                case ImplementationStatus::Implemented:
                    ++implemented;
                    okReasons << describe(*q, *a);
                    break;
                case ImplementationStatus::NotApplicable:
                    ++na;
                    okReasons << describe(*q, *a);
                    break;
                case ImplementationStatus::Partial:
                case ImplementationStatus::NotImplemented:
                    ++gaps;
                    gapReasons << describe(*q, *a);
                    break;
                case ImplementationStatus::Informational: break;
                }
            }
            if (gaps > 0) {
                r.result = ControlDetermination::OtherThanSatisfied;
                r.reasons = gapReasons;
            } else if (implemented > 0) {
                r.result = ControlDetermination::Satisfied;
                r.reasons = okReasons;
            } else if (na > 0) {
                r.result = ControlDetermination::NotApplicable;
                r.reasons = okReasons;
            } else {
                r.reasons << (questions.isEmpty()
                                  ? QStringLiteral("in the %1 baseline, but no question in this engagement assesses it").arg(baselineName())
                                  : QStringLiteral("%1 question(s) assess it; none answered yet").arg(questions.size()));
            }
            card.controls.append(std::move(r));
        }
    }

    void scoreFamilies(ScoreCard &card)
    {
        for (const auto &f : m_content.controls().families()) {
            FamilyScore s;
            s.id = f.id;
            s.title = f.title;
            QSet<QString> counted;
            for (const auto &r : std::as_const(card.controls)) {
                if (r.family != f.id)
                    continue;
                ++s.controlsInScope;
                s.controlsSatisfied += r.result == ControlDetermination::Satisfied ? 1 : 0;
                s.controlsOtherThanSatisfied += r.result == ControlDetermination::OtherThanSatisfied ? 1 : 0;
                for (const auto &qid : r.questions) {
                    // A question mapped to several controls of a family counts once for it.
                    if (counted.contains(qid))
                        continue;
                    counted.insert(qid);
                    const Answer *a = answerTo(m_content.question(qid));
                    if (!a)
                        continue;
                    s.implemented += a->status == ImplementationStatus::Implemented ? 1 : 0;
                    s.partial += a->status == ImplementationStatus::Partial ? 1 : 0;
                    s.notImplemented += a->status == ImplementationStatus::NotImplemented ? 1 : 0;
                }
            }
            const int assessed = s.implemented + s.partial + s.notImplemented;
            if (assessed > 0) {
                s.score = std::round(1000.0 * (s.implemented + 0.5 * s.partial) / assessed) / 10.0;
                s.reasons << QStringLiteral("(%1 implemented + 0.5 x %2 partial) / %3 assessed question(s) = %4%")
                                 .arg(s.implemented)
                                 .arg(s.partial)
                                 .arg(assessed)
                                 .arg(*s.score, 0, 'f', 1);
            } else {
                s.reasons << QStringLiteral("no answered question assesses the %1 control(s) of this family in the baseline")
                                 .arg(s.controlsInScope);
            }
            card.families.append(s);
        }
    }

    void scoreRisks(ScoreCard &card)
    {
        for (const auto &risk : m_content.risks().risks) {
            RiskRating r;
            r.id = risk.id;
            r.title = risk.title;
            Level likelihood = risk.likelihood;
            Level impact = risk.impact;
            r.reasons << QStringLiteral("inherent likelihood %1 and impact %2 from the risk catalogue")
                             .arg(levelLabel(likelihood), levelLabel(impact));
            // Steps are summed and the sum applied once, so the order of modifiers never matters.
            int likelihoodSteps = 0, impactSteps = 0;
            for (const auto &m : risk.modifiers) {
                if (!m.when.evaluate(m_lookup))
                    continue;
                likelihoodSteps += m.likelihoodSteps;
                impactSteps += m.impactSteps;
                QStringList moves;
                if (m.likelihoodSteps != 0)
                    moves << QStringLiteral("likelihood %1%2")
                                 .arg(m.likelihoodSteps > 0 ? QStringLiteral("+") : QString())
                                 .arg(m.likelihoodSteps);
                if (m.impactSteps != 0)
                    moves << QStringLiteral("impact %1%2").arg(m.impactSteps > 0 ? QStringLiteral("+") : QString()).arg(m.impactSteps);
                r.reasons << QStringLiteral("%1: %2 [%3]").arg(moves.join(QStringLiteral(", ")), m.reason, m_facts.explain(m.when));
            }
            likelihood = shiftLevel(likelihood, likelihoodSteps);
            impact = shiftLevel(impact, impactSteps);
            r.inherentLikelihood = likelihood;
            r.inherentImpact = impact;
            r.inherentLevel = riskLevel(likelihood, impact);

            double weighted = 0.0, total = 0.0;
            int mitigating = 0;
            for (const auto *q : m_questionsByRisk.value(risk.id)) {
                const double w = q->mitigates.value(risk.id);
                const Answer *a = answerTo(q);
                if (a && a->status == ImplementationStatus::NotApplicable)
                    continue; // N/A leaves the sum
                ++mitigating;
                total += w;
                if (a && a->status == ImplementationStatus::Implemented)
                    weighted += w;
                else if (a && a->status == ImplementationStatus::Partial)
                    weighted += 0.5 * w;
            }
            r.mitigationShare = total > 0.0 ? weighted / total : 0.0;
            // The epsilon keeps a share of exactly 0.5 from rounding down through float error.
            const int steps = static_cast<int>(std::floor(r.mitigationShare * risk.maxReduction + 1e-9));
            r.likelihood = shiftLevel(likelihood, -steps);
            r.impact = impact;
            if (mitigating == 0)
                r.reasons << QStringLiteral("no question in this engagement mitigates it, so the residual rating is the inherent one");
            else
                r.reasons << QStringLiteral("mitigation %1% (weighted over %2 question(s)) lowers likelihood by %3 of at most %4 level(s)")
                                 .arg(std::round(r.mitigationShare * 100.0))
                                 .arg(mitigating)
                                 .arg(steps)
                                 .arg(risk.maxReduction);
            for (const auto &o : m_in.overrides) {
                if (o.riskId != risk.id)
                    continue;
                r.overridden = true;
                if (o.likelihood)
                    r.likelihood = *o.likelihood;
                if (o.impact)
                    r.impact = *o.impact;
                r.reasons << QStringLiteral("overridden by %1 on %2 to likelihood %3, impact %4: %5")
                                 .arg(o.overriddenBy, o.overriddenAt.date().toString(Qt::ISODate), levelLabel(r.likelihood),
                                      levelLabel(r.impact), o.rationale);
            }
            r.level = riskLevel(r.likelihood, r.impact);
            r.reasons << QStringLiteral("level %1 from NIST SP 800-30 Table I-2 (likelihood %2, impact %3)")
                             .arg(levelLabel(r.level), levelLabel(r.likelihood), levelLabel(r.impact));
            card.risks.append(std::move(r));
        }
    }

    // The latest date any of the questions was answered; the engagement's start otherwise.
    QDate detectedOn(const QStringList &questionIds) const
    {
        QDate latest;
        for (const auto &id : questionIds) {
            const auto it = m_answers.constFind(id);
            if (it != m_answers.constEnd() && (!latest.isValid() || it->answeredAt.date() > latest))
                latest = it->answeredAt.date();
        }
        return latest.isValid() ? latest : m_in.engagement.createdAt.date();
    }

    QString ownerOf(const QStringList &questionIds) const
    {
        // The parties named: none, one, or several (which share it).
        const QString *party = nullptr;
        bool several = false;
        for (const auto &id : questionIds) {
            if (const auto *q = m_content.question(id); q && !q->responsibility.isEmpty()) {
                if (!party)
                    party = &q->responsibility;
                else if (*party != q->responsibility)
                    several = true;
            }
        }
        if (party && !several)
            return *party == QLatin1String("csp")     ? QStringLiteral("Cloud service provider")
                : *party == QLatin1String("customer") ? QStringLiteral("Customer")
                                                      : QStringLiteral("Shared (provider and customer)");
        return party ? QStringLiteral("Shared (provider and customer)") : QString();
    }

    void addItem(ScoreCard &card, PoamItem item, const QStringList &questionIds)
    {
        const QString number = QString::number(card.poam.size() + 1);
        item.id = QStringLiteral("POAM-") + QString(std::max<qsizetype>(0, 3 - number.size()), QLatin1Char('0')) + number;
        item.detected = detectedOn(questionIds);
        item.due = item.detected.addDays(m_in.poamPolicy.dueDays.value(item.level, 90));
        item.owner = ownerOf(questionIds);
        item.milestones << QStringLiteral("Remediation plan agreed with the owner by ")
                + isoDate(item.detected.addDays((item.due.toJulianDay() - item.detected.toJulianDay()) / 3))
                        << QStringLiteral("Remediated and evidence provided for re-assessment by ") + isoDate(item.due);
        card.poam.append(std::move(item));
    }

    void buildPoam(ScoreCard &card)
    {
        QHash<QString, Level> riskLevels;
        for (const auto &r : std::as_const(card.risks))
            riskLevels.insert(r.id, r.level);
        for (const auto &c : std::as_const(card.controls)) {
            if (c.result != ControlDetermination::OtherThanSatisfied)
                continue;
            QStringList failing;
            std::optional<Level> level;
            for (const auto &qid : c.questions) {
                const Question *q = m_content.question(qid);
                const Answer *a = answerTo(q);
                if (!a || (a->status != ImplementationStatus::Partial && a->status != ImplementationStatus::NotImplemented))
                    continue;
                failing << qid;
                for (auto it = q->mitigates.cbegin(); it != q->mitigates.cend(); ++it)
                    if (riskLevels.contains(it.key()) && (!level || riskLevels.value(it.key()) > *level))
                        level = riskLevels.value(it.key());
            }
            PoamItem item;
            item.source = QStringLiteral("control");
            item.sourceId = c.id;
            item.title = QStringLiteral("%1 %2 is other than satisfied").arg(c.id, c.title);
            item.weakness = c.reasons.join(QStringLiteral("; "));
            item.controls = {c.id};
            // A gap that reduces no catalogued risk is rated moderate until an assessor says otherwise.
            item.level = level.value_or(Level::Moderate);
            addItem(card, std::move(item), failing);
        }
        for (const auto &r : std::as_const(card.risks)) {
            if (r.level < Level::Moderate)
                continue;
            QStringList mitigating;
            QStringList controls;
            for (const auto *q : m_questionsByRisk.value(r.id)) {
                mitigating << q->id;
                for (const auto &c : q->controls)
                    if (!controls.contains(c))
                        controls << c;
            }
            PoamItem item;
            item.source = QStringLiteral("risk");
            item.sourceId = r.id;
            item.title = QStringLiteral("%1 risk: %2").arg(levelLabel(r.level), r.title);
            item.weakness = r.reasons.join(QStringLiteral("; "));
            item.controls = controls;
            item.level = r.level;
            addItem(card, std::move(item), mitigating);
        }
    }

    const ScoringInput &m_in;
    const ContentLibrary &m_content;
    QHash<QString, Answer> m_answers;
    EngagementFacts m_facts;
    Condition::Lookup m_lookup; // m_facts', made once
    // Visible questions only, in interview order.
    QHash<QString, QList<const Question *>> m_questionsByControl;
    QHash<QString, QList<const Question *>> m_questionsByRisk;
    const QList<const Question *> m_noQuestions;
};

} // namespace

QString scoringRulesVersion()
{
    return QStringLiteral("bulkhead-scoring-1");
}

QString controlDeterminationKey(ControlDetermination d)
{
    switch (d) {
    case ControlDetermination::Satisfied: return QStringLiteral("satisfied");
    case ControlDetermination::OtherThanSatisfied: return QStringLiteral("other_than_satisfied");
    case ControlDetermination::NotAssessed: return QStringLiteral("not_assessed");
    case ControlDetermination::NotApplicable: return QStringLiteral("not_applicable");
    }
    return {};
}

int ScoreCard::count(ControlDetermination d) const
{
    return static_cast<int>(std::count_if(controls.cbegin(), controls.cend(), [d](const ControlResult &r) { return r.result == d; }));
}

int ScoreCard::risksAtOrAbove(Level level) const
{
    return static_cast<int>(std::count_if(risks.cbegin(), risks.cend(), [level](const RiskRating &r) { return r.level >= level; }));
}

std::optional<Level> ScoreCard::highestRiskLevel() const
{
    std::optional<Level> highest;
    for (const auto &r : risks)
        if (!highest || r.level > *highest)
            highest = r.level;
    return highest;
}

ScoreCard scoreEngagement(const ScoringInput &input)
{
    return Scorer(input).run();
}

} // namespace bulkhead
